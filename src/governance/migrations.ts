import type { Migration } from '../kernel/storage/port.js';

const tables = (json: string) => `
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  oin TEXT UNIQUE,
  kind TEXT NOT NULL,
  doc ${json} NOT NULL
);
CREATE TABLE mandates (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES organisations(id),
  based_on TEXT REFERENCES mandates(id),
  doc ${json} NOT NULL
);
CREATE INDEX mandates_owner ON mandates(owner_id);
CREATE TABLE api_keys (
  hash TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX api_keys_org ON api_keys(organisation_id);
`;

export const governanceMigrations: Migration[] = [
  { id: 'governance/001-organisations-mandates-keys', sqlite: tables('TEXT'), postgres: tables('TEXT') },
  // A salted PBKDF2-SHA512 of each new key: what an external MQTT broker's password file holds.
  { id: 'governance/002-key-slow-hash', sqlite: 'ALTER TABLE api_keys ADD COLUMN pbkdf2 TEXT;', postgres: 'ALTER TABLE api_keys ADD COLUMN pbkdf2 TEXT;' },
];
