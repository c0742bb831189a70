import type { Principal } from '../../src/kernel/auth/index.js';

/** Who engine-level tests act as: the administrator, or an organisation. */
export const ADMIN: Principal = { kind: 'admin', via: 'api-key' };
export const actingFor = (organisationId: string): Principal => ({ kind: 'organisation', organisationId, via: 'api-key' });
