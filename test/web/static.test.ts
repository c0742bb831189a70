import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../support/browser.js';
import { testPlatform, type TestPlatform } from '../support/platform.js';

/** How the platform serves the built web app: precompressed bytes and cache headers. */
const ASSETS = fileURLToPath(new URL('../../web-dist/assets/', import.meta.url));

describe('the web app as the platform serves it', () => {
  let p: TestPlatform;
  let mapChunk: string;

  beforeAll(async () => {
    ensureWebBuild();
    // The largest script: the MapLibre chunk.
    mapChunk = readdirSync(ASSETS)
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => readFileSync(join(ASSETS, b)).length - readFileSync(join(ASSETS, a)).length)[0]!;
    p = await testPlatform();
  });
  afterAll(async () => p?.close());

  const get = (url: string, encoding?: string) => p.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a large script brotli-compressed when the browser accepts it, and the same bytes once decompressed', async () => {
    const original = readFileSync(join(ASSETS, mapChunk));
    const r = await get(`/assets/${mapChunk}`, 'gzip, deflate, br');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.rawPayload.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(r.rawPayload).equals(original)).toBe(true);
  });

  it('falls back to gzip, and to the plain file for a client that accepts neither', async () => {
    const original = readFileSync(join(ASSETS, mapChunk));
    const gz = await get(`/assets/${mapChunk}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);
    const plain = await get(`/assets/${mapChunk}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('lets browsers keep hashed assets for a year, but asks again for the app shell', async () => {
    expect((await get(`/assets/${mapChunk}`, 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/dataregister']) {
      const shell = await get(url, 'br');
      expect(shell.statusCode).toBe(200);
      expect(shell.headers['content-type']).toMatch(/text\/html/);
      expect(shell.headers['cache-control']).toBe('no-cache');
    }
  });
});
