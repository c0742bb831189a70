import { rayHitsPrism } from './spatial-index.js';
import type { SunModel } from './model.js';
import type { FacadePoint, SunStep } from './types.js';

/**
 * Direct sun on facade points over many time steps.
 *
 * Per point, the obstacles are turned into an exact "horizon" keyed by azimuth: for a
 * prism standing no higher than the point's base, the ray towards the Sun (horizontal
 * direction u, slope tanE) is blocked iff it enters the prism through a wall below the
 * roof, i.e. iff for some wall edge facing the point and crossed by u,
 *   tanE <= (roofZ - z) / s(u),  s(u) = distance to the wall line along u = d / (u . m),
 * with m the unit normal of the wall line pointing away from the point. So each wall
 * reduces to a vector w = m (roofZ - z) / d and the test is u . w >= tanE: one dot
 * product. Walls are binned by the azimuth range they subtend (1 deg bins) and sorted
 * by their highest possible elevation, so a query scans a few walls and stops early.
 * The binning only selects candidates; the wedge and dot-product tests are exact, so
 * the result equals ray casting (the tests compare it with the brute-force reference).
 * Prisms standing on higher ground than the point (the ray can pass under them) are
 * rare and tested with the exact ray-prism intersection.
 */

const BINS = 360;
const TWO_PI = 2 * Math.PI;

/** Time steps of several days, flattened. */
export interface StepSet {
  count: number;
  ux: Float64Array;
  uy: Float64Array;
  tanE: Float64Array;
  dz: Float64Array;
  bin: Int32Array;
  minutes: Float64Array;
  day: Int32Array;
  days: number;
}

export function stepSet(days: readonly (readonly SunStep[])[]): StepSet {
  const count = days.reduce((n, d) => n + d.length, 0);
  const set: StepSet = {
    count,
    ux: new Float64Array(count),
    uy: new Float64Array(count),
    tanE: new Float64Array(count),
    dz: new Float64Array(count),
    bin: new Int32Array(count),
    minutes: new Float64Array(count),
    day: new Int32Array(count),
    days: days.length,
  };
  let k = 0;
  days.forEach((steps, d) => {
    for (const s of steps) {
      const h = Math.hypot(s.dx, s.dy);
      set.ux[k] = s.dx / h;
      set.uy[k] = s.dy / h;
      set.tanE[k] = s.dz / h;
      set.dz[k] = s.dz;
      set.bin[k] = azimuthBin(s.dx, s.dy);
      set.minutes[k] = s.minutes;
      set.day[k] = d;
      k++;
    }
  });
  return set;
}

const azimuthOf = (x: number, y: number): number => {
  const a = Math.atan2(x, y);
  return a < 0 ? a + TWO_PI : a;
};
const azimuthBin = (x: number, y: number): number => Math.min(BINS - 1, Math.floor((azimuthOf(x, y) / TWO_PI) * BINS));

/** Per-point horizon of wall edges; buffers reused between points. */
class PointHorizon {
  ax = new Float64Array(256);
  ay = new Float64Array(256);
  bx = new Float64Array(256);
  by = new Float64Array(256);
  wx = new Float64Array(256);
  wy = new Float64Array(256);
  bound = new Float64Array(256);
  firstBin = new Int32Array(256);
  binCount = new Int32Array(256);
  n = 0;
  binStart = new Int32Array(BINS + 1);
  binEdges = new Int32Array(1024);
  binBound = new Float64Array(BINS);
  floating: number[] = [];

