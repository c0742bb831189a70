import type { PackedPrisms } from './geometry.js';
import { emitShadowPieces, makePieceScratch, type PieceSink } from './shadow-pieces.js';
import type { GridSpec } from './types.js';

/**
 * Scanline fill of polygons into a cell grid, sampling cell centres with the even-odd
 * rule: a cell is covered when its centre is inside. Covered cells are stamped with the
 * current step id so overlapping shadow pieces of one step count once.
 */
export class ShadowRasteriser {
  readonly stamp: Int32Array;
  private xs = new Float64Array(64);

  constructor(readonly grid: GridSpec, readonly counts: Uint16Array) {
    this.stamp = new Int32Array(grid.cols * grid.rows).fill(-1);
  }

  fill(xy: Float64Array, ringEnds: Int32Array, ringCount: number, stepId: number): void {
    const { originX, originY, cellSize, cols, rows } = this.grid;
    const nVerts = ringEnds[ringCount - 1]!;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < nVerts; i++) {
      const y = xy[2 * i + 1]!;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // Rows whose centre line lies in [minY, maxY].
    const rStart = Math.max(0, Math.ceil((minY - originY) / cellSize - 0.5));
    const rEnd = Math.min(rows - 1, Math.floor((maxY - originY) / cellSize - 0.5));
    if (rStart > rEnd) return;
    if (this.xs.length < nVerts) this.xs = new Float64Array(nVerts * 2);
    const xs = this.xs;
    const stamp = this.stamp;
    const counts = this.counts;
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
      // Insertion sort: a handful of crossings per row.
      for (let i = 1; i < n; i++) {
        const v = xs[i]!;
        let j = i - 1;
        while (j >= 0 && xs[j]! > v) {
          xs[j + 1] = xs[j]!;
          j--;
        }
        xs[j + 1] = v;
      }
      const base = row * cols;
      for (let k = 0; k + 1 < n; k += 2) {
        const c0 = Math.max(0, Math.ceil((xs[k]! - originX) / cellSize - 0.5));
        const c1 = Math.min(cols - 1, Math.ceil((xs[k + 1]! - originX) / cellSize - 0.5) - 1);
        for (let i = base + c0, e = base + c1; i <= e; i++) {
          if (stamp[i] !== stepId) {
            stamp[i] = stepId;
            counts[i]!++;
          }
        }
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
  const raster = new ShadowRasteriser(grid, counts);
  const scratch = makePieceScratch(pp);
  const gx0 = grid.originX;
  const gy0 = grid.originY;
  const gx1 = grid.originX + grid.cols * grid.cellSize;
  const gy1 = grid.originY + grid.rows * grid.cellSize;
  let stepId = 0;
  const sink: PieceSink = (xy, ends, n) => raster.fill(xy, ends, n, stepId);
  for (const s of stepIds) {
    stepId = s;
    const dz = steps[3 * s + 2]!;
    const sx = -steps[3 * s]! / dz;
    const sy = -steps[3 * s + 1]! / dz;
    for (let p = 0; p < pp.count; p++) {
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
  }
}
