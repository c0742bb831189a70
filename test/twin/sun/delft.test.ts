import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../../src/kernel/paths.js';
import { toSunBuildings } from '../../../src/twin/analysis/sun-input.js';
import { importCityJson } from '../../../src/twin/cityjson/index.js';
import { fromBuildingRecord } from '../../../src/twin/service.js';
import { packPrisms } from '../../../src/twin/sun/geometry.js';
import { closeSunWorkers, sunHoursFromSteps } from '../../../src/twin/sun/sun-hours-map.js';
import { sunTrack } from '../../../src/twin/sun/sun-track.js';
import type { Building, GridSpec } from '../../../src/twin/sun/types.js';
import { referenceGridShadow } from './reference.js';

const delft = { latitude: 52.011, longitude: 4.36 };

describe('sun hours on the real Delft district against the brute-force reference', () => {
  afterAll(closeSunWorkers);

  it('agrees on >= 99.5% of (cell, time) samples and gives every cell the same hours', async () => {
    const imported = await importCityJson(readFileSync(repoPath('demo', 'delft', 'buildings-lod1-2016.city.json')));
    const buildings: Building[] = toSunBuildings(imported.buildings.map((b) => fromBuildingRecord(b, imported.crs.epsg)));
    expect(buildings.length).toBeGreaterThan(150);
    // A 120 m x 120 m window in the middle of the district at 2 m cells, on the lowest ground.
    const xs = buildings.flatMap((b) => ('parts' in b ? b.parts : [b]).flatMap((p) => p.footprint[0]!.map((q) => q[0])));
    const ys = buildings.flatMap((b) => ('parts' in b ? b.parts : [b]).flatMap((p) => p.footprint[0]!.map((q) => q[1])));
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const ground = Math.min(...buildings.map((b) => ('parts' in b ? b.parts[0]!.groundZ : b.groundZ)));
    const grid: GridSpec = { originX: cx - 60, originY: cy - 60, cellSize: 2, cols: 60, rows: 60, z: ground };
    const steps = [
      ...sunTrack(delft, { year: 2026, month: 3, day: 21 }, { stepMinutes: 30 }),
      ...sunTrack(delft, { year: 2026, month: 12, day: 21 }, { stepMinutes: 30 }),
    ];
    const cells = grid.cols * grid.rows;
    const ref = referenceGridShadow(buildings, grid, steps);
    const shaded = ref.reduce((a, v) => a + v, 0);
    // Not a trivial comparison: a real share of the samples is in shadow.
    expect(shaded / ref.length).toBeGreaterThan(0.2);

    // Day by day (each day's steps share one length) through the engine's public path.
    let agreeCells = 0;
    const byDay = [steps.filter((s) => s.time.getUTCMonth() === 2), steps.filter((s) => s.time.getUTCMonth() === 11)];
    const fastHours = new Float64Array(cells);
    for (const day of byDay) {
      const map = await sunHoursFromSteps(packPrisms(buildings), grid, day, 0);
      for (let i = 0; i < cells; i++) fastHours[i]! += map.hours[i]!;
    }
    for (let i = 0; i < cells; i++) {
      let sunSteps = 0;
      for (let s = 0; s < steps.length; s++) if (!ref[s * cells + i]) sunSteps++;
      if (Math.abs(fastHours[i]! - (sunSteps * 30) / 60) < 1e-6) agreeCells++;
    }
    expect(agreeCells / cells).toBeGreaterThanOrEqual(0.995);
  }, 60_000);
});
