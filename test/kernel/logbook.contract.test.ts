import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logbook, LOGBOOK_MIGRATIONS, type ProcessingInput } from '../../src/kernel/logbook/index.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { STORES } from '../support/stores.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 12, minute)).toISOString();
const op = (over: Partial<ProcessingInput> = {}): ProcessingInput => ({
  name: 'test.read',
  activityId: 'contract:c1',
  startedAt: at(0),
  endedAt: at(1),
  status: 'ok',
  ...over,
});

for (const kind of STORES) {
  describe(`processing log in the store: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let log: Logbook;

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, LOGBOOK_MIGRATIONS);
      log = new Logbook(store);
    });
    afterAll(async () => dispose());

    it('appends a record with W3C-shaped ids it made itself, and reads it back', async () => {
      const e = await log.record(op({ peer: 'provincie-x', attributes: { path: '/sta/v1.1/Things', bytes: 12 } }));
      expect(e.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(e.spanId).toMatch(/^[0-9a-f]{16}$/);
      const { items, total } = await log.list({ traceId: e.traceId }, 10, 0);
      expect(total).toBe(1);
      expect(items[0]).toEqual(e);
      expect(items[0]).toMatchObject({ name: 'test.read', activityId: 'contract:c1', status: 'ok', peer: 'provincie-x', attributes: { path: '/sta/v1.1/Things', bytes: 12 } });
      expect(items[0]).not.toHaveProperty('parentSpanId');
    });

    it('refuses records that break the shape: bad ids, no activity, end before nothing', async () => {
      await expect(log.record(op({ traceId: 'ABC' }))).rejects.toThrow(/trace-id/);
      await expect(log.record(op({ spanId: '0123' }))).rejects.toThrow(/parent-id/);
      await expect(log.record(op({ activityId: 'no-kind' }))).rejects.toThrow(/kind/);
      await expect(log.record(op({ status: 'maybe' as 'ok' }))).rejects.toThrow();
      await expect(log.record(op({ startedAt: 'yesterday' }))).rejects.toThrow();
    });

    it('is append-only: the store itself refuses updates and deletes', async () => {
      const e = await log.record(op());
      await expect(store.run('UPDATE logbook SET status = ? WHERE span_id = ?', ['error', e.spanId])).rejects.toThrow(/append-only/);
      await expect(store.run('DELETE FROM logbook WHERE span_id = ?', [e.spanId])).rejects.toThrow(/append-only/);
      expect((await log.list({ traceId: e.traceId }, 10, 0)).items[0]!.status).toBe('ok');
    });

    it('writes inside the caller’s transaction: kept on commit, gone on rollback', async () => {
      const kept = await store.transaction((tx) => log.record(op({ activityId: 'contract:tx-kept' }), tx));
      await expect(
        store.transaction(async (tx) => {
          await log.record(op({ activityId: 'contract:tx-lost' }), tx);
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect((await log.list({ activityId: 'contract:tx-kept' }, 10, 0)).items.map((i) => i.spanId)).toEqual([kept.spanId]);
      expect((await log.list({ activityId: 'contract:tx-lost' }, 10, 0)).total).toBe(0);
    });

    it('stores a data subject only as a keyed hash, stable across processes on the same store', async () => {
      const bsn = { type: 'bsn', id: '999993653' };
      const e = await log.record(op({ activityId: 'contract:subject', dataSubject: bsn }));
      expect(e.dataSubjectHash).toMatch(/^[0-9a-f]{64}$/);
      const raw = await store.all<Record<string, unknown>>('SELECT * FROM logbook WHERE span_id = ?', [e.spanId]);
      expect(JSON.stringify(raw)).not.toContain('999993653');
      const again = new Logbook(store);
      expect(await again.dataSubjectHash(bsn)).toBe(e.dataSubjectHash);
      expect(await again.dataSubjectHash({ type: 'kenteken', id: '999993653' })).not.toBe(e.dataSubjectHash);
      expect((await again.list({ dataSubjectHash: e.dataSubjectHash }, 10, 0)).items.map((i) => i.spanId)).toEqual([e.spanId]);
    });

    it('filters by activity and time window, newest first, and pages without overlap', async () => {
      for (let m = 10; m < 15; m++) await log.record(op({ activityId: 'contract:window', startedAt: at(m), endedAt: at(m + 1) }));
      const window = await log.list({ activityId: 'contract:window', from: at(11), to: at(14) }, 10, 0);
      expect(window.items.map((i) => i.startedAt)).toEqual([at(13), at(12), at(11)]);
      const p1 = await log.list({ activityId: 'contract:window' }, 2, 0);
      const p2 = await log.list({ activityId: 'contract:window' }, 2, 2);
      const p3 = await log.list({ activityId: 'contract:window' }, 2, 4);
      expect(p1.total).toBe(5);
      const spans = [...p1.items, ...p2.items, ...p3.items].map((i) => i.spanId);
      expect(new Set(spans).size).toBe(5);
    });

    it('counts the total only so far past the page, and says when it is a lower bound', async () => {
      for (let m = 20; m < 32; m++) await log.record(op({ activityId: 'contract:counted', startedAt: at(m), endedAt: at(m + 1) }));
      const exact = await log.list({ activityId: 'contract:counted' }, 2, 0, 100);
      expect(exact).toMatchObject({ total: 12, exact: true });
      const bounded = await log.list({ activityId: 'contract:counted' }, 2, 4, 3);
      expect(bounded).toMatchObject({ total: 9, exact: false });
      expect(bounded.items).toHaveLength(2);
      // Just enough room: the count reaches every match, so it is exact again.
      expect(await log.list({ activityId: 'contract:counted' }, 2, 4, 7)).toMatchObject({ total: 12, exact: true });
    });

    it('continues a caller’s trace: same trace id, the caller’s span as parent', async () => {
      const caller = log.begin({ name: 'federation.fetch', activityId: 'contract:c2', peer: 'gemeente-a' });
      const callee = log.begin({ name: 'federation.provide', activityId: 'contract:c2', peer: 'gemeente-b', context: { traceId: caller.traceId, parentSpanId: caller.spanId, sampled: true } });
      expect(caller.traceparent).toBe(`00-${caller.traceId}-${caller.spanId}-01`);
      await callee.end({ status: 'ok' });
      await caller.end({ status: 'error', attributes: { reason: 'test' } });
      const { items } = await log.list({ traceId: caller.traceId }, 10, 0);
      const byName = Object.fromEntries(items.map((i) => [i.name, i]));
      expect(byName['federation.provide']).toMatchObject({ parentSpanId: caller.spanId, peer: 'gemeente-b', status: 'ok' });
      expect(byName['federation.fetch']).toMatchObject({ spanId: caller.spanId, peer: 'gemeente-a', status: 'error', attributes: { reason: 'test' } });
      expect(byName['federation.fetch']).not.toHaveProperty('parentSpanId');
    });
  });
}
