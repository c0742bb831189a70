export type LonLat = [number, number];

/** The four parking Datastreams of a facility, by role. */
export interface ParkingStreams {
  vacant: number;
  capacity: number;
  open: number;
  full: number;
}

export interface Facility {
  id: number;
  name: string;
  address: string;
  operator: string;
  capacity: number;
  at: LonLat;
  streams: ParkingStreams;
}

export interface AirStream {
  id: number;
  /** Component label: NO2, PM10, PM2.5, ... */
  name: string;
  unit: string;
}

export interface Station {
  id: number;
  name: string;
  at: LonLat;
  streams: AirStream[];
}

/** The newest Observation of a Datastream as the event stream sends it. */
export interface Latest {
  datastream: number;
  id: number;
  phenomenonTime: string;
  result: unknown;
}

export interface Point {
  time: number;
  value: number;
}

/** What the list and the map say about a facility right now; colour is never the only carrier. */
export type ParkingState = 'free' | 'busy' | 'full' | 'closed' | 'unknown';

/** The GeoJSON this page handles, without depending on the global GeoJSON namespace. */
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Array<Record<string, unknown>>;
}
