import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/kernel/errors.js';
import { ingestBatch, ingestObservations, type IngestedObservation } from '../../src/live/index.js';
import { loadFixture } from './fixture.js';
import { ADMIN } from '../support/principals.js';
import { ROOT, staHarness, STORES, type StaHarness } from './harness.js';

for (const kind of STORES) {
  describe(`ingest path on ${kind.name}`, () => {
    let h: StaHarness;
    const count = async (ds: number) => (await h.call('GET', `/Datastreams(${ds})/Observations?$count=true&$top=0`)).json['@iot.count'];
    beforeAll(async () => {
      h = await staHarness(kind.name);
      await loadFixture(h);
    });
    afterAll(async () => h?.close());

    it('ingestObservations stores the valid observations and names the refused ones', async () => {
      const before = await count(1);
      const out = await ingestObservations(h.ctx, 1, [
        { phenomenonTime: '2026-08-01T00:00:00Z', result: 12 },
        { phenomenonTime: '2026-08-01T00:00:00', result: 13 },
        { phenomenonTime: '2026-08-02T00:00:00Z', result: 14, FeatureOfInterest: { '@iot.id': 1 } },
      ], { principal: ADMIN });
      expect(out.results[0]).toEqual({ id: expect.any(Number) });
      expect(out.results[1]).toEqual({ error: expect.objectContaining({ name: '1.phenomenonTime' }) });
      expect(out.results[2]).toEqual({ id: expect.any(Number) });
      expect(await count(1)).toBe(before + 2);
      const latest = (await h.call('GET', '/Datastreams(1)/Observations?$top=1&$orderby=phenomenonTime%20desc')).json.value[0];
      expect(latest['@iot.id']).toBe((out.results[2] as { id: number }).id);
    });

    it('ingestObservations in atomic mode refuses the whole batch', async () => {
      const before = await count(1);
      await expect(ingestObservations(h.ctx, 1, [{ result: 1 }, { result: 2, phenomenonTime: 'yesterday' }], { atomic: true, principal: ADMIN })).rejects.toMatchObject({ status: 400 });
      await expect(ingestObservations(h.ctx, 999, [{ result: 1 }], { principal: ADMIN })).rejects.toMatchObject({ status: 400, invalidParams: [expect.objectContaining({ name: 'Datastream' })] });
      expect(await count(1)).toBe(before);
    });

    it('ingestBatch takes several Datastreams in one transaction with one outcome per item', async () => {
      const before = [await count(1), await count(2)];
      const out = await ingestBatch(h.ctx, [
        { datastreamId: 1, body: { phenomenonTime: '2026-09-01T00:00:00Z', result: 1 }, principal: ADMIN },
        { body: { phenomenonTime: '2026-09-01T00:00:00Z', result: 2, Datastream: { '@iot.id': 2 } }, principal: ADMIN },
        { datastreamId: 999, body: { result: 3 }, principal: ADMIN },
        { datastreamId: 1, body: { result: 4, Datastream: { '@iot.id': 2 } }, principal: ADMIN },
        { datastreamId: 2, body: { result: 5, FeatureOfInterest: { '@iot.id': 999 } }, principal: ADMIN },
        { datastreamId: 2, body: { phenomenonTime: '2026-09-02T00:00:00Z', result: 6, FeatureOfInterest: { name: 'kerb', description: 'kerb', encodingType: 'application/geo+json', feature: { type: 'Point', coordinates: [4.9, 52.37] } } }, principal: ADMIN },
        { body: { result: 7 }, principal: ADMIN },
      ]);
      const ok = out.filter((o): o is IngestedObservation => !(o instanceof AppError));
      expect(out.map((o) => (o instanceof AppError ? o.invalidParams[0]?.name : 'ok'))).toEqual(['ok', 'ok', 'Datastream', 'Datastream', 'FeatureOfInterest', 'ok', 'Datastream']);
      expect(ok.map((o) => o.datastreamId)).toEqual([1, 2, 2]);
      expect(ok[0]!.entity).toMatchObject({ '@iot.selfLink': `${ROOT}/Observations(${ok[0]!.id})`, result: 1, phenomenonTime: '2026-09-01T00:00:00.000Z' });
      const stored = (await h.call('GET', `/Observations(${ok[2]!.id})?$expand=FeatureOfInterest`)).json;
      expect(stored.FeatureOfInterest.name).toBe('kerb');
      expect(stored.FeatureOfInterest['@iot.id']).toBe(ok[2]!.featureOfInterestId);
      expect([await count(1), await count(2)]).toEqual([before[0]! + 1, before[1]! + 2]);
    });
    it('CreateObservations with two blocks of one Datastream adds both to its count, latest and time extent', async () => {
      const before = await count(2);
      const block = (times: string[], results: number[]) => ({ Datastream: { '@iot.id': 2 }, components: ['phenomenonTime', 'result', 'resultTime'], dataArray: times.map((t, i) => [t, results[i], t]) });
      const res = await h.call('POST', '/CreateObservations', [
        block(['2031-03-05T10:00:00Z', '2031-03-07T10:00:00Z'], [1, 2]),
        block(['2031-03-06T10:00:00Z', '2020-01-01T00:00:00Z'], [3, 4]),
      ]);
      expect(res.status).toBe(201);
      expect(await count(2)).toBe(before + 4);
      const ds = (await h.call('GET', '/Datastreams(2)')).json;
      expect(ds.phenomenonTime.split('/')[1]).toBe('2031-03-07T10:00:00.000Z');
      expect(ds.resultTime.split('/')[1]).toBe('2031-03-07T10:00:00.000Z');
      expect(Date.parse(ds.phenomenonTime.split('/')[0])).toBeLessThanOrEqual(Date.parse('2020-01-01T00:00:00Z'));
      const latest = (await h.call('GET', '/Datastreams(2)/Observations?$top=1&$orderby=phenomenonTime%20desc')).json.value[0];
      expect(latest).toMatchObject({ result: 2, phenomenonTime: '2031-03-07T10:00:00.000Z' });
    });
    it('concurrent ingest batches over the same Datastreams all land, with exact counts and no deadlock', async () => {
      const before = [await count(1), await count(2)];
      // Opposite Datastream orders in alternate batches: without ordered row locks two PostgreSQL transactions could deadlock.
      const batches = Array.from({ length: 6 }, (_, b) =>
        ingestBatch(
          h.ctx,
          Array.from({ length: 50 }, (_, i) => ({
            datastreamId: (i + b) % 2 === 0 ? 1 : 2,
            body: { phenomenonTime: new Date(Date.UTC(2032, 0, 1, b, i)).toISOString(), result: b * 100 + i },
            principal: ADMIN,
          })),
        ),
      );
      const outcomes = (await Promise.all(batches)).flat();
      expect(outcomes.filter((o) => o instanceof AppError)).toEqual([]);
      expect([await count(1), await count(2)]).toEqual([before[0]! + 150, before[1]! + 150]);
      const latest = (await h.call('GET', '/Datastreams(1)/Observations?$top=1&$orderby=phenomenonTime%20desc')).json.value[0];
      expect(latest.phenomenonTime).toBe('2032-01-01T05:49:00.000Z');
    });
  });
}
