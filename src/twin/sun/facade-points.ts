import { insideFootprint, packPrisms, type PackedPrisms } from './geometry.js';
import type { Building, FacadePoint, FacadePointOptions } from './types.js';

/**
 * Sample points on the facades of the chosen buildings: along every wall (outer rings
 * and courtyards), one point per `spacing` metres, one per storey at window-sill height
 * (storey floor + sillHeight), pushed `offset` metres out of the wall so a ray does not
 * start inside the building. Points that fall inside another block (party walls, a
 * neighbour's wing) are dropped: there is no window there.
 */
export function facadePoints(buildings: readonly Building[], buildingIds: readonly string[] | 'all', options: FacadePointOptions = {}): FacadePoint[] {
  const spacing = options.spacing ?? 2;
  const storeyHeight = options.storeyHeight ?? 3;
  const sill = options.sillHeight ?? 1;
  const offset = options.offset ?? 0.1;
  const minEdge = options.minEdgeLength ?? 1;
  const pp = packPrisms(buildings);
  const wanted = buildingIds === 'all' ? null : new Set(buildingIds);
  const partNo = new Map<number, number>();
  const points: FacadePoint[] = [];
  for (let p = 0; p < pp.count; p++) {
    const bi = pp.buildingIndex[p]!;
    const building = buildings[bi]!;
    const part = partNo.get(bi) ?? 0;
    partNo.set(bi, part + 1);
    if (wanted && !wanted.has(building.id)) continue;
    const g = pp.groundZ[p]!;
    const roof = pp.roofZ[p]!;
    for (let r = pp.prismRingStart[p]!; r < pp.prismRingStart[p + 1]!; r++) {
      const s = pp.ringStart[r]!;
      const e = pp.ringStart[r + 1]!;
      for (let i = s; i < e; i++) {
        const j = i + 1 < e ? i + 1 : s;
        const ax = pp.coords[2 * i]!;
        const ay = pp.coords[2 * i + 1]!;
        const ex = pp.coords[2 * j]! - ax;
        const ey = pp.coords[2 * j + 1]! - ay;
        const len = Math.hypot(ex, ey);
        if (len < minEdge) continue;
        const nx = ey / len;
        const ny = -ex / len;
        const n = Math.max(1, Math.round(len / spacing));
        for (let k = 0; k < n; k++) {
          const t = (k + 0.5) / n;
          const x = ax + t * ex + nx * offset;
          const y = ay + t * ey + ny * offset;
          for (let storey = 0; g + storey * storeyHeight + sill < roof; storey++) {
            const z = g + storey * storeyHeight + sill;
            if (insideAnyPrism(pp, x, y, z)) continue;
            points.push({ id: `${building.id}/${part}/${r - pp.prismRingStart[p]!}/${i - s}/${k}/${storey}`, buildingId: building.id, x, y, z, nx, ny, storey });
          }
        }
      }
    }
  }
  return points;
}

function insideAnyPrism(pp: PackedPrisms, x: number, y: number, z: number): boolean {
  for (let q = 0; q < pp.count; q++) {
    if (z < pp.groundZ[q]! || z >= pp.roofZ[q]!) continue;
    if (insideFootprint(pp, q, x, y)) return true;
  }
  return false;
}
