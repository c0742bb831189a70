import type { Migration } from '../kernel/storage/port.js';

export const privacyMigrations: Migration[] = [
  {
    id: 'privacy/001-pseudonym-keys',
    sqlite: 'CREATE TABLE privacy_keys (period INTEGER NOT NULL, scope TEXT NOT NULL, key BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (scope, period))',
    postgres: 'CREATE TABLE privacy_keys (period BIGINT NOT NULL, scope TEXT NOT NULL, key BYTEA NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (scope, period))',
  },
];
