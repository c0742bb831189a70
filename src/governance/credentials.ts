import type { CredentialSource } from '../kernel/auth/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import { findKey, findOrganisationByOin } from './store.js';

/** Where the platform's authentication guard looks keys and certificates up. */
export function governanceCredentials(db: Queryable): CredentialSource {
  return {
    async apiKey(hash) {
      const key = await findKey(db, hash);
      return key && { organisationId: key.organisationId, keyPrefix: key.prefix };
    },
    async organisationByOin(oin) {
      return (await findOrganisationByOin(db, oin))?.id;
    },
  };
}
