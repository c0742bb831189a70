import { csvCell } from '../processing/csv.js';
import type { SensorEntry } from './model.js';

/** GeoJSON FeatureCollection (RFC 7946, WGS84); sensors without a point get a null geometry. */
export function toGeoJson(entries: readonly SensorEntry[]): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: entries.map(({ location, streams, ...rest }) => ({
      type: 'Feature',
      id: rest.id,
      geometry: location ? { type: 'Point', coordinates: [location.longitude, location.latitude] } : null,
      properties: { ...rest, streams },
    })),
  };
}

export const CSV_COLUMNS = [
  'id', 'source', 'name', 'category', 'theme', 'ownerId', 'longitude', 'latitude', 'observes', 'personalData', 'personalDataClass',
  'purpose', 'legalBasis', 'retention', 'mandateIds', 'public', 'openData', 'active', 'example', 'flags',
] as const;

/** Numbers go out as they are (a negative longitude is not a formula); text through csvCell. */
const cell = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : csvCell(Array.isArray(v) ? v.map(String) : String(v));

export function toCsv(entries: readonly SensorEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const row: Record<string, unknown> = {
      ...e,
      longitude: e.location?.longitude,
      latitude: e.location?.latitude,
      personalData: e.personalData === null ? '' : e.personalData ? 'ja' : 'nee',
    };
    lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
