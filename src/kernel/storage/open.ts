import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './port.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';

/** PostgreSQL when a database URL is configured, else the embedded store in the data directory. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl);
  return SqliteStore.open(join(config.dataDir, 'thorbecke.sqlite'));
}
