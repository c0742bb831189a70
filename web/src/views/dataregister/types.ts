import type { Dataset } from '../../../../src/catalog/model.js';
import type { Mandate, MandateLink, Organisation } from '../../../../src/governance/index.js';

/** Wire types of the catalogue API (GET /api/v1/catalog/...), typed from the server's own model. */
export type OrgRef = Pick<Organisation, 'id' | 'name' | 'kind'>;

export type DatasetSummary = Dataset & { publisher: { id: string; name: string } };

export const FACETS = ['theme', 'publisher', 'format', 'license', 'personalData', 'sector'] as const;
export type FacetName = (typeof FACETS)[number];

export interface FacetValue {
  value: string;
  count: number;
  /** Display name where the value is an id (publisher). */
  label?: string;
}

export interface DatasetPage {
  items: DatasetSummary[];
  total: number;
  page: number;
  pageSize: number;
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

export interface MandateEntry {
  mandate: Mandate;
  /** chain[0] is the mandate itself, then the ones it rests on, nearest first. */
  chain: MandateLink[];
}

export type DatasetDetail = Dataset & { publisher: OrgRef; creator?: OrgRef; mandates: MandateEntry[] };

export interface Vocab {
  themes: Array<{ code: string; label: { nl: string; en: string } }>;
  licenses: string[];
  formats: string[];
  personalData: string[];
  sectors: string[];
}
