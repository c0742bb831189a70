import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProcessingSource, type ProcessingRecord } from '../../src/registers/index.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES } from '../support/stores.js';
import { registersPlatform, type RegistersPlatform } from './platform.js';

for (const kind of STORES) {
  describe(`processing register: ${kind.name}`, () => {
    let p: RegistersPlatform;
    let key: string;
    let otherKey: string;
    const url = '/api/v1/registers/processing';

    beforeAll(async () => {
      p = await registersPlatform(kind.name);
      key = await p.org('gemeente-test', 'gemeente', 'Gemeente Test');
      otherKey = await p.org('ander', 'bedrijf');
      const datasets = [
        datasetFixture({ id: 'open-data', personalData: 'none' }),
        datasetFixture({ id: 'parkeervergunningen', title: { nl: 'Parkeervergunningen' }, personalData: 'personal', legalBasis: 'AVG art. 6(1)(e), Gemeentewet', accessRights: 'NON_PUBLIC' }),
        datasetFixture({ id: 'scanauto', title: { nl: 'Scanauto kentekens' }, personalData: 'pseudonymised', legalBasis: 'Gemeentewet art. 234', accessRights: 'PUBLIC' }),
      ];
      for (const d of datasets) expect((await p.call('POST', '/api/v1/catalog/datasets', d, key)).status).toBe(201);
    });
    afterAll(async () => p.close());

    it('generates one record per dataset holding personal data, with unknowns shown as "onbekend"', async () => {
      const r = await p.call('GET', url);
      expect(r.status).toBe(200);
      expect(r.json.total).toBe(2);
      const byId = Object.fromEntries(r.json.items.map((x: ProcessingRecord) => [x.id, x]));
      expect(Object.keys(byId).sort()).toEqual(['dataset:parkeervergunningen', 'dataset:scanauto']);
      const v = byId['dataset:parkeervergunningen'];
      expect(v).toMatchObject({ controller: { id: 'gemeente-test', name: 'Gemeente Test' }, legalBasis: 'AVG art. 6(1)(e), Gemeentewet', purposes: ['onbekend'], retention: 'onbekend', recipients: ['onbekend'], personalData: 'personal' });
      expect(v.unknownFields).toEqual(expect.arrayContaining(['purposes', 'dataSubjects', 'dataCategories', 'recipients', 'retention', 'securityMeasures', 'internationalTransfers']));
      // Published openly: everyone is a recipient, derived from the access rights.
      expect(byId['dataset:scanauto'].recipients).toEqual(['iedereen (openbaar gepubliceerd)']);
    });

    it('lets the publisher add the art. 30 details, and only the publisher', async () => {
      const details = { purposes: ['Handhaving parkeerregulering'], dataSubjects: ['Vergunninghouders'], dataCategories: ['Kenteken', 'Adres'], retention: '2 jaar na einde vergunning', securityMeasures: ['Versleuteling', 'Toegang op rol'], internal: { contactPerson: { email: 'privacy.intern@example.org' }, notes: 'DPIA loopt' } };
      expect((await p.call('PUT', `${url}/datasets/parkeervergunningen`, details)).status).toBe(401);
      expect((await p.call('PUT', `${url}/datasets/parkeervergunningen`, details, otherKey)).status).toBe(403);
      const ok = await p.call('PUT', `${url}/datasets/parkeervergunningen`, details, key);
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ purposes: ['Handhaving parkeerregulering'], retention: '2 jaar na einde vergunning', recipients: ['onbekend'] });
      expect(ok.json.unknownFields).toEqual(['recipients', 'internationalTransfers']);
      expect(ok.json.internal).toBeUndefined();
      const pub = await p.call('GET', `${url}/datasets/parkeervergunningen`);
      expect(pub.json.internal).toBeUndefined();
      expect(pub.body).not.toContain('privacy.intern@example.org');
      expect((await p.call('GET', `${url}/datasets/parkeervergunningen`, undefined, key)).json.internal.notes).toBe('DPIA loopt');
      expect((await p.call('PUT', `${url}/datasets/open-data`, {}, key)).status).toBe(409);
      expect((await p.call('PUT', `${url}/datasets/bestaat-niet`, {}, ADMIN_KEY)).status).toBe(404);
      expect((await p.call('PUT', `${url}/datasets/scanauto`, { purposes: [''] }, key)).json.invalidParams[0].name).toBe('purposes.0');
    });

    it('exports CSV with a header, quoted cells and formula-safe values', async () => {
      await p.call('PUT', `${url}/datasets/scanauto`, { purposes: ['=HYPERLINK("x")', 'Handhaving, controle'] }, key);
      const r = await p.app.inject({ method: 'GET', url: `${url}/export` });
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^id,naam,verwerkingsverantwoordelijke,/);
      expect(lines).toHaveLength(3);
      const scan = lines.find((l) => l.startsWith('dataset:scanauto'))!;
      expect(scan).toContain(`"'=HYPERLINK(""x"") | Handhaving, controle"`);
      expect(r.body).not.toContain('privacy.intern@example.org');
      const filtered = await p.app.inject({ method: 'GET', url: `${url}/export?controller=ander` });
      expect(filtered.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
    });

    it('takes records from sources other capabilities add', async () => {
      addProcessingSource(p.ctx, {
        name: 'live-test',
        async *records() {
          yield [{
            id: 'stream:tellingen', source: 'live', name: 'Fietstellingen', controller: { id: 'ander', name: 'ander' }, personalData: 'pseudonymised',
            purposes: ['Verkeersplanning'], dataSubjects: ['Fietsers'], dataCategories: ['Gepseudonimiseerd apparaat-id'], recipients: ['Gemeente'],
            internationalTransfers: 'geen', retention: '24 uur', legalBasis: 'AVG art. 6(1)(e)', securityMeasures: ['Pseudonimisering bij binnenkomst'], mandateIds: [], unknownFields: [],
          }];
        },
      });
      const all = await p.call('GET', url);
      expect(all.json.total).toBe(3);
      const live = await p.call('GET', `${url}?source=live`);
      expect(live.json.items.map((x: ProcessingRecord) => x.id)).toEqual(['stream:tellingen']);
      expect((await p.call('GET', `${url}?controller=gemeente-test&pageSize=1&page=2`)).json).toMatchObject({ total: 2, page: 2 });
    });
  });
}
