import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogMigrations } from '../../src/catalog/migrations.js';
import { createDataset, replaceDataset } from '../../src/catalog/service.js';
import { catalogStore, type SearchQuery } from '../../src/catalog/store/index.js';
import { createOrganisation } from '../../src/governance/index.js';
import { governanceMigrations } from '../../src/governance/migrations.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { STORES } from '../support/stores.js';

type Box = [number, number, number, number];
const BASE = 'http://localhost:8080';
const query = (bbox: Box): SearchQuery => ({ filters: {}, bbox, sort: 'title', limit: 1000, offset: 0, facets: false });
const intersects = (a: Box, b: Box) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
/** The nearest double above / below: a step no float32 can tell apart. */
const up = (x: number) => x + Math.abs(x) * Number.EPSILON;
const down = (x: number) => x - Math.abs(x) * Number.EPSILON;
const float32 = (x: number) => Math.fround(x);

/** Extents whose coordinates change when rounded to float32. */
const EXTENTS: Record<string, Box> = {
  binnenstad: [4.353112345678901, 52.00472222222222, 4.365609876543211, 52.01517777777778],
  smal: [4.3, 52.00000001, 4.300000000000001, 52.00000003],
  west: [-0.1234567890123, -45.000000012345, -0.1234567890122, -44.99999999],
};

for (const kind of STORES) {
  describe(`catalog extents are exact: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const ids = async (bbox: Box) => (await catalogStore(store).search(store, query(bbox))).items.map((d) => d.id).sort();

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, [...governanceMigrations, ...catalogMigrations]);
      await store.transaction(async (tx) => {
        await createOrganisation(tx, { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' });
        for (const [id, bbox] of Object.entries(EXTENTS)) await createDataset(tx, datasetFixture({ id, spatial: { bbox } }), BASE);
      });
    });
    afterAll(async () => dispose());

    it('uses values that float32 would change (the test means something)', () => {
      for (const box of Object.values(EXTENTS)) expect(box.map(float32)).not.toEqual(box);
    });

    it('returns each bbox exactly as given, from get and from a bbox search', async () => {
      for (const [id, bbox] of Object.entries(EXTENTS)) {
        expect((await catalogStore(store).get(store, id))?.spatial?.bbox).toEqual(bbox);
        const found = (await catalogStore(store).search(store, query(bbox))).items.find((d) => d.id === id);
        expect(found?.spatial?.bbox).toEqual(bbox);
      }
    });

    // Every edge of every extent: a query box that touches it matches, one a double beyond does not.
    const edges = Object.entries(EXTENTS).flatMap(([id, [w, s, e, n]]) => [
      { id, side: 'east of the east edge', touching: [e, s, e + 1, n] as Box, beyond: [up(e), s, e + 1, n] as Box },
      { id, side: 'west of the west edge', touching: [w - 1, s, w, n] as Box, beyond: [w - 1, s, down(w), n] as Box },
      { id, side: 'north of the north edge', touching: [w, n, e, n + 1] as Box, beyond: [w, up(n), e, n + 1] as Box },
      { id, side: 'south of the south edge', touching: [w, s - 1, e, s] as Box, beyond: [w, s - 1, e, down(s)] as Box },
    ]);
    it.each(edges)('$id: a box $side matches when it touches, not a double beyond', async ({ id, touching, beyond }) => {
      expect(await ids(touching)).toContain(id);
      expect(await ids(beyond)).not.toContain(id);
    });

    it('filters exactly as the predicate on the stored doubles (property)', async () => {
      // Query boxes built around the stored edges, nudged by a few doubles or by a float32 step.
      const all = Object.entries(EXTENTS);
      const coordinate = (pick: (b: Box) => number) =>
        fc.tuple(fc.constantFrom(...all.map(([, b]) => pick(b))), fc.integer({ min: -3, max: 3 }), fc.constantFrom(1, 2 ** 29)).map(([x, k, scale]) => x + k * Math.abs(x) * Number.EPSILON * scale);
      const box = fc
        .tuple(coordinate((b) => b[0]), coordinate((b) => b[1]), coordinate((b) => b[2]), coordinate((b) => b[3]))
        .map(([a, b, c, d]): Box => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)]);
      await fc.assert(
        fc.asyncProperty(box, async (q) => {
          expect(await ids(q)).toEqual(all.filter(([, b]) => intersects(b, q)).map(([id]) => id).sort());
        }),
        { numRuns: 150 },
      );
    });

    it('keeps the exact box through an update', async () => {
      const moved: Box = [5.100000000000001, 52.10000000000001, 5.100000000000002, 52.10000000000002];
      await store.transaction((tx) => replaceDataset(tx, 'smal', datasetFixture({ spatial: { bbox: moved } }), BASE));
      expect((await catalogStore(store).get(store, 'smal'))?.spatial?.bbox).toEqual(moved);
      expect(await ids([moved[2], moved[1], 6, moved[3]])).toContain('smal');
      expect(await ids([up(moved[2]), moved[1], 6, moved[3]])).not.toContain('smal');
      expect(await ids(EXTENTS.smal!)).not.toContain('smal');
    });
  });
}

describe('migration catalog/003 carries SQLite extents over with their exact doubles', () => {
  const sqlite = STORES.find((s) => s.name === 'sqlite');
  it.skipIf(!sqlite)('rechecks rows written before it against the document', async () => {
    const { store, dispose } = await sqlite!.create();
    try {
      const before = catalogMigrations.filter((m) => m.id < 'catalog/003');
      await migrate(store, [...governanceMigrations, ...before]);
      await store.transaction(async (tx) => createOrganisation(tx, { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' }));
      // A row as the code before the migration wrote it: the document, and the box in the R*Tree only.
      const bbox = EXTENTS.smal!;
      const doc = { ...datasetFixture({ spatial: { bbox } }), id: 'oud', identifier: 'urn:oud', creatorId: 'gemeente-test', spatial: { bbox } };
      await store.run("INSERT INTO datasets (rid, id, identifier, publisher_id, title, title_sort, modified, facet_keys) VALUES (1, 'oud', 'urn:oud', 'gemeente-test', 'Oud', 'oud', '2025-01-01', '')");
      await store.run('INSERT INTO dataset_docs (rid, doc) VALUES (1, ?)', [JSON.stringify(doc)]);
      await store.run('INSERT INTO datasets_rtree (rid, minx, maxx, miny, maxy) VALUES (1, ?, ?, ?, ?)', [bbox[0], bbox[2], bbox[1], bbox[3]]);
      await migrate(store, [...governanceMigrations, ...catalogMigrations]);
      const found = async (q: Box) => (await catalogStore(store).search(store, query(q))).items.map((d) => d.id);
      expect(await found([bbox[0], bbox[3], bbox[2], bbox[3] + 1])).toEqual(['oud']);
      expect(await found([bbox[0], up(bbox[3]), bbox[2], bbox[3] + 1])).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
