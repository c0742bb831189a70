import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import { storeFingerprint } from '../support/fingerprint.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { tempDir } from '../support/stores.js';

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const ref = (id: number) => ({ '@iot.id': id });

describe('limits on what one request may ask', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform('sqlite', { staMaxEntities: 500, staMaxExpandDepth: 4 });
    // Two Things that share Datastreams' Sensor: Things/Datastreams/Sensor/Datastreams/Thing/... grows with every level.
    for (let t = 0; t < 3; t++) {
      const ds = Array.from({ length: 8 }, (_, i) => ({
        name: `d${t}-${i}`, description: 'd', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
        unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
        Sensor: t === 0 && i === 0 ? { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' } : ref(1),
        ObservedProperty: t === 0 && i === 0 ? { name: 'o', definition: 'https://example.org/o', description: 'o' } : ref(1),
      }));
      expect((await p.call('POST', '/sta/v1.1/Things', { name: `t${t}`, description: 't', Datastreams: ds }, ADMIN_KEY)).status).toBe(201);
    }
  });
  afterAll(async () => p.close());

  it('refuses $expand deeper than the limit with a 400 naming it', async () => {
    const path = ['Datastreams', 'Sensor', 'Datastreams', 'Thing', 'Datastreams'].join('/');
    const r = await p.call('GET', `/sta/v1.1/Things?$expand=${path}`);
    expect(r.status).toBe(400);
    expect(r.json.detail).toMatch(/at most 4.*THORBECKE_STA_MAX_EXPAND_DEPTH/);
    // Four levels are served (this one may still meet the entity budget, which is another limit).
    expect((await p.call('GET', '/sta/v1.1/Things?$expand=Datastreams/Sensor/Datastreams/Thing')).json.detail ?? '').not.toMatch(/EXPAND_DEPTH/);
  });

  it('refuses a response of more entities than the budget with a 400 naming it, instead of building it', async () => {
    const r = await p.call('GET', '/sta/v1.1/Things?$expand=Datastreams/Sensor/Datastreams/Thing');
    expect(r.status).toBe(400);
    expect(r.json.detail).toContain('more than 500 entities');
    expect(r.json.detail).toContain('THORBECKE_STA_MAX_ENTITIES');
    expect((await p.call('GET', '/sta/v1.1/Things?$expand=Datastreams')).status).toBe(200);
  });

  it('streams a large collection as valid JSON, the same document as a small one would be', async () => {
    const big = await testPlatform('sqlite', { staMaxTop: 1000 });
    try {
      const rows = Array.from({ length: 600 }, (_, i) => [i]);
      const d = await big.call('POST', '/sta/v1.1/Datastreams', {
        name: 'd', description: 'd', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
        unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
        Thing: { name: 't', description: 't', Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }] },
        Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
        ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
      }, ADMIN_KEY);
      const id = d.json['@iot.id'];
      expect((await big.call('POST', '/sta/v1.1/CreateObservations', [{ Datastream: ref(id), components: ['result'], dataArray: rows }], ADMIN_KEY)).status).toBe(201);
      const r = await big.call('GET', `/sta/v1.1/Datastreams(${id})/Observations?$count=true&$top=700&$orderby=result`);
      expect(r.status).toBe(200);
      expect(r.json['@iot.count']).toBe(600);
      expect(r.json.value.map((o: { result: number }) => o.result)).toEqual(rows.map((x) => x[0]));
      const small = await big.call('GET', `/sta/v1.1/Datastreams(${id})/Observations?$count=true&$top=2&$orderby=result`);
      expect(Object.keys(small.json)).toEqual(['@iot.count', '@iot.nextLink', 'value']);
      expect(Object.keys(r.json)).toEqual(['@iot.count', 'value']);
    } finally {
      await big.close();
    }
  });

  it('refuses a body nested 5,000 levels deep with 400 on every JSON route, the SensorThings ones included, storing nothing', async () => {
    const before = await storeFingerprint(p.ctx.store);
    const doc = (await p.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => ['post', 'put'].filter((m) => ops[m]).map((m) => [m.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x')] as const));
    routes.push(['POST', '/sta/v1.1/Things'], ['POST', '/sta/v1.1/CreateObservations'], ['PATCH', '/sta/v1.1/Things(1)']);
    for (const [method, url] of routes) {
      const r = await p.app.inject({ method, url, headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, payload: deep(5000) });
      expect(r.statusCode, `${method} ${url}`).toBeLessThan(500);
      if (r.headers['content-type']?.toString().startsWith('application/problem+json')) expect(JSON.parse(r.body).status).toBe(r.statusCode);
    }
    const sta = await p.app.inject({ method: 'POST', url: '/sta/v1.1/Things', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, payload: `{"name":"x","description":"x","properties":${deep(5000)}}` });
    expect(sta.statusCode).toBe(400);
    expect(JSON.parse(sta.body).detail).toContain('nested deeper than 64 levels');
    expect(await storeFingerprint(p.ctx.store)).toBe(before);
  });

  it('refuses invalid UTF-8 instead of storing replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","description":"x"}')]);
    const r = await p.app.inject({ method: 'POST', url: '/sta/v1.1/Things', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, payload: bytes });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).detail).toContain('not valid UTF-8');
    const turtle = await p.app.inject({ method: 'POST', url: '/api/v1/catalog/harvest', headers: { 'content-type': 'text/turtle', 'x-api-key': ADMIN_KEY }, payload: Buffer.from([0x3c, 0xff, 0xfe, 0x3e]) });
    expect(turtle.statusCode).toBe(400);
    expect((await p.call('GET', "/sta/v1.1/Things?$filter=startswith(name,'Caf')")).json.value).toEqual([]);
  });

  it('answers a body over the limit 413, a bad URL 400 and an unknown route 404, each as problem+json', async () => {
    const big = await p.app.inject({ method: 'POST', url: '/api/v1/mandates', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, payload: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await p.app.inject({ method: 'GET', url: '/api/v1/catalog/datasets/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const none = await p.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(none.statusCode).toBe(404);
    expect(JSON.parse(none.body).code).toBe('not-found');
  });
});

describe('answers the HTTP parser gives, and headers', () => {
  const dir = tempDir();
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform({ dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, corsOrigins: 'https://beheer.gemeente.example' }, { env: {} });
  });
  afterAll(async () => {
    await p.close();
    dir.remove();
  });

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const { port } = new URL(p.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });

  it('answers headers too large with 431 problem+json', async () => {
    const answer = await raw(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('content-type: application/problem+json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('answers a broken request line with 400 problem+json', async () => {
    const answer = await raw('GARBAGE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).code).toBe('validation-failed');
  });

  it('sends security headers on API answers and on pages', async () => {
    const api = await fetch(`${p.url}/api/v1/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const problem = await fetch(`${p.url}/api/v1/catalog/datasets/nope`);
    expect(problem.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets any origin read, only listed origins write with a key from a browser, and never with credentials', async () => {
    const read = await fetch(`${p.url}/sta/v1.1/Things`, { headers: { origin: 'https://elders.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = (origin: string) =>
      fetch(`${p.url}/api/v1/catalog/datasets`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key,content-type' } });
    const stranger = await preflight('https://elders.example');
    expect(stranger.headers.get('access-control-allow-methods') ?? '').not.toContain('POST');
    expect(stranger.headers.get('access-control-allow-headers') ?? '').not.toContain('x-api-key');
    const listed = await preflight('https://beheer.gemeente.example');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://beheer.gemeente.example');
    expect(listed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(listed.headers.get('access-control-allow-headers')).toContain('x-api-key');
  });
});
