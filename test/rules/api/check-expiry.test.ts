import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_TTL_MS, checkLifetimeFor } from '../../../src/rules/check/expiry.js';
import { testPlatform, type TestPlatform } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';

/**
 * Anonymous permit checks are not kept forever: 24 hours after the last answer a check
 * is refused as expired, and the periodic sweep deletes its row. Time is moved with an
 * injected clock, on both stores.
 */
const HOUR = 3_600_000;

for (const kind of STORES) {
  describe(`permit check expiry on ${kind.name}`, () => {
    let p: TestPlatform;
    let now = Date.parse('2026-03-01T09:00:00.000Z');
    const at = (ms: number) => {
      now = ms;
    };
    const rows = async () => Number((await p.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM rules_checks'))!.n);

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      checkLifetimeFor(p.ctx).setClock(() => new Date(now));
    }, 60_000);
    afterAll(async () => p?.close());

    it('expires 24 hours after the last answer, not after the start', async () => {
      const t0 = now;
      const started = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
      expect(started.status, started.body).toBe(201);
      const id = started.json.id;
      expect(started.json.expiresAt).toBe(new Date(t0 + CHECK_TTL_MS).toISOString());

      // An answer 23 hours later keeps it another 24 hours.
      at(t0 + 23 * HOUR);
      const answered = await p.call('POST', `/api/v1/rules/checks/${id}/answers`, { questionId: started.json.step.question.id, value: 'ja' });
      expect(answered.status, answered.body).toBe(200);
      expect(answered.json.expiresAt).toBe(new Date(t0 + 47 * HOUR).toISOString());
      at(t0 + 47 * HOUR - 1);
      expect((await p.call('GET', `/api/v1/rules/checks/${id}`)).status).toBe(200);
      expect(await checkLifetimeFor(p.ctx).sweep()).toBe(0);

      // On the dot: refused on read even before the sweep has run, as problem+json saying so.
      at(t0 + 47 * HOUR);
      const expired = await p.call('GET', `/api/v1/rules/checks/${id}`);
      expect(expired.status).toBe(404);
      expect(expired.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(expired.json.detail).toMatch(/expired/);
      const late = await p.call('POST', `/api/v1/rules/checks/${id}/answers`, { questionId: answered.json.step.question.id, value: true });
      expect(late.status).toBe(404);
      expect(late.json.detail).toMatch(/expired/);
      expect(await rows()).toBe(1);

      // The sweep deletes the row; reading it still says it may have expired.
      expect(await checkLifetimeFor(p.ctx).sweep()).toBe(1);
      expect(await rows()).toBe(0);
      const gone = await p.call('GET', `/api/v1/rules/checks/${id}`);
      expect(gone.status).toBe(404);
      expect(gone.json.detail).toMatch(/expired/);
    });

    it('the sweep deletes only checks untouched for 24 hours', async () => {
      const t0 = now;
      const old = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
      at(t0 + 12 * HOUR);
      const fresh = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
      at(t0 + 24 * HOUR);
      expect(await checkLifetimeFor(p.ctx).sweep()).toBe(1);
      expect((await p.call('GET', `/api/v1/rules/checks/${old.json.id}`)).status).toBe(404);
      expect((await p.call('GET', `/api/v1/rules/checks/${fresh.json.id}`)).status).toBe(200);
      at(t0 + 36 * HOUR);
      expect(await checkLifetimeFor(p.ctx).sweep()).toBe(1);
      expect(await rows()).toBe(0);
    });

    it('sweeps periodically once started, and stops', async () => {
      await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
      at(now + 25 * HOUR);
      const sweeper = checkLifetimeFor(p.ctx).startSweeping(10);
      await expect.poll(rows, { timeout: 5_000 }).toBe(0);
      await sweeper.stop();
    });
  });
}
