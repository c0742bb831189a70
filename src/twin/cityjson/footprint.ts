/**
 * A building's footprint from its ground faces: the faces (triangles of an LoD1
 * block, ground surfaces of several building parts) are merged by dropping every
 * edge two faces share; the edges left over are chained into rings, and rings
 * inside an odd number of others become holes. Vertices are matched on their
 * horizontal position to the millimetre, so parts that repeat a corner vertex
 * still join.
 */
import { ringSignedArea } from '../../kernel/geo/index.js';

export type Ring2 = Array<[number, number]>;
/** Polygons (exterior ring first, counter-clockwise; holes clockwise), rings closed. */
export type Footprint = Ring2[][];

/** Building parts in real files miss each other's edges by a millimetre or so; real outline details (8 mm slivers in the Delft file) are larger. */
const SNAP = 0.002;

const keyOf = (x: number, y: number): string => `${Math.round(x * 1000)},${Math.round(y * 1000)}`;

function pointInRing(x: number, y: number, ring: Ring2): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Drops consecutive duplicates and points on a straight line between their neighbours. */
function simplify(ring: Ring2): Ring2 {
  const out: Ring2 = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  let changed = true;
  while (changed && out.length > 3) {
    changed = false;
    for (let i = 0; i < out.length && out.length > 3; i++) {
      const a = out[(i + out.length - 1) % out.length]!;
      const b = out[i]!;
      const c = out[(i + 1) % out.length]!;
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const len = Math.hypot(c[0] - a[0], c[1] - a[1]);
      // Within 1 mm of the line a–c: the point adds nothing to the outline.
      if (len > 0 && Math.abs(cross) / len < 0.001 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) >= 0) {
        out.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  return out;
}

/**
 * Merges faces (each a list of rings of [x, y]) into footprint polygons. Returns
 * an empty list when the faces enclose nothing.
 */
export function mergeFaces(faces: Ring2[][]): Footprint {
  const points = new Map<string, [number, number]>();
  const segments: Array<[string, string]> = [];
  for (const face of faces) {
    for (const ring of face) {
      const keys = ring.map(([x, y]) => {
        const k = keyOf(x, y);
        if (!points.has(k)) points.set(k, [x, y]);
        return k;
      });
      for (let i = 0; i < keys.length; i++) {
        const a = keys[i]!;
        const b = keys[(i + 1) % keys.length]!;
        if (a !== b) segments.push([a, b]);
      }
    }
  }
  const edges = new Map<string, number>();
  for (const [a, b] of splitAtVertices(segments, points)) {
    const e = a < b ? `${a}|${b}` : `${b}|${a}`;
    edges.set(e, (edges.get(e) ?? 0) + 1);
  }
  // An edge used by an even number of faces is inside the merged outline.
  const adjacency = new Map<string, string[]>();
  for (const [e, count] of edges) {
    if (count % 2 === 0) continue;
    const [a, b] = e.split('|') as [string, string];
    (adjacency.get(a) ?? adjacency.set(a, []).get(a)!).push(b);
    (adjacency.get(b) ?? adjacency.set(b, []).get(b)!).push(a);
  }
  const used = new Set<string>();
  const edgeKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const rings: Ring2[] = [];
  for (const [start, neighbours] of adjacency) {
    for (const first of neighbours) {
      if (used.has(edgeKey(start, first))) continue;
      used.add(edgeKey(start, first));
      const keys = [start];
      let prev = start;
      let at = first;
      while (at !== start) {
        keys.push(at);
        const next = (adjacency.get(at) ?? []).find((n) => !used.has(edgeKey(at, n)) && n !== prev) ??
          (adjacency.get(at) ?? []).find((n) => !used.has(edgeKey(at, n)));
        if (next === undefined) break; // open chain: malformed faces; dropped below
        used.add(edgeKey(at, next));
        prev = at;
        at = next;
      }
      if (at !== start) continue;
      const ring = simplify(keys.map((k) => points.get(k)!));
      if (ring.length >= 3 && Math.abs(ringSignedArea(ring)) > 1e-6) rings.push(ring);
    }
  }
  return assemble(rings);
}

/**
 * Splits segments at vertices lying on them (within SNAP), so that a face edge
 * spanning two edges of its neighbour (a T-junction, common between building
 * parts) still cancels against them.
 */
function splitAtVertices(segments: Array<[string, string]>, points: Map<string, [number, number]>): Array<[string, string]> {
  const all = [...points.entries()];
  const out: Array<[string, string]> = [];
  for (const [a, b] of segments) {
    const [ax, ay] = points.get(a)!;
    const [bx, by] = points.get(b)!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const inner: Array<[number, string]> = [];
    const minX = Math.min(ax, bx) - SNAP;
    const maxX = Math.max(ax, bx) + SNAP;
    const minY = Math.min(ay, by) - SNAP;
    const maxY = Math.max(ay, by) + SNAP;
    for (const [k, [px, py]] of all) {
      if (px < minX || px > maxX || py < minY || py > maxY || k === a || k === b) continue;
      const t = ((px - ax) * dx + (py - ay) * dy) / len2;
      if (t <= 0 || t >= 1) continue;
      const dist = Math.abs((px - ax) * dy - (py - ay) * dx) / Math.sqrt(len2);
      if (dist < SNAP) inner.push([t, k]);
    }
    if (inner.length === 0) {
      out.push([a, b]);
      continue;
    }
    inner.sort((p, q) => p[0] - q[0]);
    let from = a;
    for (const [, k] of inner) {
      out.push([from, k]);
      from = k;
    }
    out.push([from, b]);
  }
  return out;
}

/** Nests rings by containment: even depth is an exterior, odd a hole of its innermost container. */
function assemble(rings: Ring2[]): Footprint {
  const sorted = rings.map((ring) => ({ ring, area: Math.abs(ringSignedArea(ring)) })).sort((a, b) => b.area - a.area);
  const polygons: Array<{ outer: Ring2; holes: Ring2[] }> = [];
  const placed: Array<{ ring: Ring2; polygon: number | null; hole: boolean }> = [];
  for (const { ring } of sorted) {
    const [x, y] = ring[0]!;
    const containers = placed.filter((p) => pointInRing(x, y, p.ring));
    const innermost = containers[containers.length - 1];
    if (containers.length % 2 === 1 && innermost && !innermost.hole) {
      polygons[innermost.polygon!]!.holes.push(ring);
      placed.push({ ring, polygon: innermost.polygon, hole: true });
    } else {
      polygons.push({ outer: ring, holes: [] });
      placed.push({ ring, polygon: polygons.length - 1, hole: false });
    }
  }
  const close = (ring: Ring2, ccw: boolean): Ring2 => {
    const oriented = ringSignedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
    return [...oriented, oriented[0]!];
  };
  return polygons.map((p) => [close(p.outer, true), ...p.holes.map((h) => close(h, false))]);
}

/** Area of a footprint in square units of its CRS (holes subtracted). */
export function footprintArea(footprint: Footprint): number {
  let area = 0;
  for (const polygon of footprint) polygon.forEach((ring, i) => (area += (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring))));
  return area;
}
