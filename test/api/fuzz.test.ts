import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { writeRoutes } from '../support/openapi.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';

/** Plausible-looking bodies: valid ones with fields replaced or added at random, and arbitrary JSON. */
const bodies = fc.oneof(
  fc.jsonValue(),
  fc.record({ key: fc.constantFrom(...Object.keys(datasetFixture()), 'id', 'oin', 'kind', 'name', 'ownerId', 'label', 'extra'), value: fc.jsonValue() }).map(({ key, value }) => ({
    ...datasetFixture(),
    [key]: value,
  })),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 8 }),
  fc.string({ maxLength: 200 }),
);

describe('every write route survives random bodies', () => {
  let p: TestPlatform;
  let routes: Array<{ method: 'POST' | 'PUT'; url: string }>;

  beforeAll(async () => {
    p = await testPlatform('sqlite');
    await p.call('POST', '/api/v1/organisations', { id: 'gemeente-test', name: 'Gemeente Test', kind: 'gemeente' }, ADMIN_KEY);
    await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'gemeente-test', publisherId: 'gemeente-test' }), ADMIN_KEY);
    routes = writeRoutes((await p.call('GET', '/api/v1/openapi.json')).json);
  });
  afterAll(async () => p.close());

  it('finds the write routes to fuzz', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/catalog/datasets', 'PUT /api/v1/catalog/datasets/gemeente-test', 'POST /api/v1/organisations', 'POST /api/v1/mandates']),
    );
  });

  it('answers 2xx or a 4xx problem document, never a 500, and never half-writes', async () => {
    const count = async () =>
      Number((await p.ctx.store.one<{ n: number }>('SELECT (SELECT COUNT(*) FROM datasets) + (SELECT COUNT(*) FROM dataset_facets) + (SELECT COUNT(*) FROM mandates) AS n'))!.n);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), bodies, async (i, body) => {
        const route = routes[i]!;
        const before = await count();
        const res = await p.app.inject({
          method: route.method,
          url: route.url,
          headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(res.body);
          expect(problem.status).toBe(res.statusCode);
          expect(typeof problem.code).toBe('string');
          expect(await count()).toBe(before);
        }
      }),
      { numRuns: 400, seed: 20261128 },
    );
  });
});
