import { createHash } from 'node:crypto';
import type { Queryable } from '../../src/kernel/storage/port.js';

/** The user tables of the store (not SQLite's or PostgreSQL's own, not FTS/R*Tree shadow tables). */
async function tables(db: Queryable): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const rows = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    return rows.map((r) => r.name).filter((n) => !/_(data|idx|content|docsize|config|node|parent|rowid)$/.test(n));
  }
  const rows = await db.all<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1",
  );
  // PostGIS's own table of 8,500 coordinate systems is no data of ours.
  return rows.map((r) => r.name).filter((n) => n !== 'spatial_ref_sys');
}

/**
 * A digest of everything the store holds: every table's rows, in a stable order. Two equal
 * fingerprints mean no write happened in between — what a refused request must leave behind.
 */
export async function storeFingerprint(db: Queryable): Promise<string> {
  const hash = createHash('sha256');
  for (const table of await tables(db)) {
    const rows = await db.all(`SELECT * FROM ${table}`);
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}
