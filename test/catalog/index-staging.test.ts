import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogMigrations } from '../../src/catalog/migrations.js';
import { createDataset, deleteDataset, replaceDataset } from '../../src/catalog/service.js';
import { CatalogStore } from '../../src/catalog/store/catalog-store.js';
import { catalogStore, type SearchQuery } from '../../src/catalog/store/index.js';
import { postgresCatalog } from '../../src/catalog/store/postgres.js';
import { sqliteCatalog } from '../../src/catalog/store/sqlite.js';
import { createOrganisation } from '../../src/governance/index.js';
import { governanceMigrations } from '../../src/governance/migrations.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Queryable, Store } from '../../src/kernel/storage/port.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { STORES } from '../support/stores.js';

const BASE = 'http://localhost:8080';
const FULL_READ = /FROM datasets ORDER BY rid/;

/** `db` with every SQL text it is asked to read recorded. */
function recording(db: Store): { db: Queryable; reads: string[] } {
  const reads: string[] = [];
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'all' || prop === 'one') {
        return (sql: string, params?: unknown[]) => {
          reads.push(sql);
          return (target[prop] as (s: string, p?: unknown[]) => Promise<unknown>).call(target, sql, params);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: proxy as Queryable, reads };
}

for (const kind of STORES) {
  describe(`catalog facet index after writes: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const queries: Array<Partial<SearchQuery>> = [
      {},
      { sort: 'title' },
      { sort: '-modified', limit: 2, offset: 1 },
      { filters: { theme: ['ENVI'] } },
      { filters: { theme: ['TRAN', 'ECON'], license: ['CC0-1.0'] }, sort: '-title' },
    ];
    const full = (q: Partial<SearchQuery>): SearchQuery => ({ filters: {}, sort: 'modified', limit: 50, offset: 0, facets: true, ...q });
    /** What the platform's store answers, next to a store that has never seen an index (rebuilds from the database). */
    const compare = async () => {
      const fresh = new CatalogStore(kind.name === 'postgres' ? postgresCatalog : sqliteCatalog);
      for (const q of queries) {
        const [a, b] = [await catalogStore(store).search(store, full(q)), await fresh.search(store, full(q))];
        expect({ ids: a.items.map((d) => d.id), total: a.total, facets: a.facets }).toEqual({ ids: b.items.map((d) => d.id), total: b.total, facets: b.facets });
      }
    };

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, [...governanceMigrations, ...catalogMigrations]);
      await store.transaction(async (tx) => {
        await createOrganisation(tx, { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' });
        for (const [i, theme] of (['TRAN', 'ENVI', 'ECON', 'TRAN'] as const).entries()) {
          await createDataset(tx, datasetFixture({ id: `ds-${i}`, title: { nl: `Dataset ${'dcba'[i]}` }, themes: [theme] }), BASE);
        }
      });
    });
    afterAll(async () => dispose?.());

    it('derives the next index from a single write instead of reading every dataset again', async () => {
      await compare();
      await store.transaction((tx) => createDataset(tx, datasetFixture({ id: 'nieuw', title: { nl: 'Aaa nieuw' }, themes: ['ENVI'], distributions: [{ accessUrl: 'https://example.org/x', format: 'CSV', license: 'CC0-1.0' }] }), BASE));
      const { db, reads } = recording(store);
      const result = await catalogStore(store).search(db, full({ sort: 'title' }));
      expect(result.items.map((d) => d.id)[0]).toBe('nieuw');
      expect(reads.filter((r) => FULL_READ.test(r))).toEqual([]);
      await compare();
    });

    it('stays right through replace and delete', async () => {
      await store.transaction((tx) => replaceDataset(tx, 'ds-0', datasetFixture({ title: { nl: 'Zzz vervangen' }, themes: ['ECON'] }), BASE));
      await compare();
      await store.transaction((tx) => deleteDataset(tx, 'ds-1'));
      await compare();
      const { db, reads } = recording(store);
      expect((await catalogStore(store).search(db, full({}))).total).toBe(4);
      expect(reads.filter((r) => FULL_READ.test(r))).toEqual([]);
    });

    it('never shows a write that was rolled back', async () => {
      const before = await catalogStore(store).search(store, full({}));
      await expect(
        store.transaction(async (tx) => {
          await createDataset(tx, datasetFixture({ id: 'teruggedraaid', themes: ['HEAL'] }), BASE);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const after = await catalogStore(store).search(store, full({}));
      expect(after.total).toBe(before.total);
      expect(after.facets).toEqual(before.facets);
      await compare();
    });
  });
}
