import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logbookFor } from '../../src/kernel/logbook/index.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { STORES } from '../support/stores.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

for (const kind of STORES) {
  describe(`GET /api/v1/logbook: ${kind.name}`, () => {
    let p: TestPlatform;
    let orgKey: string;
    let traceId: string;

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      expect((await p.call('POST', '/api/v1/organisations', { id: 'gemeente-a', name: 'Gemeente A', kind: 'gemeente' }, ADMIN_KEY)).status).toBe(201);
      orgKey = (await p.call('POST', '/api/v1/organisations/gemeente-a/keys', { label: 'test' }, ADMIN_KEY)).json.key;
      const log = logbookFor(p.ctx);
      const first = await log.record({ name: 'federation.provide', activityId: 'contract:k1', startedAt: at(0), endedAt: at(1), status: 'ok', peer: 'provincie-b' });
      traceId = first.traceId;
      await log.record({ traceId, parentSpanId: first.spanId, name: 'federation.provide.read', activityId: 'contract:k1', startedAt: at(1), endedAt: at(2), status: 'error' });
      for (let m = 10; m < 13; m++) await log.record({ name: 'federation.provide', activityId: 'contract:k2', startedAt: at(m), endedAt: at(m), status: 'ok' });
    });
    afterAll(async () => p.close());

    it('is for the administrator only', async () => {
      expect((await p.call('GET', '/api/v1/logbook')).status).toBe(401);
      const forbidden = await p.call('GET', '/api/v1/logbook', undefined, orgKey);
      expect(forbidden.status).toBe(403);
      expect(forbidden.json.code).toBe('forbidden');
    });

    it('finds the records of one trace and of one processing activity', async () => {
      const trace = (await p.call('GET', `/api/v1/logbook?traceId=${traceId}`, undefined, ADMIN_KEY)).json;
      expect(trace.total).toBe(2);
      expect(trace.items.map((i: { name: string }) => i.name)).toEqual(['federation.provide.read', 'federation.provide']);
      expect(trace.items[0].parentSpanId).toBe(trace.items[1].spanId);
      const activity = (await p.call('GET', '/api/v1/logbook?activityId=contract:k2', undefined, ADMIN_KEY)).json;
      expect(activity.total).toBe(3);
    });

    it('narrows to a time window and pages with links that keep the filter', async () => {
      const window = (await p.call('GET', `/api/v1/logbook?from=${encodeURIComponent(at(1))}&to=${encodeURIComponent(at(11))}`, undefined, ADMIN_KEY)).json;
      expect(window.items.map((i: { startedAt: string }) => i.startedAt)).toEqual([at(10), at(1)]);
      const page = (await p.call('GET', '/api/v1/logbook?activityId=contract:k2&pageSize=2', undefined, ADMIN_KEY)).json;
      expect(page.items).toHaveLength(2);
      expect(page._links.next.href).toContain('activityId=contract%3Ak2');
    });

    it('names the query parameter that is wrong', async () => {
      const bad = await p.call('GET', '/api/v1/logbook?traceId=XYZ', undefined, ADMIN_KEY);
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('invalid-query');
      expect(bad.json.invalidParams[0]).toMatchObject({ name: 'traceId', in: 'query' });
      expect((await p.call('GET', '/api/v1/logbook?from=yesterday', undefined, ADMIN_KEY)).json.invalidParams[0].name).toBe('from');
    });
  });
}
