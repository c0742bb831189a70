import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatestWatcher } from '../../../src/live/demo/sse.js';
import type { Latest } from '../../../src/live/demo/latest.js';
import { changeFeedOf } from '../../../src/live/sta/events.js';
import { loadFixture } from '../fixture.js';
import { staHarness, STORES, type StaHarness } from '../harness.js';
import { until } from '../../support/wait.js';

for (const kind of STORES) {
  describe(`live stream watcher on ${kind.name}`, () => {
    let h: StaHarness;
    beforeAll(async () => {
      h = await staHarness(kind.name);
      await loadFixture(h);
    });
    afterAll(async () => h?.close());

    it('hears of a new observation from the change feed at once, long before its next tick', async () => {
      // A tick of ten minutes: only the feed can deliver within the test.
      const watcher = new LatestWatcher(h.ctx.store, 600_000, (e) => {
        throw e;
      }, changeFeedOf(h.ctx.store));
      const heard: Latest[] = [];
      const sub = await watcher.subscribe([1], (l) => heard.push(l));
      try {
        const res = await h.call('POST', '/Datastreams(1)/Observations', { phenomenonTime: '2033-05-01T12:00:00Z', result: 41 });
        expect(res.status).toBe(201);
        await until(() => heard.length > 0, 'the observation');
        expect(heard).toEqual([expect.objectContaining({ datastream: 1, id: res.json['@iot.id'], result: 41, phenomenonTime: '2033-05-01T12:00:00.000Z' })]);
        // An observation of a Datastream nobody watches wakes no one.
        await h.call('POST', '/Datastreams(2)/Observations', { phenomenonTime: '2033-05-01T12:00:00Z', result: 7 });
        await new Promise((r) => setTimeout(r, 50));
        expect(heard).toHaveLength(1);
      } finally {
        sub.unsubscribe();
      }
      // Unsubscribed: the feed has no one wanting Observations any more.
      expect(changeFeedOf(h.ctx.store).wants('Observation')).toBe(false);
    });
  });
}
