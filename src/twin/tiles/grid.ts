/**
 * The tiling: a fixed square grid in RD New, 250 m a side, anchored at RD (0, 0).
 * A building belongs to the one tile its centre falls in, so it is drawn once even
 * when it straddles a tile edge. Fixed RD tiles (not a WGS84 quadtree) because every
 * Dutch source is in RD, the viewer works in metres, and a 250 m tile of a dense
 * centre is a few hundred kB of GLB: one level of detail is enough for a district.
 */
export const TILE_SIZE = 250;

export interface TileKey {
  col: number;
  row: number;
}

export const tileKeyOf = (x: number, y: number): TileKey => ({ col: Math.floor(x / TILE_SIZE), row: Math.floor(y / TILE_SIZE) });
export const tileName = (k: TileKey): string => `${k.col}_${k.row}`;

export function parseTileName(name: string): TileKey {
  const [col, row] = name.split('_').map(Number);
  return { col: col!, row: row! };
}

/** The tile a building with this RD extent belongs to. */
export function tileOfExtent(extent: readonly number[]): string {
  return tileName(tileKeyOf((extent[0]! + extent[3]!) / 2, (extent[1]! + extent[4]!) / 2));
}

/** South-west corner of a tile in RD: the origin of its local frame. */
export const tileOrigin = (k: TileKey): [number, number] => [k.col * TILE_SIZE, k.row * TILE_SIZE];
