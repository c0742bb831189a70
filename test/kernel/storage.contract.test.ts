import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { numberPlaceholders } from '../../src/kernel/storage/postgres.js';
import { STORES } from '../support/stores.js';

const TABLE = { id: 'test/001-things', sqlite: 'CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER NOT NULL, flag BOOLEAN)', postgres: 'CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER NOT NULL, flag BOOLEAN)' };

for (const kind of STORES) {
  describe(`storage port contract: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      expect(await migrate(store, [TABLE])).toEqual(['test/001-things']);
    });
    afterAll(async () => dispose());

    it('applies each migration once', async () => {
      expect(await migrate(store, [TABLE])).toEqual([]);
      const rows = await store.all<{ id: string }>('SELECT id FROM schema_migrations');
      expect(rows.map((r) => r.id)).toContain('test/001-things');
    });

    it('rejects malformed and duplicate migration ids before touching the store', async () => {
      await expect(migrate(store, [{ ...TABLE, id: 'nonsense' }])).rejects.toThrow(/not <capability>/);
      await expect(migrate(store, [TABLE, TABLE])).rejects.toThrow(/twice/);
    });

    it('runs parameterised statements with ? placeholders, booleans included', async () => {
      await store.run('INSERT INTO things (id, n, flag) VALUES (?, ?, ?)', ['a', 1, true]);
      const row = await store.one<{ id: string; n: number }>('SELECT id, n FROM things WHERE id = ?', ['a']);
      expect(row).toEqual({ id: 'a', n: 1 });
      expect(await store.one('SELECT id FROM things WHERE id = ?', ['missing'])).toBeUndefined();
      expect((await store.run('UPDATE things SET n = n + 1 WHERE id = ?', ['a'])).changes).toBe(1);
    });

    it('commits a transaction as a whole', async () => {
      await store.transaction(async (tx) => {
        await tx.run('INSERT INTO things (id, n) VALUES (?, ?)', ['t1', 1]);
        await tx.run('INSERT INTO things (id, n) VALUES (?, ?)', ['t2', 2]);
      });
      expect(await store.all('SELECT id FROM things WHERE id IN (?, ?) ORDER BY id', ['t1', 't2'])).toHaveLength(2);
    });

    it('rolls back everything when the work throws', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.run('INSERT INTO things (id, n) VALUES (?, ?)', ['r1', 1]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.one('SELECT id FROM things WHERE id = ?', ['r1'])).toBeUndefined();
    });

    it('rolls back when a statement fails halfway', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.run('INSERT INTO things (id, n) VALUES (?, ?)', ['h1', 1]);
          await tx.run('INSERT INTO things (id, n) VALUES (?, ?)', ['h1', 2]);
        }),
      ).rejects.toThrow();
      expect(await store.one('SELECT id FROM things WHERE id = ?', ['h1'])).toBeUndefined();
    });

    it('keeps work outside a transaction out of it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = store.transaction(async (t) => {
        await t.run('INSERT INTO things (id, n) VALUES (?, ?)', ['iso-tx', 1]);
        await gate;
        throw new Error('abort');
      });
      // This write starts while the transaction is open; it must survive the rollback.
      const outside = store.run('INSERT INTO things (id, n) VALUES (?, ?)', ['iso-out', 1]);
      setTimeout(release, 20);
      await expect(tx).rejects.toThrow('abort');
      await outside;
      expect(await store.one('SELECT id FROM things WHERE id = ?', ['iso-out'])).toEqual({ id: 'iso-out' });
      expect(await store.one('SELECT id FROM things WHERE id = ?', ['iso-tx'])).toBeUndefined();
    });

    it('inserts many rows in one call, with an ON CONFLICT clause', async () => {
      const rows = Array.from({ length: 25_000 }, (_, i) => [`bulk-${i}`, i] as const);
      await store.insertMany('things', ['id', 'n'], rows);
      await store.insertMany('things', ['id', 'n'], [['bulk-1', 99]], 'ON CONFLICT (id) DO UPDATE SET n = excluded.n');
      const count = await store.one<{ c: number }>("SELECT COUNT(*) AS c FROM things WHERE id LIKE 'bulk-%'");
      expect(Number(count!.c)).toBe(25_000);
      expect(await store.one('SELECT n FROM things WHERE id = ?', ['bulk-1'])).toEqual({ n: 99 });
    });

    it.runIf(kind.name === 'postgres')('costs random page reads as on SSD on every pooled connection, unless the operator chose otherwise', async () => {
      // Several connections at once, so more than the first one of the pool is checked.
      const seen = await Promise.all(
        Array.from({ length: 3 }, () =>
          store.transaction((tx) => tx.one<{ v: string; server: string }>("SELECT current_setting('random_page_cost') AS v, (SELECT reset_val FROM pg_settings WHERE name = 'random_page_cost') AS server")),
        ),
      );
      for (const row of seen) expect(row!.v).toBe(row!.server === '4' ? '1.1' : row!.server);
    });
  });
}

describe('PostgreSQL placeholder numbering', () => {
  it('numbers ? outside quotes and keeps ?? as the jsonb operator', () => {
    expect(numberPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?' AND c ?? 'k' AND d = ?")).toBe(
      "SELECT * FROM t WHERE a = $1 AND b = '?' AND c ? 'k' AND d = $2",
    );
  });
});
