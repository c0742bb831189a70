import { ADMIN } from '../../support/principals.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention, ingestObservations } from '../../../src/live/index.js';
import { staHarness, STORES, type StaHarness } from '../harness.js';

const stream = (name: string, retention?: string) => ({
  name, description: name, observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
  unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
  ...(retention ? { properties: { privacy: { purpose: 'telling', personalData: 'none', retention } } } : {}),
  Thing: { name: 't', description: 't', Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }] },
  Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
  ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
});
const day = (d: number) => `2026-06-${String(d).padStart(2, '0')}T12:00:00Z`;
/** The fake clock: 30 June 2026, 12:00 UTC. */
const NOW = Date.parse('2026-06-30T12:00:00Z');

for (const kind of STORES) {
  describe(`retention on ${kind.name}`, () => {
    let h: StaHarness;
    const ids: Record<string, number> = {};
    const state = async (ds: number) => {
      const d = (await h.call('GET', `/Datastreams(${ds})?$expand=Observations($orderby=phenomenonTime desc;$top=1)`)).json;
      const listed = (await h.call('GET', `/Datastreams(${ds})/Observations?$filter=result ge 0&$count=true&$top=0`)).json['@iot.count'];
      const counted = (await h.call('GET', `/Datastreams(${ds})/Observations?$count=true&$top=0`)).json['@iot.count'];
      return { counted, listed, latest: d.Observations[0]?.result ?? null, phenomenonTime: d.phenomenonTime ?? null };
    };
    beforeAll(async () => {
      h = await staHarness(kind.name);
      for (const [name, retention] of [['week', 'P7D'], ['month', 'P1M'], ['kept', undefined], ['hours', 'PT36H']] as const) {
        ids[name] = (await h.call('POST', '/Datastreams', stream(name, retention))).json['@iot.id'];
      }
      // One observation per day of June (result = the day), in every stream, out of order.
      const days = Array.from({ length: 30 }, (_, i) => 30 - i);
      for (const ds of Object.values(ids)) await ingestObservations(h.ctx, ds, days.map((d) => ({ phenomenonTime: day(d), result: d })), { principal: ADMIN });
    });
    afterAll(async () => h?.close());

    it('deletes what is older than each Datastream’s period and keeps counters and latest pointers right', async () => {
      const out = await applyRetention(h.ctx.store, NOW);
      // P7D before 30 June 12:00 is 23 June 12:00: days 1–22 go. PT36H: days 1–28 go. P1M: 30 May, nothing goes.
      expect(out.deleted).toEqual({ [ids.week!]: 22, [ids.hours!]: 28 });
      expect(await state(ids.week!)).toEqual({ counted: 8, listed: 8, latest: 30, phenomenonTime: `${new Date(Date.parse(day(23))).toISOString()}/${new Date(Date.parse(day(30))).toISOString()}` });
      expect(await state(ids.hours!)).toMatchObject({ counted: 2, listed: 2, latest: 30 });
      expect(await state(ids.month!)).toMatchObject({ counted: 30, listed: 30, latest: 30 });
      expect(await state(ids.kept!)).toMatchObject({ counted: 30, listed: 30, latest: 30 });
      // Running it again at the same time deletes nothing more.
      expect((await applyRetention(h.ctx.store, NOW)).deleted).toEqual({});
    });

    it('empties a Datastream entirely when everything is past its period, and the clock moving on drives it', async () => {
      const later = NOW + 20 * 86_400_000;
      const out = await applyRetention(h.ctx.store, later);
      expect(out.deleted[ids.week!]).toBe(8);
      expect(out.deleted[ids.month!]).toBe(19); // P1M before 20 July 12:00 is 20 June 12:00
      expect(await state(ids.week!)).toEqual({ counted: 0, listed: 0, latest: null, phenomenonTime: null });
      expect(await state(ids.month!)).toMatchObject({ counted: 11, listed: 11, latest: 30 });
      expect(await state(ids.kept!)).toMatchObject({ counted: 30, listed: 30 });
      // A new observation after emptying sets the latest pointer again.
      await ingestObservations(h.ctx, ids.week!, [{ phenomenonTime: '2026-07-20T00:00:00Z', result: 99 }], { principal: ADMIN });
      expect(await state(ids.week!)).toMatchObject({ counted: 1, listed: 1, latest: 99 });
    });
  });
}
