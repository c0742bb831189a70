import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doubleEncode } from '../../src/registers/algorithms/import/encoding.js';
import { importAlgorithms, parseExport, type ImportReport } from '../../src/registers/algorithms/import/import.js';
import { validateEntry } from '../../src/registers/algorithms/standard.js';
import { getMandate, getOrganisation } from '../../src/governance/index.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES } from '../support/stores.js';
import { registersPlatform, standardEntry, type RegistersPlatform } from './platform.js';

const EXPORT = new URL('../../demo/registers/algoritmeregister-export-2022-12-08.json', import.meta.url);
const rows = parseExport(readFileSync(EXPORT, 'utf8'));

for (const kind of STORES) {
  describe(`algorithm register import: ${kind.name}`, () => {
    let p: RegistersPlatform;
    let report: ImportReport;

    beforeAll(async () => {
      p = await registersPlatform(kind.name);
      // Two organisations exist already, under their full names.
      await p.org('gemeente-utrecht', 'gemeente', 'Gemeente Utrecht');
      await p.org('ministerie-bzk', 'rijk', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties');
      report = await p.ctx.store.transaction((tx) => importAlgorithms(tx, rows, { file: 'export.json' }));
    }, 60_000);
    afterAll(async () => p.close());

    it('skips the three template rows with a reason and imports the 96 entries', () => {
      expect(report.rows).toBe(99);
      expect(report.skipped.map((s) => s.row)).toEqual([1, 2, 3]);
      expect(report.skipped[0]!.reason).toMatch(/requirement flags/);
      expect(report.skipped[1]!.reason).toMatch(/column labels/);
      expect(report.skipped[2]!.reason).toMatch(/field descriptions/);
      expect(report.created).toBe(96);
      const counts = new Map<string, number>();
      return p.call('GET', '/api/v1/registers/algorithms?pageSize=200').then(({ json }) => {
        expect(json.total).toBe(96);
        for (const a of json.items) counts.set(a.ownerId, (counts.get(a.ownerId) ?? 0) + 1);
        expect(Object.fromEntries(counts)).toEqual({ 'gemeente-utrecht': 38, 'gemeente-den-haag': 26, 'ministerie-bzk': 12, 'ministerie-szw': 9, 'gemeente-amsterdam': 7, 'gemeente-rotterdam': 4 });
        expect(json.items.some((a: { standard: { name: string } }) => /^(required|Naam|De naam die)/.test(a.standard.name))).toBe(false);
      });
    });

    it('maps organisation names onto existing organisations or creates them, and says how', async () => {
      const how = Object.fromEntries(report.organisations.map((o) => [o.exportName, [o.organisationId, o.how]]));
      expect(how['Gemeente Utrecht']).toEqual(['gemeente-utrecht', 'matched-name']);
      expect(how['Ministerie BZK']).toEqual(['ministerie-bzk', 'matched-name']);
      expect(how['Ministerie SZW']).toEqual(['ministerie-szw', 'created']);
      expect(how['Gemeente Den Haag']).toEqual(['gemeente-den-haag', 'created']);
      const szw = await getOrganisation(p.ctx.store, 'ministerie-szw');
      expect(szw).toMatchObject({ name: 'Ministerie van Sociale Zaken en Werkgelegenheid', kind: 'rijk', example: false });
      expect(szw!.oin).toBeUndefined();
      expect((await getOrganisation(p.ctx.store, 'gemeente-den-haag'))!.kind).toBe('gemeente');
    });

    it('reports the replacement characters it cannot repair, per entry and field', async () => {
      expect(report.encoding.repaired).toEqual([]);
      expect(report.encoding.replacementCharacters).toBeGreaterThan(600);
      const first = report.encoding.unrepairable.find((u) => u.row === 4 && u.field === 'description_short')!;
      expect(first.sample).toContain('auto\uFFFDs');
      const parkeren = (await p.call('GET', '/api/v1/registers/algorithms/gemeente-rotterdam-parkeercontrole')).json;
      expect(parkeren.provenance.encodingIssues.map((e: { field: string }) => e.field)).toContain('description_short');
    });

    it('links entries to the laws their legal basis names, and no mandate where the export denies or lacks one', async () => {
      const get = async (id: string) => (await p.call('GET', `/api/v1/registers/algorithms/${id}`)).json;
      expect((await get('gemeente-den-haag-uitrekenen-woz-waarde')).mandateIds).toEqual(['wet-woz']);
      expect((await get('gemeente-den-haag-cyrb-geluidsherkenning')).mandateIds).toEqual(['wet-gemeentewet']);
      // "Er is geen wettelijke grondslag voor het voorspelmodel, maar ... de Wmo": no mandate.
      expect((await get('gemeente-den-haag-wmo-voorspelmodel')).mandateIds).toEqual([]);
      expect(report.mandates.entriesWithoutMandate.find((e) => e.id === 'gemeente-den-haag-wmo-voorspelmodel')!.reason).toMatch(/no legal basis/);
      const bcm = await get('ministerie-bzk-bestands-controle-module-bcm');
      expect(bcm.mandateIds.sort()).toEqual(['besluit-brp', 'wet-brp']);
      const besluit = await getMandate(p.ctx.store, 'besluit-brp');
      expect(besluit).toMatchObject({ kind: 'wet-of-regeling', basedOn: 'wet-brp', example: false });
      expect((await getMandate(p.ctx.store, 'wet-brp'))!.link).toBe('https://wetten.overheid.nl/BWBR0033715');
      expect(report.mandates.entriesLinked + report.mandates.entriesWithoutMandate.length).toBe(96);
    });

    it('keeps every entry valid field by field and lists the required fields the export lacks', async () => {
      const { json } = await p.call('GET', '/api/v1/registers/algorithms?pageSize=200');
      for (const a of json.items) {
        const problems = validateEntry(a.standard).filter((x) => !/is required/.test(x.reason));
        expect(problems).toEqual([]);
        expect(a.missingFields).toEqual(expect.arrayContaining(['start_date', 'publication_category', 'supplier']));
      }
      expect(report.incomplete).toBe(96);
      expect(report.missingFields.start_date).toBe(96);
      expect(report.shortened.length).toBeGreaterThan(0);
      for (const s of report.shortened) expect(s.to).toBeLessThan(s.from);
    });

    it('re-imports without writing anything, and leaves entries edited since alone', async () => {
      const again = await p.ctx.store.transaction((tx) => importAlgorithms(tx, rows, { file: 'export.json' }));
      expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 96]);
      expect(again.mandates.created).toEqual([]);

      const key = (await p.call('POST', '/api/v1/organisations/gemeente-utrecht/keys', { label: 't' }, ADMIN_KEY)).json.key;
      const id = 'gemeente-utrecht-geluidsmodel';
      const put = await p.call('PUT', `/api/v1/registers/algorithms/${id}`, { ownerId: 'gemeente-utrecht', standard: standardEntry({ name: 'Geluidsmodel', organization: 'Gemeente Utrecht' }) }, key);
      expect(put.status).toBe(200);
      expect(put.json.provenance.row).toBe(62);
      const third = await p.ctx.store.transaction((tx) => importAlgorithms(tx, rows, { file: 'export.json' }));
      expect(third.keptEdited).toEqual([{ row: 62, id }]);
      expect((await p.call('GET', `/api/v1/registers/algorithms/${id}`)).json.standard.supplier).toBe('Eigen beheer');
    });

    it('repairs double-encoded text and lists each repair', async () => {
      const broken = [{ name: doubleEncode('Café-bezoek voorspellen'), organization: 'Gemeente Goes', description_short: doubleEncode('Één model – voor “drukte”.'), status: 'In gebruik', lawful_basis: 'Gemeentewet' }];
      const r = await p.ctx.store.transaction((tx) => importAlgorithms(tx, broken, { file: 'broken.json' }));
      expect(r.created).toBe(1);
      expect(r.organisations[0]).toMatchObject({ organisationId: 'gemeente-goes', how: 'created', kind: 'gemeente' });
      expect(r.encoding.repaired.map((x) => `${x.field}:${x.from}→${x.to}`)).toEqual(expect.arrayContaining(['name:Ã©→é', 'description_short:Ã‰→É', 'description_short:â€“→–']));
      const a = (await p.call('GET', '/api/v1/registers/algorithms/gemeente-goes-cafe-bezoek-voorspellen')).json;
      expect(a.standard.name).toBe('Café-bezoek voorspellen');
      expect(a.standard.description_short).toBe('Één model – voor “drukte”.');
      expect(a.mandateIds).toEqual(['wet-gemeentewet']);
    });

    it('skips rows whose organisation kind cannot be inferred, with the reason', async () => {
      const r = await p.ctx.store.transaction((tx) => importAlgorithms(tx, [{ name: 'Iets', organization: 'Stichting Voorbeeld' }], { file: 'x.json' }));
      expect(r.created).toBe(0);
      expect(r.skipped[0]!.reason).toMatch(/cannot infer what kind of organisation/);
      expect(await getOrganisation(p.ctx.store, 'stichting-voorbeeld')).toBeUndefined();
    });
  });
}
