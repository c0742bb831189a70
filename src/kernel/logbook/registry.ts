import type { AppContext } from '../capability.js';
import { Logbook } from './logbook.js';

const logbooks = new WeakMap<object, Logbook>();

/** One processing log per running platform (keyed by its context), over the platform's store. */
export function logbookFor(ctx: AppContext): Logbook {
  let l = logbooks.get(ctx);
  if (!l) logbooks.set(ctx, (l = new Logbook(ctx.store)));
  return l;
}