  private grow(): void {
    const size = this.ax.length * 2;
    for (const key of ['ax', 'ay', 'bx', 'by', 'wx', 'wy', 'bound'] as const) {
      const next = new Float64Array(size);
      next.set(this[key]);
      this[key] = next;
    }
    for (const key of ['firstBin', 'binCount'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }

  build(model: SunModel, pt: FacadePoint, minTanE: number, maxDistance: number, candidates: number[]): void {
    const pp = model.prisms;
    const c = pp.coords;
    this.n = 0;
    this.floating.length = 0;
    const range = Math.min(maxDistance, (model.index.maxRoofZ - pt.z) / minTanE);
    candidates.length = 0;
    if (range > 0) model.index.queryBox(pt.x - range, pt.y - range, pt.x + range, pt.y + range, candidates);
    for (const p of candidates) {
      const h = pp.roofZ[p]! - pt.z;
      if (h <= 0) continue;
      const b = 4 * p;
      if (maxDistance < Infinity) {
        const ddx = Math.max(pp.bbox[b]! - pt.x, 0, pt.x - pp.bbox[b + 2]!);
        const ddy = Math.max(pp.bbox[b + 1]! - pt.y, 0, pt.y - pp.bbox[b + 3]!);
        if (ddx * ddx + ddy * ddy > maxDistance * maxDistance) continue;
      }
      // Only what lies in front of the facade can block a sun that shines on it.
      const front = Math.max(
        (pp.bbox[b]! - pt.x) * pt.nx + (pp.bbox[b + 1]! - pt.y) * pt.ny,
        (pp.bbox[b + 2]! - pt.x) * pt.nx + (pp.bbox[b + 1]! - pt.y) * pt.ny,
        (pp.bbox[b]! - pt.x) * pt.nx + (pp.bbox[b + 3]! - pt.y) * pt.ny,
        (pp.bbox[b + 2]! - pt.x) * pt.nx + (pp.bbox[b + 3]! - pt.y) * pt.ny,
      );
      if (front <= 0) continue;
      if (pp.groundZ[p]! > pt.z) {
        this.floating.push(p);
        continue;
      }
      for (let r = pp.prismRingStart[p]!; r < pp.prismRingStart[p + 1]!; r++) {
        const s = pp.ringStart[r]!;
        const e = pp.ringStart[r + 1]!;
        for (let i = s; i < e; i++) {
          const j = i + 1 < e ? i + 1 : s;
          const ax = c[2 * i]! - pt.x;
          const ay = c[2 * i + 1]! - pt.y;
          const bx = c[2 * j]! - pt.x;
          const by = c[2 * j + 1]! - pt.y;
          const ex = bx - ax;
          const ey = by - ay;
          // Outward normal (ey, -ex); the point must be on the outer side (the wall faces it).
          const side = -(ax * ey - ay * ex);
          if (side <= 0) continue;
          if (ax * pt.nx + ay * pt.ny <= 0 && bx * pt.nx + by * pt.ny <= 0) continue;
          const len = Math.hypot(ex, ey);
          const dist = side / len;
          // Nearest point of the wall segment bounds the elevation it can reach.
          let t = -(ax * ex + ay * ey) / (len * len);
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const dmin = Math.hypot(ax + t * ex, ay + t * ey);
          if (this.n === this.ax.length) this.grow();
          const k = this.n++;
          this.ax[k] = ax;
          this.ay[k] = ay;
          this.bx[k] = bx;
          this.by[k] = by;
          const scale = h / (dist * len);
          this.wx[k] = -ey * scale;
          this.wy[k] = ex * scale;
          this.bound[k] = dmin > 0 ? h / dmin : Infinity;
          // The wall runs clockwise (seen from the point) from a to b.
          const azA = azimuthOf(ax, ay);
          let span = azimuthOf(bx, by) - azA;
          if (span < 0) span += TWO_PI;
          const b0 = Math.min(BINS - 1, Math.floor((azA / TWO_PI) * BINS));
          const b1 = Math.floor(((azA + span) / TWO_PI) * BINS);
          this.firstBin[k] = b0;
          this.binCount[k] = Math.min(BINS, b1 - b0 + 1);
        }
      }
    }
    // Bucket walls by bin (counting sort), then order each bin by bound, highest first.
    const start = this.binStart;
    start.fill(0);
    let total = 0;
    for (let k = 0; k < this.n; k++) {
      for (let q = 0; q < this.binCount[k]!; q++) start[((this.firstBin[k]! + q) % BINS) + 1]!++;
      total += this.binCount[k]!;
    }
    for (let q = 0; q < BINS; q++) start[q + 1]! += start[q]!;
    if (this.binEdges.length < total) this.binEdges = new Int32Array(total * 2);
    const fill = start.slice(0, BINS);
    for (let k = 0; k < this.n; k++) {
      for (let q = 0; q < this.binCount[k]!; q++) this.binEdges[fill[(this.firstBin[k]! + q) % BINS]!++] = k;
    }
    for (let q = 0; q < BINS; q++) {
      const s = start[q]!;
      const e = start[q + 1]!;
      for (let i = s + 1; i < e; i++) {
        const v = this.binEdges[i]!;
        const bv = this.bound[v]!;
        let j = i - 1;
        while (j >= s && this.bound[this.binEdges[j]!]! < bv) {
          this.binEdges[j + 1] = this.binEdges[j]!;
          j--;
        }
        this.binEdges[j + 1] = v;
      }
      this.binBound[q] = e > s ? this.bound[this.binEdges[s]!]! : -Infinity;
    }
  }

  blocked(model: SunModel, pt: FacadePoint, ux: number, uy: number, tanE: number, bin: number): boolean {
    if (tanE <= this.binBound[bin]!) {
      for (let i = this.binStart[bin]!, e = this.binStart[bin + 1]!; i < e; i++) {
        const k = this.binEdges[i]!;
        if (this.bound[k]! < tanE) break;
        const ax = this.ax[k]!;
        const ay = this.ay[k]!;
        if (ax * uy - ay * ux > 0) continue;
        if (ux * this.by[k]! - uy * this.bx[k]! > 0) continue;
        if (ux * this.wx[k]! + uy * this.wy[k]! >= tanE) return true;
      }
    }
    for (const p of this.floating) if (rayHitsPrism(model.prisms, p, pt.x, pt.y, pt.z, ux, uy, tanE)) return true;
    return false;
  }
}

/**
 * Minutes of direct sun per point and day: result[pointIndex * steps.days + day].
 * A step counts when the Sun is in front of the facade (normal . sun > 0) and no
 * building blocks the ray. Steps below the minimum altitude must already be dropped.
 */
export function facadeSunMinutes(
  model: SunModel,
  points: readonly FacadePoint[],
  steps: StepSet,
  options: { maxObstacleDistance?: number } = {},
): Float32Array {
  // Exact by default: every block that can reach above the lowest sun counts, however far.
  // On a city-wide model a cap (e.g. 1 km) bounds the work; it only matters at very low sun.
  const maxDistance = options.maxObstacleDistance ?? Infinity;
  const out = new Float32Array(points.length * steps.days);
  if (steps.count === 0) return out;
  let minTanE = Infinity;
  for (let s = 0; s < steps.count; s++) minTanE = Math.min(minTanE, steps.tanE[s]!);
  const horizon = new PointHorizon();
  const candidates: number[] = [];
  const { ux, uy, tanE, bin, minutes, day } = steps;
  points.forEach((pt, i) => {
    horizon.build(model, pt, minTanE, maxDistance, candidates);
    const base = i * steps.days;
    for (let s = 0; s < steps.count; s++) {
      const x = ux[s]!;
      const y = uy[s]!;
      if (x * pt.nx + y * pt.ny <= 0) continue;
      if (!horizon.blocked(model, pt, x, y, tanE[s]!, bin[s]!)) out[base + day[s]!]! += minutes[s]!;
    }
  });
  return out;
}
