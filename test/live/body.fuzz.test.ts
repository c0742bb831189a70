import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { staHarness, STORES, type StaHarness } from './harness.js';

/**
 * Random bodies to every SensorThings write: valid-looking entities with one field replaced,
 * and arbitrary JSON. The answer is always 2xx or a 4xx problem document naming what is
 * wrong, never a 500; and a refused write leaves the Observation count as it was.
 */
const TARGETS: Array<{ method: 'POST' | 'PATCH'; path: string; valid: Record<string, unknown> }> = [
  { method: 'POST', path: '/Things', valid: { name: 'T', description: 'd', properties: { a: 1 } } },
  { method: 'POST', path: '/Observations', valid: { phenomenonTime: '2026-01-01T00:00:00Z', result: 1, Datastream: { '@iot.id': 1 } } },
  { method: 'POST', path: '/Datastreams(1)/Observations', valid: { phenomenonTime: '2026-01-01T00:00:00Z', result: 2 } },
  { method: 'PATCH', path: '/Datastreams(2)', valid: { name: 'x' } },
  { method: 'PATCH', path: '/Things(1)', valid: { description: 'y' } },
  { method: 'POST', path: '/CreateObservations', valid: [{ Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-01T00:00:00Z', 3]] }] as never },
];

const body = fc.oneof(
  fc.jsonValue(),
  fc.record({ target: fc.integer({ min: 0, max: TARGETS.length - 1 }), key: fc.constantFrom('name', 'description', 'result', 'phenomenonTime', 'resultTime', 'Datastream', 'properties', 'parameters', 'validTime', 'FeatureOfInterest', 'Locations', 'dataArray', 'components', '@iot.id', 'unitOfMeasurement'), value: fc.jsonValue() }).map(({ target, key, value }) => {
    const valid = TARGETS[target]!.valid;
    return Array.isArray(valid) ? [{ ...(valid[0] as object), [key]: value }] : { ...valid, [key]: value };
  }),
);

for (const kind of STORES) {
  describe(`SensorThings writes survive random bodies: ${kind.name}`, () => {
  let h: StaHarness;
  beforeAll(async () => {
    h = await staHarness(kind.name);
    await loadFixture(h);
  });
  afterAll(async () => h.close());

  it('answers 2xx or a 4xx problem, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: TARGETS.length - 1 }), body, async (i, b) => {
        const t = TARGETS[i]!;
        const before = Number((await h.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM sta_observations'))!.n);
        const res = await h.call(t.method, t.path, b);
        expect(res.status, res.body).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/problem\+json/);
          expect(Number((await h.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM sta_observations'))!.n)).toBe(before);
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
}
