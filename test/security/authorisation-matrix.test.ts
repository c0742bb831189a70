import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import type { MqttStats } from '../../src/live/mqtt/gateway.js';
import { ENTITY_LIST } from '../../src/live/sta/entities.js';
import { storeFingerprint } from '../support/fingerprint.js';
import { injectJson } from '../support/inject.js';
import { BROKERS, startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { createPgDatabase, STORES, tempDir } from '../support/stores.js';
import { until } from '../support/wait.js';
import { API_CASES, MQTT_CASES, STA_CASES, type WriteCase } from './matrix-cases.js';
import { A, B, buildWorld, type World } from './matrix-fixtures.js';

/**
 * For every write the platform offers — each route in the OpenAPI document, each
 * SensorThings write, each MQTT create topic — no key, a wrong key and another
 * organisation's key are refused, and the store is left exactly as it was. The route
 * list comes from the running platform: a new route without a case here fails the suite.
 */
const WRONG_KEY = 'tbk_00000000_not-a-key-of-anyone-0000000000000000';

function send(p: TestPlatform, c: WriteCase, w: World, key: string | undefined) {
  const body = c.body?.(w);
  return injectJson(p.app, c.method, c.url(w), body, { key: key ?? null, ...(c.contentType ? { contentType: c.contentType } : {}) });
}

const isProblem = (r: { headers: Record<string, unknown>; json: any }, status: number) => {
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(r.json.status).toBe(status);
};

for (const kind of STORES) {
  describe(`authorisation matrix over every HTTP write: ${kind.name}`, () => {
    let p: TestPlatform;
    let w: World;
    let openApiWrites: string[];

    beforeAll(async () => {
      // Failure rate limits off: this suite sends wrong keys on purpose, many times (the limit has its own test).
      p = await testPlatform(kind.name, { authFailuresPerMinute: 0, anonymousWritesPerMinute: 0 });
      w = await buildWorld(p);
      const doc = (await p.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
      openApiWrites = Object.entries(doc.paths).flatMap(([path, ops]) => ['post', 'put', 'patch', 'delete'].filter((m) => ops[m]).map((m) => `${m.toUpperCase()} ${path}`));
    });
    afterAll(async () => p?.close());

    it('has a case for every write route of the OpenAPI document, and for nothing else', () => {
      expect(openApiWrites.length).toBeGreaterThan(40);
      expect([...API_CASES.map((c) => c.route)].sort()).toEqual([...openApiWrites].sort());
    });

    it('has a create, change and delete case for every SensorThings entity set', () => {
      const routes = new Set(STA_CASES.map((c) => c.route));
      for (const e of ENTITY_LIST) for (const verb of ['POST', 'PATCH', 'DELETE']) expect(routes.has(`${verb} ${e.set}`), `${verb} ${e.set}`).toBe(true);
    });

    for (const c of [...API_CASES, ...STA_CASES]) {
      it(`${c.route} (${c.access}): refused without a key, with a wrong key${c.access === 'owner' || c.access === 'admin' ? ", and with another organisation's key" : ''}; nothing stored`, async () => {
        const before = await storeFingerprint(p.ctx.store);
        const wrong = await send(p, c, w, WRONG_KEY);
        expect(wrong.status, wrong.body).toBe(401);
        isProblem(wrong, 401);
        if (c.access !== 'anonymous') {
          const none = await send(p, c, w, undefined);
          expect(none.status, none.body).toBe(401);
          isProblem(none, 401);
        }
        if (c.access === 'owner' || c.access === 'admin') {
          const other = await send(p, c, w, w.keyB);
          expect(other.status, other.body).toBe(403);
          isProblem(other, 403);
        }
        if (c.access === 'admin') {
          const owner = await send(p, c, w, w.keyA);
          expect(owner.status, owner.body).toBe(403);
        }
        expect(await storeFingerprint(p.ctx.store)).toBe(before);
        if (c.access === 'anonymous') {
          // Anyone may: without a key it is not an authentication question (2xx, or the body's own 4xx).
          const none = await send(p, c, w, undefined);
          expect([401, 403]).not.toContain(none.status);
          expect(none.status).toBeLessThan(500);
          await settled(p, none);
        }
      });
    }

    it('lets the owner (or, where only it may, the administrator) make every one of these writes: none is refused as unauthorised', async () => {
      // Creates and changes first, deletes after, deleting the organisation last.
      const order = [...API_CASES, ...STA_CASES].sort((x, y) => rank(x) - rank(y));
      for (const c of order) {
        const key = c.access === 'admin' || c.allowedFor === 'admin' ? ADMIN_KEY : c.access === 'anonymous' ? undefined : w.keyA;
        const r = await send(p, c, w, key);
        await settled(p, r);
        expect([401, 403], `${c.route}: ${r.status} ${r.body}`).not.toContain(r.status);
        expect(r.status, `${c.route}: ${r.body}`).toBeLessThan(500);
      }
    });
  });
}

/** A write that started a job (202) is done when its job is: its rows must not land during the next case. */
async function settled(p: TestPlatform, r: { status: number; json: any }): Promise<void> {
  if (r.status !== 202 || typeof r.json?.id !== 'string') return;
  await until(async () => (await p.call('GET', `/api/v1/jobs/${r.json.id}`)).json.state !== 'running', `job ${r.json.id}`, 60_000);
}

function rank(c: WriteCase): number {
  if (c.route === 'DELETE /api/v1/organisations/{id}') return 3;
  if (c.route.startsWith('DELETE /api/v1/organisations/{id}/keys')) return 2;
  return c.method === 'DELETE' ? 1 : 0;
}

for (const kind of STORES) {
  for (const broker of BROKERS) {
    describe(`authorisation matrix over every MQTT create topic: ${kind.name}, ${broker} broker`, () => {
      const dir = tempDir();
      const brokerDir = tempDir();
      let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
      let mosquitto: RunningMosquitto | undefined;
      let p: RunningPlatform;
      let w: World;
      let url: string;
      const external = broker === 'mosquitto';
      const prefixOf = (org: string) => (external ? `ingest/${org}/` : '');

      beforeAll(async () => {
        if (kind.name === 'postgres') pg = await createPgDatabase();
        if (external) mosquitto = await startMosquitto(brokerDir.path);
        p = await startPlatform(
          {
            dataDir: dir.path, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, databaseUrl: pg?.url, authFailuresPerMinute: 0,
            ...(mosquitto ? { mqttUrl: mosquitto.url, mosquittoConfigDir: mosquitto.configDir, mosquittoPidFile: mosquitto.pidFile } : {}),
          },
          { env: {} },
        );
        const asTest = { ...p, call: (m: Parameters<TestPlatform['call']>[0], u: string, b?: unknown, k?: string) => injectJson(p.app, m, u, b, { key: k }) } as TestPlatform;
        w = await buildWorld(asTest);
        // Mosquitto learns of A's Datastream and the organisations' keys from the generated files.
        if (external) await (p.services.live!.syncMosquitto as () => Promise<boolean>)();
        url = mosquitto?.url ?? `mqtt://127.0.0.1:${p.services.live!.mqttPort as number}`;
      });
      afterAll(async () => {
        await p?.close();
        await mosquitto?.stop();
        await pg?.drop();
        dir.remove();
        brokerDir.remove();
      });

      const stats = () => p.services.live!.mqttStats as MqttStats;
      const refused = () => Object.values(stats().refused).reduce((a, b) => a + b, 0);
      /** Publishes at QoS 1 over MQTT 5 and answers the PUBACK's reason code (0 = accepted). */
      const publish = async (opts: mqtt.IClientOptions, topic: string, body: unknown): Promise<number> => {
        const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5, ...opts });
        try {
          return await client.publishAsync(topic, JSON.stringify(body), { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
        } finally {
          await client.endAsync();
        }
      };

      for (const t of MQTT_CASES) {
        it(`${t.name}: refused without credentials, with a wrong key and with another organisation's key; nothing stored`, async () => {
          const before = await storeFingerprint(p.ctx.store);
          const refusedBefore = refused();
          // Without credentials: the embedded broker answers 0x87; Mosquitto's ACL drops it before the platform hears of it.
          const anonymous = await publish({}, t.topic(w, prefixOf(A)), t.body(w));
          if (!external) expect(anonymous).toBe(0x87);
          // A wrong key: no connection at all (CONNACK 0x87 Not authorised, or 0x86 from Mosquitto).
          await expect(mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5, username: A, password: WRONG_KEY })).rejects.toThrow();
          // The right organisation's name with B's key is a wrong key too.
          await expect(mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5, username: A, password: w.keyB })).rejects.toThrow();
          // B's own key, into A's Datastream: refused by the platform (and on Mosquitto, for a topic naming it, by the ACL).
          const other = await publish({ username: B, password: w.keyB }, t.topic(w, prefixOf(B)), t.body(w));
          if (!external) expect(other).toBe(0x87);
          if (external && t.name === 'v1.1/Observations') await until(() => refused() > refusedBefore, 'the platform refusing B');
          else await new Promise((r) => setTimeout(r, 200));
          expect(await storeFingerprint(p.ctx.store)).toBe(before);
        });
      }

      it('stores what A itself publishes (the control: the topics and bodies above are right)', async () => {
        const storedBefore = stats().stored;
        for (const t of MQTT_CASES) expect(await publish({ username: A, password: w.keyA }, t.topic(w, prefixOf(A)), t.body(w))).toBe(0);
        await until(() => stats().stored === storedBefore + MQTT_CASES.length, 'both observations stored');
      });
    });
  }
}
