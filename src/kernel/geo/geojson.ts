/**
 * GeoJSON geometry types (RFC 7946) and a validator that reports every problem it
 * finds with a path, so the HTTP layer can reject a geometry with a precise
 * problem+json `invalidParams` list.
 */
export type GeoJsonPosition = number[];

export interface PointGeometry { type: 'Point'; coordinates: GeoJsonPosition }
export interface MultiPointGeometry { type: 'MultiPoint'; coordinates: GeoJsonPosition[] }
export interface LineStringGeometry { type: 'LineString'; coordinates: GeoJsonPosition[] }
export interface MultiLineStringGeometry { type: 'MultiLineString'; coordinates: GeoJsonPosition[][] }
export interface PolygonGeometry { type: 'Polygon'; coordinates: GeoJsonPosition[][] }
export interface MultiPolygonGeometry { type: 'MultiPolygon'; coordinates: GeoJsonPosition[][][] }
export interface GeometryCollection { type: 'GeometryCollection'; geometries: GeoJsonGeometry[] }

export type GeoJsonGeometry =
  | PointGeometry
  | MultiPointGeometry
  | LineStringGeometry
  | MultiLineStringGeometry
  | PolygonGeometry
  | MultiPolygonGeometry
  | GeometryCollection;

export interface GeometryIssue {
  /** Dotted path inside the geometry, e.g. `coordinates.0.3` (ring 0, position 3). */
  path: string;
  message: string;
}

export interface ValidateGeometryOptions {
  /** Check longitude/latitude ranges (WGS 84). Default true: GeoJSON is WGS 84. */
  geographic?: boolean;
  /** Stop after this many issues, so a huge bad geometry gives a readable answer. Default 50. */
  maxIssues?: number;
}

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;

class Collector {
  readonly issues: GeometryIssue[] = [];
  constructor(readonly geographic: boolean, readonly max: number) {}
  get full(): boolean {
    return this.issues.length >= this.max;
  }
  add(path: string, message: string): void {
    if (!this.full) this.issues.push({ path, message });
  }
}

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

function checkPosition(p: unknown, path: string, c: Collector): p is GeoJsonPosition {
  if (!Array.isArray(p)) {
    c.add(path, 'a position must be an array of 2 or 3 numbers');
    return false;
  }
  if (p.length < 2 || p.length > 3) {
    c.add(path, `a position has 2 or 3 numbers, not ${p.length}`);
    return false;
  }
  if (!p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    c.add(path, 'position values must be finite numbers');
    return false;
  }
  if (c.geographic) {
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180) c.add(path, `longitude ${lon} is outside -180..180`);
    if (lat! < -90 || lat! > 90) c.add(path, `latitude ${lat} is outside -90..90`);
  }
  return true;
}

function checkPositions(list: unknown, path: string, min: number, what: string, c: Collector): list is GeoJsonPosition[] {
  if (!Array.isArray(list)) {
    c.add(path, `${what} must be an array of positions`);
    return false;
  }
  if (list.length < min) c.add(path, `${what} needs at least ${min} positions, has ${list.length}`);
  let ok = true;
  for (let i = 0; i < list.length && !c.full; i++) ok = checkPosition(list[i], join(path, i), c) && ok;
  return ok;
}

function checkRing(ring: unknown, path: string, c: Collector): void {
  if (!checkPositions(ring, path, 4, 'a linear ring', c)) return;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1] || (first[2] ?? 0) !== (last[2] ?? 0))) {
    c.add(path, 'a linear ring must be closed: its last position must equal its first');
  }
}

function checkPolygon(rings: unknown, path: string, c: Collector): void {
  if (!Array.isArray(rings)) {
    c.add(path, 'polygon coordinates must be an array of linear rings');
    return;
  }
  if (rings.length === 0) c.add(path, 'a polygon needs an exterior ring');
  for (let i = 0; i < rings.length && !c.full; i++) checkRing(rings[i], join(path, i), c);
}

function checkArrayOf(value: unknown, path: string, what: string, each: (v: unknown, p: string) => void, c: Collector): void {
  if (!Array.isArray(value)) {
    c.add(path, `${what} must be an array`);
    return;
  }
  for (let i = 0; i < value.length && !c.full; i++) each(value[i], join(path, i));
}

function checkGeometry(g: unknown, path: string, c: Collector, depth: number): void {
  if (typeof g !== 'object' || g === null || Array.isArray(g)) {
    c.add(path, 'a geometry must be an object');
    return;
  }
  const { type } = g as { type?: unknown };
  if (typeof type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(type)) {
    c.add(join(path, 'type'), `type must be one of ${GEOMETRY_TYPES.join(', ')}`);
    return;
  }
  if (type === 'GeometryCollection') {
    const { geometries } = g as { geometries?: unknown };
    // RFC 7946 §3.1.8: nested collections SHOULD be avoided; one level of nesting is plenty for us.
    if (depth > 0) c.add(path, 'nested GeometryCollections are not accepted');
    checkArrayOf(geometries, join(path, 'geometries'), 'geometries', (v, p) => checkGeometry(v, p, c, depth + 1), c);
    return;
  }
  const coordinates = (g as { coordinates?: unknown }).coordinates;
  const cp = join(path, 'coordinates');
  if (coordinates === undefined) {
    c.add(cp, 'coordinates are missing');
    return;
  }
  switch (type) {
    case 'Point':
      checkPosition(coordinates, cp, c);
      break;
    case 'MultiPoint':
      checkPositions(coordinates, cp, 0, 'a MultiPoint', c);
      break;
    case 'LineString':
      checkPositions(coordinates, cp, 2, 'a LineString', c);
      break;
    case 'MultiLineString':
      checkArrayOf(coordinates, cp, 'MultiLineString coordinates', (v, p) => checkPositions(v, p, 2, 'a LineString', c), c);
      break;
    case 'Polygon':
      checkPolygon(coordinates, cp, c);
      break;
    case 'MultiPolygon':
      checkArrayOf(coordinates, cp, 'MultiPolygon coordinates', (v, p) => checkPolygon(v, p, c), c);
      break;
  }
}

/** Every problem with a GeoJSON geometry; empty when it is valid. Does not check self-intersection. */
export function validateGeometry(g: unknown, options: ValidateGeometryOptions = {}): GeometryIssue[] {
  const c = new Collector(options.geographic ?? true, options.maxIssues ?? 50);
  checkGeometry(g, '', c, 0);
  return c.issues;
}

export function isValidGeometry(g: unknown, options?: ValidateGeometryOptions): g is GeoJsonGeometry {
  return validateGeometry(g, options).length === 0;
}

/** Signed area of a ring in its own units (shoelace); positive when counter-clockwise. */
export function ringSignedArea(ring: ArrayLike<ArrayLike<number>>): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += (a[0]! - b[0]!) * (a[1]! + b[1]!);
  }
  return sum / 2;
}
