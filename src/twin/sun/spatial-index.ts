import { insideFootprint, type PackedPrisms } from './geometry.js';

/**
 * Uniform 2D grid over prism bounding boxes. Queries return each prism once (a
 * per-query stamp replaces a Set). Used to gather obstacles near a facade point and
 * to walk a ray cell by cell.
 */
export class PrismGridIndex {
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly items: Int32Array;
  private readonly seen: Int32Array;
  private query = 0;
  readonly maxRoofZ: number;

  constructor(readonly prisms: PackedPrisms, readonly cellSize = 32) {
    const { bbox, count } = prisms;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let maxRoof = -Infinity;
    for (let p = 0; p < count; p++) {
      minX = Math.min(minX, bbox[4 * p]!);
      minY = Math.min(minY, bbox[4 * p + 1]!);
      maxX = Math.max(maxX, bbox[4 * p + 2]!);
      maxY = Math.max(maxY, bbox[4 * p + 3]!);
      maxRoof = Math.max(maxRoof, prisms.roofZ[p]!);
    }
    if (count === 0) minX = minY = maxX = maxY = 0;
    this.minX = minX;
    this.minY = minY;
    this.maxRoofZ = maxRoof;
    this.cols = Math.max(1, Math.ceil((maxX - minX) / cellSize) + 1);
    this.rows = Math.max(1, Math.ceil((maxY - minY) / cellSize) + 1);
    const counts = new Int32Array(this.cols * this.rows + 1);
    const each = (p: number, fn: (cell: number) => void): void => {
      const [c0, r0] = this.cellOf(bbox[4 * p]!, bbox[4 * p + 1]!);
      const [c1, r1] = this.cellOf(bbox[4 * p + 2]!, bbox[4 * p + 3]!);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * this.cols + c);
    };
    for (let p = 0; p < count; p++) each(p, (cell) => counts[cell + 1]!++);
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    this.cellStart = counts.slice();
    this.items = new Int32Array(counts[counts.length - 1]!);
    const fillAt = counts;
    for (let p = 0; p < count; p++) each(p, (cell) => (this.items[fillAt[cell]!++] = p));
    this.seen = new Int32Array(count);
  }

  private cellOf(x: number, y: number): [number, number] {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
    return [c, r];
  }

  /** Prisms whose bounding box cell range meets the box. */
  queryBox(minX: number, minY: number, maxX: number, maxY: number, out: number[] = []): number[] {
    const q = ++this.query;
    const [c0, r0] = this.cellOf(minX, minY);
    const [c1, r1] = this.cellOf(maxX, maxY);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
          const p = this.items[k]!;
          if (this.seen[p] !== q) {
            this.seen[p] = q;
            out.push(p);
          }
        }
      }
    }
    return out;
  }

  /**
   * Exact test: does the ray from (x, y, z) along the unit vector d (dz > 0) meet any
   * prism? Walks the grid cells under the ray's horizontal trace (Amanatides-Woo) up to
   * where the ray rises above the highest roof.
   */
  rayBlocked(x: number, y: number, z: number, dx: number, dy: number, dz: number, skip = -1): boolean {
    if (this.prisms.count === 0 || z >= this.maxRoofZ) return false;
    const h = Math.hypot(dx, dy);
    if (h < 1e-12) return false;
    const ux = dx / h;
    const uy = dy / h;
    const tanE = dz / h;
    const maxDist = (this.maxRoofZ - z) / tanE;
    // Clip the horizontal trace [0, maxDist] to the index's extent, then walk its cells.
    let t0 = 0;
    let t1 = maxDist;
    const clip = (p0: number, u: number, lo: number, hi: number): boolean => {
      if (Math.abs(u) < 1e-15) return p0 >= lo && p0 <= hi;
      let ta = (lo - p0) / u;
      let tb = (hi - p0) / u;
      if (ta > tb) [ta, tb] = [tb, ta];
      t0 = Math.max(t0, ta);
      t1 = Math.min(t1, tb);
      return t0 <= t1;
    };
    if (!clip(x, ux, this.minX, this.minX + this.cols * this.cellSize)) return false;
    if (!clip(y, uy, this.minY, this.minY + this.rows * this.cellSize)) return false;
    const q = ++this.query;
    let [c, r] = this.cellOf(x + t0 * ux, y + t0 * uy);
    const stepC = ux > 0 ? 1 : -1;
    const stepR = uy > 0 ? 1 : -1;
    const sx = x + t0 * ux;
    const sy = y + t0 * uy;
    let tMaxX = Math.abs(ux) < 1e-15 ? Infinity : t0 + (this.minX + (c + (ux > 0 ? 1 : 0)) * this.cellSize - sx) / ux;
    let tMaxY = Math.abs(uy) < 1e-15 ? Infinity : t0 + (this.minY + (r + (uy > 0 ? 1 : 0)) * this.cellSize - sy) / uy;
    const tDeltaX = this.cellSize / Math.abs(ux);
    const tDeltaY = this.cellSize / Math.abs(uy);
    for (;;) {
      const cell = r * this.cols + c;
      for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
        const p = this.items[k]!;
        if (this.seen[p] === q || p === skip) continue;
        this.seen[p] = q;
        if (rayHitsPrism(this.prisms, p, x, y, z, ux, uy, tanE)) return true;
      }
      if (tMaxX < tMaxY) {
        if (tMaxX > t1) break;
        tMaxX += tDeltaX;
        c += stepC;
      } else {
        if (tMaxY > t1) break;
        tMaxY += tDeltaY;
        r += stepR;
      }
      if (c < 0 || c >= this.cols || r < 0 || r >= this.rows) break;
    }
    return false;
  }
}

