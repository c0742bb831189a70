/**
 * Geometry types of plan objects: GeoJSON-shaped, always the Multi* form so every
 * consumer handles one shape per dimension. Coordinates are RD New metres on import
 * and WGS84 degrees once transformed for serving.
 */
export type Xy = [number, number];
export type Ring = Xy[];
export type PolygonCoords = Ring[];

export interface MultiPolygon { type: 'MultiPolygon'; coordinates: PolygonCoords[] }
export interface MultiLineString { type: 'MultiLineString'; coordinates: Xy[][] }
export interface MultiPoint { type: 'MultiPoint'; coordinates: Xy[] }
export type PlanGeometry = MultiPolygon | MultiLineString | MultiPoint;

/** [minx, miny, maxx, maxy] */
export type Box = [number, number, number, number];

export function boxOf(g: PlanGeometry): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (p: Xy) => {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  };
  if (g.type === 'MultiPoint') g.coordinates.forEach(add);
  else if (g.type === 'MultiLineString') g.coordinates.forEach((l) => l.forEach(add));
  else g.coordinates.forEach((poly) => poly[0]?.forEach(add));
  return b;
}

/** Applies `f` to every position, giving a new geometry (used for CRS transforms and translated copies). */
export function mapPositions(g: PlanGeometry, f: (p: Xy) => Xy): PlanGeometry {
  if (g.type === 'MultiPoint') return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
  if (g.type === 'MultiLineString') return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(f)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(f))) };
}
