/**
 * CityJSON stores vertices as integers; real coordinates are `v * scale + translate`
 * (§ Transform object). We decode once into one Float64Array (x, y, z interleaved).
 */
import type { CityJsonTransform } from './types.js';

export const IDENTITY_TRANSFORM: CityJsonTransform = { scale: [1, 1, 1], translate: [0, 0, 0] };

/** Real-world coordinates of integer vertices, interleaved x, y, z. */
export function decodeVertices(vertices: readonly (readonly number[])[], transform: CityJsonTransform | undefined): Float64Array {
  const t = transform ?? IDENTITY_TRANSFORM;
  const [sx, sy, sz] = t.scale;
  const [tx, ty, tz] = t.translate;
  const out = new Float64Array(vertices.length * 3);
  for (let i = 0; i < vertices.length; i++) {
    const v = vertices[i]!;
    out[i * 3] = v[0]! * sx + tx;
    out[i * 3 + 1] = v[1]! * sy + ty;
    out[i * 3 + 2] = v[2]! * sz + tz;
  }
  return out;
}

/** Integer vertices for real coordinates: the inverse of decodeVertices, rounding to the grid. */
export function encodeVertices(coordinates: Float64Array, transform: CityJsonTransform | undefined): number[][] {
  const t = transform ?? IDENTITY_TRANSFORM;
  const out: number[][] = new Array(coordinates.length / 3);
  for (let i = 0; i < out.length; i++) {
    out[i] = [0, 1, 2].map((k) => {
      const n = Math.round((coordinates[i * 3 + k]! - t.translate[k]!) / t.scale[k]!);
      return n === 0 ? 0 : n; // no -0 in JSON output
    });
  }
  return out;
}
