/**
 * Where coordinates may be placed: whether a box of coordinates lies in its CRS's area
 * of use, and how much a projected CRS stretches distances at a place (its point scale).
 */
import proj4 from 'proj4';
import type { Bbox } from './bbox.js';
import { getCrs, resolveCrs, type CrsDefinition } from './crs.js';
import { transformBbox, transformer, type CrsLike } from './transform.js';

/**
 * Slack around an area of use, in degrees (about 70–110 km). EPSG rounds areas to
 * 0.01° and files reach a little beyond them (offshore works, a town on a zone edge);
 * coordinates put in the wrong CRS land hundreds of kilometres off, far outside.
 */
export const AREA_MARGIN_DEGREES = 1;

export type AreaCheck = { inside: true; wgs84: Bbox } | { inside: false; wgs84: Bbox | null; reason: string };

const crsOf = (c: CrsLike): CrsDefinition => (typeof c === 'object' ? c : resolveCrs(c));
const deg = (v: number): string => Number(v.toFixed(4)).toString();
const box = (b: Bbox): string => `${deg(b[0])}, ${deg(b[1])} – ${deg(b[2])}, ${deg(b[3])}`;

function lonInside(lon: number, [w, , e]: Bbox, m: number): boolean {
  // An area crossing the antimeridian has west > east.
  return w <= e ? lon >= w - m && lon <= e + m : lon >= w - m || lon <= e + m;
}

/**
 * Checks that the box (in `crs` units, easting/longitude first) lies in the CRS's area
 * of use with AREA_MARGIN_DEGREES to spare. Geocentric CRSs have no box to test and
 * pass; give their points as geographic coordinates to check them.
 */
export function checkAreaOfUse(crs: CrsLike, bbox: Bbox): AreaCheck {
  const def = crsOf(crs);
  const named = `EPSG:${def.epsg} (${def.name})`;
  let wgs84: Bbox;
  try {
    wgs84 = def.kind === 'geocentric' ? [-180, -90, 180, 90] : transformBbox(bbox, def, 4326, 4);
  } catch {
    return { inside: false, wgs84: null, reason: `the coordinates ${box(bbox)} cannot be transformed from ${named}: they are outside what its projection covers` };
  }
  if (!wgs84.every(Number.isFinite) || wgs84[1] < -90 || wgs84[3] > 90 || wgs84[0] < -180 - 1e-9 || wgs84[2] > 180 + 1e-9) {
    return { inside: false, wgs84: null, reason: `the coordinates ${box(bbox)} are not positions on the earth in ${named}` };
  }
  const area = def.areaOfUse;
  if (!area || def.kind === 'geocentric') return { inside: true, wgs84 };
  const m = AREA_MARGIN_DEGREES;
  const inside = lonInside(wgs84[0], area, m) && lonInside(wgs84[2], area, m) && wgs84[1] >= area[1] - m && wgs84[3] <= area[3] + m;
  if (inside) return { inside: true, wgs84 };
  return {
    inside: false,
    wgs84,
    reason: `the coordinates (longitude, latitude ${box(wgs84)}) lie outside the area of use of ${named} (${box(area)}); is the CRS right?`,
  };
}

const A = 6_378_137;
const E2 = 0.0066943799901413165;
const D2R = Math.PI / 180;

/**
 * The point scale of a projected CRS at a WGS 84 position: grid distance over true
 * distance, from two short steps (north and east) on the ellipsoid; 1 for geographic CRSs.
 * For the conformal projections of national grids both steps agree; their mean is returned.
 */
export function scaleFactorAt(crs: CrsLike, lon: number, lat: number): number {
  const def = crsOf(crs);
  if (def.kind !== 'projected') return 1;
  const t = transformer(getCrs(4326), def);
  const toMetre = (new proj4.Proj(def.proj4) as { to_meter?: number }).to_meter ?? 1;
  const step = 1e-4;
  const [x0, y0] = t.point([lon, lat]);
  const [x1, y1] = t.point([lon, lat + step]);
  const [x2, y2] = t.point([lon + step, lat]);
  const s = Math.sin(lat * D2R);
  const w = Math.sqrt(1 - E2 * s * s);
  const north = ((A * (1 - E2)) / (w * w * w)) * step * D2R;
  const east = (A / w) * Math.cos(lat * D2R) * step * D2R;
  return ((Math.hypot(x1 - x0, y1 - y0) / north + Math.hypot(x2 - x0, y2 - y0) / east) * toMetre) / 2;
}
