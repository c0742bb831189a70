import type { Box, PlanGeometry, PolygonCoords, Ring, Xy } from '../imro/index.js';

/**
 * Exact planar predicates on RD New metres, used by the SQLite store (after the R*Tree
 * has narrowed candidates) and by the building check on both engines.
 */

export const boxesOverlap = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Whether (x, y) is on segment p–q (within `eps` metres). */
function onSegment(x: number, y: number, p: Xy, q: Xy, eps = 1e-9): boolean {
  const cross = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
  if (Math.abs(cross) > eps * Math.max(1, len)) return false;
  return x >= Math.min(p[0], q[0]) - eps && x <= Math.max(p[0], q[0]) + eps && y >= Math.min(p[1], q[1]) - eps && y <= Math.max(p[1], q[1]) + eps;
}

/** -1 outside, 0 on the boundary, 1 inside (even-odd crossing count). */
function ringSide(x: number, y: number, ring: Ring): -1 | 0 | 1 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i]!;
    const q = ring[j]!;
    if (onSegment(x, y, p, q)) return 0;
    if (p[1] > y !== q[1] > y && x < ((q[0] - p[0]) * (y - p[1])) / (q[1] - p[1]) + p[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Point in polygon with holes; the boundary counts as inside (as PostGIS ST_Intersects does). */
export function pointInPolygon(x: number, y: number, poly: PolygonCoords): boolean {
  const outer = poly[0];
  if (!outer) return false;
  const s = ringSide(x, y, outer);
  if (s === -1) return false;
  if (s === 0) return true;
  for (let h = 1; h < poly.length; h++) {
    const hs = ringSide(x, y, poly[h]!);
    if (hs === 1) return false;
  }
  return true;
}

export function pointInGeometry(x: number, y: number, g: PlanGeometry): boolean {
  if (g.type !== 'MultiPolygon') return false;
  return g.coordinates.some((p) => pointInPolygon(x, y, p));
}

export function ringSignedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return a / 2;
}

/** Area in m² (holes subtracted; ring orientation does not matter). */
export function polygonArea(poly: PolygonCoords): number {
  return poly.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring)), 0);
}

export const multiPolygonArea = (polys: readonly PolygonCoords[]): number => polys.reduce((s, p) => s + polygonArea(p), 0);

type Tri = [Xy, Xy, Xy];
interface SignedTri { tri: Tri; sign: 1 | -1; box: Box }

/**
 * A polygon as signed fan triangles from `origin`: exterior rings counter-clockwise,
 * holes clockwise. The sum of their signed indicator functions is the polygon's.
 */
function fan(polys: readonly PolygonCoords[], origin: Xy): SignedTri[] {
  const out: SignedTri[] = [];
  for (const poly of polys) {
    poly.forEach((ring, r) => {
      const ccw = ringSignedArea(ring) > 0;
      const flip = (r === 0) !== ccw; // exterior must be CCW, holes CW
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = flip ? ring[i + 1]! : ring[i]!;
        const b = flip ? ring[i]! : ring[i + 1]!;
        const p: Xy = [a[0] - origin[0], a[1] - origin[1]];
        const q: Xy = [b[0] - origin[0], b[1] - origin[1]];
        const cross = p[0] * q[1] - p[1] * q[0];
        if (Math.abs(cross) < 1e-12) continue;
        const tri: Tri = cross > 0 ? [[0, 0], p, q] : [[0, 0], q, p];
        out.push({
          tri,
          sign: cross > 0 ? 1 : -1,
          box: [Math.min(0, p[0], q[0]), Math.min(0, p[1], q[1]), Math.max(0, p[0], q[0]), Math.max(0, p[1], q[1])],
        });
      }
    });
  }
  return out;
}

/** Area of the intersection of two counter-clockwise triangles (Sutherland–Hodgman, both convex). */
function triangleOverlap(a: Tri, b: Tri): number {
  let poly: Xy[] = a;
  for (let i = 0; i < 3 && poly.length > 0; i++) {
    const p = b[i]!;
    const q = b[(i + 1) % 3]!;
    const side = (v: Xy) => (q[0] - p[0]) * (v[1] - p[1]) - (q[1] - p[1]) * (v[0] - p[0]);
    const next: Xy[] = [];
    for (let k = 0; k < poly.length; k++) {
      const cur = poly[k]!;
      const prev = poly[(k + poly.length - 1) % poly.length]!;
      const sc = side(cur);
      const sp = side(prev);
      if (sc >= 0) {
        if (sp < 0) next.push(cut(prev, cur, sp, sc));
        next.push(cur);
      } else if (sp >= 0) next.push(cut(prev, cur, sp, sc));
    }
    poly = next;
  }
  let area = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) area += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return Math.abs(area) / 2;
}

const cut = (p: Xy, q: Xy, sp: number, sq: number): Xy => {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
};

/**
 * Exact area of A ∩ B for polygons with holes, by the signed-fan identity
 * |A ∩ B| = Σᵢ Σⱼ sᵢ sⱼ |Tᵢ ∩ Tⱼ|, which needs only convex clipping. O(n·m) triangle
 * pairs, pruned by their boxes; plan objects and footprints are small enough.
 */
export function intersectionArea(a: readonly PolygonCoords[], b: readonly PolygonCoords[]): number {
  const origin = a[0]?.[0]?.[0];
  if (!origin) return 0;
  const fa = fan(a, origin);
  const fb = fan(b, origin);
  let sum = 0;
  for (const x of fa) {
    for (const y of fb) {
      if (!boxesOverlap(x.box, y.box)) continue;
      const o = triangleOverlap(x.tri, y.tri);
      if (o > 0) sum += x.sign * y.sign * o;
    }
  }
  return Math.max(0, sum);
}

function segmentsCross(p1: Xy, p2: Xy, q1: Xy, q2: Xy): boolean {
  const d = (a: Xy, b: Xy, c: Xy) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = d(q1, q2, p1);
  const d2 = d(q1, q2, p2);
  const d3 = d(p1, p2, q1);
  const d4 = d(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(p1[0], p1[1], q1, q2) || onSegment(p2[0], p2[1], q1, q2) || onSegment(q1[0], q1[1], p1, p2) || onSegment(q2[0], q2[1], p1, p2);
}

/** Whether a line touches or crosses the polygons (any vertex inside, or any edge crossing). */
export function lineMeetsPolygons(line: readonly Xy[], polys: readonly PolygonCoords[]): boolean {
  for (const p of line) if (polys.some((poly) => pointInPolygon(p[0], p[1], poly))) return true;
  for (let i = 0; i + 1 < line.length; i++) {
    for (const poly of polys) for (const ring of poly) for (let k = 0; k + 1 < ring.length; k++) {
      if (segmentsCross(line[i]!, line[i + 1]!, ring[k]!, ring[k + 1]!)) return true;
    }
  }
  return false;
}

/**
 * How much of the query area an object covers: m² of overlap for surfaces, or
 * `true` for lines and points that lie in or on it. Touching edges do not count as
 * applying (a neighbour's bestemming does not apply to a parcel).
 */
export function overlapWith(g: PlanGeometry, area: readonly PolygonCoords[]): number | boolean {
  if (g.type === 'MultiPolygon') return intersectionArea(area, g.coordinates);
  if (g.type === 'MultiLineString') return g.coordinates.some((l) => lineMeetsPolygons(l, area));
  return g.coordinates.some((p) => area.some((poly) => pointInPolygon(p[0], p[1], poly)));
}

/** Overlaps smaller than this (m²) are rounding along shared edges, not a real overlap. */
export const MIN_OVERLAP_M2 = 0.01;
