import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { registersPlatform, standardEntry, type RegistersPlatform } from './platform.js';

/** Values only internal fields hold; none may appear in any public answer. */
const MARKERS = ['geheim.contact@example.org', 'Geheime Persoon', '+31 6 0000 0000', 'INTERNE-NOTITIE-ALGORITME', 'privacy.geheim@example.org', 'INTERNE-NOTITIE-VERWERKING'];

describe('public reads never show internal fields', () => {
  let p: RegistersPlatform;
  let routes: string[];

  beforeAll(async () => {
    p = await registersPlatform('sqlite', { demo: true });
    const key = await p.org('gemeente-test', 'gemeente', 'Gemeente Test');
    expect((await p.call('POST', '/api/v1/registers/algorithms', {
      id: 'gemeente-test',
      ownerId: 'gemeente-test',
      standard: standardEntry(),
      internal: { contactPerson: { name: 'Geheime Persoon', email: 'geheim.contact@example.org', phone: '+31 6 0000 0000' }, notes: 'INTERNE-NOTITIE-ALGORITME' },
    }, key)).status).toBe(201);
    expect((await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'gemeente-test', personalData: 'personal', legalBasis: 'AVG art. 6(1)(e)' }), key)).status).toBe(201);
    expect((await p.call('PUT', '/api/v1/registers/processing/datasets/gemeente-test', { purposes: ['Toezicht'], internal: { contactPerson: { email: 'privacy.geheim@example.org' }, notes: 'INTERNE-NOTITIE-VERWERKING' } }, key)).status).toBe(200);
    expect((await p.call('POST', '/api/v1/registers/sensors/devices', {
      id: 'gemeente-test', ownerId: 'gemeente-test', name: 'Telcamera', category: 'camera', theme: 'mobiliteit',
      location: { longitude: 4.36, latitude: 52.01 }, observes: [{ name: 'passanten' }], personalData: false, purpose: 'Drukte meten',
    }, key)).status).toBe(201);
    // Every GET route of this capability, from the OpenAPI document, with {id} filled in.
    const doc = (await p.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path, ops]) => path.startsWith('/api/v1/registers') && ops.get)
      .map(([path]) => path.replace('{id}', 'gemeente-test'));
  }, 60_000);
  afterAll(async () => p.close());

  it('finds the capability’s GET routes in the OpenAPI document', () => {
    expect(routes).toEqual(expect.arrayContaining([
      '/api/v1/registers/algorithms',
      '/api/v1/registers/algorithms/gemeente-test',
      '/api/v1/registers/algorithms/export',
      '/api/v1/registers/processing',
      '/api/v1/registers/processing/export',
      '/api/v1/registers/processing/datasets/gemeente-test',
      '/api/v1/registers/traceability',
      '/api/v1/registers/traceability/summary',
      '/api/v1/registers/governance-graph',
      '/api/v1/registers/ai-act/questionnaire',
    ]));
  });

  it('answers each without a key, and no answer contains an internal value', async () => {
    for (const route of routes) {
      for (const query of ['', '?pageSize=200', '?incomplete=include']) {
        const res = await p.app.inject({ method: 'GET', url: route + query });
        if (res.statusCode === 400) continue; // a query parameter the route does not take
        expect(res.statusCode, route + query).toBe(200);
        for (const marker of MARKERS) expect(res.body, `${route}${query} shows ${marker}`).not.toContain(marker);
        expect(res.body).not.toContain('"internal"');
      }
    }
  });

  it('does show them to the owner, so the markers are really stored', async () => {
    const key = (await p.call('POST', '/api/v1/organisations/gemeente-test/keys', { label: 'check' }, 'test-admin-key-0123456789abcdef')).json.key;
    expect((await p.call('GET', '/api/v1/registers/algorithms/gemeente-test', undefined, key)).body).toContain('INTERNE-NOTITIE-ALGORITME');
    expect((await p.call('GET', '/api/v1/registers/processing/datasets/gemeente-test', undefined, key)).body).toContain('privacy.geheim@example.org');
  });
});
