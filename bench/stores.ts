import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../src/kernel/storage/port.js';
import { PostgresStore } from '../src/kernel/storage/postgres.js';
import { SqliteStore } from '../src/kernel/storage/sqlite.js';
import type { BenchContext } from './lib.js';

export interface BenchEngine {
  name: 'SQLite' | 'PostgreSQL';
  /** A fresh, empty store, and how to remove it afterwards. */
  open(): Promise<{ store: Store; url?: string; dispose(): Promise<void> }>;
}

/** The embedded store, and PostgreSQL when the run has a database URL (a throw-away database per open). */
export function benchEngines(ctx: BenchContext, label: string): BenchEngine[] {
  const list: BenchEngine[] = [
    {
      name: 'SQLite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
        const store = SqliteStore.open(join(dir, 'bench.sqlite'));
        return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
      },
    },
  ];
  const admin = ctx.databaseUrl;
  if (admin) {
    list.push({
      name: 'PostgreSQL',
      async open() {
        const name = `bench_${randomBytes(4).toString('hex')}`;
        const run = async (sql: string) => {
          const c = new pg.Client({ connectionString: admin });
          await c.connect();
          await c.query(sql);
          await c.end();
        };
        await run(`CREATE DATABASE ${name}`);
        const url = new URL(admin);
        url.pathname = `/${name}`;
        const store = await PostgresStore.open(url.toString(), 4);
        return {
          store,
          url: url.toString(),
          async dispose() {
            await store.close();
            await run(`DROP DATABASE ${name} WITH (FORCE)`);
          },
        };
      },
    });
  }
  return list;
}
