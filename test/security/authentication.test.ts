import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../src/app/platform.js';
import { storeFingerprint } from '../support/fingerprint.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { loggedPlatform } from '../live/privacy/logged-platform.js';
import { tempDir } from '../support/stores.js';

describe('authentication comes before everything else', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform('sqlite', { authFailuresPerMinute: 5, anonymousWritesPerMinute: 4 });
  });
  afterAll(async () => p.close());

  it('answers a write without a key 401, whatever the body: the schema is never described to a stranger', async () => {
    for (const body of [{ nonsense: true }, '{not json', 'x'.repeat(2 * 1024 * 1024), { title: 1 }]) {
      const r = await p.app.inject({ method: 'POST', url: '/api/v1/catalog/datasets', headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
      expect(r.statusCode).toBe(401);
      const problem = JSON.parse(r.body);
      expect(problem.code).toBe('unauthenticated');
      expect(r.body).not.toMatch(/invalidParams|publisherId|distributions/);
    }
  });

  it('refuses an unknown key on reads too (401), and says nothing about which part was wrong', async () => {
    const r = await p.call('GET', '/api/v1/catalog/datasets', undefined, 'tbk_deadbeef_wrong');
    expect(r.status).toBe(401);
    expect(r.json.detail).toBe('The API key is not known or has been revoked');
  });

  it('refuses every attempt from an address after too many failures (429 with Retry-After), the right key included', async () => {
    const fresh = await testPlatform('sqlite', { authFailuresPerMinute: 5 });
    try {
      const from = (ip: string, key: string) => fresh.app.inject({ method: 'GET', url: '/api/v1/organisations', remoteAddress: ip, headers: { 'x-api-key': key } });
      for (let i = 0; i < 5; i++) expect((await from('10.0.0.7', `wrong-${i}`)).statusCode).toBe(401);
      const blocked = await from('10.0.0.7', 'wrong-again');
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(blocked.body).code).toBe('rate-limited');
      // While blocked, even the right key is refused: a guess that happens to be right must not get through.
      expect((await from('10.0.0.7', ADMIN_KEY)).statusCode).toBe(429);
      // Another address is not affected.
      expect((await from('10.0.0.8', ADMIN_KEY)).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('caps writes without a key per client (a permit check is free, a flood of them is not)', async () => {
    const start = (ip: string) => p.app.inject({ method: 'POST', url: '/api/v1/rules/checks', remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ activity: 'none' }) });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await start('10.0.1.1')).statusCode);
    expect(answers.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(answers.slice(4)).toEqual([429, 429]);
    expect((await start('10.0.1.2')).statusCode).not.toBe(429);
  });

  it('stores nothing for refused writes (fingerprint of the whole store)', async () => {
    const before = await storeFingerprint(p.ctx.store);
    await p.call('POST', '/api/v1/organisations', { id: 'stiekem', name: 'Stiekem', kind: 'gemeente' });
    await p.call('DELETE', '/api/v1/organisations/stiekem', undefined, 'tbk_nope');
    expect(await storeFingerprint(p.ctx.store)).toBe(before);
  });
});

describe('the administrator key exists at start', () => {
  it('is written to <data dir>/admin-key (mode 600) before any request, and the log says where', async () => {
    const dir = tempDir();
    const p = await loggedPlatform(join(dir.path, 'data'), { adminKey: undefined });
    try {
      const file = join(dir.path, 'data', 'admin-key');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(p.readLog()).toContain(file);
      expect(p.readLog()).toContain('created the administrator API key');
      // It is the key the platform accepts.
      const key = readFileSync(file, 'utf8').trim();
      const r = await fetch(`${p.url}/api/v1/logbook`, { headers: { 'x-api-key': key } });
      expect(r.status).toBe(200);
    } finally {
      await p.close();
      dir.remove();
    }
  });

  it('keeps the embedded store readable by the platform’s user only (0600), WAL and shared memory included', async () => {
    const dir = tempDir();
    const data = join(dir.path, 'data');
    const p = await startPlatform({ dataDir: data, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY }, { env: {} });
    try {
      await fetch(`${p.url}/api/v1/organisations`, { method: 'POST', headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'gemeente-x', name: 'X', kind: 'gemeente' }) });
      for (const f of ['thorbecke.sqlite', 'thorbecke.sqlite-wal', 'thorbecke.sqlite-shm']) {
        expect(statSync(join(data, f)).mode & 0o777, f).toBe(0o600);
      }
      expect(statSync(data).mode & 0o077).toBe(0);
    } finally {
      await p.close();
      dir.remove();
    }
  });
});
