/**
 * Geometry for the SensorThings filter functions: WKT literals to GeoJSON, and the
 * planar predicates SQLite evaluates through JS functions registered on its connection
 * (PostgreSQL uses PostGIS instead). Coordinates are treated as planar, like PostGIS
 * geometry(4326) does.
 */
type Pos = [number, number];
export interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

export class WktError extends Error {}

/** Parses WKT (POINT, LINESTRING, POLYGON and their MULTI forms, optional SRID=4326;) into GeoJSON. */
export function parseWkt(text: string): Geometry {
  let s = text.trim();
  const srid = /^SRID=(\d+);/i.exec(s);
  if (srid) {
    if (srid[1] !== '4326') throw new WktError(`SRID ${srid[1]} is not supported; use 4326`);
    s = s.slice(srid[0].length);
  }
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const word = (): string => {
    ws();
    const m = /^[A-Za-z]+/.exec(s.slice(i));
    if (!m) throw new WktError(`expected a geometry type at ${i}`);
    i += m[0].length;
    return m[0].toUpperCase();
  };
  const expect = (c: string) => {
    ws();
    if (s[i] !== c) throw new WktError(`expected '${c}' at ${i}`);
    i++;
  };
  const peek = (): string | undefined => {
    ws();
    return s[i];
  };
  const num = (): number => {
    ws();
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
    if (!m) throw new WktError(`expected a number at ${i}`);
    i += m[0].length;
    return Number(m[0]);
  };
  const pos = (): Pos => {
    const x = num();
    const y = num();
    // A Z value is accepted and dropped: the predicates are 2D.
    if (/^\s*[-+.\d]/.test(s.slice(i))) num();
    return [x, y];
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek() === ',') {
      i++;
      out.push(item());
    }
    expect(')');
    return out;
  };
  const ring = (): Pos[] => {
    const r = list(pos);
    if (r.length < 4) throw new WktError('a polygon ring needs at least 4 positions');
    const [a, b] = [r[0]!, r[r.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) throw new WktError('a polygon ring must be closed');
    return r;
  };
  const line = (): Pos[] => {
    const l = list(pos);
    if (l.length < 2) throw new WktError('a linestring needs at least 2 positions');
    return l;
  };
  const point = (): Pos => {
    // MULTIPOINT accepts both ((1 2), (3 4)) and (1 2, 3 4).
    if (peek() === '(') {
      i++;
      const p = pos();
      expect(')');
      return p;
    }
    return pos();
  };
  const geometry = (): Geometry => {
    const type = word();
    switch (type) {
      case 'POINT': {
        expect('(');
        const p = pos();
        expect(')');
        return { type: 'Point', coordinates: p };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: line() };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: list(ring) };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: list(point) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(line) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(() => list(ring)) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: list(geometry) };
      default:
        throw new WktError(`geometry type ${type} is not supported`);
    }
  };
  const g = geometry();
  ws();
  if (i !== s.length) throw new WktError(`unexpected text at ${i}`);
  return g;
}

/** The geometry inside a stored location/feature value: a GeoJSON geometry or Feature. */
export function geometryOf(value: unknown): Geometry | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { type?: unknown; geometry?: unknown };
  if (v.type === 'Feature') return geometryOf(v.geometry);
  if (typeof v.type === 'string' && ('coordinates' in v || 'geometries' in v)) return v as Geometry;
  return null;
}

/** Points, segments and polygons (outer ring + holes) a geometry is made of. */
interface Parts {
  points: Pos[];
  lines: Pos[][];
  polygons: Pos[][][];
}

function partsOf(g: Geometry, into: Parts = { points: [], lines: [], polygons: [] }): Parts {
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      into.points.push(c);
      break;
    case 'MultiPoint':
      into.points.push(...(c as Pos[]));
      break;
    case 'LineString':
      into.lines.push(c);
      break;
    case 'MultiLineString':
      into.lines.push(...(c as Pos[][]));
      break;
    case 'Polygon':
      into.polygons.push(c);
      break;
    case 'MultiPolygon':
      into.polygons.push(...(c as Pos[][][]));
      break;
    case 'GeometryCollection':
      for (const child of g.geometries ?? []) partsOf(child, into);
      break;
  }
  return into;
}

