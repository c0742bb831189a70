import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthGuard, hashKey } from '../../../src/kernel/auth/index.js';
import { invalid } from '../../../src/kernel/errors.js';
import { createLogger } from '../../../src/kernel/log.js';
import { MqttGateway, topicMatches, type CreatedObservation, type ObservationSink, type PublishedObservation } from '../../../src/live/mqtt/gateway.js';
import { changeTopics, parseCreateTopic, parseId, splitSelect, typesOfFilter } from '../../../src/live/mqtt/topics.js';
import { ChangeFeed, type ChangeEvent } from '../../../src/live/sta/events.js';
import { until } from '../../support/wait.js';

/**
 * A sink with the contract's behaviour: validates, "pseudonymises" the plate, stores in
 * memory, records when each batch was written, so the tests can check ordering, and tells
 * its change feed what it stored (as the platform's ingest does after commit).
 */
class MemorySink implements ObservationSink {
  readonly feed = new ChangeFeed();
  readonly changes = { feed: this.feed, render: async (e: ChangeEvent) => e.json?.('') };
  stored: Array<CreatedObservation & { at: number }> = [];
  batches: number[] = [];
  private next = 1;
  async createObservations(items: PublishedObservation[]) {
    await new Promise((r) => setTimeout(r, 5)); // a write that takes time
    this.batches.push(items.length);
    const out = items.map(({ datastreamId, body }) => {
      const b = body as Record<string, any>;
      const ds = datastreamId ?? b?.Datastream?.['@iot.id'];
      if (ds !== 1 && ds !== 2) return invalid('Datastream', `Datastream ${JSON.stringify(ds)} does not exist`);
      if (b?.result === undefined) return invalid('result', 'is required');
      const result = typeof b.result === 'object' && b.result?.plate ? { ...b.result, plate: `ps_${String(b.result.plate).length}` } : b.result;
      const id = this.next++;
      const created = { id, datastreamId: ds, entity: { '@iot.id': id, result, phenomenonTime: b.phenomenonTime ?? null } };
      this.stored.push({ ...created, at: Date.now() });
      return created;
    });
    this.feed.emit(
      out.flatMap((c): ChangeEvent[] =>
        c instanceof Error ? [] : [{ kind: 'create', type: 'Observation', id: c.id as number, related: { Datastream: [c.datastreamId as number] }, json: () => c.entity }],
      ),
    );
    return out;
  }
}

/** One organisation's key, known to the gateway's guard (a real guard over an in-memory credential list). */
const DEVICE_KEY = 'tbk_test_device-key-0123456789';
const guard = new AuthGuard('gateway-test-admin-key-0123456789', {
  apiKey: async (hash) => (hash === hashKey(DEVICE_KEY) ? { organisationId: 'gemeente-test', keyPrefix: 'test' } : undefined),
  organisationByOin: async () => undefined,
}, { failuresPerMinute: 0, anonymousWritesPerMinute: 0 }, createLogger('silent'));
const LIMITS = { maxPacketSize: 256 * 1024, jsonMaxDepth: 64 };

const connect = async (url: string, id: string, opts: mqtt.IClientOptions = { username: 'gemeente-test', password: DEVICE_KEY }): Promise<MqttClient> => {
  const c = mqtt.connect(url, { clientId: id, reconnectPeriod: 0, ...opts });
  await new Promise<void>((resolve, reject) => (c.once('connect', () => resolve()), c.once('error', reject)));
  return c;
};

const collect = (c: MqttClient) => {
  const got: Array<{ topic: string; body: string }> = [];
  c.on('message', (topic, payload) => got.push({ topic, body: payload.toString() }));
  return got;
};

