/**
 * Brute-force reference for the sunlight analyses: a ray from every sample point towards
 * the Sun, tested against every building part with an exact segment-prism intersection.
 * Deliberately shares no code with src/twin/sun beyond the types.
 */
import type { Building, BuildingPart, FacadePoint, GridSpec, Ring, SunStep } from '../../../src/twin/sun/types.js';

const partsOf = (b: Building): readonly BuildingPart[] => ('parts' in b ? b.parts : [b]);

function pointInFootprint(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
    }
  }
  return inside;
}

/** Proper or touching intersection of segments ab and cd. */
function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Does the ray p + t*d, t > 0, meet the solid prism? */
export function rayHitsPart(part: BuildingPart, px: number, py: number, pz: number, d: Pick<SunStep, 'dx' | 'dy' | 'dz'>): boolean {
  if (d.dz <= 0) return true;
  const t0 = Math.max(0, (part.groundZ - pz) / d.dz);
  const t1 = (part.roofZ - pz) / d.dz;
  if (t1 <= t0) return false;
  const ax = px + t0 * d.dx;
  const ay = py + t0 * d.dy;
  const bx = px + t1 * d.dx;
  const by = py + t1 * d.dy;
  if (pointInFootprint(part.footprint, ax, ay)) return true;
  for (const ring of part.footprint) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (segmentsIntersect(ax, ay, bx, by, xi, yi, xj, yj)) return true;
    }
  }
  return false;
}

export function referenceInShadow(buildings: readonly Building[], x: number, y: number, z: number, step: SunStep): boolean {
  for (const b of buildings) for (const part of partsOf(b)) if (rayHitsPart(part, x, y, z, step)) return true;
  return false;
}

/** Shadow flag per (step, cell), step-major. */
export function referenceGridShadow(buildings: readonly Building[], grid: GridSpec, steps: readonly SunStep[]): Uint8Array {
  const cells = grid.cols * grid.rows;
  const out = new Uint8Array(cells * steps.length);
  steps.forEach((step, s) => {
    for (let r = 0; r < grid.rows; r++) {
      const y = grid.originY + (r + 0.5) * grid.cellSize;
      for (let c = 0; c < grid.cols; c++) {
        const x = grid.originX + (c + 0.5) * grid.cellSize;
        out[s * cells + r * grid.cols + c] = referenceInShadow(buildings, x, y, grid.z, step) ? 1 : 0;
      }
    }
  });
  return out;
}

/** Minutes of sun at a facade point over the given steps: facing, and no building in the way. */
export function referenceFacadeMinutes(buildings: readonly Building[], point: FacadePoint, steps: readonly SunStep[]): number {
  let minutes = 0;
  for (const s of steps) {
    if (point.nx * s.dx + point.ny * s.dy <= 0) continue;
    if (!referenceInShadow(buildings, point.x, point.y, point.z, s)) minutes += s.minutes;
  }
  return minutes;
}
