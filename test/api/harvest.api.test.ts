import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

for (const kind of STORES) {
  describe(`DCAT export and harvest over HTTP: ${kind.name}`, () => {
    let source: TestPlatform;
    let target: TestPlatform;

    beforeAll(async () => {
      source = await testPlatform(kind.name);
      target = await testPlatform(kind.name);
      for (const p of [source, target]) {
        await p.call('POST', '/api/v1/organisations', { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente', uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999' }, ADMIN_KEY);
      }
      await source.call('POST', '/api/v1/organisations', { id: 'elders', name: 'Elders BV', kind: 'bedrijf' }, ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-a', keywords: ['harvest'], spatial: { bbox: [4.3, 52.0, 4.4, 52.1] } }), ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-b', title: { nl: 'Tweede', en: 'Second' }, themes: ['ENVI'] }), ADMIN_KEY);
      await source.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-c', publisherId: 'elders' }), ADMIN_KEY);
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

    it('harvests another node’s export: creates, then updates by identifier, rejects unknown publishers', async () => {
      const ttl = (await source.app.inject({ method: 'GET', url: '/api/v1/catalog', headers: { accept: 'text/turtle' } })).body;
      const post = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/harvest', headers: { 'content-type': 'text/turtle', 'x-api-key': ADMIN_KEY }, payload: ttl });
      expect(post.statusCode).toBe(202);
      const job = await settle(target, post.headers.location as string);
      expect(job.state).toBe('succeeded');
      expect(job.result.created).toBe(2);
      expect(job.result.rejected).toEqual([expect.objectContaining({ reasons: [expect.stringContaining('not a registered organisation')] })]);
      expect(job.progress.done).toBe(job.progress.total);

      const found = await target.call('GET', '/api/v1/catalog/datasets?q=harvest');
      expect(found.json.total).toBe(1);
      expect(found.json.items[0].identifier).toBe(`${source.ctx.baseUrl}/api/v1/catalog/datasets/ds-a`);
      expect(found.json.items[0].spatial.bbox).toEqual([4.3, 52.0, 4.4, 52.1]);

      const again = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/harvest', headers: { 'content-type': 'text/turtle', 'x-api-key': ADMIN_KEY }, payload: ttl });
      const second = await settle(target, again.headers.location as string);
      expect(second.result).toMatchObject({ created: 0, updated: 2 });
      expect((await target.call('GET', '/api/v1/catalog/datasets')).json.total).toBe(2);
    });

    it('answers unparseable RDF at once with a malformed-rdf problem, writing nothing', async () => {
      const before = (await target.call('GET', '/api/v1/catalog/datasets')).json.total;
      const res = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/harvest', headers: { 'content-type': 'text/turtle', 'x-api-key': ADMIN_KEY }, payload: '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ;;; "' });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).code).toBe('malformed-rdf');
      expect((await target.call('GET', '/api/v1/catalog/datasets')).json.total).toBe(before);
      expect((await target.app.inject({ method: 'POST', url: '/api/v1/catalog/harvest', headers: { 'content-type': 'text/turtle' }, payload: '' })).statusCode).toBe(401);
    });
  });
}
