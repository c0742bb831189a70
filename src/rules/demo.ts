import { existsSync, readFileSync } from 'node:fs';
import type { AppContext } from '../kernel/capability.js';
import { activitiesFor } from './check/activities.js';
import { parseImro } from './imro/index.js';
import { importPlan } from './service.js';
import { rulesStore } from './store/index.js';
import { repoPath } from '../kernel/paths.js';

export const GOES_PLAN_FILE = 'goes/bestemmingsplan-stationsplein-zuidoost.imro2012.gml';
export const GOES_PLAN_ID = 'NL.IMRO.0664.BPBS02-VG99';

function demoFile(rel: string): string | undefined {
  const path = repoPath('demo', rel);
  return existsSync(path) ? path : undefined;
}

/** Imports the Goes plan when it is not there yet and compiles the STTR files (so a broken one shows at start). */
export async function seedRulesDemo(ctx: AppContext): Promise<void> {
  if (!(await rulesStore(ctx.store).getPlan(ctx.store, GOES_PLAN_ID))) {
    const file = demoFile(GOES_PLAN_FILE);
    if (!file) ctx.log.warn({ file: GOES_PLAN_FILE }, 'demo plan file is missing; the rules demo has no plan');
    else await importPlan(ctx, parseImro(readFileSync(file, 'utf8')));
  }
  activitiesFor(ctx);
}
