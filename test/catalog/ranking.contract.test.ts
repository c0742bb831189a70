import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDatasets } from '../../src/catalog/import.js';
import { catalogMigrations } from '../../src/catalog/migrations.js';
import type { DatasetInput } from '../../src/catalog/model.js';
import { catalogStore, type SearchQuery } from '../../src/catalog/store/index.js';
import { createOrganisation } from '../../src/governance/index.js';
import { governanceMigrations } from '../../src/governance/migrations.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { STORES } from '../support/stores.js';

const BASE = 'http://localhost:8080';
const query = (q: Partial<SearchQuery>): SearchQuery => ({ filters: {}, sort: 'relevance', limit: 20, offset: 0, facets: false, ...q });

/** A dataset whose title and description are given; `day` sets its modification date (later = newer). */
const dataset = (id: string, title: string, description: string, day: number, themes: DatasetInput['themes'] = ['TRAN']): DatasetInput =>
  datasetFixture({
    id,
    title: { nl: title },
    description: { nl: description },
    keywords: [],
    themes,
    modified: new Date(Date.UTC(2015, 0, 1 + day)).toISOString().slice(0, 10),
  });

/**
 * What relevance promises on every engine: title and keyword hits rank above description-only
 * hits, however many newer description hits there are, and pages of a ranking join up.
 */
const DATASETS: DatasetInput[] = [
  // The only title hit for "stadsbomen", written and modified before 260 description-only hits (one in ten on the same theme).
  dataset('titel-stadsbomen', 'Stadsbomen overzicht', 'Een lijst van de gemeente.', 0, ['ENVI']),
  ...Array.from({ length: 260 }, (_, i) => dataset(`beschrijving-stadsbomen-${i}`, `Register ${i}`, 'Over stadsbomen in de wijk.', 100 + i, i % 10 === 0 ? ['ENVI'] : ['TRAN'])),
  // Both terms in the title rank above one term in the title and one in the description, even when older.
  dataset('twee-in-titel', 'Bomen kaart', 'Gegevens van de gemeente.', 1),
  dataset('een-in-titel', 'Bomen overzicht', 'Gegevens op de kaart.', 500),
  // 300 hits for "meetnet", every third in the title.
  ...Array.from({ length: 300 }, (_, i) =>
    i % 3 === 0 ? dataset(`meetnet-titel-${i}`, `Meetnet punt ${i}`, 'Gegevens van de gemeente.', 1000 + i) : dataset(`meetnet-tekst-${i}`, `Punt ${i}`, 'Gegevens van het meetnet.', 1000 + i),
  ),
];

for (const kind of STORES) {
  describe(`catalog relevance ranking: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const search = (q: Partial<SearchQuery>) => catalogStore(store).search(store, query(q));

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, [...governanceMigrations, ...catalogMigrations]);
      await createOrganisation(store, { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' });
      const report = await importDatasets(store, DATASETS.map((input) => ({ identifier: `urn:test:${input.id}`, input: input as Record<string, unknown> })), { baseUrl: BASE });
      expect(report.rejected).toEqual([]);
    });
    afterAll(async () => dispose());

    it('ranks an old title hit above many newer description-only hits', async () => {
      const res = await search({ q: 'stadsbomen', limit: 5 });
      expect(res.total).toBe(261);
      expect(res.items[0]?.id).toBe('titel-stadsbomen');
      expect(res.items.slice(1).every((d) => d.id.startsWith('beschrijving-stadsbomen-'))).toBe(true);
    });

    it('ranks more terms in the title above fewer', async () => {
      const res = await search({ q: 'bomen kaart' });
      expect(res.items.map((d) => d.id)).toEqual(['twee-in-titel', 'een-in-titel']);
    });

    it('pages through a ranking without gaps or repeats, title hits first', async () => {
      const all = (await search({ q: 'meetnet', limit: 400 })).items.map((d) => d.id);
      expect(all).toHaveLength(300);
      expect(new Set(all).size).toBe(300);
      const firstText = all.findIndex((id) => id.startsWith('meetnet-tekst-'));
      expect(firstText).toBe(100);
      expect(all.slice(0, 100).every((id) => id.startsWith('meetnet-titel-'))).toBe(true);
      const paged: string[] = [];
      for (let offset = 0; offset < 300; offset += 10) paged.push(...(await search({ q: 'meetnet', limit: 10, offset })).items.map((d) => d.id));
      expect(paged).toEqual(all);
    });

    it('ranks within the result that facet filters leave', async () => {
      const envi = await search({ q: 'stadsbomen', limit: 3, filters: { theme: ['ENVI'] } });
      expect(envi.total).toBe(27);
      expect(envi.items.map((d) => d.id)).toEqual(['titel-stadsbomen', 'beschrijving-stadsbomen-250', 'beschrijving-stadsbomen-240']);
      const tran = await search({ q: 'stadsbomen', limit: 3, filters: { theme: ['TRAN'] } });
      expect(tran.total).toBe(234);
      expect(tran.items.every((d) => d.id.startsWith('beschrijving-stadsbomen-'))).toBe(true);
      expect(await search({ q: 'stadsbomen', filters: { theme: ['JUST'] } })).toMatchObject({ total: 0, items: [] });
    });
  });
}
