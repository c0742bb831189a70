import type { AppContext } from '../capability.js';
import { JobRegistry } from './registry.js';

export { JOB_MIGRATIONS } from './migrations.js';
export { JobRegistry, type Artifact, type Job, type JobOptions, type ProgressFn } from './registry.js';

const registries = new WeakMap<object, JobRegistry>();

/** One registry per running platform (keyed by its context), over the platform's store. */
export function jobsFor(ctx: AppContext): JobRegistry {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = new JobRegistry(ctx.store, ctx.log)));
  return r;
}
