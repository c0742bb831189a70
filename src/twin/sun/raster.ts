import type { PackedPrisms } from './geometry.js';
import { emitShadowPieces, makePieceScratch, type PieceSink } from './shadow-pieces.js';
import type { GridSpec } from './types.js';

/**
 * Scan conversion of shadow polygons into a cell grid, sampling cell centres with the
 * even-odd rule (a cell is covered when its centre is inside).
 *
 * Cost matters at low sun, when hundreds of long shadows overlap: instead of writing
 * every covered cell of every piece, each piece yields one span per row; at the end of
 * a time step the spans of each row are sorted and merged (overlaps count once) and the
 * union is added to a per-row difference array. A final prefix sum turns that into
 * shadowed-step counts. Work per step is then proportional to the number of spans,
 * not to the shaded area.
 */
export type SpanSink = (row: number, c0: number, c1: number) => void;

export function scanPolygon(grid: GridSpec, xy: Float64Array, ringEnds: Int32Array, ringCount: number, xs: Float64Array, sink: SpanSink): void {
  const { originX, originY, cellSize, cols, rows } = grid;
  const nVerts = ringEnds[ringCount - 1]!;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < nVerts; i++) {
    const y = xy[2 * i + 1]!;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Rows whose centre line lies within [minY, maxY].
  const rStart = Math.max(0, Math.ceil((minY - originY) / cellSize - 0.5));
  const rEnd = Math.min(rows - 1, Math.floor((maxY - originY) / cellSize - 0.5));
  for (let row = rStart; row <= rEnd; row++) {
    const yc = originY + (row + 0.5) * cellSize;
    let n = 0;
    let ringStartV = 0;
    for (let r = 0; r < ringCount; r++) {
      const end = ringEnds[r]!;
      for (let i = ringStartV, j = end - 1; i < end; j = i++) {
        const yi = xy[2 * i + 1]!;
        const yj = xy[2 * j + 1]!;
        if (yi > yc !== yj > yc) {
          const xi = xy[2 * i]!;
          xs[n++] = xi + ((yc - yi) * (xy[2 * j]! - xi)) / (yj - yi);
        }
      }
      ringStartV = end;
    }
    for (let i = 1; i < n; i++) {
      const v = xs[i]!;
      let j = i - 1;
      while (j >= 0 && xs[j]! > v) {
        xs[j + 1] = xs[j]!;
        j--;
      }
      xs[j + 1] = v;
    }
    for (let k = 0; k + 1 < n; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k]! - originX) / cellSize - 0.5));
      const c1 = Math.min(cols - 1, Math.ceil((xs[k + 1]! - originX) / cellSize - 0.5) - 1);
      if (c1 >= c0) sink(row, c0, c1);
    }
  }
}

/** Collects the spans of one time step per row and adds their union to a difference array. */
export class SpanAccumulator {
  /** diff[row * (cols + 1) + c]: +1 where a shaded run starts, -1 after it ends. */
  readonly diff: Int32Array;
  private head: Int32Array;
  private tail: Int32Array;
  private runStart: Int32Array;
  private runEnd: Int32Array;
  private next = new Int32Array(4096);
  private key = new Float64Array(4096);
  private n = 0;
  private touched: Int32Array;
  private touchedCount = 0;
  private sortBuf = new Float64Array(256);

  constructor(readonly grid: GridSpec) {
    if (grid.cols > 65535) throw new RangeError('at most 65535 columns');
    this.diff = new Int32Array(grid.rows * (grid.cols + 1));
    // head: -2 = row untouched this step, -1 = open run only, else first closed span.
    this.head = new Int32Array(grid.rows).fill(-2);
    this.tail = new Int32Array(grid.rows);
    this.runStart = new Int32Array(grid.rows);
    this.runEnd = new Int32Array(grid.rows);
    this.touched = new Int32Array(grid.rows);
  }

