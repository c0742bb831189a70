import type { Capability } from '../kernel/capability.js';
import { twinImportCommand } from './cli.js';
import { seedTwinDemo } from './demo.js';
import { twinMigrations } from './migrations.js';
import { twinRoutes } from './routes.js';

export type { Scenario, ScenarioInput, TwinBuilding, TwinBuildingWithSurfaces } from './model.js';
export { effectiveInBbox, effectivePage, importBuildings } from './service.js';
export { buildingStore, scenarioStore } from './store/index.js';

export const twin: Capability = {
  name: 'twin',
  tag: { name: 'twin', description: '3D city model (CityJSON, GLB tiles), scenarios with planned buildings, and sunlight studies' },
  migrations: twinMigrations,
  routes: twinRoutes,
  seedDemo: seedTwinDemo,
  commands: [twinImportCommand],
};
