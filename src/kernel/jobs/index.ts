import { perPlatform } from '../per-platform.js';
import { JobRegistry } from './registry.js';

export { JOB_MIGRATIONS } from './migrations.js';
export { JobRegistry, type Artifact, type Job, type JobOptions, type ProgressFn } from './registry.js';

/** One registry per running platform, over the platform's store. */
export const jobsFor = perPlatform((ctx) => new JobRegistry(ctx.store, ctx.log));
