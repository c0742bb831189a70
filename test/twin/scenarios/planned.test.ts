import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../../src/kernel/geo/index.js';
import type { BuildingSurface } from '../../../src/twin/cityjson/index.js';
import { plannedBuildingInput } from '../../../src/twin/model.js';
import { prismSurfaces, resolveAddition } from '../../../src/twin/scenarios/planned.js';

/** Volume by the divergence theorem: only right if every face points outwards and the shell is closed. */
function volume(surfaces: readonly BuildingSurface[]): number {
  let v = 0;
  for (const s of surfaces) {
    for (const [ri, ring] of s.rings.entries()) {
      // Fan from the first vertex: signed tetrahedra with the origin (holes run the other way already).
      for (let i = 1; i + 1 < ring.length; i++) {
        const [a, b, c] = [ring[0]!, ring[i]!, ring[i + 1]!];
        v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0])) / 6;
      }
      void ri;
    }
  }
  return v;
}

const ctx = { scenarioId: 'proef', index: 0, groundNear: async () => 0.5 };

describe('planned buildings', () => {
  it('extrudes a footprint into a closed, outward-facing block (L-shape, any ring direction)', () => {
    const l: Array<[number, number]> = [[0, 0], [0, 20], [10, 20], [10, 10], [20, 10], [20, 0]]; // clockwise
    const s = prismSurfaces('x', [l], 1, 13);
    expect(s.filter((f) => f.semantic === 'WallSurface')).toHaveLength(6);
    expect(volume(s)).toBeCloseTo(300 * 12, 6);
  });

  it('keeps a courtyard: a hole makes walls facing into it and is left out of the volume', () => {
    const outer: Array<[number, number]> = [[0, 0], [30, 0], [30, 30], [0, 30]];
    const hole: Array<[number, number]> = [[10, 10], [20, 10], [20, 20], [10, 20]]; // counter-clockwise: must be turned
    const s = prismSurfaces('x', [outer, hole], 0, 10);
    expect(volume(s)).toBeCloseTo((900 - 100) * 10, 6);
  });

  it('resolves a WGS84 footprint into RD with the height above the ground near it', async () => {
    const rd = [[85000, 447500], [85020, 447500], [85020, 447510], [85000, 447510], [85000, 447500]];
    const footprint = { type: 'Polygon' as const, coordinates: [rd.map(([x, y]) => transformPoint([x!, y!], 'EPSG:28992', 'EPSG:4326'))] };
    const input = plannedBuildingInput.parse({ footprint, height: 25, name: 'Blok' });
    const [b] = await resolveAddition(input, ctx, 'additions.0');
    expect(b!.id).toBe('proef-plan-1');
    expect(b!.footprint!.area).toBeCloseTo(200, 1);
    expect(b!.groundHeight).toBe(0.5);
    expect(b!.roofHeight.max).toBe(25.5);
    expect(b!.planned).toEqual({ scenarioId: 'proef', name: 'Blok' });
    expect(b!.extentRd![0]).toBeCloseTo(85000, 2);
    expect(volume(b!.surfaces)).toBeCloseTo(200 * 25, 0);
  });

  it('takes planned buildings from a CityJSON document, keeping their ids and heights', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../../demo/denhaag/denhaag-subset-lod2.city.json', import.meta.url), 'utf8'));
    const input = plannedBuildingInput.parse({ cityjson: doc, crs: 'EPSG:7415', name: 'Uit CityJSON' });
    const planned = await resolveAddition(input, ctx, 'additions.0');
    expect(planned).toHaveLength(4);
    expect(planned.every((p) => p.planned?.scenarioId === 'proef' && p.surfaces.length > 0 && p.footprint)).toBe(true);
    expect(planned.map((p) => p.id)).toEqual(Object.entries<any>(doc.CityObjects).filter(([, o]) => o.type === 'Building' && !o.parents).map(([id]) => id));
  });

  it('names the field of a bad addition', async () => {
    const input = plannedBuildingInput.parse({ cityjson: { type: 'CityJSON' }, crs: 'EPSG:7415' });
    await expect(resolveAddition(input, ctx, 'additions.3')).rejects.toMatchObject({ code: 'validation-failed', invalidParams: [{ name: 'additions.3.cityjson' }] });
    const selfCrossing = plannedBuildingInput.parse({ crs: 'EPSG:28992', height: 10, footprint: { type: 'Polygon', coordinates: [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]] } });
    await expect(resolveAddition(selfCrossing, ctx, 'additions.0')).rejects.toMatchObject({ code: 'validation-failed' });
  });
});
