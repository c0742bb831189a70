import type { PackedPrisms } from './geometry.js';
import type { GridSpec } from './types.js';

/** What one worker thread receives for the sun-hours map. */
export interface GridJob {
  prisms: PackedPrisms;
  grid: GridSpec;
  /** dx, dy, dz per step. */
  steps: Float64Array;
  stepIds: number[];
  /** Uint16 shadow counts per cell, owned by this worker. */
  counts: SharedArrayBuffer;
}
