import { packPrisms } from './geometry.js';
import { emitShadowPieces, makePieceScratch } from './shadow-pieces.js';
import type { Building, Point2, Ring, SunStep } from './types.js';

/** A shadow polygon: outer ring first, then holes. */
export type ShadowPolygon = Ring[];

export interface BuildingShadow {
  buildingId: string;
  /** Pieces whose union is the building's shadow on the plane; they may overlap. */
  polygons: ShadowPolygon[];
}

/**
 * Shadows of all buildings on the horizontal plane z = planeZ for one sun direction.
 * Parts below the plane cast nothing; a part standing on higher ground than the plane
 * casts a shadow that starts away from its footprint. A convex block gives one polygon.
 */
export function shadowPolygons(buildings: readonly Building[], sun: Pick<SunStep, 'dx' | 'dy' | 'dz'>, planeZ: number): BuildingShadow[] {
  if (sun.dz <= 0) throw new RangeError('the Sun is below the horizon');
  const pp = packPrisms(buildings);
  const scratch = makePieceScratch(pp);
  const byBuilding = new Map<number, ShadowPolygon[]>();
  for (let p = 0; p < pp.count; p++) {
    const polygons = byBuilding.get(pp.buildingIndex[p]!) ?? [];
    emitShadowPieces(pp, p, -sun.dx / sun.dz, -sun.dy / sun.dz, planeZ, scratch, (xy, ends, n) => {
      const rings: Ring[] = [];
      let start = 0;
      for (let r = 0; r < n; r++) {
        const ring: Point2[] = [];
        for (let i = start; i < ends[r]!; i++) ring.push([xy[2 * i]!, xy[2 * i + 1]!]);
        rings.push(ring);
        start = ends[r]!;
      }
      polygons.push(rings);
    });
    if (polygons.length) byBuilding.set(pp.buildingIndex[p]!, polygons);
  }
  return [...byBuilding].map(([bi, polygons]) => ({ buildingId: buildings[bi]!.id, polygons }));
}

/** Length of the shadow a height h casts on level ground at sun elevation `elevation` (deg). */
export const shadowLength = (height: number, elevation: number): number => height / Math.tan((elevation * Math.PI) / 180);
