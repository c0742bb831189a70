import { afterAll, describe, expect, it } from 'vitest';
import { packPrisms } from '../../../src/twin/sun/geometry.js';
import { shadowLength, shadowPolygons } from '../../../src/twin/sun/shadow.js';
import { closeSunWorkers, sunHoursFromSteps, sunHoursMap } from '../../../src/twin/sun/sun-hours-map.js';
import { accumulateShadowCounts } from '../../../src/twin/sun/raster.js';
import { sunTrack, toSunStep } from '../../../src/twin/sun/sun-track.js';
import type { Building, GridSpec, SunStep } from '../../../src/twin/sun/types.js';
import { generateCity } from './city.js';
import { referenceGridShadow, referenceInShadow } from './reference.js';

const utrecht = { latitude: 52.09, longitude: 5.12 };
const sunAt = (azimuth: number, elevation: number): SunStep => toSunStep(new Date(0), azimuth, elevation, 0, 5);

/** Area of a simple ring (shoelace). */
const area = (ring: readonly (readonly [number, number])[]): number =>
  Math.abs(ring.reduce((a, p, i) => { const q = ring[(i + 1) % ring.length]!; return a + p[0] * q[1] - q[0] * p[1]; }, 0)) / 2;

describe('shadow of one block (hand-computable)', () => {
  const h = 20;
  const block: Building = { id: 'a', footprint: [[[0, 0], [10, 0], [10, 10], [0, 10]]], groundZ: 0, roofZ: h };

  it('has length h / tan(a) opposite the sun', () => {
    for (const a of [10, 25, 45, 60]) {
      const sun = sunAt(180, a); // sun due south: shadow runs north
      const [shadow] = shadowPolygons([block], sun, 0);
      const ys = shadow!.polygons[0]![0]!.map((p) => p[1]);
      expect(Math.max(...ys) - 10).toBeCloseTo(shadowLength(h, a), 9);
      expect(Math.max(...ys) - 10).toBeCloseTo(h / Math.tan((a * Math.PI) / 180), 9);
      expect(area(shadow!.polygons[0]![0]!)).toBeCloseTo(10 * (10 + h / Math.tan((a * Math.PI) / 180)), 6);
    }
  });

  it('puts a point just inside the shadow in shadow and one just outside in sun', () => {
    const a = 30;
    const len = h / Math.tan((a * Math.PI) / 180);
    const sun = sunAt(180, a);
    const grid: GridSpec = { originX: 4.5, originY: 10 + len - 0.5 - 0.01, cellSize: 1, cols: 1, rows: 2, z: 0 };
    // Cell centres at y = 10 + len - 0.01 (inside) and 10 + len + 0.99 (outside).
    const map = sunHoursFromSteps(packPrisms([block]), grid, [sun], 0);
    return map.then((m) => {
      expect(m.hours[0]).toBe(0);
      expect(m.hours[1]).toBeCloseTo(5 / 60, 6);
      expect(referenceInShadow([block], 5, 10 + len - 0.01, 0, sun)).toBe(true);
      expect(referenceInShadow([block], 5, 10 + len + 0.01, 0, sun)).toBe(false);
    });
  });

  it('shortens the shadow when the plane is above the block base and lifts it off the block when the block stands higher', () => {
    const sun = sunAt(180, 45);
    const raised = shadowPolygons([block], sun, 5)[0]!.polygons[0]![0]!;
    expect(Math.max(...raised.map((p) => p[1])) - 10).toBeCloseTo(15, 9);
    const onMound: Building = { ...block, groundZ: 4, roofZ: 24 };
    const lifted = shadowPolygons([onMound], sun, 0)[0]!.polygons[0]![0]!;
    expect(Math.min(...lifted.map((p) => p[1]))).toBeCloseTo(4, 9);
    expect(Math.max(...lifted.map((p) => p[1]))).toBeCloseTo(34, 9);
    expect(shadowPolygons([block], sun, 25)).toEqual([]);
  });
});

/** Share of (cell, step) pairs where the fast map and the reference agree, and the share of cells with equal hours. */
async function agreement(buildings: Building[], grid: GridSpec, steps: SunStep[]): Promise<{ pairs: number; cells: number }> {
  const pp = packPrisms(buildings);
  const cells = grid.cols * grid.rows;
  const ref = referenceGridShadow(buildings, grid, steps);
  let agree = 0;
  const counts = new Uint16Array(cells);
  for (let s = 0; s < steps.length; s++) {
    const one = new Uint16Array(cells);
    const flat = new Float64Array([steps[s]!.dx, steps[s]!.dy, steps[s]!.dz]);
    accumulateShadowCounts(pp, grid, flat, [0], one);
    for (let i = 0; i < cells; i++) {
      if ((one[i]! > 0 ? 1 : 0) === ref[s * cells + i]) agree++;
      counts[i]! += one[i]!;
    }
  }
  const map = await sunHoursFromSteps(pp, grid, steps, 0);
  let equalCells = 0;
  for (let i = 0; i < cells; i++) {
    let refShaded = 0;
    for (let s = 0; s < steps.length; s++) refShaded += ref[s * cells + i]!;
    if (refShaded === counts[i] && Math.abs(map.hours[i]! - ((steps.length - refShaded) * steps[0]!.minutes) / 60) < 1e-6) equalCells++;
  }
  return { pairs: agree / (cells * steps.length), cells: equalCells / cells };
}