const EPS = 1e-12;

function cross(o: Pos, a: Pos, b: Pos): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Pos, a: Pos, b: Pos): boolean {
  return (
    Math.abs(cross(a, b, p)) <= EPS &&
    p[0] >= Math.min(a[0], b[0]) - EPS && p[0] <= Math.max(a[0], b[0]) + EPS &&
    p[1] >= Math.min(a[1], b[1]) - EPS && p[1] <= Math.max(a[1], b[1]) + EPS
  );
}

/** 'proper' = the segments cross at one point interior to both. */
function segmentsMeet(a: Pos, b: Pos, c: Pos, d: Pos): 'none' | 'touch' | 'proper' {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS))) return 'proper';
  if (onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b)) return 'touch';
  return 'none';
}

function segmentsOf(line: Pos[]): [Pos, Pos][] {
  const out: [Pos, Pos][] = [];
  for (let k = 1; k < line.length; k++) out.push([line[k - 1]!, line[k]!]);
  return out;
}

/** -1 outside, 0 on the boundary, 1 inside. */
function pointInPolygon(p: Pos, polygon: Pos[][]): -1 | 0 | 1 {
  let inside = false;
  for (const ring of polygon) {
    for (let k = 1; k < ring.length; k++) {
      const a = ring[k - 1]!;
      const b = ring[k]!;
      if (onSegment(p, a, b)) return 0;
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

function boundarySegments(p: Parts): [Pos, Pos][] {
  return [...p.lines.flatMap(segmentsOf), ...p.polygons.flatMap((poly) => poly.flatMap(segmentsOf))];
}

function vertices(p: Parts): Pos[] {
  return [...p.points, ...p.lines.flat(), ...p.polygons.flatMap((poly) => poly.flat())];
}

/** Where a point lies relative to geometry parts: 1 interior, 0 boundary, -1 exterior. */
function locate(pt: Pos, g: Parts): -1 | 0 | 1 {
  let best: -1 | 0 | 1 = -1;
  for (const poly of g.polygons) {
    const r = pointInPolygon(pt, poly);
    if (r === 1) return 1;
    if (r === 0) best = 0;
  }
  for (const line of g.lines) {
    for (const [a, b] of segmentsOf(line)) {
      if (onSegment(pt, a, b)) {
        const end = (pt[0] === line[0]![0] && pt[1] === line[0]![1]) || (pt[0] === line[line.length - 1]![0] && pt[1] === line[line.length - 1]![1]);
        if (!end) return 1;
        best = 0;
      }
    }
  }
  for (const q of g.points) if (Math.abs(q[0] - pt[0]) <= EPS && Math.abs(q[1] - pt[1]) <= EPS) return 1;
  return best;
}

export function intersects(a: Geometry, b: Geometry): boolean {
  const pa = partsOf(a);
  const pb = partsOf(b);
  for (const v of vertices(pa)) if (locate(v, pb) >= 0) return true;
  for (const v of vertices(pb)) if (locate(v, pa) >= 0) return true;
  const sb = boundarySegments(pb);
  for (const [p, q] of boundarySegments(pa)) for (const [r, s] of sb) if (segmentsMeet(p, q, r, s) !== 'none') return true;
  return false;
}

/** a within b: no part of a outside b (vertices and edge midpoints checked, no proper crossings of b's boundary). */
export function within(a: Geometry, b: Geometry): boolean {
  const pa = partsOf(a);
  const pb = partsOf(b);
  const samples = [...vertices(pa), ...boundarySegments(pa).map(([p, q]) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as Pos)];
  if (samples.length === 0) return false;
  let interior = false;
  for (const v of samples) {
    const r = locate(v, pb);
    if (r < 0) return false;
    if (r === 1) interior = true;
  }
  const sb = boundarySegments(pb);
  for (const [p, q] of boundarySegments(pa)) for (const [r, s] of sb) if (segmentsMeet(p, q, r, s) === 'proper') return false;
  // A polygon inside another shares interior even when all sampled points lie on the boundary.
  return interior || (pa.polygons.length > 0 && pb.polygons.length > 0);
}

export const contains = (a: Geometry, b: Geometry): boolean => within(b, a);
export const disjoint = (a: Geometry, b: Geometry): boolean => !intersects(a, b);
export const equals = (a: Geometry, b: Geometry): boolean => within(a, b) && within(b, a);

function dimension(p: Parts): number {
  return p.polygons.length ? 2 : p.lines.length ? 1 : 0;
}

/** Interiors do not meet, boundaries do. */
export function touches(a: Geometry, b: Geometry): boolean {
  if (!intersects(a, b)) return false;
  const pa = partsOf(a);
  const pb = partsOf(b);
  if (dimension(pa) === 0 && dimension(pb) === 0) return false;
  for (const v of vertices(pa)) if (locate(v, pb) === 1 && locate(v, pa) === 1) return false;
  for (const v of vertices(pb)) if (locate(v, pa) === 1 && locate(v, pb) === 1) return false;
  for (const [p, q] of boundarySegments(pa)) {
    const mid: Pos = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    if (locate(mid, pb) === 1) return false;
  }
  for (const [p, q] of boundarySegments(pa)) for (const [r, s] of boundarySegments(pb)) if (segmentsMeet(p, q, r, s) === 'proper') return false;
  return true;
}

/** Same dimension, they meet, neither contains the other. */
export function overlaps(a: Geometry, b: Geometry): boolean {
  const pa = partsOf(a);
  const pb = partsOf(b);
  return dimension(pa) === dimension(pb) && intersects(a, b) && !touches(a, b) && !within(a, b) && !within(b, a);
}

/** Lines crossing lines or areas, partly inside and partly outside. */
export function crosses(a: Geometry, b: Geometry): boolean {
  const pa = partsOf(a);
  const pb = partsOf(b);
  const da = dimension(pa);
  const db = dimension(pb);
  if (da === 1 && db === 1) {
    for (const [p, q] of boundarySegments(pa)) for (const [r, s] of boundarySegments(pb)) if (segmentsMeet(p, q, r, s) === 'proper') return true;
    return false;
  }
  if (da < db) return intersects(a, b) && !within(a, b) && !touches(a, b);
  if (da > db) return crosses(b, a);
  return false;
}

function pointSegmentDistance(p: Pos, a: Pos, b: Pos): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

export function distance(a: Geometry, b: Geometry): number {
  if (intersects(a, b)) return 0;
  const pa = partsOf(a);
  const pb = partsOf(b);
  const sa = boundarySegments(pa);
  const sb = boundarySegments(pb);
  let best = Infinity;
  for (const p of vertices(pa)) {
    for (const q of pb.points) best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
    for (const [r, s] of sb) best = Math.min(best, pointSegmentDistance(p, r, s));
  }
  for (const q of vertices(pb)) for (const [r, s] of sa) best = Math.min(best, pointSegmentDistance(q, r, s));
  return best;
}

/** Length of the linear parts (PostGIS ST_Length: 0 for points and polygons). */
export function length(g: Geometry): number {
  return partsOf(g).lines.reduce((sum, line) => sum + segmentsOf(line).reduce((s, [p, q]) => s + Math.hypot(q[0] - p[0], q[1] - p[1]), 0), 0);
}

/** Bounding box [minx, miny, maxx, maxy] of a geometry, or null when it has no positions. */
export function bboxOf(g: Geometry): [number, number, number, number] | null {
  const v = vertices(partsOf(g));
  if (v.length === 0) return null;
  let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of v) {
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
  }
  return [minx, miny, maxx, maxy];
}

export const GEO_PREDICATES = { intersects, within, contains, disjoint, equals, touches, overlaps, crosses } as const;
