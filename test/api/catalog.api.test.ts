import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { STORES } from '../support/stores.js';

for (const kind of STORES) {
  describe(`data register API: ${kind.name}`, () => {
    let p: TestPlatform;
    let testKey: string;
    let otherKey: string;

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      expect((await p.call('POST', '/api/v1/organisations', { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente', oin: '00000001001234567000' }, ADMIN_KEY)).status).toBe(201);
      expect((await p.call('POST', '/api/v1/organisations', { id: 'ander', name: 'Andere organisatie', kind: 'bedrijf' }, ADMIN_KEY)).status).toBe(201);
      testKey = (await p.call('POST', '/api/v1/organisations/gemeente-test/keys', { label: 'tests' }, ADMIN_KEY)).json.key;
      otherKey = (await p.call('POST', '/api/v1/organisations/ander/keys', { label: 'tests' }, ADMIN_KEY)).json.key;
    });
    afterAll(async () => p.close());

    it('creates, reads, replaces and deletes a dataset with the publisher key', async () => {
      const created = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-1' }), testKey);
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/api/v1/catalog/datasets/ds-1');
      expect(created.json.identifier).toBe(`${p.ctx.baseUrl}/api/v1/catalog/datasets/ds-1`);
      expect(created.json.distributions[0].id).toBe('distributie-1');

      const read = await p.call('GET', '/api/v1/catalog/datasets/ds-1');
      expect(read.json).toMatchObject({ id: 'ds-1', publisher: { id: 'gemeente-test', name: 'Gemeente Test' }, mandates: [] });

      const replaced = await p.call('PUT', '/api/v1/catalog/datasets/ds-1', datasetFixture({ title: { nl: 'Nieuwe titel' } }), testKey);
      expect(replaced.status).toBe(200);
      expect(replaced.json.title.nl).toBe('Nieuwe titel');
      expect(replaced.json.createdAt).toBe(created.json.createdAt);

      const list = await p.call('GET', '/api/v1/catalog/datasets?q=nieuwe');
      expect(list.json.items.map((d: { id: string }) => d.id)).toEqual(['ds-1']);
      expect(list.json.items[0].publisher.name).toBe('Gemeente Test');

      expect((await p.call('DELETE', '/api/v1/catalog/datasets/ds-1', undefined, testKey)).status).toBe(204);
      expect((await p.call('GET', '/api/v1/catalog/datasets/ds-1')).status).toBe(404);
    });

    it('demands a key for writes (401) and the publisher’s key (403)', async () => {
      const anon = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-2' }));
      expect(anon.status).toBe(401);
      expect(anon.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(anon.json).toMatchObject({ status: 401, code: 'unauthenticated', type: 'urn:thorbecke:problem:unauthenticated' });

      const wrongOrg = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-2' }), otherKey);
      expect(wrongOrg.status).toBe(403);

      expect((await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-2' }), testKey)).status).toBe(201);
      expect((await p.call('PUT', '/api/v1/catalog/datasets/ds-2', datasetFixture(), otherKey)).status).toBe(403);
      expect((await p.call('DELETE', '/api/v1/catalog/datasets/ds-2', undefined, otherKey)).status).toBe(403);
      // A publisher cannot hand its dataset to someone else's name either.
      expect((await p.call('PUT', '/api/v1/catalog/datasets/ds-2', datasetFixture({ publisherId: 'ander' }), testKey)).status).toBe(403);
      expect((await p.call('GET', '/api/v1/catalog/datasets/ds-2')).json.publisherId).toBe('gemeente-test');

      const bogus = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-3' }), 'tbk_00000000_nonsense');
      expect(bogus.status).toBe(401);
    });

    it('stores API keys only as hashes and lets them be revoked', async () => {
      const issued = await p.call('POST', '/api/v1/organisations/gemeente-test/keys', { label: 'revoke me' }, testKey);
      expect(issued.status).toBe(201);
      const rows = await p.ctx.store.all<{ hash: string }>('SELECT hash FROM api_keys');
      expect(rows.some((r) => r.hash === issued.json.key)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
      const listed = await p.call('GET', '/api/v1/organisations/gemeente-test/keys', undefined, testKey);
      expect(JSON.stringify(listed.json)).not.toContain(issued.json.key);
      expect((await p.call('DELETE', `/api/v1/organisations/gemeente-test/keys/${issued.json.prefix}`, undefined, testKey)).status).toBe(204);
      expect((await p.call('GET', '/api/v1/organisations/gemeente-test/keys', undefined, issued.json.key)).status).toBe(401);
    });

    it('names the field in every validation problem', async () => {
      const cases: Array<[unknown, string]> = [
        [datasetFixture({ themes: ['NOPE' as 'TRAN'] }), 'themes.0'],
        [{ ...datasetFixture(), colour: 'red' }, 'colour'],
        [datasetFixture({ title: { nl: '' } }), 'title.nl'],
        [datasetFixture({ spatial: { bbox: [5, 52, 4, 53] } }), 'spatial.bbox'],
        [datasetFixture({ spatial: { bbox: [200, 52, 4, 53] } }), 'spatial.bbox.0'],
        [datasetFixture({ personalData: 'personal' }), 'legalBasis'],
        [datasetFixture({ distributions: [{ accessUrl: 'not a url', format: 'CSV', license: 'CC0-1.0' }] }), 'distributions.0.accessUrl'],
        [{ ...datasetFixture(), publisherId: 42 }, 'publisherId'],
      ];
      for (const [body, field] of cases) {
        const res = await p.call('POST', '/api/v1/catalog/datasets', body, testKey);
        expect(res.status, JSON.stringify(res.json)).toBe(400);
        expect(res.json.invalidParams.map((x: { name: string }) => x.name)).toContain(field);
      }
    });

    it('rejects malformed JSON, wrong media types and oversized bodies with problems', async () => {
      const bad = await p.call('POST', '/api/v1/catalog/datasets', '{"title": ', testKey);
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('malformed-json');
      const proto = await p.call('POST', '/api/v1/catalog/datasets', '{"__proto__": {"x": 1}}', testKey);
      expect(proto.status).toBe(400);
      const xml = await p.app.inject({ method: 'POST', url: '/api/v1/catalog/datasets', headers: { 'content-type': 'application/xml', 'x-api-key': testKey }, payload: '<a/>' });
      expect(xml.statusCode).toBe(415);
      const huge = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ description: { nl: 'x'.repeat(2 * 1024 * 1024) } }), testKey);
      expect(huge.status).toBe(413);
      expect(huge.json.code).toBe('payload-too-large');
    });

    it('rejects bad query parameters with problems naming them', async () => {
      const bbox = await p.call('GET', '/api/v1/catalog/datasets?bbox=1,2,3');
      expect(bbox.status).toBe(400);
      expect(bbox.json.invalidParams[0]).toMatchObject({ name: 'bbox', in: 'query' });
      expect((await p.call('GET', '/api/v1/catalog/datasets?pageSize=100000')).json.invalidParams[0].name).toBe('pageSize');
      expect((await p.call('GET', '/api/v1/catalog/datasets?theme=XYZ')).json.invalidParams[0].name).toMatch(/^theme/);
      expect((await p.call('GET', '/api/v1/catalog/datasets?unknown=1')).status).toBe(400);
    });

    it('validates organisations: OIN, kind, duplicates', async () => {
      const oin = await p.call('POST', '/api/v1/organisations', { name: 'X', kind: 'gemeente', oin: '123' }, ADMIN_KEY);
      expect(oin.status).toBe(400);
      expect(oin.json.invalidParams[0]).toMatchObject({ name: 'oin' });
      const dupOin = await p.call('POST', '/api/v1/organisations', { name: 'Y', kind: 'gemeente', oin: '00000001001234567000' }, ADMIN_KEY);
      expect(dupOin.status).toBe(409);
      const orgKeyCannotCreate = await p.call('POST', '/api/v1/organisations', { name: 'Z', kind: 'gemeente' }, testKey);
      expect(orgKeyCannotCreate.status).toBe(403);
    });

    it('links datasets to mandates and shows the chain to the elected body', async () => {
      const council = await p.call('POST', '/api/v1/mandates', { id: 'raadsbesluit-1', kind: 'raadsbesluit', title: 'Open data', date: '2024-01-25', decidedBy: { name: 'Gemeenteraad', elected: true, organisationId: 'gemeente-test' }, ownerId: 'gemeente-test' }, testKey);
      expect(council.status).toBe(201);
      const college = await p.call('POST', '/api/v1/mandates', { id: 'collegebesluit-1', kind: 'collegebesluit', title: 'Uitvoering', decidedBy: { name: 'College', elected: false }, basedOn: 'raadsbesluit-1', ownerId: 'gemeente-test' }, testKey);
      expect(college.status).toBe(201);
      const cycle = await p.call('PUT', '/api/v1/mandates/raadsbesluit-1', { kind: 'raadsbesluit', title: 'Open data', basedOn: 'collegebesluit-1', ownerId: 'gemeente-test' }, testKey);
      expect(cycle.status).toBe(400);
      expect(cycle.json.invalidParams[0].name).toBe('basedOn');

      expect((await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-m', mandateIds: ['collegebesluit-1'] }), testKey)).status).toBe(201);
      const detail = await p.call('GET', '/api/v1/catalog/datasets/ds-m');
      const chain = detail.json.mandates[0].chain;
      expect(chain.map((c: { mandate: { id: string } }) => c.mandate.id)).toEqual(['collegebesluit-1', 'raadsbesluit-1']);
      expect(chain[1].body).toMatchObject({ name: 'Gemeenteraad', elected: true, organisation: { id: 'gemeente-test' } });

      const missing = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-n', mandateIds: ['nope'] }), testKey);
      expect(missing.status).toBe(422);
      expect(missing.json.invalidParams[0].name).toBe('mandateIds.0');
      // Another organisation cannot record a mandate in this one's name.
      expect((await p.call('POST', '/api/v1/mandates', { kind: 'raadsbesluit', title: 'X', ownerId: 'gemeente-test' }, otherKey)).status).toBe(403);
    });

    it('pages with links that keep the query', async () => {
      for (let i = 0; i < 5; i++) await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: `page-${i}`, keywords: ['paging'] }), testKey);
      const first = await p.call('GET', '/api/v1/catalog/datasets?q=paging&pageSize=2');
      expect(first.json.total).toBe(5);
      expect(first.json.items).toHaveLength(2);
      expect(first.json._links.next.href).toContain('q=paging');
      const next = await p.call('GET', first.json._links.next.href);
      expect(next.json.page).toBe(2);
      const last = await p.call('GET', first.json._links.last.href);
      expect(last.json.items).toHaveLength(1);
      expect(last.json._links.next).toBeUndefined();
    });

    it('answers unknown routes with a problem, never HTML', async () => {
      const res = await p.call('GET', '/api/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });
}

describe('dataset areas as GeoJSON', () => {
  it('derives the bbox from a valid polygon and rejects broken geometry naming the spot', async () => {
    const p = await testPlatform('sqlite');
    try {
      await p.call('POST', '/api/v1/organisations', { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' }, ADMIN_KEY);
      const square = { type: 'Polygon', coordinates: [[[4.35, 52.0], [4.37, 52.0], [4.37, 52.02], [4.35, 52.02], [4.35, 52.0]]] };
      const ok = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'area', spatial: { geometry: square as never } }), ADMIN_KEY);
      expect(ok.status, ok.body).toBe(201);
      expect(ok.json.spatial.bbox).toEqual([4.35, 52.0, 4.37, 52.02]);
      expect((await p.call('GET', '/api/v1/catalog/datasets?bbox=4.36,52.01,4.361,52.011')).json.total).toBe(1);
      const ttl = await p.app.inject({ method: 'GET', url: '/api/v1/catalog/datasets/area?format=ttl' });
      expect(ttl.body).toContain('locn:geometry');

      const open = { type: 'Polygon', coordinates: [[[4.35, 52.0], [4.37, 52.0], [4.37, 52.02], [4.35, 52.02]]] };
      const bad = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'bad-area', spatial: { geometry: open as never } }), ADMIN_KEY);
      expect(bad.status).toBe(400);
      expect(bad.json.invalidParams[0].name).toMatch(/^spatial\.geometry\.coordinates\.0/);
      const point = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'bad-area', spatial: { geometry: { type: 'Point', coordinates: [4, 52] } as never } }), ADMIN_KEY);
      expect(point.json.invalidParams[0].name).toBe('spatial.geometry.type');
      const lat = await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'bad-area', spatial: { geometry: { type: 'Polygon', coordinates: [[[4, 95], [5, 95], [5, 96], [4, 95]]] } as never } }), ADMIN_KEY);
      expect(lat.status).toBe(400);
      expect((await p.call('GET', '/api/v1/catalog/datasets/bad-area')).status).toBe(404);
    } finally {
      await p.close();
    }
  });
});
