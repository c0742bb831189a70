import { parentPort } from 'node:worker_threads';
import { accumulateShadowCounts } from './raster.js';
import type { GridJob } from './grid-job.js';

// Worker side of sunHoursMap: shades its share of the time steps into a shared counter array.
parentPort?.on('message', (job: GridJob) => {
  const counts = new Uint16Array(job.counts);
  accumulateShadowCounts(job.prisms, job.grid, job.steps, job.stepIds, counts);
  parentPort?.postMessage('done');
});