  /**
   * Each row keeps an open run; a span that overlaps or touches it extends it, any other
   * span closes it into the row's list. With spans arriving nearly in order, long
   * overlapping low-sun shadows collapse into a few runs before any sorting.
   */
  readonly add: SpanSink = (row, c0, c1) => {
    if (this.head[row] === -2) {
      this.touched[this.touchedCount++] = row;
      this.head[row] = -1;
      this.runStart[row] = c0;
      this.runEnd[row] = c1;
      return;
    }
    const rs = this.runStart[row]!;
    const re = this.runEnd[row]!;
    if (c0 <= re + 1 && c1 >= rs - 1) {
      if (c0 < rs) this.runStart[row] = c0;
      if (c1 > re) this.runEnd[row] = c1;
      return;
    }
    this.push(row, rs, re);
    this.runStart[row] = c0;
    this.runEnd[row] = c1;
  };

  private push(row: number, c0: number, c1: number): void {
    if (this.n === this.key.length) {
      const k = new Float64Array(this.n * 2);
      k.set(this.key);
      this.key = k;
      const nx = new Int32Array(this.n * 2);
      nx.set(this.next);
      this.next = nx;
    }
    const i = this.n++;
    // Sorting by this key orders spans by start column.
    this.key[i] = c0 * 65536 + c1;
    this.next[i] = -1;
    if (this.head[row] === -1) this.head[row] = i;
    else this.next[this.tail[row]!] = i;
    this.tail[row] = i;
  }

  /** Ends a time step: merge each touched row's spans and record the union. */
  endStep(): void {
    const stride = this.grid.cols + 1;
    for (let t = 0; t < this.touchedCount; t++) {
      const row = this.touched[t]!;
      this.push(row, this.runStart[row]!, this.runEnd[row]!);
      let m = 0;
      for (let i = this.head[row]!; i !== -1; i = this.next[i]!) {
        if (m === this.sortBuf.length) {
          const b = new Float64Array(m * 2);
          b.set(this.sortBuf);
          this.sortBuf = b;
        }
        this.sortBuf[m++] = this.key[i]!;
      }
      this.head[row] = -2;
      const spans = this.sortBuf;
      // Spans usually arrive nearly sorted (see accumulateShadowCounts): insertion sort is
      // then close to linear; when it is not (long low-sun shadows), fall back to a full sort.
      let shifts = 0;
      const budget = 4 * m + 64;
      for (let i = 1; i < m && shifts <= budget; i++) {
        const v = spans[i]!;
        let j = i - 1;
        while (j >= 0 && spans[j]! > v) {
          spans[j + 1] = spans[j]!;
          j--;
          shifts++;
        }
        spans[j + 1] = v;
      }
      if (shifts > budget) spans.subarray(0, m).sort();
      const base = row * stride;
      let s = Math.floor(spans[0]! / 65536);
      let e = spans[0]! - s * 65536;
      for (let i = 1; i < m; i++) {
        const k = spans[i]!;
        const s2 = Math.floor(k / 65536);
        const e2 = k - s2 * 65536;
        if (s2 <= e + 1) {
          if (e2 > e) e = e2;
        } else {
          this.diff[base + s]!++;
          this.diff[base + e + 1]!--;
          s = s2;
          e = e2;
        }
      }
      this.diff[base + s]!++;
      this.diff[base + e + 1]!--;
    }
    this.touchedCount = 0;
    this.n = 0;
  }

  /** Adds the accumulated counts to `counts` (row-major cells). */
  addCountsTo(counts: Uint16Array): void {
    const { cols, rows } = this.grid;
    const stride = cols + 1;
    for (let r = 0; r < rows; r++) {
      let run = 0;
      const d = r * stride;
      const o = r * cols;
      for (let c = 0; c < cols; c++) {
        run += this.diff[d + c]!;
        counts[o + c]! += run;
      }
    }
  }
}

/**
 * Adds, for each listed step, one to `counts` of every cell in shadow. `steps` holds
 * (dx, dy, dz) per step (unit vector towards the Sun, RD frame, dz > 0).
 */
