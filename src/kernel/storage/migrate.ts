import type { Migration, Store } from './port.js';

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)`;

/** Applies the migrations not yet in the ledger, each in its own transaction, in the order given. */
export async function migrate(store: Store, migrations: readonly Migration[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (!/^[a-z0-9-]+\/\d{3}-[a-z0-9-]+$/.test(m.id)) throw new Error(`Migration id '${m.id}' is not <capability>/<nnn>-<name>`);
    if (ids.has(m.id)) throw new Error(`Migration '${m.id}' is listed twice`);
    ids.add(m.id);
  }
  await store.exec(LEDGER);
  const done = new Set((await store.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await store.transaction(async (tx) => {
      await tx.exec(store.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, new Date().toISOString()]);
    });
    applied.push(m.id);
  }
  return applied;
}
