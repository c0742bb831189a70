import type { PackedPrisms } from './geometry.js';

/**
 * The shadow of a prism on the plane z = planeZ, for horizontal displacement (sx, sy)
 * per metre of height (sx = -dx/dz, sy = -dy/dz for sun direction d).
 *
 * The part of the prism above the plane spans heights [zb, roofZ], zb = max(groundZ, planeZ);
 * its shadow is the footprint swept from offset o1 = (zb - planeZ) * s to o2 = (roofZ - planeZ) * s.
 * That sweep equals the footprint at o1 plus, for every edge whose outward normal faces
 * v = o2 - o1, the parallelogram the edge sweeps: leaving the footprint while sliding
 * back from o2 to o1 crosses such an edge. A convex footprint gives one convex polygon.
 * Pieces are emitted as flat xy arrays with ring end indices (in vertices); they may overlap.
 */
export type PieceSink = (xy: Float64Array, ringEnds: Int32Array, ringCount: number) => void;

export interface PieceScratch {
  xy: Float64Array;
  ringEnds: Int32Array;
  leading: Uint8Array;
}

export function makePieceScratch(pp: PackedPrisms): PieceScratch {
  let maxVerts = 4;
  let maxRings = 1;
  for (let p = 0; p < pp.count; p++) {
    const r0 = pp.prismRingStart[p]!;
    const r1 = pp.prismRingStart[p + 1]!;
    maxVerts = Math.max(maxVerts, pp.ringStart[r1]! - pp.ringStart[r0]!);
    maxRings = Math.max(maxRings, r1 - r0);
  }
  return { xy: new Float64Array(4 * maxVerts + 16), ringEnds: new Int32Array(maxRings + 1), leading: new Uint8Array(maxVerts) };
}

/** Returns false when the prism casts no shadow on the plane (entirely below it). */
export function emitShadowPieces(
  pp: PackedPrisms,
  p: number,
  sx: number,
  sy: number,
  planeZ: number,
  scratch: PieceScratch,
  sink: PieceSink,
): boolean {
  const roof = pp.roofZ[p]!;
  if (roof <= planeZ) return false;
  const zb = Math.max(pp.groundZ[p]!, planeZ);
  const h1 = zb - planeZ;
  const h2 = roof - planeZ;
  const o1x = sx * h1;
  const o1y = sy * h1;
  const o2x = sx * h2;
  const o2y = sy * h2;
  const vx = o2x - o1x;
  const vy = o2y - o1y;
  const c = pp.coords;
  const { xy, ringEnds, leading } = scratch;
  const r0 = pp.prismRingStart[p]!;
  const r1 = pp.prismRingStart[p + 1]!;

  // Mark leading edges: outward normal (ey, -ex) has a positive component along v.
  const v0 = pp.ringStart[r0]!;
  for (let r = r0; r < r1; r++) {
    const s = pp.ringStart[r]!;
    const e = pp.ringStart[r + 1]!;
    for (let i = s; i < e; i++) {
      const j = i + 1 < e ? i + 1 : s;
      const ex = c[2 * j]! - c[2 * i]!;
      const ey = c[2 * j + 1]! - c[2 * i + 1]!;
      leading[i - v0] = ey * vx - ex * vy > 0 ? 1 : 0;
    }
  }

  if (pp.convex[p] === 1) {
    const s = pp.ringStart[r0]!;
    const e = pp.ringStart[r0 + 1]!;
    const n = e - s;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const prev = leading[(i - 1 + n) % n]!;
      const next = leading[i]!;
      const x = c[2 * (s + i)]!;
      const y = c[2 * (s + i) + 1]!;
      if (!prev) {
        xy[k++] = x + o1x;
        xy[k++] = y + o1y;
        if (next) {
          xy[k++] = x + o2x;
          xy[k++] = y + o2y;
        }
      } else {
        xy[k++] = x + o2x;
        xy[k++] = y + o2y;
        if (!next) {
          xy[k++] = x + o1x;
          xy[k++] = y + o1y;
        }
      }
    }
    ringEnds[0] = k / 2;
    sink(xy, ringEnds, 1);
    return true;
  }

  // General footprint: the footprint at o1 (with its holes) ...
  let k = 0;
  for (let r = r0; r < r1; r++) {
    const s = pp.ringStart[r]!;
    const e = pp.ringStart[r + 1]!;
    for (let i = s; i < e; i++) {
      xy[k++] = c[2 * i]! + o1x;
      xy[k++] = c[2 * i + 1]! + o1y;
    }
    ringEnds[r - r0] = k / 2;
  }
  sink(xy, ringEnds, r1 - r0);
  // ... plus the parallelogram swept by each leading edge.
  for (let r = r0; r < r1; r++) {
    const s = pp.ringStart[r]!;
    const e = pp.ringStart[r + 1]!;
    for (let i = s; i < e; i++) {
      if (!leading[i - v0]) continue;
      const j = i + 1 < e ? i + 1 : s;
      const ax = c[2 * i]!;
      const ay = c[2 * i + 1]!;
      const bx = c[2 * j]!;
      const by = c[2 * j + 1]!;
      xy[0] = ax + o1x; xy[1] = ay + o1y;
      xy[2] = bx + o1x; xy[3] = by + o1y;
      xy[4] = bx + o2x; xy[5] = by + o2y;
      xy[6] = ax + o2x; xy[7] = ay + o2y;
      ringEnds[0] = 4;
      sink(xy, ringEnds, 1);
    }
  }
  return true;
}