describe('sun-hours map against the brute-force reference', () => {
  afterAll(closeSunWorkers);
  const cases = [
    { size: 100, seed: 1, cell: 1, jitter: 0, z: 0 },
    { size: 160, seed: 2, cell: 2, jitter: 1.5, z: 0.3 },
    { size: 240, seed: 3, cell: 3, jitter: 3, z: -0.5 },
  ];
  for (const c of cases) {
    it(`agrees on >= 99.5% of samples (city ${c.size} m, seed ${c.seed}, ground jitter ${c.jitter} m, plane z ${c.z})`, async () => {
      const buildings = generateCity({ size: c.size, seed: c.seed, groundJitter: c.jitter });
      const grid: GridSpec = { originX: 0, originY: 0, cellSize: c.cell, cols: c.size / c.cell, rows: c.size / c.cell, z: c.z };
      const steps = [
        ...sunTrack(utrecht, { year: 2025, month: 3, day: 21 }, { stepMinutes: 60 }),
        ...sunTrack(utrecht, { year: 2025, month: 6, day: 21 }, { stepMinutes: 60, minAltitude: 3 }),
      ];
      const { pairs, cells } = await agreement(buildings, grid, steps);
      expect(pairs).toBeGreaterThanOrEqual(0.995);
      expect(cells).toBeGreaterThanOrEqual(0.99);
    });
  }

  it('counts only sun above the minimum altitude (The Hague: 10 deg) and rejects mixed step lengths', async () => {
    const block: Building = { id: 'a', footprint: [[[0, 0], [10, 0], [10, 10], [0, 10]]], groundZ: 0, roofZ: 12 };
    const grid: GridSpec = { originX: -200, originY: -200, cellSize: 4, cols: 100, rows: 100, z: 0 };
    const day = { year: 2025, month: 3, day: 21 };
    const all = await sunHoursMap([block], grid, utrecht, day, { workers: 0 });
    const hague = await sunHoursMap([block], grid, utrecht, day, { workers: 0, minAltitude: 10 });
    expect(hague.sunSteps).toBeLessThan(all.sunSteps);
    // A corner cell far south-west of the block never sees its shadow above 10 deg.
    expect(hague.hours[0]).toBeCloseTo((hague.sunSteps * 5) / 60, 5);
    expect(Math.min(...hague.hours)).toBe(0);
    const steps = sunTrack(utrecht, day, { stepMinutes: 30 });
    await expect(sunHoursFromSteps(packPrisms([block]), grid, [...steps, { ...steps[0]!, minutes: 5 }], 0)).rejects.toThrow(RangeError);
  });

  it('gives the same map on worker threads as in-thread', async () => {
    const buildings = generateCity({ size: 200, seed: 9, groundJitter: 1 });
    const grid: GridSpec = { originX: 0, originY: 0, cellSize: 1, cols: 200, rows: 200, z: 0 };
    const day = { year: 2025, month: 3, day: 21 };
    const inThread = await sunHoursMap(buildings, grid, utrecht, day, { workers: 0, stepMinutes: 10 });
    const threaded = await sunHoursMap(buildings, grid, utrecht, day, { workers: 2, stepMinutes: 10 });
    expect(threaded.hours).toEqual(inThread.hours);
    expect(threaded.sunSteps).toBe(inThread.sunSteps);
    // Not a trivial map: from no sun to most of the day's sun.
    const full = (inThread.sunSteps * 10) / 60;
    const max = Math.max(...inThread.hours);
    expect(max).toBeGreaterThan(0.8 * full);
    expect(max).toBeLessThanOrEqual(full + 1e-6);
    expect(inThread.hours.filter((h) => h > 0.2 * full && h < 0.8 * full).length).toBeGreaterThan(1000);
    // Cells inside buildings are marked and get no sun.
    const inside = inThread.insideBuilding.reduce((a, b) => a + b, 0);
    expect(inside).toBeGreaterThan(0.05 * 200 * 200);
    inThread.insideBuilding.forEach((m, i) => { if (m) expect(inThread.hours[i]).toBe(0); });
  });
});
