import { afterEach, describe, expect, it } from 'vitest';
import { exportCatalogToString } from '../../src/catalog/dcat/export.js';
import { parseDcat } from '../../src/catalog/dcat/import.js';
import { harvestParsed, importDcat } from '../../src/catalog/harvest.js';
import type { Dataset } from '../../src/catalog/model.js';
import { catalogStore } from '../../src/catalog/store/index.js';
import { allMandates, listOrganisations, type Mandate, type Organisation } from '../../src/governance/index.js';
import { testPlatform, type TestPlatform } from '../support/platform.js';
import { STORES } from '../support/stores.js';
import { BASE_URL, CATALOG, DEMO_DATASETS, generatedDatasets, MANDATES, ORGANISATIONS } from './dcat/helpers.js';

const NOW = '2025-06-01T12:00:00Z';
/** The demo organisations with a parent, and a mandate with signatories: every field the round trip must keep. */
const ORGS = new Map<string, Organisation>([
  ...ORGANISATIONS,
  ['datalab-delft', { id: 'datalab-delft', name: 'Datalab Delft', kind: 'netwerkorganisatie', parentId: 'gemeente-delft', email: 'lab@delft.nl', example: false, createdAt: NOW, updatedAt: NOW }],
]);
const MANDATE_LIST = new Map<string, Mandate>([
  ...MANDATES,
  ['convenant-2024-data', { id: 'convenant-2024-data', kind: 'convenant', title: 'Convenant datadeling regio', date: '2024-02-01', signatories: ['gemeente-delft', 'provincie-zuid-holland'], basedOn: 'raad-2021-datastrategie', ownerId: 'datalab-delft', link: 'https://example.org/convenant', example: false, createdAt: NOW, updatedAt: NOW }],
]);
const withConvenant = (ds: Dataset[]): Dataset[] => ds.map((d, i) => (i === 2 ? { ...d, publisherId: 'datalab-delft', creatorId: 'datalab-delft', mandateIds: ['convenant-2024-data'] } : d));
const exported = (datasets: Dataset[]) => exportCatalogToString({ catalog: CATALOG, datasets, organisations: ORGS, mandates: MANDATE_LIST, baseUrl: BASE_URL }, 'turtle');

const stamps = <T extends { createdAt: string; updatedAt: string }>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;
async function organisations(p: TestPlatform) {
  return (await listOrganisations(p.ctx.store, 1000, 0)).items.map(stamps).sort((a, b) => a.id.localeCompare(b.id));
}

for (const kind of STORES) {
  describe(`harvest into a platform: ${kind.name}`, () => {
    let p: TestPlatform | undefined;
    afterEach(async () => p?.close());

    it.each([
      ['the hand-built catalogue', withConvenant(DEMO_DATASETS)],
      ['a generated catalogue', withConvenant(generatedDatasets(80, 21))],
    ])('%s: export then import into an empty platform keeps organisations, mandates and datasets', async (_, datasets) => {
      p = await testPlatform(kind.name);
      const report = await importDcat(p.ctx, await exported(datasets), 'turtle', { principal: { kind: 'admin' } });
      expect(report.rejected).toEqual([]);
      expect(report.created).toBe(datasets.length);

      const used = new Set(datasets.flatMap((d) => [d.publisherId, d.creatorId]));
      for (const m of MANDATE_LIST.values()) if (datasets.some((d) => d.mandateIds.includes(m.id))) for (const o of [m.ownerId, ...m.signatories, m.decidedBy?.organisationId]) if (o) used.add(o);
      used.add('gemeente-delft'); // the parent of datalab-delft
      // An organisation without a persistent URI keeps the one it was published under: the same agent on both nodes.
      const expected = [...ORGS.values()].filter((o) => used.has(o.id)).map((o) => ({ ...stamps(o), uri: o.uri ?? `${BASE_URL}/api/v1/organisations/${o.id}` }));
      expect(await organisations(p)).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect(report.organisations.created.map((o) => o.id).sort()).toEqual([...used].sort());
      expect(report.organisations.created.flatMap((o) => o.defaulted)).toEqual([]);

      expect((await allMandates(p.ctx.store)).map(stamps)).toEqual([...MANDATE_LIST.values()].map(stamps).sort((a, b) => a.id.localeCompare(b.id)));
      expect(report.mandates.created.flatMap((m) => m.defaulted)).toEqual([]);

      const stored: Dataset[] = [];
      for await (const batch of catalogStore(p.ctx.store).iterate(p.ctx.store)) stored.push(...batch);
      for (const d of datasets) {
        // A harvested dataset gets an id of its own here (title slug and identifier hash); all else is kept.
        const got = stored.find((s) => s.identifier === d.identifier);
        expect(got && stamps(got), d.id).toEqual({ ...stamps(d), id: got?.id });
      }
      expect(report.datasets.every((d) => d.defaulted.length === 0 && d.dropped.length === 0)).toBe(true);
    });

    it('a second harvest of the same export creates nothing and updates every dataset', async () => {
      p = await testPlatform(kind.name);
      const doc = await exported(withConvenant(DEMO_DATASETS));
      await importDcat(p.ctx, doc, 'turtle', { principal: { kind: 'admin' } });
      const again = await importDcat(p.ctx, doc, 'turtle', { principal: { kind: 'admin' } });
      expect(again).toMatchObject({ created: 0, updated: DEMO_DATASETS.length, organisations: { created: [] }, mandates: { created: [] } });
    });

    it('writes nothing at all when the harvest fails after its datasets were written', async () => {
      p = await testPlatform(kind.name);
      const parsed = await parseDcat(await exported(withConvenant(DEMO_DATASETS)), 'turtle');
      const failing = harvestParsed(p.ctx, parsed, { principal: { kind: 'admin' }, onProgress: (x) => { if (x.done === x.total) throw new Error('stopped at the last step'); } });
      await expect(failing).rejects.toThrow('stopped at the last step');
      expect(await organisations(p)).toEqual([]);
      expect(await allMandates(p.ctx.store)).toEqual([]);
      expect(await catalogStore(p.ctx.store).count(p.ctx.store)).toBe(0);
    });

    it('creates organisations only for datasets that are written, and drops a mandate link it cannot make, keeping the dataset', async () => {
      p = await testPlatform(kind.name);
      const ttl = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix tb: <urn:thorbecke:ns:> .
        <https://x.example/a> a dcat:Dataset ; dct:identifier "same" ; dct:title "A" ; dct:description "A." ; dct:publisher [ foaf:name "Eerste" ] ;
          dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE> ; dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
          tb:mandate <https://x.example/api/v1/mandates/onbekend> .
        <https://x.example/b> a dcat:Dataset ; dct:identifier "same" ; dct:title "B" ; dct:description "B." ; dct:publisher [ foaf:name "Tweede" ] ;
          dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE> ; dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> .`;
      const report = await importDcat(p.ctx, ttl, 'turtle', { principal: { kind: 'admin' } });
      expect(report).toMatchObject({ created: 1, rejected: [{ identifier: 'same', reasons: ["identifier 'same' appears twice in this import"] }] });
      expect((await organisations(p)).map((o) => [o.id, o.kind])).toEqual([['eerste', 'ngo']]);
      expect(report.datasets[0]?.dropped).toEqual([{ property: 'urn:thorbecke:ns:mandate', count: 1, reason: "mandate 'onbekend' does not exist here and is described without a dct:title" }]);
    });
  });
}
