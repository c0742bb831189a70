import type { TwinBuildingWithSurfaces } from '../model.js';
import { writeGlb, type GlbPrimitive } from './glb.js';
import { TILE_SIZE, tileOrigin, type TileKey } from './grid.js';
import { buildMesh } from './mesh.js';

export { readGlb, writeGlb } from './glb.js';
export { TILE_SIZE, parseTileName, tileKeyOf, tileName, tileOfExtent, tileOrigin, type TileKey } from './grid.js';
export { tileCacheFor } from './cache.js';
export { triangulate } from './triangulate.js';

const EXISTING: [number, number, number, number] = [0.78, 0.76, 0.72, 1];
const PLANNED: [number, number, number, number] = [0.92, 0.45, 0.1, 1];

/**
 * One tile as GLB: existing buildings and planned ones as two primitives (so the
 * viewer can colour the plan), the features (building id, index range) in each
 * primitive's extras, and the tile's RD/NAP origin in the asset extras.
 */
export function tileGlb(key: TileKey, buildings: readonly TwinBuildingWithSurfaces[], scenarioId: string | null): Buffer {
  const [ox, oy] = tileOrigin(key);
  const origin: [number, number, number] = [ox, oy, 0];
  const groups: GlbPrimitive[] = [];
  for (const [name, members, color] of [
    ['existing', buildings.filter((b) => !b.planned), EXISTING],
    ['planned', buildings.filter((b) => b.planned), PLANNED],
  ] as const) {
    const mesh = buildMesh(members, origin);
    if (mesh.indices.length === 0) continue;
    groups.push({ name, color: [...color], positions: mesh.positions, normals: mesh.normals, indices: mesh.indices, extras: { kind: name, features: mesh.features } });
  }
  return writeGlb(groups, {
    thorbecke: {
      tile: { col: key.col, row: key.row, size: TILE_SIZE },
      // Add the origin to a vertex (x, -z, y in glTF terms) to get RD New + NAP metres.
      origin: { crs: 'EPSG:7415', x: origin[0], y: origin[1], z: origin[2] },
      axes: 'glTF +x = RD east, +y = NAP up, -z = RD north',
      scenario: scenarioId,
      buildings: buildings.length,
    },
  });
}
