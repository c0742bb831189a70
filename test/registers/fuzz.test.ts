import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY } from '../support/platform.js';
import { registersPlatform, standardEntry, type RegistersPlatform } from './platform.js';
import { writeRoutes } from '../support/openapi.js';

/** Bodies near valid ones (a field replaced or added) and arbitrary JSON. */
const bodies = fc.oneof(
  fc.jsonValue(),
  fc.record({ key: fc.constantFrom('ownerId', 'mandateIds', 'standard', 'aiActAnswers', 'internal', 'answers', 'purposes', 'retention', 'extra'), value: fc.jsonValue() }).map(({ key, value }) => ({
    ownerId: 'gemeente-test',
    standard: standardEntry(),
    [key]: value,
  })),
  fc.record({ field: fc.constantFrom('name', 'status', 'start_date', 'theme', 'link', 'language', 'publication_category'), value: fc.jsonValue() }).map(({ field, value }) => ({
    ownerId: 'gemeente-test',
    standard: { ...standardEntry(), [field]: value },
  })),
  fc.string({ maxLength: 200 }),
);

describe('the capability’s write routes survive random bodies', () => {
  let p: RegistersPlatform;
  let routes: Array<{ method: 'POST' | 'PUT'; url: string }>;

  beforeAll(async () => {
    p = await registersPlatform('sqlite');
    await p.org('gemeente-test', 'gemeente', 'Gemeente Test');
    await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'gemeente-test', personalData: 'personal', legalBasis: 'AVG art. 6(1)(e)' }), ADMIN_KEY);
    await p.call('POST', '/api/v1/registers/algorithms', { id: 'gemeente-test', ownerId: 'gemeente-test', standard: standardEntry() }, ADMIN_KEY);
    const doc = (await p.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    routes = writeRoutes(doc, '/api/v1/registers');
  });
  afterAll(async () => p.close());

  it('finds them', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'POST /api/v1/registers/ai-act/assess',
      'POST /api/v1/registers/algorithms',
      'PUT /api/v1/registers/algorithms/gemeente-test',
      'PUT /api/v1/registers/processing/datasets/gemeente-test',
      'PUT /api/v1/registers/sensors/devices/gemeente-test',
      'POST /api/v1/registers/sensors/devices',
    ].sort());
  });

  it('answers 2xx or a 4xx problem document, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), bodies, async (i, body) => {
        const route = routes[i]!;
        const res = await p.app.inject({
          method: route.method,
          url: route.url,
          headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(JSON.parse(res.body).status).toBe(res.statusCode);
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('uses camelCase names in its OpenAPI description, as the API Design Rules ask', async () => {
    const doc = (await p.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, unknown> };
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => names.add(n));
          walk(v);
        }
      }
    };
    walk(Object.fromEntries(Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/registers'))));
    expect([...names].filter((n) => !/^(_links|[a-z][a-zA-Z0-9]*)$/.test(n))).toEqual([]);
  });
});
