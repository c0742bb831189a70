import type { Capability } from '../kernel/capability.js';
import { rulesEvalCommand, rulesImportCommand, rulesImportSttrCommand } from './cli.js';
import { seedRulesDemo } from './demo.js';
import { rulesMigrations } from './migrations.js';
import { rulesRoutes } from './routes.js';
import { checkLifetimeFor } from './check/expiry.js';

export { compileDmn, DmnError } from './dmn/index.js';
export { loadSttr } from './sttr/index.js';
export { ImroError, parseImro, type ImroPlan, type Norm, type PlanObject } from './imro/index.js';
export { checkBuilding, type BuildingCheck, type Conflict } from './check/building.js';
export { importPlan, whatAppliesAtPoint, whatAppliesInArea } from './service.js';
export { rulesStore, type PlanRecord } from './store/index.js';

export const rules: Capability = {
  name: 'rules',
  tag: {
    name: 'rules',
    description: 'What is allowed here (Omgevingswet): plan rules on the map (IMRO), the permit check (STTR / DMN) and the check of a planned building',
  },
  migrations: rulesMigrations,
  routes: rulesRoutes,
  seedDemo: seedRulesDemo,
  // Deletes anonymous permit checks 24 hours after their last answer, hourly.
  start: async (ctx) => checkLifetimeFor(ctx).startSweeping(),
  commands: [rulesImportCommand, rulesImportSttrCommand, rulesEvalCommand],
};
