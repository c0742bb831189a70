import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogMigrations } from '../../src/catalog/migrations.js';
import { createDataset, deleteDataset, replaceDataset } from '../../src/catalog/service.js';
import { catalogStore, type SearchQuery } from '../../src/catalog/store/index.js';
import { createMandate, createOrganisation } from '../../src/governance/index.js';
import { governanceMigrations } from '../../src/governance/migrations.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { STORES } from '../support/stores.js';

const BASE = 'http://localhost:8080';
const query = (q: Partial<SearchQuery> = {}): SearchQuery => ({ filters: {}, sort: 'relevance', limit: 50, offset: 0, facets: true, ...q });

for (const kind of STORES) {
  describe(`catalog store contract: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const search = (q: Partial<SearchQuery>) => catalogStore(store).search(store, query(q));
    const ids = async (q: Partial<SearchQuery>) => (await search(q)).items.map((d) => d.id).sort();

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, [...governanceMigrations, ...catalogMigrations]);
      await store.transaction(async (tx) => {
        await createOrganisation(tx, { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' });
        await createOrganisation(tx, { id: 'provincie-test', name: 'Provincie Test', kind: 'provincie' });
        await createMandate(tx, { id: 'raad-1', kind: 'raadsbesluit', title: 'Besluit', ownerId: 'gemeente-test', decidedBy: { name: 'Raad', elected: true } });
        await createDataset(tx, datasetFixture({ id: 'parkeren', spatial: { bbox: [4.35, 52.0, 4.37, 52.02] }, mandateIds: ['raad-1'] }), BASE);
        await createDataset(
          tx,
          datasetFixture({
            id: 'luchtkwaliteit',
            title: { nl: 'Luchtkwaliteit Amsterdam', en: 'Air quality' },
            description: { nl: 'Fijnstof en stikstofdioxide per uur.' },
            themes: ['ENVI', 'HEAL'],
            keywords: ['café', 'meetnet'],
            spatial: { bbox: [4.73, 52.27, 5.07, 52.43] },
            distributions: [{ accessUrl: 'https://example.org/a.json', format: 'JSON', license: 'CC0-1.0' }],
          }),
          BASE,
        );
        await createDataset(
          tx,
          datasetFixture({
            id: 'camera-parkeren',
            title: { nl: 'Kentekenherkenning parkeergarage' },
            publisherId: 'provincie-test',
            personalData: 'pseudonymised',
            legalBasis: 'AVG art. 6 lid 1 sub e',
            themes: ['TRAN', 'JUST'],
          }),
          BASE,
        );
      });
    });
    afterAll(async () => dispose());

    it('finds by text with prefix matching, ignoring diacritics and case', async () => {
      expect(await ids({ q: 'parkeer' })).toEqual(['camera-parkeren', 'parkeren']);
      expect(await ids({ q: 'CAFE' })).toEqual(['luchtkwaliteit']);
      expect(await ids({ q: 'air quality' })).toEqual(['luchtkwaliteit']);
      expect(await ids({ q: 'parkeer amsterdam' })).toEqual([]);
    });

    it('treats search syntax in the text as plain words', async () => {
      expect(await ids({ q: 'parkeer" *' })).toEqual(['camera-parkeren', 'parkeren']);
      expect(await ids({ q: '!!! )( :*' })).toEqual([]);
    });

    it('ranks title hits before description hits', async () => {
      const res = await search({ q: 'parkeergarage' });
      expect(res.items[0]?.id).toBe('camera-parkeren');
    });

    it('filters by facets: OR within a facet, AND across facets', async () => {
      expect(await ids({ filters: { theme: ['ENVI', 'JUST'] } })).toEqual(['camera-parkeren', 'luchtkwaliteit']);
      expect(await ids({ filters: { theme: ['TRAN'], publisher: ['gemeente-test'] } })).toEqual(['parkeren']);
      expect(await ids({ filters: { personalData: ['pseudonymised'] } })).toEqual(['camera-parkeren']);
      expect(await ids({ filters: { license: ['CC0-1.0'] } })).toEqual(['luchtkwaliteit']);
      expect(await ids({ filters: { mandate: ['raad-1'] } })).toEqual(['parkeren']);
    });

    it('filters by bounding box intersection', async () => {
      expect(await ids({ bbox: [4.3, 51.9, 4.4, 52.1] })).toEqual(['parkeren']);
      expect(await ids({ bbox: [4.0, 51.0, 6.0, 53.0] })).toEqual(['luchtkwaliteit', 'parkeren']);
      expect(await ids({ bbox: [0, 0, 1, 1] })).toEqual([]);
    });

    it('counts facets over the whole result, cached and filtered alike', async () => {
      const all = await search({});
      expect(all.total).toBe(3);
      expect(all.facets.theme).toContainEqual({ value: 'TRAN', count: 2 });
      expect(all.facets.publisher).toContainEqual({ value: 'gemeente-test', count: 2 });
      const filtered = await search({ q: 'parkeer' });
      expect(filtered.total).toBe(2);
      expect(filtered.facets.theme).toContainEqual({ value: 'TRAN', count: 2 });
      expect(filtered.facets.theme).toContainEqual({ value: 'JUST', count: 1 });
      expect(filtered.facets.theme?.find((f) => f.value === 'ENVI')).toBeUndefined();
      expect(all.facets).not.toHaveProperty('mandate');
    });

    it('sorts and pages', async () => {
      const byTitle = (await search({ sort: 'title' })).items.map((d) => d.id);
      expect(byTitle).toEqual(['camera-parkeren', 'luchtkwaliteit', 'parkeren']);
      const page2 = await search({ sort: 'title', limit: 1, offset: 1 });
      expect(page2.items.map((d) => d.id)).toEqual(['luchtkwaliteit']);
      expect(page2.total).toBe(3);
    });

    it('keeps indexes and facet totals right through update and delete', async () => {
      await store.transaction((tx) =>
        replaceDataset(tx, 'parkeren', datasetFixture({ title: { nl: 'Fietsenstallingen' }, description: { nl: 'Stallingen bij het station.' }, themes: ['ECON'], spatial: { bbox: [5, 52, 5.1, 52.1] } }), BASE),
      );
      expect(await ids({ q: 'fietsenstalling' })).toEqual(['parkeren']);
      expect(await ids({ q: 'parkeergarages' })).toEqual(['camera-parkeren']);
      expect(await ids({ bbox: [4.3, 51.9, 4.4, 52.1] })).toEqual([]);
      let all = await search({});
      expect(all.facets.theme).toContainEqual({ value: 'TRAN', count: 1 });
      expect(all.facets.theme).toContainEqual({ value: 'ECON', count: 1 });
      await store.transaction((tx) => deleteDataset(tx, 'parkeren'));
      all = await search({});
      expect(all.total).toBe(2);
      expect(all.facets.theme?.find((f) => f.value === 'ECON')).toBeUndefined();
      expect(await ids({ q: 'fietsenstalling' })).toEqual([]);
    });

    it('rejects references to things that do not exist, writing nothing', async () => {
      await expect(store.transaction((tx) => createDataset(tx, datasetFixture({ id: 'x1', publisherId: 'nobody' }), BASE))).rejects.toMatchObject({
        code: 'referenced-resource-missing',
      });
      await expect(store.transaction((tx) => createDataset(tx, datasetFixture({ id: 'x2', mandateIds: ['nope'] }), BASE))).rejects.toMatchObject({
        invalidParams: [{ name: 'mandateIds.0' }],
      });
      expect(await catalogStore(store).get(store, 'x1')).toBeUndefined();
      expect(await catalogStore(store).get(store, 'x2')).toBeUndefined();
    });

    it('iterates every dataset in batches', async () => {
      const seen: string[] = [];
      for await (const batch of catalogStore(store).iterate(store, 1)) seen.push(...batch.map((d) => d.id));
      expect(seen.sort(), JSON.stringify(seen)).toEqual(['camera-parkeren', 'luchtkwaliteit']);
    });
  });
}