describe('SensorThings MQTT topics', () => {
  it('parses create topics and ids', () => {
    expect(parseCreateTopic('v1.1/Observations')).toEqual({ kind: 'observations' });
    expect(parseCreateTopic('v1.1/Datastreams(12)/Observations')).toEqual({ kind: 'datastream-observations', datastreamId: 12 });
    expect(parseCreateTopic("v1.1/Datastreams('a''b')/Observations")).toEqual({ kind: 'datastream-observations', datastreamId: "a'b" });
    expect(parseCreateTopic('v1.1/Things(1)/Datastreams')).toBeUndefined();
    expect(parseCreateTopic('v1.1/Datastreams(x y)/Observations')).toBeUndefined();
    expect(parseCreateTopic('in/v1.1/Observations', 'in/')).toEqual({ kind: 'observations' });
    expect(parseId('007')).toBe(7);
    expect(splitSelect('v1.1/Observations?$select=result,phenomenonTime')).toEqual({ path: 'v1.1/Observations', select: ['result', 'phenomenonTime'] });
  });

  it('maps a committed change to its receive topics', () => {
    expect(changeTopics({ kind: 'create', type: 'Observation', id: 9, related: { Datastream: [2], FeatureOfInterest: [5] } })).toEqual({
      entity: ['v1.1/Observations', 'v1.1/Observations(9)', 'v1.1/Datastreams(2)/Observations', 'v1.1/FeaturesOfInterest(5)/Observations'],
      properties: [],
    });
    expect(changeTopics({ kind: 'create', type: 'Datastream', id: 3, related: { Thing: [1], Sensor: [4], ObservedProperty: [6] } }).entity).toEqual([
      'v1.1/Datastreams', 'v1.1/Datastreams(3)', 'v1.1/Things(1)/Datastreams', 'v1.1/Sensors(4)/Datastreams', 'v1.1/ObservedProperties(6)/Datastreams',
    ]);
    expect(changeTopics({ kind: 'create', type: 'HistoricalLocation', id: 1, related: { Thing: [7], Locations: [8, 9] } }).entity.slice(2)).toEqual([
      'v1.1/Things(7)/HistoricalLocations', 'v1.1/Locations(8)/HistoricalLocations', 'v1.1/Locations(9)/HistoricalLocations',
    ]);
    // An update reaches the entity and the properties it set; links are no property topics.
    expect(changeTopics({ kind: 'update', type: 'Thing', id: 1, changed: ['name', 'Locations'] })).toEqual({
      entity: ['v1.1/Things(1)'],
      properties: [{ topic: 'v1.1/Things(1)/name', name: 'name' }],
    });
  });

  it('knows which entity types a subscription filter can receive', () => {
    expect(typesOfFilter('v1.1/Things')).toEqual(['Thing']);
    expect(typesOfFilter('v1.1/Things(1)/name')).toEqual(['Thing']);
    expect(typesOfFilter('v1.1/Datastreams(1)/Observations?$select=result')).toEqual(['Observation']);
    expect(typesOfFilter("v1.1/FeaturesOfInterest('a(b)')/Observations")).toEqual(['Observation']);
    expect(typesOfFilter('v1.1/+/Observations')).toBe('all');
    expect(typesOfFilter('news/today')).toEqual([]);
  });

  it('matches subscription filters with + and # (the gateway publishes only where someone listens)', () => {
    expect(topicMatches('#', 'v1.1/Observations')).toBe(true);
    expect(topicMatches('v1.1/#', 'v1.1/Datastreams(1)/Observations')).toBe(true);
    expect(topicMatches('v1.1/+/Observations', 'v1.1/Datastreams(1)/Observations')).toBe(true);
    expect(topicMatches('v1.1/+/Observations', 'v1.1/Observations')).toBe(false);
    expect(topicMatches('v1.1/Observations', 'v1.1/Observations(3)')).toBe(false);
    expect(topicMatches('v1.1/Datastreams(1)/Observations', 'v1.1/Datastreams(2)/Observations')).toBe(false);
  });
});

