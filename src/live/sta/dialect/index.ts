import type { Queryable, Store } from '../../../kernel/storage/port.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';
import type { StaDialect } from './types.js';

/** The dialect for a store; prepares the store once (SQLite: registers the geometry functions). */
export function dialectFor(store: Store | Queryable): StaDialect {
  const d = store.dialect === 'postgres' ? postgresDialect : sqliteDialect;
  if ('transaction' in store) d.prepare(store as Store);
  return d;
}

export type { StaDialect };
