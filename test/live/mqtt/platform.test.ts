import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../../src/app/platform.js';
import type { MqttStats } from '../../../src/live/mqtt/gateway.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { tempDir } from '../../support/stores.js';

describe('MQTT into the SensorThings store (whole platform, embedded broker)', () => {
  const dir = tempDir();
  let p: RunningPlatform;
  let datastream: number;

  beforeAll(async () => {
    p = await startPlatform({ dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY }, { env: {} });
    const thing = {
      name: 'Parkeergarage Test',
      description: 'garage',
      Locations: [{ name: 'ingang', description: 'ingang', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
      Datastreams: [
        {
          name: 'vrije plaatsen',
          description: 'vrije plaatsen',
          observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation',
          unitOfMeasurement: { name: 'plaatsen', symbol: '', definition: 'https://example.org/plaatsen' },
          Sensor: { name: 'telling', description: 'lus', encodingType: 'text/html', metadata: 'https://example.org' },
          ObservedProperty: { name: 'vrij', definition: 'https://example.org/vrij', description: 'vrije plaatsen' },
        },
      ],
    };
    const res = await fetch(`${p.url}/sta/v1.1/Things`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify(thing) });
    expect(res.status).toBe(201);
    const ds = await (await fetch(`${p.url}/sta/v1.1/Datastreams`)).json();
    datastream = ds.value[0]['@iot.id'];
  });
  afterAll(async () => {
    await p.close();
    dir.remove();
  });

  it('stores what a device publishes before acknowledging it, and tells subscribers', async () => {
    const port = p.services.live!.mqttPort as number;
    const reader = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'reader' });
    const got: string[] = [];
    reader.on('message', (_t, payload) => got.push(payload.toString()));
    await reader.subscribeAsync(`v1.1/Datastreams(${datastream})/Observations`);
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'device', username: 'admin', password: ADMIN_KEY });
    await device.publishAsync(`v1.1/Datastreams(${datastream})/Observations`, JSON.stringify({ phenomenonTime: '2026-05-01T10:00:00Z', result: 42 }), { qos: 1 });
    // Acknowledged means stored: readable over HTTP right away.
    const obs = await (await fetch(`${p.url}/sta/v1.1/Datastreams(${datastream})/Observations`)).json();
    expect(obs.value.map((o: { result: number }) => o.result)).toEqual([42]);
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(got[0]!)).toMatchObject({ result: 42, '@iot.id': obs.value[0]['@iot.id'] });

    await device.endAsync();
    // MQTT 5 answers a refused observation with a reason code and keeps the connection.
    const v5 = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'device-5', protocolVersion: 5, username: 'admin', password: ADMIN_KEY });
    const stats = p.services.live!.mqttStats as MqttStats;
    const before = { ...stats.refused };
    const code = (topic: string, body: unknown) => v5.publishAsync(topic, JSON.stringify(body), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
    expect(await code('v1.1/Datastreams(999999)/Observations', { result: 1 })).toBe(0x87);
    expect(await code(`v1.1/Datastreams(${datastream})/Observations`, { phenomenonTime: '2026-02-30T10:00:00Z', result: 1 })).toBe(0x99);
    expect(stats.refused['not-authorized']).toBe(before['not-authorized'] + 1);
    expect(stats.refused.invalid).toBe(before.invalid + 1);
    expect(v5.connected).toBe(true);
    await v5.endAsync();
    await reader.endAsync();
  });
});
