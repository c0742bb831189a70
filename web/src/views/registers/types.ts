/** What the pages read from /api/v1/registers/... (only the fields they show). */
export interface SensorStream {
  name: string;
  observedProperty: { name: string };
  unit?: string;
  personalData: boolean | null;
  personalDataClass?: string;
  purpose?: string;
  legalBasis?: string;
  retention?: string;
  mandateIds: string[];
}
export interface Sensor {
  id: string;
  source: 'live' | 'registered';
  name: string;
  description?: string;
  category: string;
  theme?: string;
  ownerId: string | null;
  location: { longitude: number; latitude: number } | null;
  observes: string[];
  streams: SensorStream[];
  personalData: boolean | null;
  personalDataClass?: string;
  purpose?: string;
  legalBasis?: string;
  legalBasisLink?: string;
  retention?: string;
  mandateIds: string[];
  public: boolean;
  openData: boolean;
  example: boolean;
  flags: string[];
  sta?: string;
}
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
