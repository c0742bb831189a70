import type { Capability } from '../kernel/capability.js';
import { seedCatalogDemo } from './demo.js';
import { catalogExportCommand, catalogImportCommand } from './cli.js';
import { catalogMigrations } from './migrations.js';
import { catalogRoutes } from './routes.js';

export type { Dataset, DatasetInput } from './model.js';
export { createDataset, replaceDataset } from './service.js';
export { catalogStore, type DatasetRef } from './store/index.js';

export const catalog: Capability = {
  name: 'catalog',
  tag: { name: 'catalog', description: 'The data register: datasets and distributions described with DCAT-AP-NL 3.0' },
  migrations: catalogMigrations,
  routes: catalogRoutes,
  seedDemo: seedCatalogDemo,
  commands: [catalogImportCommand, catalogExportCommand],
};
