import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quadsOf, toRdfXml } from '../catalog/dcat/serialise.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { STORES } from '../support/stores.js';

async function settle(p: TestPlatform, location: string): Promise<any> {
  for (let i = 0; i < 500; i++) {
    const job = (await p.call('GET', location)).json;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job did not finish');
}

const harvest = (p: TestPlatform, payload: string, type: string, key: string | null = ADMIN_KEY, query = '') =>
  p.app.inject({ method: 'POST', url: `/api/v1/catalog/harvest${query}`, headers: { 'content-type': type, ...(key ? { 'x-api-key': key } : {}) }, payload });

/** A dataset from a catalogue outside DCAT-AP-NL: no access rights, no theme, no personal-data class. */
const FOREIGN = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:ex="https://vocab.example/">
  <dcat:Dataset rdf:about="https://elders.example/ds/bomen">
    <dct:title xml:lang="nl">Bomen</dct:title>
    <dct:description xml:lang="nl">Alle bomen.</dct:description>
    <ex:leaves>many</ex:leaves>
    <dct:publisher><foaf:Organization><foaf:name>Stichting Bomen</foaf:name></foaf:Organization></dct:publisher>
    <dcat:distribution><dcat:Distribution><dcat:accessURL rdf:resource="https://elders.example/bomen.csv"/><dct:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/></dcat:Distribution></dcat:distribution>
  </dcat:Dataset>
</rdf:RDF>`;

for (const kind of STORES) {
  describe(`DCAT export and harvest over HTTP: ${kind.name}`, () => {
    let source: TestPlatform;
    let target: TestPlatform;
    let orgKey: string;

    beforeAll(async () => {
      source = await testPlatform(kind.name);
      target = await testPlatform(kind.name);
      for (const p of [source, target]) {
        await p.call('POST', '/api/v1/organisations', { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente', uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999' }, ADMIN_KEY);
      }
      await source.call('POST', '/api/v1/organisations', { id: 'elders', name: 'Elders BV', kind: 'bedrijf', oin: '00000003123456780000' }, ADMIN_KEY);
      await source.call('POST', '/api/v1/mandates', { id: 'raad-2024-open-data', kind: 'raadsbesluit', title: 'Open data', ownerId: 'gemeente-test', decidedBy: { name: 'Gemeenteraad', elected: true, organisationId: 'gemeente-test' } }, ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-a', keywords: ['harvest'], spatial: { bbox: [4.3, 52.0, 4.4, 52.1] }, mandateIds: ['raad-2024-open-data'] }), ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-b', title: { nl: 'Tweede', en: 'Second' }, themes: ['ENVI'] }), ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-c', publisherId: 'elders' }), ADMIN_KEY);
      orgKey = (await target.call('POST', '/api/v1/organisations/gemeente-test/keys', { label: 'harvest' }, ADMIN_KEY)).json.key;
    });
    afterAll(async () => {
      await source.close();
      await target.close();
    });

    it('exports the catalogue as Turtle and JSON-LD by content negotiation', async () => {
      const ttl = await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'text/turtle' } });
      expect(ttl.headers['content-type']).toMatch(/^text\/turtle/);
      expect(ttl.body).toContain('a dcat:Catalog');
      expect(ttl.body.match(/a dcat:Dataset/g)).toHaveLength(3);
      const jsonld = await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'application/ld+json' } });
      expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(() => JSON.parse(jsonld.body)).not.toThrow();
      const one = await source.app.inject({ method: 'GET', url: '/api/v1/catalog/datasets/ds-a?format=ttl' });
      expect(one.body).toContain('a dcat:Dataset');
      expect((await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'application/rdf+xml' } })).statusCode).toBe(406);
    });

    it('an organisation key imports only its own datasets and creates nothing', async () => {
      const ttl = (await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'text/turtle' } })).body;
      const job = await settle(target, (await harvest(target, ttl, 'text/turtle', orgKey)).headers.location as string);
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ created: 2, updated: 0, organisations: { created: [] }, mandates: { created: [] } });
      expect(job.result.rejected).toEqual([{ identifier: `${source.ctx.baseUrl}/api/v1/catalog/datasets/ds-c`, reasons: [expect.stringMatching(/^publisher 'Elders BV' <.*> is not a registered organisation$/)] }]);
      // The mandate does not exist here and this key may not create it: the link is dropped, with the reason.
      const a = job.result.datasets.find((d: any) => d.identifier.endsWith('/ds-a'));
      expect(a.dropped).toContainEqual({ property: 'urn:thorbecke:ns:mandate', count: 1, reason: "mandate 'raad-2024-open-data' does not exist here, and only the administrator's key may create it" });
    });

    it('the administrator key re-harvests: updates by identifier and creates the missing organisation and mandate, in RDF/XML too', async () => {
      const ttl = (await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'text/turtle' } })).body;
      const post = await harvest(target, toRdfXml(quadsOf(ttl)), 'application/rdf+xml');
      expect(post.statusCode).toBe(202);
      const job = await settle(target, post.headers.location as string);
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ created: 1, updated: 2, rejected: [] });
      expect(job.result.organisations.created).toEqual([{ id: 'elders', name: 'Elders BV', uri: `${source.ctx.baseUrl}/api/v1/organisations/elders`, defaulted: [] }]);
      expect(job.result.mandates.created).toEqual([{ id: 'raad-2024-open-data', name: 'Open data', defaulted: [] }]);
      expect(job.progress.done).toBe(job.progress.total);
      expect((await target.call('GET', '/api/v1/organisations/elders')).json).toMatchObject({ name: 'Elders BV', kind: 'bedrijf', oin: '00000003123456780000' });
      expect((await target.call('GET', '/api/v1/mandates/raad-2024-open-data')).json).toMatchObject({ ownerId: 'gemeente-test', decidedBy: { organisationId: 'gemeente-test', elected: true } });

      const found = await target.call('GET', '/api/v1/catalog/datasets?q=harvest');
      expect(found.json.items[0]).toMatchObject({ identifier: `${source.ctx.baseUrl}/api/v1/catalog/datasets/ds-a`, mandateIds: ['raad-2024-open-data'], spatial: { bbox: [4.3, 52.0, 4.4, 52.1] } });
      expect((await target.call('GET', '/api/v1/catalog/datasets')).json.total).toBe(3);
    });

    it('takes assumptions from the query and reports what it kept, defaulted and dropped', async () => {
      const refused = await settle(target, (await harvest(target, FOREIGN, 'application/octet-stream')).headers.location as string);
      expect(refused.result.rejected[0].reasons).toEqual([expect.stringMatching(/^themes: /), expect.stringMatching(/^accessRights: /)]);
      const post = await harvest(target, FOREIGN, 'application/octet-stream', ADMIN_KEY, '?assume=theme=ENVI&assume=accessRights=PUBLIC&assume=organisationKind=ngo');
      const job = await settle(target, post.headers.location as string);
      expect(job.result).toMatchObject({ created: 1, assumptions: { theme: 'ENVI', accessRights: 'PUBLIC', organisationKind: 'ngo' } });
      expect(job.result.organisations.created).toEqual([{ id: 'stichting-bomen', name: 'Stichting Bomen', defaulted: [{ field: 'kind', value: 'ngo', because: 'not stated; assumed (organisationKind=ngo)' }] }]);
      const [d] = job.result.datasets;
      expect(d).toMatchObject({ identifier: 'https://elders.example/ds/bomen', state: 'created' });
      expect(d.kept).toEqual(expect.arrayContaining(['title', 'description', 'publisher', 'distributions', 'distribution.accessUrl', 'distribution.license']));
      expect(d.defaulted.map((x: any) => x.field)).toEqual(['identifier', 'creator', 'contactPoint', 'themes', 'accessRights', 'personalData']);
      expect(d.dropped).toEqual([{ property: 'https://vocab.example/leaves', count: 1 }]);
      expect(job.result.dropped).toEqual({ 'https://vocab.example/leaves': 1 });
    });

    it('answers unreadable RDF, unsafe XML and bad assumptions at once, writing nothing', async () => {
      const before = (await target.call('GET', '/api/v1/catalog/datasets')).json.total;
      const cases: Array<[string, string, string, number, string]> = [
        ['@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ;;; "', 'text/turtle', '', 400, 'malformed-rdf'],
        ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>', 'application/rdf+xml', '', 400, 'malformed-rdf'],
        [FOREIGN, 'application/rdf+xml', '?assume=personalData=personal', 400, 'invalid-query'],
        [FOREIGN, 'application/rdf+xml', '?assume=colour=blue', 400, 'invalid-query'],
        [FOREIGN, 'application/rdf+xml', '?format=csv', 400, 'invalid-query'],
      ];
      for (const [payload, type, query, status, code] of cases) {
        const res = await harvest(target, payload, type, ADMIN_KEY, query);
        expect(res.statusCode, `${type} ${query}`).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(res.body).code).toBe(code);
      }
      expect((await target.call('GET', '/api/v1/catalog/datasets')).json.total).toBe(before);
      expect((await harvest(target, '', 'text/turtle', null)).statusCode).toBe(401);
    });
  });
}
