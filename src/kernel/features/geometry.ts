/**
 * Puts a provider's geometry into the CRS a client asked for: transformed only when
 * the horizontal CRSs differ (RD held as RD goes out byte for byte), heights kept
 * only in a 3D CRS, and latitude written first where the CRS says so (EPSG:4326).
 */
import type { Bbox, GeoJsonGeometry, GeoJsonPosition } from '../geo/index.js';
import { getCrs, transformBbox, transformer } from '../geo/index.js';
import type { OgcCrs } from './crs.js';

/** About 0.1 mm in degrees and in metres: beyond what any source here holds. */
const DEGREE_DIGITS = 9;
const METRE_DIGITS = 4;

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

type PositionFn = (p: GeoJsonPosition) => GeoJsonPosition;

function mapGeometry(g: GeoJsonGeometry, f: PositionFn): GeoJsonGeometry {
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: g.type, geometries: g.geometries.map((x) => mapGeometry(x, f)) };
  }
}

/** The function taking an easting-first position in `from` to a position as `to` writes it. */
export function positionMapper(from: OgcCrs, to: OgcCrs): PositionFn | null {
  const t = transformer(from.epsg, to.epsg);
  const keepZ = to.threeD && from.threeD;
  if (t.identity && !to.latFirst && (keepZ || !from.threeD)) return null;
  const digits = getCrs(to.epsg).kind === 'geographic' ? DEGREE_DIGITS : METRE_DIGITS;
  return (p) => {
    let x = p[0]!;
    let y = p[1]!;
    if (!t.identity) {
      const q = t.point([x, y]);
      x = round(q[0], digits);
      y = round(q[1], digits);
    }
    const out = to.latFirst ? [y, x] : [x, y];
    if (keepZ && p.length > 2) out.push(p[2]!);
    return out;
  };
}

/** The geometry in `to`; the same object when nothing changes. */
export function geometryIn(g: GeoJsonGeometry | null, from: OgcCrs, to: OgcCrs): GeoJsonGeometry | null {
  if (!g) return null;
  const f = positionMapper(from, to);
  return f ? mapGeometry(g, f) : g;
}

/** A 2D box [minx, miny, maxx, maxy] (easting first, in `from`) as `to` writes a bbox. */
export function bboxIn(b: Bbox, from: OgcCrs, to: OgcCrs): number[] {
  const t = transformer(from.epsg, to.epsg);
  const digits = getCrs(to.epsg).kind === 'geographic' ? DEGREE_DIGITS : METRE_DIGITS;
  // Rounded outwards, so the box still contains what it bounds.
  const scale = 10 ** digits;
  const box = t.identity ? b : (transformBbox(b, from.epsg, to.epsg).map((v, i) => (i < 2 ? Math.floor(v * scale) : Math.ceil(v * scale)) / scale) as Bbox);
  return to.latFirst ? [box[1], box[0], box[3], box[2]] : [...box];
}
