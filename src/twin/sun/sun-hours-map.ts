import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packPrisms, type PackedPrisms } from './geometry.js';
import type { GridJob } from './grid-job.js';
import { accumulateShadowCounts, insideMask } from './raster.js';
import { sunTrack } from './sun-track.js';
import type { Building, CalendarDay, GridSpec, SiteLocation, SunHoursMap, SunStep, SunTrackOptions } from './types.js';

/**
 * Sun-hours map on a ground grid: per time step every prism's shadow on the grid plane
 * is scan-converted into the grid; cells count the steps they spend in shadow, so the
 * cost follows shadow area, not grid area times steps. Time steps are dealt round-robin
 * over worker threads (long low-sun shadows cluster at both ends of the day).
 */

export interface SunHoursMapOptions extends SunTrackOptions {
  /** Worker threads; 0 computes in the calling thread. Default: available cores. */
  workers?: number;
}

export interface SunHoursMapResult extends SunHoursMap {
  /** 1 where the cell centre lies inside a building that cuts the grid plane. */
  insideBuilding: Uint8Array;
}

export const defaultGrid = (minX: number, minY: number, maxX: number, maxY: number, z: number, cellSize = 1): GridSpec => ({
  originX: minX,
  originY: minY,
  cellSize,
  cols: Math.ceil((maxX - minX) / cellSize),
  rows: Math.ceil((maxY - minY) / cellSize),
  z,
});

export async function sunHoursMap(
  buildings: readonly Building[],
  grid: GridSpec,
  site: SiteLocation,
  day: CalendarDay,
  options: SunHoursMapOptions = {},
): Promise<SunHoursMapResult> {
  const steps = sunTrack(site, day, options);
  return sunHoursFromSteps(packPrisms(buildings), grid, steps, options.workers ?? availableParallelism());
}

export async function sunHoursFromSteps(
  prisms: PackedPrisms,
  grid: GridSpec,
  steps: readonly SunStep[],
  workers: number,
): Promise<SunHoursMapResult> {
  if (steps.length > 65535) throw new RangeError('at most 65535 steps per map');
  // Cells count shaded steps, so every step must stand for the same minutes.
  if (steps.some((s) => s.minutes !== steps[0]!.minutes)) throw new RangeError('all steps of a map must have the same length');
  const cells = grid.cols * grid.rows;
  const flat = new Float64Array(steps.length * 3);
  steps.forEach((s, i) => flat.set([s.dx, s.dy, s.dz], 3 * i));
  const threads = Math.max(0, Math.min(workers, steps.length));
  let shaded: Uint16Array;
  if (threads <= 1) {
    shaded = new Uint16Array(cells);
    accumulateShadowCounts(prisms, grid, flat, steps.map((_, i) => i), shaded);
  } else {
    const buffers = Array.from({ length: threads }, () => new SharedArrayBuffer(cells * 2));
    await Promise.all(
      buffers.map((counts, w) =>
        runWorker({ prisms, grid, steps: flat, stepIds: steps.map((_, i) => i).filter((i) => i % threads === w), counts }),
      ),
    );
    shaded = new Uint16Array(buffers[0]!);
    for (let w = 1; w < threads; w++) {
      const other = new Uint16Array(buffers[w]!);
      for (let i = 0; i < cells; i++) shaded[i]! += other[i]!;
    }
  }
  const stepMinutes = steps[0]?.minutes ?? 0;
  const hours = new Float32Array(cells);
  const total = steps.length;
  for (let i = 0; i < cells; i++) hours[i] = ((total - shaded[i]!) * stepMinutes) / 60;
  return { grid, hours, sunSteps: total, stepMinutes, insideBuilding: insideMask(prisms, grid) };
}

/**
 * Built output runs grid-worker.js directly. From source (tsx, vitest) a worker cannot
 * inherit the TypeScript loader on Node 20, so a tiny bootstrap loads the .ts entry
 * through tsx's programmatic API.
 */
function spawnGridWorker(): Worker {
  const js = new URL('./grid-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./grid-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Workers are kept between calls (starting one costs ~40 ms built, ~300 ms from source)
 * and unref'd while idle so they never keep the process alive.
 */
const idle: Worker[] = [];

function runWorker(job: GridJob): Promise<void> {
  const worker = idle.pop() ?? spawnGridWorker();
  worker.ref();
  return new Promise((resolve, reject) => {
    const onMessage = (): void => {
      worker.off('error', onError);
      worker.unref();
      idle.push(worker);
      resolve();
    };
    const onError = (err: Error): void => {
      worker.off('message', onMessage);
      void worker.terminate();
      reject(err);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}

/** Terminates the idle sun-map worker threads (for tests and orderly shutdown). */
export async function closeSunWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
