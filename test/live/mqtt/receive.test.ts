import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../../src/app/platform.js';
import { ingestBatch } from '../../../src/live/sta/batch.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { ADMIN } from '../../support/principals.js';
import { BROKERS, startMosquitto, type RunningMosquitto } from '../../support/mosquitto.js';
import { createPgDatabase, STORES, tempDir } from '../../support/stores.js';
import { until } from '../../support/wait.js';

/**
 * SensorThings MQTT "receive" (OGC 18-088 clause 14) for every write path, on the whole
 * platform, on each configured store, with the embedded broker and with a Mosquitto of
 * its own that runs on the configuration the platform generates (devices publish under
 * `ingest/<organisation>/`). Messages are told apart by a marker unique to this run.
 */
const runId = `${process.pid}-${Date.now().toString(36)}`;

interface Message {
  topic: string;
  body: string;
}

for (const { name: kind } of STORES) for (const broker of BROKERS) {
  const run = `${runId}-${kind}`;
  const external = broker === 'mosquitto';
  // The administrator's account writes under its own name on Mosquitto; the embedded broker takes the bare topics.
  const prefix = external ? 'ingest/admin/' : '';
  describe(`MQTT receive for every write path (whole platform, ${kind}, ${broker} broker)`, () => {
    const dir = tempDir();
    const brokerDir = tempDir();
    let mosquitto: RunningMosquitto | undefined;
    let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
    let p: RunningPlatform;
    let brokerUrl: string;
    const clients: MqttClient[] = [];
    let thing: number;
    let datastream: number;
    let n = 0;

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${p.url}/sta/v1.1/${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    };

    /** A subscriber on `filters`; resolves once the broker has acknowledged the subscriptions. */
    const subscriber = async (filters: string[]): Promise<Message[]> => {
      const c = await mqtt.connectAsync(brokerUrl, { clientId: `rx-${run}-${n++}`, reconnectPeriod: 0 });
      clients.push(c);
      const got: Message[] = [];
      c.on('message', (topic, payload) => got.push({ topic, body: payload.toString() }));
      await c.subscribeAsync(filters, { qos: 0 });
      return got;
    };

    const device = async (): Promise<MqttClient> => {
      // MQTT 5: a refused publish is answered with a reason code instead of a closed connection.
      const c = await mqtt.connectAsync(brokerUrl, { clientId: `dev-${run}-${n++}`, reconnectPeriod: 0, protocolVersion: 5, username: 'admin', password: ADMIN_KEY });
      clients.push(c);
      return c;
    };

    const observation = (result: unknown) => ({ phenomenonTime: new Date(Date.UTC(2026, 4, 1, 10, 0, n++)).toISOString(), result });

    const datastreamBody = (name: string, extra: Record<string, unknown> = {}) => ({
      name,
      description: name,
      observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
      unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
      Sensor: { name: `sensor ${name}`, description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
      ObservedProperty: { name: `property ${name}`, definition: 'https://example.org/o', description: 'o' },
      ...extra,
    });

    beforeAll(async () => {
      if (kind === 'postgres') pg = await createPgDatabase();
      if (external) mosquitto = await startMosquitto(brokerDir.path);
      p = await startPlatform(
        {
          dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, databaseUrl: pg?.url,
          ...(mosquitto ? { mqttUrl: mosquitto.url, mosquittoConfigDir: mosquitto.configDir, mosquittoPidFile: mosquitto.pidFile } : {}),
        },
        { env: {} },
      );
      brokerUrl = mosquitto?.url ?? `mqtt://127.0.0.1:${p.services.live!.mqttPort as number}`;
      const res = await api('POST', 'Things', {
        name: `garage ${run}`,
        description: 'garage',
        Locations: [{ name: 'ingang', description: 'ingang', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
        Datastreams: [datastreamBody(`vrije plaatsen ${run}`)],
      });
      expect(res.status).toBe(201);
      thing = res.json['@iot.id'];
      datastream = (await api('GET', `Things(${thing})/Datastreams`)).json.value[0]['@iot.id'];
    });

    afterAll(async () => {
      for (const c of clients) await c.endAsync();
      await p?.close();
      await mosquitto?.stop();
      await pg?.drop();
      dir.remove();
      brokerDir.remove();
    });

    it('delivers a Thing created over HTTP, and each entity of a deep insert on its sets and navigation sets', async () => {
      const got = await subscriber(['v1.1/Things', 'v1.1/Datastreams', 'v1.1/+/Datastreams', 'v1.1/+/Things', 'v1.1/+/Locations', 'v1.1/+/HistoricalLocations']);
      const name = `deep ${run}`;
      const res = await api('POST', 'Things', {
        name,
        description: 'deep insert',
        Locations: [{ name: `loc ${run}`, description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.9, 52.37] } }],
        Datastreams: [datastreamBody(`nested ${run}`)],
      });
      expect(res.status).toBe(201);
      const id = res.json['@iot.id'];
      const ds = (await api('GET', `Things(${id})/Datastreams`)).json.value[0];
      const loc = (await api('GET', `Things(${id})/Locations`)).json.value[0];
      const sensor = (await api('GET', `Datastreams(${ds['@iot.id']})/Sensor`)).json;
      const on = (topic: string, marker: string) => got.filter((m) => m.topic === topic && m.body.includes(marker));
      // The Datastream is the last entity the deep insert creates, and deliveries keep that order.
      await until(() => on(`v1.1/Things(${id})/Datastreams`, `nested ${run}`).length > 0, 'the nested Datastream');

      const created = on('v1.1/Things', name);
      expect(created).toHaveLength(1);
      // The entity as GET Things(id) shows it.
      expect(JSON.parse(created[0]!.body)).toEqual((await api('GET', `Things(${id})`)).json);
      expect(on(`v1.1/Things(${id})/Datastreams`, `nested ${run}`).map((m) => JSON.parse(m.body))).toEqual([ds]);
      expect(on(`v1.1/Sensors(${sensor['@iot.id']})/Datastreams`, `nested ${run}`)).toHaveLength(1);
      expect(on('v1.1/Datastreams', `nested ${run}`)).toHaveLength(1);
      // Thing and Location were created in one request and linked: each joined the other's navigation set.
      expect(on(`v1.1/Things(${id})/Locations`, `loc ${run}`).map((m) => JSON.parse(m.body))).toEqual([loc]);
      expect(on(`v1.1/Locations(${loc['@iot.id']})/Things`, name)).toHaveLength(1);
      // The link is recorded as a HistoricalLocation, created with it.
      const historical = (await api('GET', `Things(${id})/HistoricalLocations`)).json.value;
      expect(historical).toHaveLength(1);
      const hlTopics = got.filter((m) => m.body === JSON.stringify(historical[0])).map((m) => m.topic);
      expect(hlTopics).toEqual(expect.arrayContaining([`v1.1/Things(${id})/HistoricalLocations`, `v1.1/Locations(${loc['@iot.id']})/HistoricalLocations`]));
    });

    it('delivers FeaturesOfInterest, also those ingest derives from a Thing\'s Location', async () => {
      const got = await subscriber(['v1.1/FeaturesOfInterest', 'v1.1/+/Observations']);
      const place = `plein ${run}`;
      const res = await api('POST', 'Things', {
        name: `paal ${run}`,
        description: 'p',
        Locations: [{ name: place, description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.35, 52.0] } }],
        Datastreams: [datastreamBody(`paal ${run}`)],
      });
      const ds = (await api('GET', `Things(${res.json['@iot.id']})/Datastreams`)).json.value[0]['@iot.id'];
      // No FeatureOfInterest given: ingest makes one from the Location (then reuses it).
      expect((await api('POST', `Datastreams(${ds})/Observations`, observation(1))).status).toBe(201);
      const dev = await device();
      await dev.publishAsync(`${prefix}v1.1/Datastreams(${ds})/Observations`, JSON.stringify(observation(2)), { qos: 1 });
      const given = { name: `gegeven ${run}`, description: 'f', encodingType: 'application/geo+json', feature: { type: 'Point', coordinates: [4.36, 52.0] } };
      expect((await api('POST', `Datastreams(${ds})/Observations`, { ...observation(3), FeatureOfInterest: given })).status).toBe(201);
      const features = () => got.filter((m) => m.topic === 'v1.1/FeaturesOfInterest').map((m) => JSON.parse(m.body));
      await until(() => features().some((f) => f.name === given.name), 'the given feature');
      const derived = (await api('GET', `FeaturesOfInterest?$filter=name eq '${place}'`)).json.value;
      expect(derived).toHaveLength(1);
      expect(features().filter((f) => f.name === place || f.name === given.name)).toEqual([derived[0], expect.objectContaining({ name: given.name })]);
      // The feature came before its first observation, on its own navigation set as well.
      const i = got.findIndex((m) => m.topic === 'v1.1/FeaturesOfInterest' && m.body.includes(place));
      const j = got.findIndex((m) => m.topic === `v1.1/FeaturesOfInterest(${derived[0]['@iot.id']})/Observations`);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(j).toBeGreaterThan(i);
    });

    it.each(['CreateObservations', 'MQTT'])('delivers the FeatureOfInterest ingest derives for a first observation sent by %s', async (path) => {
      const got = await subscriber(['v1.1/FeaturesOfInterest']);
      const place = `hoek ${path} ${run}`;
      const res = await api('POST', 'Things', {
        name: `paal ${path} ${run}`,
        description: 'p',
        Locations: [{ name: place, description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.37, 52.01] } }],
        Datastreams: [datastreamBody(`paal ${path} ${run}`)],
      });
      const ds = (await api('GET', `Things(${res.json['@iot.id']})/Datastreams`)).json.value[0]['@iot.id'];
      const o = observation(5);
      if (path === 'MQTT') await (await device()).publishAsync(`${prefix}v1.1/Datastreams(${ds})/Observations`, JSON.stringify(o), { qos: 1 });
      else expect((await api('POST', 'CreateObservations', [{ Datastream: { '@iot.id': ds }, components: ['phenomenonTime', 'result'], dataArray: [[o.phenomenonTime, o.result]] }])).status).toBe(201);
      await until(() => got.some((m) => m.body.includes(place)), `the feature derived by ${path}`);
      const derived = (await api('GET', `FeaturesOfInterest?$filter=name eq '${place}'`)).json.value;
      expect(got.filter((m) => m.body.includes(place)).map((m) => JSON.parse(m.body))).toEqual(derived);
    });

    it('delivers a PATCHed Thing on its entity topic and only the changed property on property topics', async () => {
      const self = `v1.1/Things(${thing})`;
      const got = await subscriber([self, `${self}/name`, `${self}/description`]);
      const name = `renamed ${run}`;
      expect((await api('PATCH', `Things(${thing})`, { name })).status).toBe(200);
      await until(() => got.some((m) => m.topic === `${self}/name`), 'the name');
      // A second PATCH is the barrier: deliveries keep commit order, so once its description
      // arrives, a description message for the first PATCH would have arrived before it.
      expect((await api('PATCH', `Things(${thing})`, { description: `described ${run}` })).status).toBe(200);
      await until(() => got.some((m) => m.topic === `${self}/description`), 'the description');

      expect(got.filter((m) => m.topic === `${self}/name`).map((m) => JSON.parse(m.body))).toEqual([{ name }]);
      expect(got.filter((m) => m.topic === `${self}/description`).map((m) => JSON.parse(m.body))).toEqual([{ description: `described ${run}` }]);
      const entities = got.filter((m) => m.topic === self).map((m) => JSON.parse(m.body));
      expect(entities.map((e) => [e.name, e.description])).toEqual([
        [name, 'garage'],
        [name, `described ${run}`],
      ]);
      expect(entities[1]).toEqual((await api('GET', `Things(${thing})`)).json);
    });

    it('delivers observations from HTTP POST, CreateObservations, MQTT and the in-process replay exactly once', async () => {
      const topic = `v1.1/Datastreams(${datastream})/Observations`;
      const got = await subscriber([topic, `v1.1/Observations`]);
      const base = 100_000 + Math.floor(Math.random() * 1_000_000) * 10;
      const results = [base + 1, base + 2, base + 3, base + 4, base + 5, base + 6];
      expect((await api('POST', 'Observations', { ...observation(results[0]), Datastream: { '@iot.id': datastream } })).status).toBe(201);
      expect((await api('POST', `Datastreams(${datastream})/Observations`, observation(results[1]))).status).toBe(201);
      const co = await api('POST', 'CreateObservations', [
        { Datastream: { '@iot.id': datastream }, components: ['phenomenonTime', 'result'], dataArray: [[observation(0).phenomenonTime, results[2]], [observation(0).phenomenonTime, results[3]]] },
      ]);
      expect(co.status).toBe(201);
      const dev = await device();
      await dev.publishAsync(`${prefix}${topic}`, JSON.stringify(observation(results[4])), { qos: 1 });
      // The demo's in-process replay stores through ingestBatch, as the gateway does.
      const [replayed] = await ingestBatch(p.ctx, [{ datastreamId: datastream, body: observation(results[5]), principal: ADMIN }]);
      expect(replayed).not.toBeInstanceOf(Error);

      const seen = (t: string) => got.filter((m) => m.topic === t).map((m) => JSON.parse(m.body).result as number);
      await until(() => results.every((r) => seen(topic).includes(r) && seen('v1.1/Observations').includes(r)), 'all six observations');
      const sentinel = base + 9;
      expect((await api('POST', `Datastreams(${datastream})/Observations`, observation(sentinel))).status).toBe(201);
      await until(() => seen(topic).includes(sentinel), 'the sentinel');
      for (const t of [topic, 'v1.1/Observations']) {
        expect(seen(t).filter((r) => r > base && r < base + 10).sort((a, b) => a - b)).toEqual([...results, sentinel]);
      }
      // The payload is the Observation as GET shows it.
      const stored = (await api('GET', `Datastreams(${datastream})/Observations?$filter=result eq ${results[2]}`)).json.value[0];
      expect(got.find((m) => m.topic === topic && JSON.parse(m.body).result === results[2])!.body).toBe(JSON.stringify(stored));
    });

    it.skipIf(external)('delivers the projected entity on $select topics (the embedded broker knows them)', async () => {
      const topic = `v1.1/Datastreams(${datastream})/Observations?$select=result,phenomenonTime`;
      const got = await subscriber([topic, 'v1.1/Things?$select=name']);
      const result = 7_000_000 + Math.floor(Math.random() * 1000);
      const created = await api('POST', `Datastreams(${datastream})/Observations`, observation(result));
      expect(created.status).toBe(201);
      expect((await api('POST', 'Things', { name: `selected ${run}`, description: 'not selected' })).status).toBe(201);
      await until(() => got.length >= 2, 'both projections');
      expect(JSON.parse(got.find((m) => m.topic === topic)!.body)).toEqual({ phenomenonTime: created.json.phenomenonTime, result });
      expect(JSON.parse(got.find((m) => m.topic === 'v1.1/Things?$select=name')!.body)).toEqual({ name: `selected ${run}` });
    });

    it('delivers identifiers only as pseudonyms, whichever path stored them', async () => {
      const privacy = { personalData: 'pseudonymised', purpose: 'parkeerduur', legalBasis: 'public-task', retention: 'P30D', identifierFields: ['result.plate'] };
      const res = await api('POST', `Things(${thing})/Datastreams`, datastreamBody(`kentekens ${run}`, { properties: { privacy } }));
      expect(res.status).toBe(201);
      const ds = res.json['@iot.id'];
      const got = await subscriber(['v1.1/#']);
      const plates = [`AA-${run}-1`, `AA-${run}-2`, `AA-${run}-3`, `AA-${run}-4`];
      const posted = await api('POST', `Datastreams(${ds})/Observations`, observation({ plate: plates[0], lane: 1 }));
      expect(posted.status).toBe(201);
      const first = posted.json['@iot.id'];
      const co = await api('POST', 'CreateObservations', [{ Datastream: { '@iot.id': ds }, components: ['result'], dataArray: [[{ plate: plates[1], lane: 2 }]] }]);
      expect(co.status).toBe(201);
      const dev = await device();
      await dev.publishAsync(`${prefix}v1.1/Datastreams(${ds})/Observations`, JSON.stringify(observation({ plate: plates[2], lane: 3 })), { qos: 1 });
      expect((await api('PATCH', `Observations(${first})`, { result: { plate: plates[3], lane: 4 } })).status).toBe(200);

      const on = (topic: string) => got.filter((m) => m.topic === topic).map((m) => JSON.parse(m.body));
      // Observations(first) hears of its creation and of the PATCH, which is the last write.
      await until(() => on(`v1.1/Observations(${first})`).length >= 2, 'the update');
      const stored = (await api('GET', `Datastreams(${ds})/Observations?$orderby=id`)).json.value;
      expect(stored.map((o: { result: { lane: number } }) => o.result.lane)).toEqual([4, 2, 3]);
      const creates = on(`v1.1/Datastreams(${ds})/Observations`);
      expect(creates.map((o) => o.result.lane).sort()).toEqual([1, 2, 3]);
      // Delivered as stored: the pseudonym, never the plate.
      expect(creates.filter((o) => o.result.lane !== 1)).toEqual(expect.arrayContaining([stored[1], stored[2]]));
      expect(on(`v1.1/Observations(${first})`).at(-1)).toEqual(stored[0]);
      const everything = got.map((m) => m.body).join('\n');
      for (const plate of plates) expect(everything).not.toContain(plate);
      for (const o of creates) expect(o.result.plate).toMatch(/\S/);
    });

    it('delivers nothing for a write that is rolled back', async () => {
      const got = await subscriber(['v1.1/Observations', 'v1.1/Things', 'v1.1/Datastreams', 'v1.1/Sensors']);
      const marker = 9_000_000 + Math.floor(Math.random() * 1000);
      // The second block names a Datastream that does not exist: the whole request is refused.
      const co = await api('POST', 'CreateObservations', [
        { Datastream: { '@iot.id': datastream }, components: ['result'], dataArray: [[marker]] },
        { Datastream: { '@iot.id': 999_999 }, components: ['result'], dataArray: [[marker]] },
      ]);
      expect(co.status).toBe(400);
      // A deep insert whose second Datastream is invalid: the Thing, the first Datastream and its
      // Observation (whose JSON the writer holds in memory) were inserted before, and go too.
      const bad = await api('POST', 'Things', {
        name: `rolled back ${run}`,
        description: 'x',
        Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }],
        Datastreams: [
          { ...datastreamBody(`rolled back ${run}`), Observations: [observation(marker)] },
          { ...datastreamBody('second'), unitOfMeasurement: 'not an object' },
        ],
      });
      expect(bad.status).toBe(400);
      expect((await api('GET', `Things?$filter=name eq 'rolled back ${run}'`)).json.value).toEqual([]);
      const dev = await device();
      // Refused: no such Datastream (the embedded broker says 0x87; Mosquitto acknowledges and the platform drops it).
      await dev.publishAsync(`${prefix}v1.1/Datastreams(999999)/Observations`, JSON.stringify({ result: marker }), { qos: 1 }).catch((e: { code?: number }) => expect(e.code).toBe(0x87));

      const sentinel = marker + 5000;
      expect((await api('POST', `Datastreams(${datastream})/Observations`, observation(sentinel))).status).toBe(201);
      await until(() => got.some((m) => m.body.includes(String(sentinel))), 'the sentinel');
      const everything = got.map((m) => m.body).join('\n');
      expect(everything).not.toContain(String(marker));
      expect(everything).not.toContain(`rolled back ${run}`);
    });
  });
}
