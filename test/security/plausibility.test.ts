import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import type { MqttStats } from '../../src/live/mqtt/gateway.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { createPgDatabase, STORES, tempDir } from '../support/stores.js';

const ref = (id: number) => ({ '@iot.id': id });
const idOf = (location: unknown) => Number(/\((\d+)\)$/.exec(String(location))![1]);
const garage = (resultBounds: unknown) => ({
  name: 'garage',
  description: 'garage',
  Locations: [{ name: 'in', description: 'in', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
  Datastreams: [
    {
      name: 'vrije plaatsen',
      description: 'vrije plaatsen',
      observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation',
      unitOfMeasurement: { name: 'plaatsen', symbol: '', definition: 'https://example.org/plaatsen' },
      properties: { resultBounds },
      Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
      ObservedProperty: { name: 'vrij', definition: 'https://example.org/vrij', description: 'vrij' },
    },
  ],
});

for (const kind of STORES) {
  describe(`plausibility bounds at ingest (HTTP): ${kind.name}`, () => {
    let p: TestPlatform;
    let ds: number;
    const count = async () => (await p.call('GET', `/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=0`)).json['@iot.count'] as number;

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      const t = await p.call('POST', '/sta/v1.1/Things', garage({ min: 0, max: 201 }), ADMIN_KEY);
      expect(t.status, t.body).toBe(201);
      ds = (await p.call('GET', `/sta/v1.1/Things(${idOf(t.headers.location)})/Datastreams`)).json.value[0]['@iot.id'];
    });
    afterAll(async () => p?.close());

    it('checks the declaration itself, naming the field', async () => {
      for (const [bounds, field] of [[{ min: 5, max: 1 }, 'resultBounds.min'], [{ min: 'nul' }, 'resultBounds.min'], [{ low: 0 }, 'resultBounds.low'], [{}, 'resultBounds'], [[0, 1], 'resultBounds']] as const) {
        const r = await p.call('POST', '/sta/v1.1/Things', garage(bounds), ADMIN_KEY);
        expect(r.status, JSON.stringify(bounds)).toBe(400);
        expect(r.json.invalidParams[0].name).toContain(field);
      }
    });

    it('refuses 999 free places of 201 with a 400 naming the bound, on every HTTP path, and stores none of it', async () => {
      const before = await count();
      const post = await p.call('POST', '/sta/v1.1/Observations', { result: 999, Datastream: ref(ds) }, ADMIN_KEY);
      expect(post.status).toBe(400);
      expect(post.json.detail).toContain('properties.resultBounds.max');
      expect(post.json.detail).toContain('201');
      expect((await p.call('POST', `/sta/v1.1/Datastreams(${ds})/Observations`, { result: -3 }, ADMIN_KEY)).json.detail).toContain('properties.resultBounds.min');
      expect((await p.call('POST', `/sta/v1.1/Datastreams(${ds})/Observations`, { result: 'veel' }, ADMIN_KEY)).status).toBe(400);
      const co = await p.call('POST', '/sta/v1.1/CreateObservations', [{ Datastream: ref(ds), components: ['result'], dataArray: [[100], [999], [-1], [201], [0]] }], ADMIN_KEY);
      expect(co.status).toBe(201);
      expect(co.json.map((l: string) => (l === 'error' ? 'error' : 'ok'))).toEqual(['ok', 'error', 'error', 'ok', 'ok']);
      expect(await count()).toBe(before + 3);
      const stored = (await p.call('GET', `/sta/v1.1/Datastreams(${ds})/Observations?$top=100`)).json.value.map((o: { result: number }) => o.result);
      expect(Math.max(...stored)).toBeLessThanOrEqual(201);
      expect(Math.min(...stored)).toBeGreaterThanOrEqual(0);
    });

    it('refuses a PATCH that would make a stored observation implausible', async () => {
      const one = (await p.call('GET', `/sta/v1.1/Datastreams(${ds})/Observations?$top=1`)).json.value[0];
      const r = await p.call('PATCH', `/sta/v1.1/Observations(${one['@iot.id']})`, { result: 999 }, ADMIN_KEY);
      expect(r.status).toBe(400);
      expect((await p.call('GET', `/sta/v1.1/Observations(${one['@iot.id']})`)).json.result).toBe(one.result);
    });

    it('refuses a deep insert whose nested observation is out of bounds, as one transaction', async () => {
      const before = (await p.call('GET', '/sta/v1.1/Things?$count=true&$top=0')).json['@iot.count'];
      const body = garage({ min: 0, max: 10 });
      (body.Datastreams[0] as Record<string, unknown>).Observations = [{ result: 5 }, { result: 11 }];
      const r = await p.call('POST', '/sta/v1.1/Things', body, ADMIN_KEY);
      expect(r.status).toBe(400);
      expect(r.json.invalidParams[0].name).toBe('Datastreams.0.Observations.1.result');
      expect((await p.call('GET', '/sta/v1.1/Things?$count=true&$top=0')).json['@iot.count']).toBe(before);
    });
  });
}