describe('embedded MQTT broker', () => {
  const sink = new MemorySink();
  let gw: MqttGateway;
  let url: string;

  beforeAll(async () => {
    gw = await MqttGateway.start(sink, createLogger('silent'), { mode: 'embedded', port: 0, host: '127.0.0.1', guard, ...LIMITS }, sink.changes);
    url = `mqtt://127.0.0.1:${gw.port}`;
  });
  afterAll(async () => gw.close());

  it('acknowledges a QoS 1 publish only after the observation is stored', async () => {
    const device = await connect(url, 'device-1');
    const before = sink.stored.length;
    await device.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ result: 7, phenomenonTime: '2026-05-01T10:00:00Z' }), { qos: 1 });
    const ackedAt = Date.now();
    expect(sink.stored.length).toBe(before + 1);
    expect(sink.stored.at(-1)!.at).toBeLessThanOrEqual(ackedAt);
    await device.endAsync();
  });

  it('fans out the stored (pseudonymised) observation, never the raw payload', async () => {
    const reader = await connect(url, 'reader-1');
    const got = collect(reader);
    await reader.subscribeAsync(['v1.1/Datastreams(1)/Observations', 'v1.1/Observations', 'v1.1/Datastreams(1)/Observations?$select=result', '#']);
    const device = await connect(url, 'device-2');
    await device.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ result: { plate: '12-ABC-3' } }), { qos: 1 });
    await device.publishAsync('v1.1/Observations', JSON.stringify({ result: { plate: '99-XYZ-9' }, Datastream: { '@iot.id': 2 } }), { qos: 1 });
    await until(() => got.filter((m) => m.topic === 'v1.1/Observations').length >= 2);
    await until(() => got.some((m) => m.topic.includes('$select')));
    const all = JSON.stringify(got);
    expect(all).not.toContain('ABC');
    expect(all).not.toContain('XYZ');
    expect(got.find((m) => m.topic === 'v1.1/Datastreams(1)/Observations')!.body).toContain('"plate":"ps_8"');
    expect(JSON.parse(got.find((m) => m.topic.includes('$select'))!.body)).toEqual({ result: { plate: 'ps_8' } });
    expect(got.some((m) => m.topic === 'v1.1/Datastreams(2)/Observations')).toBe(true);
    expect(got.some((m) => m.topic.startsWith('$thorbecke'))).toBe(false);
    await device.endAsync();
    await reader.endAsync();
  });

  it('MQTT 5: refuses bad messages with a reason code in the PUBACK, counts them and keeps the connection', async () => {
    const device = await connect(url, 'device-3', { username: 'gemeente-test', password: DEVICE_KEY, protocolVersion: 5 });
    let closed = false;
    device.on('close', () => (closed = true));
    const before = { ...gw.stats.refused };
    const codes: number[] = [];
    const publish = async (topic: string, body: string) => device.publishAsync(topic, body, { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
    codes.push(await publish('v1.1/Datastreams(1)/Observations', '{not json'));
    codes.push(await publish('v1.1/Datastreams(99)/Observations', JSON.stringify({ result: 1 })));
    codes.push(await publish('v1.1/Datastreams(1)/Observations', JSON.stringify({ phenomenonTime: 'x' })));
    expect(codes).toEqual([0x99, 0x87, 0x99]);
    expect(gw.stats.refused.invalid).toBe(before.invalid + 2);
    expect(gw.stats.refused['not-authorized']).toBe(before['not-authorized'] + 1);
    expect(await publish('v1.1/Datastreams(1)/Observations', JSON.stringify({ result: 5 }))).toBe(0);
    expect(closed).toBe(false);
    expect(device.connected).toBe(true);
    await device.endAsync();
  });

  it('MQTT 3.1.1: a refused QoS 1 publish closes the connection without a PUBACK; a refused QoS 0 one is dropped', async () => {
    const quiet = await connect(url, 'device-3a');
    const storedBefore = sink.stored.length;
    quiet.publish('v1.1/Datastreams(1)/Observations', '{not json', { qos: 0 });
    await quiet.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ result: 8 }), { qos: 1 });
    expect(quiet.connected).toBe(true);
    expect(sink.stored.length).toBe(storedBefore + 1);
    await quiet.endAsync();
    const loud = await connect(url, 'device-3b');
    const closed = new Promise<void>((resolve) => loud.once('close', () => resolve()));
    const acked = loud.publishAsync('v1.1/Datastreams(1)/Observations', '{not json', { qos: 1 }).then(() => true, () => false);
    await closed;
    expect(await Promise.race([acked, new Promise((r) => setTimeout(() => r('no answer'), 200))])).not.toBe(true);
    loud.end(true);
  });

  it('does not let a client publish on entity topics', async () => {
    const reader = await connect(url, 'reader-2');
    const got = collect(reader);
    await reader.subscribeAsync('v1.1/Things(1)');
    const faker = await connect(url, 'faker', { username: 'gemeente-test', password: DEVICE_KEY, protocolVersion: 5 });
    const code = await faker.publishAsync('v1.1/Things(1)', JSON.stringify({ name: 'fake' }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
    expect(code).toBe(0x87);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([]);
    expect(gw.stats.refused.topic).toBeGreaterThan(0);
    await faker.endAsync();
    await reader.endAsync();
  });

  it('writes a burst of QoS 1 publishes in few group commits', async () => {
    const device = await connect(url, 'device-4');
    const batchesBefore = sink.batches.length;
    const storedBefore = sink.stored.length;
    await Promise.all(Array.from({ length: 500 }, (_, i) => device.publishAsync('v1.1/Datastreams(2)/Observations', JSON.stringify({ result: i }), { qos: 1 })));
    expect(sink.stored.length - storedBefore).toBe(500);
    expect(sink.batches.length - batchesBefore).toBeLessThan(100);
    await device.endAsync();
  });
});
