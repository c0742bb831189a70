import type { Capability } from '../kernel/capability.js';
import { privacyMigrations } from './migrations.js';

export { normaliseIdentifier, Pseudonymiser, pseudonymiseFields, PSEUDONYM_PREFIX, type PseudonymiserOptions } from './pseudonymiser.js';

/** Privacy by design: keyed pseudonyms with rotating, destroyed keys (used by live ingest). */
export const privacy: Capability = {
  name: 'privacy',
  tag: { name: 'privacy', description: 'Pseudonymisation of identifiers at ingest' },
  migrations: privacyMigrations,
};