describe('plausibility bounds at ingest (MQTT, embedded broker)', () => {
  const dir = tempDir();
  let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  let p: RunningPlatform;
  let ds: number;
  let url: string;
  const count = async () => (await (await fetch(`${p.url}/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=0`)).json())['@iot.count'] as number;

  beforeAll(async () => {
    if (STORES[0]!.name === 'postgres') pg = await createPgDatabase();
    p = await startPlatform({ dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, databaseUrl: pg?.url }, { env: {} });
    const t = await fetch(`${p.url}/sta/v1.1/Things`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify(garage({ min: 0, max: 201 })) });
    ds = (await (await fetch(`${p.url}/sta/v1.1/Things(${idOf(t.headers.get('location'))})/Datastreams`)).json()).value[0]['@iot.id'];
    url = `mqtt://127.0.0.1:${p.services.live!.mqttPort as number}`;
  });
  afterAll(async () => {
    await p?.close();
    await pg?.drop();
    dir.remove();
  });

  it('MQTT 5: refuses 999 of 201 with PUBACK 0x99, counts it, keeps the connection and stores nothing', async () => {
    const stats = p.services.live!.mqttStats as MqttStats;
    const before = { count: await count(), outOfBounds: stats.refused['out-of-bounds'] };
    const device = await mqtt.connectAsync(url, { protocolVersion: 5, username: 'admin', password: ADMIN_KEY, reconnectPeriod: 0 });
    const code = await device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 999 }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
    expect(code).toBe(0x99);
    expect(stats.refused['out-of-bounds']).toBe(before.outOfBounds + 1);
    expect(device.connected).toBe(true);
    await device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 200 }), { qos: 1 });
    expect(await count()).toBe(before.count + 1);
    await device.endAsync();
  });

  it('MQTT 3.1.1: a refused QoS 1 publish closes the connection without a PUBACK, a QoS 0 one is dropped; both are counted and store nothing', async () => {
    const stats = p.services.live!.mqttStats as MqttStats;
    const before = { count: await count(), outOfBounds: stats.refused['out-of-bounds'] };
    const quiet = await mqtt.connectAsync(url, { username: 'admin', password: ADMIN_KEY, reconnectPeriod: 0 });
    quiet.publish(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 999 }), { qos: 0 });
    await quiet.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 150 }), { qos: 1 });
    expect(quiet.connected).toBe(true);
    await quiet.endAsync();
    const loud = await mqtt.connectAsync(url, { username: 'admin', password: ADMIN_KEY, reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => loud.once('close', () => resolve()));
    let acked = false;
    void loud.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 999 }), { qos: 1 }).then(() => (acked = true), () => undefined);
    await closed;
    expect(acked).toBe(false);
    loud.end(true);
    expect(stats.refused['out-of-bounds']).toBe(before.outOfBounds + 2);
    expect(await count()).toBe(before.count + 1);
  });
});
