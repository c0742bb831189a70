import type { LonLat } from './types.js';

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A square of `width` metres around a point, as a closed WGS84 ring. Degrees of
 * longitude shrink with the cosine of the latitude; at a building's scale that is exact enough.
 */
export function squareAround([lon, lat]: LonLat, width: number): LonLat[] {
  const half = width / 2;
  const dLat = half / METRES_PER_DEGREE_LAT;
  const dLon = half / (METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
  const round = (v: number): number => Math.round(v * 1e7) / 1e7;
  const corner = (x: number, y: number): LonLat => [round(lon + x * dLon), round(lat + y * dLat)];
  return [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1), corner(-1, -1)];
}
