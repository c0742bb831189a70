/**
 * Writing a parsed document back as CityJSON 2.0: every member as read, with the
 * vertices re-encoded from the real coordinates through the transform. Used to
 * prove the reader loses nothing (the conformance round trips) and by exports.
 */
import type { ParsedDocument } from './document.js';
import type { CityJsonDocument } from './types.js';
import { encodeVertices } from './vertices.js';

export function serializeCityJson(parsed: ParsedDocument): CityJsonDocument {
  const { document, coordinates } = parsed;
  const out = structuredClone({ ...document, vertices: [] as number[][] });
  out.vertices = encodeVertices(coordinates, document.transform);
  return out;
}