/**
 * Exact ray-prism test in horizontal terms: the ray (horizontal unit direction u, rising
 * tanE per metre) is inside the prism's height slab for horizontal distance [s0, s1];
 * it hits when that stretch of its trace starts inside the footprint or crosses an edge.
 */
export function rayHitsPrism(pp: PackedPrisms, p: number, x: number, y: number, z: number, ux: number, uy: number, tanE: number): boolean {
  const s0 = Math.max(0, (pp.groundZ[p]! - z) / tanE);
  const s1 = (pp.roofZ[p]! - z) / tanE;
  if (!(s1 > s0)) return false;
  const ax = x + s0 * ux;
  const ay = y + s0 * uy;
  const bx = x + s1 * ux;
  const by = y + s1 * uy;
  const b = 4 * p;
  if (Math.max(ax, bx) < pp.bbox[b]! || Math.min(ax, bx) > pp.bbox[b + 2]! || Math.max(ay, by) < pp.bbox[b + 1]! || Math.min(ay, by) > pp.bbox[b + 3]!) {
    return false;
  }
  if (insideFootprint(pp, p, ax, ay)) return true;
  const c = pp.coords;
  const ex = bx - ax;
  const ey = by - ay;
  for (let r = pp.prismRingStart[p]!; r < pp.prismRingStart[p + 1]!; r++) {
    const s = pp.ringStart[r]!;
    const e = pp.ringStart[r + 1]!;
    for (let i = s, j = e - 1; i < e; j = i++) {
      const px = c[2 * j]!;
      const py = c[2 * j + 1]!;
      const qx = c[2 * i]!;
      const qy = c[2 * i + 1]!;
      const d1 = ex * (py - ay) - ey * (px - ax);
      const d2 = ex * (qy - ay) - ey * (qx - ax);
      if ((d1 > 0) === (d2 > 0)) continue;
      const fx = qx - px;
      const fy = qy - py;
      const d3 = fx * (ay - py) - fy * (ax - px);
      const d4 = fx * (by - py) - fy * (bx - px);
      if ((d3 > 0) !== (d4 > 0)) return true;
    }
  }
  return false;
}
