import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../../src/app/platform.js';
import type { MqttStats } from '../../../src/live/mqtt/gateway.js';
import { parseCreateTopic } from '../../../src/live/mqtt/topics.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { tempDir } from '../../support/stores.js';

describe('MQTT ingest under random payloads and topics (whole platform, embedded broker)', () => {
  const dir = tempDir();
  let p: RunningPlatform;
  let device: MqttClient;
  let ds: number;
  const stored = async () => (await (await fetch(`${p.url}/sta/v1.1/Observations?$count=true&$top=0`)).json())['@iot.count'] as number;

  beforeAll(async () => {
    p = await startPlatform({ dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY }, { env: {} });
    const res = await fetch(`${p.url}/sta/v1.1/Datastreams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({
        name: 'd', description: 'd', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
        unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
        Thing: { name: 't', description: 't', Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }] },
        Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
        ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
      }),
    });
    ds = (await res.json())['@iot.id'];
    // MQTT 5: a refused publish is answered with a reason code and the connection stays, so one connection serves the whole run.
    device = await mqtt.connectAsync(`mqtt://127.0.0.1:${p.services.live!.mqttPort as number}`, { clientId: 'fuzzer', reconnectPeriod: 0, protocolVersion: 5, username: 'admin', password: ADMIN_KEY });
  });
  afterAll(async () => {
    await device?.endAsync();
    await p?.close();
    dir.remove();
  });

  // Publish topics may not hold wildcards or NUL (the client refuses them itself).
  const level = fc.string({ maxLength: 12 }).map((s) => s.replace(/[#+\u0000]/g, ''));
  const topic = fc.oneof(
    fc.constant('v1.1/Observations'),
    fc.constantFrom('v1.1/Datastreams(1)/Observations', 'v1.1/Datastreams(999)/Observations', "v1.1/Datastreams('x')/Observations", 'v1.1/Datastreams()/Observations'),
    level.map((id) => `v1.1/Datastreams(${id})/Observations`),
    level.map((s) => `v1.1/${s}`),
    fc.array(level, { minLength: 1, maxLength: 4 }).map((l) => l.join('/')).filter((t) => t.length > 0),
  );
  const observation = fc.record(
    {
      phenomenonTime: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.integer()),
      result: fc.jsonValue(),
      resultTime: fc.oneof(fc.constant(null), fc.string()),
      parameters: fc.oneof(fc.object(), fc.jsonValue()),
      FeatureOfInterest: fc.oneof(fc.record({ '@iot.id': fc.oneof(fc.integer(), fc.string()) }), fc.object()),
      Datastream: fc.oneof(fc.record({ '@iot.id': fc.oneof(fc.constant(1), fc.integer(), fc.string()) }), fc.jsonValue()),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );
  const payload = fc.oneof(
    observation.map((o) => Buffer.from(JSON.stringify(o))),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  );

  it('never crashes, never disconnects the publisher, and counts every message', async () => {
    const stats = p.services.live!.mqttStats as MqttStats;
    const refused = () => Object.values(stats.refused).reduce((a, b) => a + b, 0);
    // A refused QoS 1 publish is answered with a negative PUBACK (its reason code in the error).
    const settle = (t: string, body: Buffer | string, qos: 0 | 1) => device.publishAsync(t, body, { qos }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
    await fc.assert(
      fc.asyncProperty(topic, payload, fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>, async (t, body, qos) => {
        const before = { received: stats.received, stored: stats.stored, refused: refused(), topic: stats.refused.topic, count: await stored() };
        const code = await settle(t.replace('(1)', `(${ds})`), body, qos);
        // A QoS 0 publish is acknowledged by nothing; the broker handles one client's packets in
        // order, so the (negative) PUBACK of a QoS 1 publish to a topic outside the API marks it settled.
        if (qos === 0) expect(await settle('fuzz/ping', '', 1)).toBe(0x87);
        expect(device.connected).toBe(true);
        const create = parseCreateTopic(t);
        if (create) {
          expect(stats.received).toBe(before.received + 1);
          expect(stats.stored + refused()).toBe(before.stored + before.refused + 1 + (qos === 0 ? 1 : 0));
          if (qos === 1) expect(code === 0).toBe(stats.stored === before.stored + 1);
        } else {
          expect(stats.received).toBe(before.received);
          expect(stats.refused.topic).toBe(before.topic + 1 + (qos === 0 ? 1 : 0));
          if (qos === 1) expect(code).toBe(0x87);
        }
        // What counts as stored is in the store, and nothing else is.
        expect(await stored()).toBe(before.count + (stats.stored - before.stored));
      }),
      { numRuns: 250 },
    );
    // The platform still works: a good observation is stored and served.
    await device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 7 }), { qos: 1 });
    const latest = await (await fetch(`${p.url}/sta/v1.1/Datastreams(${ds})/Observations?$orderby=id desc&$top=1`)).json();
    expect(latest.value[0].result).toBe(7);
    expect(stats.refused.invalid).toBeGreaterThan(50);
  }, 60_000);
});
