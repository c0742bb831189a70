import type { Capability } from '../kernel/capability.js';
import { governanceCredentials } from './credentials.js';
import { seedGovernanceDemo } from './demo.js';
import { governanceMigrations } from './migrations.js';
import { governanceRoutes } from './routes.js';

export { newestSlowHashes } from './store.js';
export { idSchema, MANDATE_KINDS, ORGANISATION_KINDS, type Mandate, type MandateLink, type Organisation } from './model.js';
export { createMandate, createOrganisation, issueKey, mandateChain, missingRef, requireMandates, slugify, updateMandate, updateOrganisation } from './service.js';
export { allMandates, getMandate, getMandates, getOrganisation, listOrganisations } from './store.js';

export const governance: Capability = {
  name: 'governance',
  tag: { name: 'governance', description: 'Organisations, their API keys, and mandates: the decisions and agreements everything rests on' },
  migrations: governanceMigrations,
  routes: governanceRoutes,
  seedDemo: seedGovernanceDemo,
  credentials: (ctx) => governanceCredentials(ctx.store),
};
