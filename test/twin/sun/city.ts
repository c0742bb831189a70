/**
 * Seeded generated cities for tests and the benchmark: a street grid (100 m pitch,
 * 20 m streets) whose blocks are cut into lots; most lots hold a block of 6-30 m with a
 * mix of shapes (rectangles, rotated rectangles, L-shapes, courtyards, two-part towers).
 * About 25-35% of the ground is built, like Dutch inner-city and post-war districts.
 */
import { seeded } from '../../../bench/lib.js';
import type { Building, Point2, Ring } from '../../../src/twin/sun/types.js';

export interface CityOptions {
  /** Side of the square area (m). */
  size: number;
  seed: number;
  originX?: number;
  originY?: number;
  /** NAP level of the street; each building's ground varies by up to +/- groundJitter. */
  baseZ?: number;
  groundJitter?: number;
  minHeight?: number;
  maxHeight?: number;
}

const rect = (x0: number, y0: number, x1: number, y1: number): Point2[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

function rotate(ring: Point2[], cx: number, cy: number, angle: number): Point2[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return ring.map(([x, y]) => [cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c] as Point2);
}

export function generateCity(o: CityOptions): Building[] {
  const rnd = seeded(o.seed);
  const ox = o.originX ?? 0;
  const oy = o.originY ?? 0;
  const baseZ = o.baseZ ?? 0;
  const jitter = o.groundJitter ?? 0;
  const minH = o.minHeight ?? 6;
  const maxH = o.maxHeight ?? 30;
  const pitch = 100;
  const street = 20;
  const buildings: Building[] = [];
  const blocks = Math.ceil(o.size / pitch);
  for (let bj = 0; bj < blocks; bj++) {
    for (let bi = 0; bi < blocks; bi++) {
      const bx = ox + bi * pitch + street / 2;
      const by = oy + bj * pitch + street / 2;
      const blockSize = pitch - street;
      const lots = 2 + Math.floor(rnd() * 2);
      const lot = blockSize / lots;
      for (let lj = 0; lj < lots; lj++) {
        for (let li = 0; li < lots; li++) {
          if (rnd() < 0.08) continue;
          const x0 = bx + li * lot;
          const y0 = by + lj * lot;
          if (x0 > ox + o.size || y0 > oy + o.size) continue;
          const w = lot * (0.55 + 0.35 * rnd());
          const h = lot * (0.55 + 0.35 * rnd());
          const ax = x0 + (lot - w) * rnd();
          const ay = y0 + (lot - h) * rnd();
          const groundZ = baseZ + (rnd() * 2 - 1) * jitter;
          const height = minH + (maxH - minH) * rnd() ** 1.5;
          const roofZ = groundZ + height;
          const id = `b${buildings.length}`;
          const shape = rnd();
          let footprint: Ring[];
          if (shape < 0.55) footprint = [rect(ax, ay, ax + w, ay + h)];
          else if (shape < 0.7) footprint = [rotate(rect(ax, ay, ax + w, ay + h), ax + w / 2, ay + h / 2, (rnd() - 0.5) * 0.8)];
          else if (shape < 0.85) {
            const cx = ax + w * (0.4 + 0.3 * rnd());
            const cy = ay + h * (0.4 + 0.3 * rnd());
            footprint = [[[ax, ay], [ax + w, ay], [ax + w, cy], [cx, cy], [cx, ay + h], [ax, ay + h]]];
          } else if (shape < 0.93) {
            const m = Math.min(w, h) * 0.25;
            footprint = [rect(ax, ay, ax + w, ay + h), rect(ax + m, ay + m, ax + w - m, ay + h - m).reverse()];
          } else {
            const tower = rect(ax + w * 0.2, ay + h * 0.2, ax + w * 0.6, ay + h * 0.7);
            buildings.push({
              id,
              parts: [
                { footprint: [rect(ax, ay, ax + w, ay + h)], groundZ, roofZ: groundZ + Math.min(height, 8) },
                { footprint: [tower], groundZ, roofZ: roofZ + 10 },
              ],
            });
            continue;
          }
          buildings.push({ id, footprint, groundZ, roofZ });
        }
      }
    }
  }
  return buildings;
}

/** Share of the area [origin, origin + size]^2 covered by footprints (sampled). */
export function builtShare(buildings: readonly Building[], size: number, originX = 0, originY = 0, samples = 20000): number {
  const rnd = seeded(7);
  let hit = 0;
  for (let i = 0; i < samples; i++) {
    const x = originX + rnd() * size;
    const y = originY + rnd() * size;
    const inside = buildings.some((b) =>
      ('parts' in b ? b.parts : [b]).some((p) => {
        let c = false;
        for (const ring of p.footprint)
          for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
            const [xi, yi] = ring[k]!;
            const [xj, yj] = ring[j]!;
            if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) c = !c;
          }
        return c;
      }),
    );
    if (inside) hit++;
  }
  return hit / samples;
}
