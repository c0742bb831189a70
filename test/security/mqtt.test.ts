import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import type { MqttStats } from '../../src/live/mqtt/gateway.js';
import { HAS_OPENSSL, testCa } from '../federation/certs.js';
import { storeFingerprint } from '../support/fingerprint.js';
import { BROKERS, startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { ADMIN_KEY } from '../support/platform.js';
import { tempDir } from '../support/stores.js';
import { until } from '../support/wait.js';

const OIN_A = '00000001003214345000';
const json = (res: Response) => res.json() as Promise<any>;

/** A platform with organisation A (and its key and a Datastream it owns), on the embedded broker or a Mosquitto of its own. */
async function setUp(broker: 'embedded' | 'mosquitto', extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  const brokerDir = tempDir();
  const mosquitto: RunningMosquitto | undefined = broker === 'mosquitto' ? await startMosquitto(brokerDir.path) : undefined;
  const p: RunningPlatform = await startPlatform(
    {
      dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, authFailuresPerMinute: 0, mqttMaxPacketSize: 64 * 1024,
      ...(mosquitto ? { mqttUrl: mosquitto.url, mosquittoConfigDir: mosquitto.configDir, mosquittoPidFile: mosquitto.pidFile } : {}),
      ...extra,
    },
    { env: {} },
  );
  const api = (method: string, path: string, body?: unknown, key = ADMIN_KEY) =>
    fetch(`${p.url}${path}`, { method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect((await api('POST', '/api/v1/organisations', { id: 'gemeente-a', name: 'A', kind: 'gemeente', oin: OIN_A })).status).toBe(201);
  const issued = await json(await api('POST', '/api/v1/organisations/gemeente-a/keys', { label: 'a' }));
  const thing = await api('POST', '/sta/v1.1/Things', {
    name: 'garage', description: 'garage',
    Datastreams: [{
      name: 'vrij', description: 'vrij', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation',
      unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
      Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
      ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
    }],
    Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
  }, issued.key);
  expect(thing.status).toBe(201);
  const ds = (await json(await fetch(`${p.url}/sta/v1.1/Datastreams`))).value[0]['@iot.id'] as number;
  if (mosquitto) {
    await (p.services.live!.syncMosquitto as () => Promise<boolean>)();
    // Limits such as max_packet_size are read at start, not on reload: start Mosquitto again on the platform's files.
    await mosquitto.restart();
    await until(async () => (await refusal(mosquitto.url, { username: 'gemeente-a', password: issued.key })) === 0, 'Mosquitto back with the generated files');
    // The platform's own connections come back by themselves; an observation that arrives proves it.
    const warm = await connect(mosquitto.url, { username: 'gemeente-a', password: issued.key });
    await until(async () => {
      await warm.publishAsync(`ingest/gemeente-a/v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: 0 }), { qos: 1 });
      await new Promise((r) => setTimeout(r, 100));
      return (await json(await fetch(`${p.url}/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=0`)))['@iot.count'] > 0;
    }, 'the platform taking observations from Mosquitto again', 15_000);
    await warm.endAsync();
  }
  const url = mosquitto?.url ?? `mqtt://127.0.0.1:${p.services.live!.mqttPort as number}`;
  const topic = `${mosquitto ? 'ingest/gemeente-a/' : ''}v1.1/Datastreams(${ds})/Observations`;
  return {
    p, url, ds, topic, key: issued.key as string, prefix: issued.prefix as string, api,
    stats: () => p.services.live!.mqttStats as MqttStats,
    count: async () => (await json(await fetch(`${p.url}/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=0`)))['@iot.count'] as number,
    async close() {
      await p.close();
      await mosquitto?.stop();
      dir.remove();
      brokerDir.remove();
    },
  };
}

const connect = (url: string, opts: mqtt.IClientOptions = {}) => mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 3000, ...opts });
const refusal = async (url: string, opts: mqtt.IClientOptions): Promise<number | undefined> => {
  try {
    const c = await connect(url, opts);
    await c.endAsync();
    return 0;
  } catch (e) {
    return (e as { code?: number }).code;
  }
};

for (const broker of BROKERS) {
  describe(`MQTT is authenticated and authorised: ${broker} broker`, () => {
    let w: Awaited<ReturnType<typeof setUp>>;
    beforeAll(async () => {
      w = await setUp(broker);
    });
    afterAll(async () => w?.close());

    it('refuses a wrong password: CONNACK 0x05 (3.1.1) or a 0x86/0x87 reason code (5.0); the username must be the key’s organisation', async () => {
      expect(await refusal(w.url, { username: 'gemeente-a', password: 'tbk_wrong' })).toBe(5);
      expect([0x86, 0x87]).toContain(await refusal(w.url, { protocolVersion: 5, username: 'gemeente-a', password: 'tbk_wrong' }));
      expect(await refusal(w.url, { username: 'admin', password: w.key })).not.toBe(0);
      expect(await refusal(w.url, { username: 'gemeente-a', password: w.key })).toBe(0);
      if (broker === 'embedded') expect(w.stats().refusedConnections).toBeGreaterThanOrEqual(3);
    });

    it('lets an anonymous client read what the public API shows, and publish nothing', async () => {
      const before = await storeFingerprint(w.p.ctx.store);
      const reader = await connect(w.url);
      const got: string[] = [];
      reader.on('message', (_t, m) => got.push(m.toString()));
      await reader.subscribeAsync(`v1.1/Datastreams(${w.ds})/Observations`);
      const stranger = await connect(w.url, { protocolVersion: 5 });
      const code = await stranger.publishAsync(w.topic, JSON.stringify({ result: 5 }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
      if (broker === 'embedded') expect(code).toBe(0x87);
      stranger.end(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await storeFingerprint(w.p.ctx.store)).toBe(before);
      const device = await connect(w.url, { username: 'gemeente-a', password: w.key });
      await device.publishAsync(w.topic, JSON.stringify({ result: 6 }), { qos: 1 });
      await until(() => got.length > 0, 'the stored observation reaching the anonymous reader');
      expect(JSON.parse(got[0]!)).toMatchObject({ result: 6 });
      await device.endAsync();
      reader.end(true);
    });

    it('gives $SYS (every client id) to the administrator only', async () => {
      const anonymous = await connect(w.url);
      const seen: string[] = [];
      anonymous.on('message', (t) => seen.push(t));
      // The subscription is refused (embedded broker: a failed SUBACK) or granted and left empty (Mosquitto's ACL).
      await anonymous.subscribeAsync('$SYS/#').catch(() => undefined);
      await anonymous.subscribeAsync('#');
      const admin = await connect(w.url, { username: 'admin', password: ADMIN_KEY });
      const adminSeen: string[] = [];
      admin.on('message', (t) => adminSeen.push(t));
      await admin.subscribeAsync('$SYS/#');
      // A client connecting is announced on $SYS (embedded), or the broker's counters tick (Mosquitto, every second here).
      (await connect(w.url, { clientId: 'announced-device' })).end(true);
      await until(() => adminSeen.length > 0, 'a $SYS message for the administrator', 4000);
      await new Promise((r) => setTimeout(r, 1200));
      expect(seen.filter((t) => t.startsWith('$SYS'))).toEqual([]);
      anonymous.end(true);
      admin.end(true);
    });

    it('refuses a packet larger than the limit and stores nothing of it', async () => {
      const before = await w.count();
      const device = await connect(w.url, { username: 'gemeente-a', password: w.key, protocolVersion: 5 });
      const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
      void device.publishAsync(w.topic, JSON.stringify({ result: 1, parameters: { pad: 'x'.repeat(100 * 1024) } }), { qos: 1 }).catch(() => undefined);
      await closed;
      device.end(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(await w.count()).toBe(before);
    });

    it('never keeps a retained message a client sent', async () => {
      const device = await connect(w.url, { username: 'gemeente-a', password: w.key });
      device.on('error', () => undefined);
      // QoS 0: Mosquitto (retain_available false) drops a client that asks to retain, with nothing to acknowledge.
      device.publish(w.topic, JSON.stringify({ result: 7 }), { qos: 0, retain: true });
      await new Promise((r) => setTimeout(r, 300));
      device.end(true);
      const late = await connect(w.url);
      const got: string[] = [];
      late.on('message', (t, m) => got.push(`${t} ${m}`));
      await late.subscribeAsync(['v1.1/#', `${w.topic}`]);
      await new Promise((r) => setTimeout(r, 400));
      expect(got).toEqual([]);
      late.end(true);
    });
  });
}

describe('MQTT on the embedded broker: revocation and client certificates', () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  let certs: ReturnType<typeof testCa>;
  let foreign: ReturnType<typeof testCa>;
  const certDir = tempDir();

  beforeAll(async () => {
    if (!HAS_OPENSSL) return;
    certs = testCa(certDir.path, 'mqtt-ca');
    foreign = testCa(certDir.path, 'other-ca');
    const server = certs.issue('broker');
    w = await setUp('embedded', { mqttKeyRecheckSeconds: 1, mqttTlsPort: 0, mqttTlsCert: server.cert, mqttTlsKey: server.key, mqttTlsCa: certs.ca });
  });
  afterAll(async () => {
    await w?.close();
    certDir.remove();
  });

  it('stops a connected device within the recheck time once its key is revoked', async () => {
    const device = await connect(w.url, { username: 'gemeente-a', password: w.key, protocolVersion: 5 });
    const publish = () => device.publishAsync(w.topic, JSON.stringify({ result: 3 }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
    expect(await publish()).toBe(0);
    expect((await w.api('DELETE', `/api/v1/organisations/gemeente-a/keys/${w.prefix}`)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await publish()).toBe(0x87);
    await device.endAsync();
  });

  it.runIf(HAS_OPENSSL)('takes a client certificate whose subject serialNumber is an organisation’s OIN as that organisation; one of another CA as nobody', async () => {
    const tls = `mqtts://127.0.0.1:${w.p.services.live!.mqttTlsPort as number}`;
    const own = certs.issue('device-a', { serialNumber: OIN_A });
    const strange = foreign.issue('device-x', { serialNumber: OIN_A });
    const asCert = (c: { cert: string; key: string }) => connect(tls, { protocolVersion: 5, cert: readFileSync(c.cert), key: readFileSync(c.key), ca: readFileSync(certs.ca), rejectUnauthorized: true });
    const device = await asCert(own);
    const before = await w.count();
    expect(await device.publishAsync(w.topic, JSON.stringify({ result: 4 }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code)).toBe(0);
    expect(await w.count()).toBe(before + 1);
    await device.endAsync();
    const impostor = await asCert(strange);
    expect(await impostor.publishAsync(w.topic, JSON.stringify({ result: 4 }), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code)).toBe(0x87);
    expect(await w.count()).toBe(before + 1);
    await impostor.endAsync();
  });
});

describe.runIf(BROKERS.includes('mosquitto'))('the generated Mosquitto configuration', () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    w = await setUp('mosquitto');
  });
  afterAll(async () => w?.close());

  it('gives each organisation a password line for its newest key and write access to its own Datastreams only', () => {
    const dir = (w.p.ctx.config.mosquittoConfigDir as string);
    const passwords = readFileSync(join(dir, 'passwords'), 'utf8');
    const acl = readFileSync(join(dir, 'acl'), 'utf8');
    expect(passwords).toMatch(/^gemeente-a:\$7\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/m);
    expect(passwords).not.toContain(w.key);
    expect(acl).toContain(`user gemeente-a\ntopic read v1.1/#\ntopic write ingest/gemeente-a/v1.1/Observations\ntopic write ingest/gemeente-a/v1.1/Datastreams(${w.ds})/Observations`);
    // Anonymous clients (the lines before any user) may read entity topics and nothing else: no $SYS, no ingest.
    const anonymous = acl.split('\nuser ')[0]!.split('\n').filter((l) => l.startsWith('topic'));
    expect(anonymous).toEqual(['topic read v1.1/#']);
  });

  it('lets a new key in once the files are synced, and the old password out', async () => {
    const newer = await json(await w.api('POST', '/api/v1/organisations/gemeente-a/keys', { label: 'nieuw' }));
    expect(await (w.p.services.live!.syncMosquitto as () => Promise<boolean>)()).toBe(true);
    await until(async () => (await refusal(w.url, { username: 'gemeente-a', password: newer.key })) === 0, 'Mosquitto reloading the password file');
    // Mosquitto keeps one password per user: the newest key is the organisation's MQTT password there.
    expect(await refusal(w.url, { username: 'gemeente-a', password: w.key })).toBe(5);
  });
});
