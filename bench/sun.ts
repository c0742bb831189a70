import { fmt, seeded, table, timed, type BenchContext } from './lib.js';
import {
  closeSunWorkers,
  dayEvaluator,
  facadePoints,
  facadeSunStudy,
  packPrisms,
  prepareSunModel,
  solarPosition,
  sunHoursFromSteps,
  sunHoursMap,
  sunTrack,
  TNO_LIGHT,
  TNO_STRICT,
  type GridSpec,
} from '../src/twin/sun/index.js';
import { readFileSync } from 'node:fs';
import { repoPath } from '../src/kernel/paths.js';
import { toSunBuildings } from '../src/twin/analysis/sun-input.js';
import { importCityJson } from '../src/twin/cityjson/index.js';
import { fromBuildingRecord } from '../src/twin/service.js';
import type { Building } from '../src/twin/sun/index.js';
import { builtShare, generateCity } from '../test/twin/sun/city.js';
import { referenceFacadeMinutes, referenceInShadow } from '../test/twin/sun/reference.js';

/**
 * Sunlight study engine: sun-hours maps at 1 m for one day (21 June, 5-minute steps)
 * on seeded generated cities, against the brute-force reference (a ray per cell and
 * step against every building), and the TNO facade check of 1,000 points over every day
 * of the norm periods.
 */
const site = { latitude: 52.09, longitude: 5.12 }; // Utrecht
const day = { year: 2025, month: 6, day: 21 };

