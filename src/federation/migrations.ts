import type { Migration } from '../kernel/storage/port.js';

/** The directory of peers and the contracts; documents as JSON beside the columns queries filter on. */
const tables = (text: string) => `
  CREATE TABLE federation_peers (
    organisation_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    doc ${text} NOT NULL
  );
  CREATE TABLE federation_contracts (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL,
    consumer_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'revoked')),
    valid_until TEXT NOT NULL,
    doc ${text} NOT NULL
  );
  CREATE INDEX federation_contracts_provider ON federation_contracts (provider_id);
  CREATE INDEX federation_contracts_consumer ON federation_contracts (consumer_id);`;

export const federationMigrations: readonly Migration[] = [{ id: 'federation/001-directory', sqlite: tables('TEXT'), postgres: tables('TEXT') }];
