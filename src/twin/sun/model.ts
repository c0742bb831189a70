import { packPrisms, type PackedPrisms } from './geometry.js';
import { PrismGridIndex } from './spatial-index.js';
import type { Building } from './types.js';

/** Buildings prepared once for many queries: packed prisms plus a 2D grid index. */
export interface SunModel {
  buildings: readonly Building[];
  prisms: PackedPrisms;
  index: PrismGridIndex;
}

export function prepareSunModel(buildings: readonly Building[], indexCellSize = 32): SunModel {
  const prisms = packPrisms(buildings);
  return { buildings, prisms, index: new PrismGridIndex(prisms, indexCellSize) };
}

export const asSunModel = (m: SunModel | readonly Building[]): SunModel => ('prisms' in m ? m : prepareSunModel(m));

/** Is the point sunlit for this sun direction (no building in the way)? Exact, via the grid index. */
export function isSunlit(model: SunModel, x: number, y: number, z: number, sun: { dx: number; dy: number; dz: number }): boolean {
  if (sun.dz <= 0) return false;
  return !model.index.rayBlocked(x, y, z, sun.dx, sun.dy, sun.dz);
}
