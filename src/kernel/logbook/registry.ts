import { perPlatform } from '../per-platform.js';
import { Logbook } from './logbook.js';

/** One processing log per running platform, over the platform's store. */
export const logbookFor = perPlatform((ctx) => new Logbook(ctx.store));
