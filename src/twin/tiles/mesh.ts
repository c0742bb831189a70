import type { TwinBuildingWithSurfaces } from '../model.js';
import { triangulate } from './triangulate.js';

/** Triangles of many buildings in one local frame, with where each building's indices are. */
export interface MeshGroup {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  features: Array<{ id: string; firstIndex: number; indexCount: number }>;
}

/**
 * Local frame of a tile: glTF is y-up and right-handed, so RD/NAP (x east, y north,
 * z up) relative to the tile origin becomes (x, z, -y). That is a rotation, so a
 * counter-clockwise face stays counter-clockwise seen from outside.
 */
export function buildMesh(buildings: readonly TwinBuildingWithSurfaces[], origin: readonly [number, number, number]): MeshGroup {
  const pos: number[] = [];
  const nrm: number[] = [];
  const idx: number[] = [];
  const features: MeshGroup['features'] = [];
  const [ox, oy, oz] = origin;
  for (const b of buildings) {
    const first = idx.length;
    for (const s of b.surfaces) {
      const outer = s.rings[0];
      if (!outer || outer.length < 3) continue;
      // Newell normal of the outer ring (RD frame): robust for any planar polygon.
      let nx = 0;
      let ny = 0;
      let nz = 0;
      for (let i = 0; i < outer.length; i++) {
        const a = outer[i]!;
        const c = outer[(i + 1) % outer.length]!;
        nx += (a[1] - c[1]) * (a[2] + c[2]);
        ny += (a[2] - c[2]) * (a[0] + c[0]);
        nz += (a[0] - c[0]) * (a[1] + c[1]);
      }
      const len = Math.hypot(nx, ny, nz);
      if (len < 1e-9) continue;
      nx /= len;
      ny /= len;
      nz /= len;
      // Project onto the plane most perpendicular to the normal, keeping its handedness.
      const ax = Math.abs(nx);
      const ay = Math.abs(ny);
      const az = Math.abs(nz);
      const project: (p: readonly number[]) => [number, number] =
        az >= ax && az >= ay
          ? (p) => [p[0]! - ox, p[1]! - oy]
          : ax >= ay
            ? (p) => [p[1]! - oy, p[2]! - oz]
            : (p) => [p[2]! - oz, p[0]! - ox];
      const rings2 = s.rings.map((r) => r.map(project));
      const tris = triangulate(rings2);
      if (tris.length === 0) continue;
      const base = pos.length / 3;
      for (const r of s.rings) {
        for (const p of r) {
          pos.push(p[0] - ox, p[2] - oz, -(p[1] - oy));
          nrm.push(nx, nz, -ny);
        }
      }
      const flat = s.rings.flat();
      for (let t = 0; t < tris.length; t += 3) {
        const i0 = tris[t]!;
        const i1 = tris[t + 1]!;
        const i2 = tris[t + 2]!;
        const a = flat[i0]!;
        const b2 = flat[i1]!;
        const c = flat[i2]!;
        // Wind each triangle like its face: its normal must agree with the face normal.
        const ux = b2[0] - a[0];
        const uy = b2[1] - a[1];
        const uz = b2[2] - a[2];
        const vx = c[0] - a[0];
        const vy = c[1] - a[1];
        const vz = c[2] - a[2];
        const dot = (uy * vz - uz * vy) * nx + (uz * vx - ux * vz) * ny + (ux * vy - uy * vx) * nz;
        if (dot >= 0) idx.push(base + i0, base + i1, base + i2);
        else idx.push(base + i0, base + i2, base + i1);
      }
    }
    if (idx.length > first) features.push({ id: b.id, firstIndex: first, indexCount: idx.length - first });
  }
  return { positions: Float32Array.from(pos), normals: Float32Array.from(nrm), indices: Uint32Array.from(idx), features };
}