export function accumulateShadowCounts(
  pp: PackedPrisms,
  grid: GridSpec,
  steps: Float64Array,
  stepIds: readonly number[],
  counts: Uint16Array,
): void {
  const acc = new SpanAccumulator(grid);
  const scratch = makePieceScratch(pp);
  const xs = new Float64Array(scratch.xy.length);
  const gx0 = grid.originX;
  const gy0 = grid.originY;
  const gx1 = grid.originX + grid.cols * grid.cellSize;
  const gy1 = grid.originY + grid.rows * grid.cellSize;
  const sink: PieceSink = (xy, ends, n) => scanPolygon(grid, xy, ends, n, xs, acc.add);
  // Visiting prisms in the order their spans start within a row keeps each row's spans
  // nearly sorted. Short shadows: west to east. Long shadows: all side edges of the
  // shadows are parallel (slope k = sx / sy), so order by where the left edge line
  // meets y = 0; for shadows running almost exactly east-west, by where the span starts.
  const byMinX = Int32Array.from({ length: pp.count }, (_, i) => i).sort((a, b) => pp.bbox[4 * a]! - pp.bbox[4 * b]!);
  const longOrder = new Int32Array(pp.count);
  const key = new Float64Array(pp.count);
  let maxHeight = 0;
  for (let p = 0; p < pp.count; p++) maxHeight = Math.max(maxHeight, pp.roofZ[p]! - grid.z);
  for (const s of stepIds) {
    const dz = steps[3 * s + 2]!;
    const sx = -steps[3 * s]! / dz;
    const sy = -steps[3 * s + 1]! / dz;
    let order = byMinX;
    if (maxHeight * Math.hypot(sx, sy) > 40 * grid.cellSize) {
      for (let p = 0; p < pp.count; p++) {
        const b = 4 * p;
        if (Math.abs(sy) >= 0.05 * Math.abs(sx)) {
          // In row y a shadow band covers x from (a + y k) on, a = min of x - y k over the footprint.
          const k = sx / sy;
          key[p] = Math.min(pp.bbox[b]! - pp.bbox[b + 1]! * k, pp.bbox[b]! - pp.bbox[b + 3]! * k);
        } else {
          key[p] = pp.bbox[b]! + Math.min(0, sx * (pp.roofZ[p]! - grid.z));
        }
        longOrder[p] = p;
      }
      longOrder.sort((a, b) => key[a]! - key[b]!);
      order = longOrder;
    }
    for (let o = 0; o < pp.count; o++) {
      const p = order[o]!;
      // Cull prisms whose whole shadow misses the grid.
      const h2 = pp.roofZ[p]! - grid.z;
      if (h2 <= 0) continue;
      const h1 = Math.max(0, pp.groundZ[p]! - grid.z);
      const ox0 = Math.min(sx * h1, sx * h2);
      const ox1 = Math.max(sx * h1, sx * h2);
      const oy0 = Math.min(sy * h1, sy * h2);
      const oy1 = Math.max(sy * h1, sy * h2);
      const b = 4 * p;
      if (pp.bbox[b]! + ox0 > gx1 || pp.bbox[b + 2]! + ox1 < gx0 || pp.bbox[b + 1]! + oy0 > gy1 || pp.bbox[b + 3]! + oy1 < gy0) continue;
      emitShadowPieces(pp, p, sx, sy, grid.z, scratch, sink);
    }
    acc.endStep();
  }
  acc.addCountsTo(counts);
}

/** 1 where a cell centre lies inside the footprint of a prism that cuts the plane z = grid.z. */
export function insideMask(pp: PackedPrisms, grid: GridSpec): Uint8Array {
  const acc = new SpanAccumulator(grid);
  const scratch = makePieceScratch(pp);
  const xs = new Float64Array(scratch.xy.length);
  for (let p = 0; p < pp.count; p++) {
    if (!(pp.groundZ[p]! <= grid.z && pp.roofZ[p]! > grid.z)) continue;
    let k = 0;
    const r0 = pp.prismRingStart[p]!;
    const r1 = pp.prismRingStart[p + 1]!;
    for (let r = r0; r < r1; r++) {
      for (let i = pp.ringStart[r]!; i < pp.ringStart[r + 1]!; i++) {
        scratch.xy[k++] = pp.coords[2 * i]!;
        scratch.xy[k++] = pp.coords[2 * i + 1]!;
      }
      scratch.ringEnds[r - r0] = k / 2;
    }
    scanPolygon(grid, scratch.xy, scratch.ringEnds, r1 - r0, xs, acc.add);
  }
  acc.endStep();
  const counts = new Uint16Array(grid.cols * grid.rows);
  acc.addCountsTo(counts);
  const mask = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) mask[i] = 1;
  return mask;
}
