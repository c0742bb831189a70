import type { Building, BuildingPart, Ring } from './types.js';

/**
 * Buildings flattened into typed arrays: one entry per part (prism). Rings are
 * normalised so the outer ring runs counter-clockwise and holes clockwise; then the
 * right-hand normal (dy, -dx) of every directed edge points out of the solid.
 * Plain data only, so it can be posted to worker threads as is.
 */
export interface PackedPrisms {
  count: number;
  /** Vertex coordinates x0,y0,x1,y1,... of all rings, closing vertex not repeated. */
  coords: Float64Array;
  /** Vertex index where each ring starts; length rings + 1. */
  ringStart: Int32Array;
  /** Ring index where each prism starts; length count + 1. */
  prismRingStart: Int32Array;
  groundZ: Float64Array;
  roofZ: Float64Array;
  /** 1 when the footprint is a single convex ring (its shadow is one convex polygon). */
  convex: Uint8Array;
  /** minX, minY, maxX, maxY per prism. */
  bbox: Float64Array;
  /** Index into the buildings array each prism came from. */
  buildingIndex: Int32Array;
}

export function buildingParts(b: Building): readonly BuildingPart[] {
  return 'parts' in b ? b.parts : [b];
}

/** Removes a repeated closing vertex and consecutive duplicates. */
function cleanRing(ring: Ring): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

export function ringSignedArea(ring: readonly (readonly [number, number])[]): number {
  let a = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

function isConvexCcw(ring: readonly (readonly [number, number])[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    const c = ring[(i + 2) % n]!;
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) < 0) return false;
  }
  return true;
}

export function packPrisms(buildings: readonly Building[]): PackedPrisms {
  const coords: number[] = [];
  const ringStart: number[] = [0];
  const prismRingStart: number[] = [0];
  const groundZ: number[] = [];
  const roofZ: number[] = [];
  const convex: number[] = [];
  const bbox: number[] = [];
  const buildingIndex: number[] = [];
  buildings.forEach((b, bi) => {
    for (const part of buildingParts(b)) {
      if (!(part.roofZ > part.groundZ)) continue;
      const rings = part.footprint.map(cleanRing).filter((r) => r.length >= 3);
      if (rings.length === 0) continue;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      rings.forEach((ring, ri) => {
        const area = ringSignedArea(ring);
        if ((ri === 0) !== (area > 0)) ring.reverse();
        for (const [x, y] of ring) {
          coords.push(x, y);
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        ringStart.push(coords.length / 2);
      });
      prismRingStart.push(ringStart.length - 1);
      groundZ.push(part.groundZ);
      roofZ.push(part.roofZ);
      convex.push(rings.length === 1 && isConvexCcw(rings[0]!) ? 1 : 0);
      bbox.push(minX, minY, maxX, maxY);
      buildingIndex.push(bi);
    }
  });
  return {
    count: groundZ.length,
    coords: Float64Array.from(coords),
    ringStart: Int32Array.from(ringStart),
    prismRingStart: Int32Array.from(prismRingStart),
    groundZ: Float64Array.from(groundZ),
    roofZ: Float64Array.from(roofZ),
    convex: Uint8Array.from(convex),
    bbox: Float64Array.from(bbox),
    buildingIndex: Int32Array.from(buildingIndex),
  };
}

/** Even-odd point-in-footprint test of prism `p` (holes excluded). */
export function insideFootprint(pp: PackedPrisms, p: number, x: number, y: number): boolean {
  const b = p * 4;
  if (x < pp.bbox[b]! || x > pp.bbox[b + 2]! || y < pp.bbox[b + 1]! || y > pp.bbox[b + 3]!) return false;
  let inside = false;
  const c = pp.coords;
  for (let r = pp.prismRingStart[p]!; r < pp.prismRingStart[p + 1]!; r++) {
    const s = pp.ringStart[r]!;
    const e = pp.ringStart[r + 1]!;
    for (let i = s, j = e - 1; i < e; j = i++) {
      const yi = c[2 * i + 1]!;
      const yj = c[2 * j + 1]!;
      if (yi > y !== yj > y) {
        const xi = c[2 * i]!;
        const xj = c[2 * j]!;
        if (x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
      }
    }
  }
  return inside;
}
