import { repoPath } from '../../kernel/paths.js';

/** The demo's source files (copied into demo/, sources and licences in demo/README.md). */
export const FACILITIES_FILE = repoPath('demo', 'delft', 'parking', 'facilities.json');
export const OCCUPANCY_FILE = repoPath('demo', 'delft', 'parking', 'occupancy-2026.csv');
export const AIR_QUALITY_FILE = repoPath('demo', 'amsterdam', 'luchtmeetnet-2017-04-30.csv');

/** One parking facility as the RDW/NPR compilation lists it. */
export interface Facility {
  uuid: string;
  name: string;
  operator: string;
  street: string;
  houseNumber: string;
  zipcode: string;
  city: string;
  latitude: number;
  longitude: number;
  capacity: number;
  minimumHeightInMeters: number | null;
  chargingPointCapacity: number | null;
  disabledAccess?: boolean;
  usage?: string;
}

export function parseFacilities(json: string): Facility[] {
  const doc = JSON.parse(json) as { facilities?: Facility[] };
  if (!Array.isArray(doc.facilities)) throw new Error('facilities.json: no "facilities" array');
  return doc.facilities;
}

/** One hourly snapshot of one facility. */
export interface OccupancyRow {
  /** Epoch ms of the snapshot. */
  time: number;
  uuid: string;
  vacant: number;
  capacity: number;
  open: boolean;
  full: boolean;
}

const bool = (v: string, line: number, field: string): boolean => {
  const s = v.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new Error(`line ${line}: ${field} must be True or False, not '${v}'`);
};

const int = (v: string, line: number, field: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`line ${line}: ${field} must be a whole number, not '${v}'`);
  return n;
};

/** `timestamp,facility_uuid,vacant_spaces,capacity,open,full`, one row per facility per hour, in time order. */
export function parseOccupancyCsv(text: string): OccupancyRow[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'timestamp,facility_uuid,vacant_spaces,capacity,open,full') throw new Error(`not an occupancy CSV: header is '${header ?? ''}'`);
  const rows: OccupancyRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [ts, uuid, vacant, capacity, open, full] = line.split(',');
    if (full === undefined) throw new Error(`line ${i + 1}: expected 6 fields`);
    const time = Date.parse(ts!);
    if (Number.isNaN(time)) throw new Error(`line ${i + 1}: '${ts}' is not a timestamp`);
    rows.push({ time, uuid: uuid!, vacant: int(vacant!, i + 1, 'vacant_spaces'), capacity: int(capacity!, i + 1, 'capacity'), open: bool(open!, i + 1, 'open'), full: bool(full, i + 1, 'full') });
  }
  // The replay and the history loader rely on time order; a stable sort keeps facility order per hour.
  return rows.sort((a, b) => a.time - b.time);
}

/** One hourly Luchtmeetnet reading. */
export interface AirReading {
  station: string;
  latitude: number;
  longitude: number;
  /** Luchtmeetnet's component code as in the file: NO2, PM10, PM25, O3, NO, CO, SO2, FN. */
  component: string;
  /** Epoch ms. */
  time: number;
  /** µg/m³ */
  value: number;
}

/**
 * The Luchtmeetnet CSV (`Date,Day,Hour,Station,lat,long,Pollutant,Concentration,AQI`), as
 * published: indented rows, CRLF, and empty lines between rows. The hour is read as the
 * hour in Dutch local time (CEST on these dates, UTC+2), as the compilation shows it.
 */
export function parseAirQualityCsv(text: string): AirReading[] {
  const lines = text.split(/\r?\n/);
  const out: AirReading[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!.split(',').map((f) => f.trim());
    const [date, , hour, station, lat, lon, component, value] = fields;
    if (!station || !date) continue;
    const h = int(hour!, i + 1, 'Hour');
    const time = Date.parse(`${date}T${String(h).padStart(2, '0')}:00:00+02:00`);
    if (Number.isNaN(time)) throw new Error(`line ${i + 1}: bad date '${date}'`);
    const v = Number(value);
    if (!Number.isFinite(v)) throw new Error(`line ${i + 1}: Concentration '${value}' is not a number`);
    out.push({ station, latitude: Number(lat), longitude: Number(lon), component: component!, time, value: v });
  }
  return out;
}

/** Component codes → the names and descriptions the Datastreams get. */
export const COMPONENTS: Record<string, { label: string; nl: string; definition: string }> = {
  NO2: { label: 'NO2', nl: 'stikstofdioxide', definition: 'http://vocab.nerc.ac.uk/collection/P01/current/NO2CONC/' },
  NO: { label: 'NO', nl: 'stikstofmonoxide', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/NO' },
  PM10: { label: 'PM10', nl: 'fijnstof (PM10)', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/PM10' },
  PM25: { label: 'PM2.5', nl: 'fijnstof (PM2,5)', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/PM25' },
  O3: { label: 'O3', nl: 'ozon', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/O3' },
  CO: { label: 'CO', nl: 'koolmonoxide', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/CO' },
  SO2: { label: 'SO2', nl: 'zwaveldioxide', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/SO2' },
  FN: { label: 'FN', nl: 'roet', definition: 'https://www.luchtmeetnet.nl/informatie/stoffen/FN' },
};
