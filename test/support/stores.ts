import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/kernel/storage/port.js';
import { PostgresStore } from '../../src/kernel/storage/postgres.js';
import { SqliteStore } from '../../src/kernel/storage/sqlite.js';

/**
 * The stores every contract suite runs against. PostgreSQL joins when
 * THORBECKE_TEST_DATABASE_URL points at a server whose role may create databases;
 * THORBECKE_TEST_STORES=sqlite|postgres narrows the list.
 */
export interface TestStore {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store and a function that closes and removes it. */
  create(): Promise<{ store: Store; url?: string; dataDir: string; dispose(): Promise<void> }>;
}

const adminUrl = process.env.THORBECKE_TEST_DATABASE_URL;
const only = process.env.THORBECKE_TEST_STORES?.split(',').map((s) => s.trim());

export function tempDir(prefix = 'thorbecke-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const sqlite: TestStore = {
  name: 'sqlite',
  async create() {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir.path, 'thorbecke.sqlite'));
    return {
      store,
      dataDir: dir.path,
      async dispose() {
        await store.close();
        dir.remove();
      },
    };
  },
};

/** A throw-away database per suite, so suites never see each other's rows. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error('THORBECKE_TEST_DATABASE_URL is not set');
  const name = `thorbecke_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const postgres: TestStore = {
  name: 'postgres',
  async create() {
    const db = await createPgDatabase();
    const store = await PostgresStore.open(db.url, 4);
    const dir = tempDir();
    return {
      store,
      url: db.url,
      dataDir: dir.path,
      async dispose() {
        await store.close();
        await db.drop();
        dir.remove();
      },
    };
  },
};

export const STORES: TestStore[] = [sqlite, ...(adminUrl ? [postgres] : [])].filter((s) => !only || only.includes(s.name));