export default async function run(ctx: BenchContext): Promise<string> {
  const sizes = ctx.quick ? [500] : [500, 1000, 2000];
  const steps = sunTrack(site, day, { stepMinutes: 5 });
  const mapRows: (string | number)[][] = [];
  const refRows: (string | number)[][] = [];

  // One warm-up run (smallest city, both paths) starts the worker pool and lets the JIT
  // compile the kernels, as in a running server; its cold time is reported too.
  const warmCity = generateCity({ size: 500, seed: 1 });
  const warmGrid: GridSpec = { originX: 0, originY: 0, cellSize: 1, cols: 500, rows: 500, z: 0 };
  const cold = await timed(() => sunHoursMap(warmCity, warmGrid, site, day, { workers: 2 }));
  await sunHoursMap(warmCity, warmGrid, site, day, { workers: 0 });
  ctx.log(`cold first call (0.25 km², starts 2 workers) ${fmt(cold.ms)} ms`);

  for (const size of sizes) {
    const buildings = generateCity({ size, seed: 2025, groundJitter: 0.5 });
    const grid: GridSpec = { originX: 0, originY: 0, cellSize: 1, cols: size, rows: size, z: 0 };
    const threaded = await timed(() => sunHoursMap(buildings, grid, site, day, { workers: 2 }));
    const single = await timed(() => sunHoursFromSteps(packPrisms(buildings), grid, steps, 0));
    ctx.log(`map ${size} m: ${fmt(threaded.ms)} ms on 2 workers, ${fmt(single.ms)} ms in one thread`);
    const cells = size * size;
    mapRows.push([
      `${fmt(cells / 1e6, 2)} km²`,
      buildings.length,
      `${fmt(100 * builtShare(buildings, size), 0)}%`,
      fmt(cells, 0),
      steps.length,
      fmt(threaded.ms, 0),
      fmt(single.ms, 0),
      fmt(cells / (threaded.ms / 1000) / 1e6, 2),
    ]);

    if (size === sizes[0]) {
      // Reference on a random sample of cells (all steps), extrapolated to the whole grid.
      const rnd = seeded(1);
      const sample = 800;
      let equal = 0;
      const ref = await timed(() => {
        const out: number[] = [];
        for (let i = 0; i < sample; i++) {
          const c = Math.floor(rnd() * size);
          const r = Math.floor(rnd() * size);
          let shaded = 0;
          for (const s of steps) if (referenceInShadow(buildings, c + 0.5, r + 0.5, 0, s)) shaded++;
          out.push(r * size + c, shaded);
        }
        return out;
      });
      for (let i = 0; i < ref.value.length; i += 2) {
        const cell = ref.value[i]!;
        const refHours = ((steps.length - ref.value[i + 1]!) * 5) / 60;
        const got = threaded.value.hours[cell]!;
        if (Math.abs(got - refHours) < 1e-4) equal++;
      }
      const refFull = (ref.ms / sample) * cells;
      refRows.push([
        `${fmt(cells / 1e6, 2)} km² map`,
        `${fmt(refFull / 1000, 1)} s (timed on ${sample} cells × ${steps.length} steps: ${fmt(ref.ms / 1000, 1)} s, extrapolated)`,
        `${fmt(threaded.ms / 1000, 2)} s`,
        `${fmt(refFull / threaded.ms, 0)}×`,
        `${fmt((100 * equal) / sample, 2)}% of ${sample} sampled cells with identical sun hours`,
      ]);
    }
  }
  // The real district: Delft inner city (2016 LoD1, 160 buildings), its whole extent at 1 m.
  {
    const imported = await importCityJson(readFileSync(repoPath('demo', 'delft', 'buildings-lod1-2016.city.json')));
    const delft: Building[] = toSunBuildings(imported.buildings.map((b) => fromBuildingRecord(b, imported.crs.epsg)));
    const parts = delft.flatMap((b) => ('parts' in b ? b.parts : [b]));
    const xs = parts.flatMap((p) => p.footprint[0]!.map((q) => q[0]));
    const ys = parts.flatMap((p) => p.footprint[0]!.map((q) => q[1]));
    const ground = Math.min(...parts.map((p) => p.groundZ));
    const [x0, y0] = [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys))];
    const grid: GridSpec = { originX: x0, originY: y0, cellSize: 1, cols: Math.ceil(Math.max(...xs)) - x0, rows: Math.ceil(Math.max(...ys)) - y0, z: ground };
    const delftSite = { latitude: 52.011, longitude: 4.36 };
    const dSteps = sunTrack(delftSite, day, { stepMinutes: 5 });
    const fastMap = await timed(() => sunHoursMap(delft, grid, delftSite, day, { workers: 2 }));
    const rnd = seeded(5);
    const sample = 400;
    let equal = 0;
    const ref = await timed(() => {
      for (let i = 0; i < sample; i++) {
        const c = Math.floor(rnd() * grid.cols);
        const r = Math.floor(rnd() * grid.rows);
        let shaded = 0;
        for (const st of dSteps) if (referenceInShadow(delft, x0 + c + 0.5, y0 + r + 0.5, ground, st)) shaded++;
        if (Math.abs(fastMap.value.hours[r * grid.cols + c]! - ((dSteps.length - shaded) * 5) / 60) < 1e-4) equal++;
      }
    });
    const cells = grid.cols * grid.rows;
    const refFull = (ref.ms / sample) * cells;
    ctx.log(`Delft ${grid.cols}x${grid.rows} m: ${fmt(fastMap.ms)} ms`);
    mapRows.push([`Delft inner city ${grid.cols} × ${grid.rows} m`, delft.length, '—', fmt(cells, 0), dSteps.length, fmt(fastMap.ms, 0), '—', fmt(cells / (fastMap.ms / 1000) / 1e6, 2)]);
    refRows.push([
      `Delft (${fmt(cells / 1e6, 2)} km²)`,
      `${fmt(refFull / 1000, 1)} s (timed on ${sample} cells, extrapolated)`,
      `${fmt(fastMap.ms / 1000, 2)} s`,
      `${fmt(refFull / fastMap.ms, 0)}×`,
      `${fmt((100 * equal) / sample, 2)}% of ${sample} sampled cells with identical sun hours`,
    ]);
  }
  await closeSunWorkers();

  // TNO facade check: 1,000 facade points of the 1 km² city over every day of both periods.
  const city = generateCity({ size: 1000, seed: 2025, groundJitter: 0.5 });
  const model = prepareSunModel(city);
  const all = facadePoints(model.buildings, 'all', { spacing: 2 });
  const rnd = seeded(3);
  const points = Array.from({ length: 1000 }, () => all[Math.floor(rnd() * all.length)]!);
  const study = await timed(() => facadeSunStudy(model, points, site, { year: 2025, stepMinutes: 5 }));
  ctx.log(`facade study ${fmt(study.ms)} ms`);
  const passShare = (name: string): string =>
    `${fmt((100 * study.value.results.filter((r) => r.verdicts.find((v) => v.norm === name)!.pass).length) / points.length, 1)}%`;
  // Reference on a few points for the same days, extrapolated.
  const refPoints = points.slice(0, ctx.quick ? 2 : 4);
  const tracks = study.value.days.map((d) => sunTrack(site, d, { stepMinutes: 5 }));
  let facadeEqual = 0;
  const facadeRef = await timed(() => {
    refPoints.forEach((p, i) =>
      tracks.forEach((t, d) => {
        const refHours = referenceFacadeMinutes(city, p, t) / 60;
        if (Math.abs(study.value.hours[i * tracks.length + d]! - refHours) < 1e-4) facadeEqual++;
      }),
    );
  });
  const facadeRefFull = (facadeRef.ms / refPoints.length) * points.length;
  const stepCount = tracks.reduce((n, t) => n + t.length, 0);

  // SPA: full algorithm versus the per-day fast path, per timestamp.
  const n = 20000;
  const t0 = Date.UTC(2025, 5, 21);
  const full = await timed(() => {
    let z = 0;
    for (let i = 0; i < n; i++) z += solarPosition(new Date(t0 + i * 4000), site, { deltaT: 69 }).zenith;
    return z;
  });
  const ev = dayEvaluator(site, day, { deltaT: 69 });
  const fast = await timed(() => {
    let z = 0;
    for (let i = 0; i < n; i++) z += ev(new Date(t0 + i * 4000)).zenith;
    return z;
  });

  return [
    `Sun-hours map, 1 m cells, ${day.year}-06-21 in 5-minute steps (${steps.length} steps with the Sun up), seeded generated cities (street grid, 6-30 m blocks, mixed shapes). Projected-prism shadows scan-converted per step, time steps split over 2 worker threads.`,
    '',
    table(['area', 'buildings', 'built', 'cells', 'steps', '2 workers ms', '1 thread ms', 'M cells/s'], mapRows),
    '',
    `Times after one warm-up run; the cold first call (0.25 km², starting the two worker threads from TypeScript source) took ${fmt(cold.ms, 0)} ms. "2 workers" is the public sunHoursMap (sun track, packing, 2 threads); "1 thread" the same kernel in the calling thread.`,
    '',
    'Against the brute-force reference (ray from each cell centre to the Sun, exact segment–prism test against every building), same run:',
    '',
    table(['case', 'brute force', 'fast', 'speed-up', 'agreement'], refRows),
    '',
    `TNO facade check: ${points.length} facade points (window sills, 1 km² city), every day from 21 Jan to 22 Nov ${2025} (${study.value.days.length} days, ${fmt(stepCount, 0)} sun steps at 5 min), judged against ${TNO_LIGHT.name} (≥ 2 h, 19 Feb–21 Oct) and ${TNO_STRICT.name} (≥ 3 h, 21 Jan–22 Nov). No grouping of days.`,
    '',
    table(
      ['points', 'days', 'time', 'pass licht', 'pass streng', 'brute force (extrapolated)', 'speed-up', 'agreement'],
      [[
        points.length,
        study.value.days.length,
        `${fmt(study.ms / 1000, 2)} s`,
        passShare(TNO_LIGHT.name),
        passShare(TNO_STRICT.name),
        `${fmt(facadeRefFull / 1000, 0)} s (timed on ${refPoints.length} points: ${fmt(facadeRef.ms / 1000, 1)} s)`,
        `${fmt(facadeRefFull / study.ms, 0)}×`,
        `${fmt((100 * facadeEqual) / (refPoints.length * tracks.length), 2)}% of point-days identical`,
      ]],
    ),
    '',
    table(
      ['solar position', 'µs per timestamp'],
      [
        ['full NREL SPA', fmt((full.ms * 1000) / n, 2)],
        ['fast day path (geocentric part interpolated)', fmt((fast.ms * 1000) / n, 2)],
      ],
    ),
  ].join('\n');
}
