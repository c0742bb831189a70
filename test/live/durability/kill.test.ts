import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY } from '../../support/platform.js';
import { tempDir } from '../../support/stores.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real CLI server as a child process, on a data directory that outlives it. */
async function serve(dataDir: string, port: number, mqttPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: process.cwd(),
    env: { ...process.env, THORBECKE_DATA_DIR: dataDir, PORT: String(port), THORBECKE_MQTT_PORT: String(mqttPort), HOST: '127.0.0.1', THORBECKE_DEMO: 'false', THORBECKE_ADMIN_KEY: ADMIN_KEY, THORBECKE_LOG_LEVEL: 'warn', THORBECKE_STA_MAX_TOP: '10000', THORBECKE_DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/sta/v1.1/`)).ok) {
        // HTTP answers before the capabilities start; wait for the broker too.
        const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { reconnectPeriod: 0, connectTimeout: 500 });
        await c.endAsync();
        return child;
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

describe('durability: every acknowledged observation survives SIGKILL', () => {
  const dir = tempDir();
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    dir.remove();
  });

  it('finds every 201-acknowledged (HTTP) and PUBACK-acknowledged (MQTT QoS 1) observation after a restart', async () => {
    const [port, mqttPort] = [await freePort(), await freePort()];
    child = await serve(dir.path, port, mqttPort);
    const base = `http://127.0.0.1:${port}/sta/v1.1`;
    const headers = { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY };
    const created = await fetch(`${base}/Datastreams`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'd', description: 'd', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
        unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
        Thing: { name: 't', description: 't', Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }] },
        Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
        ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
      }),
    });
    expect(created.status).toBe(201);
    const ds = (await created.json())['@iot.id'] as number;

    let running = true;
    const httpIds: number[] = [];
    const mqttAcked: string[] = [];
    const http = (async () => {
      for (let n = 0; running; n++) {
        try {
          const rows = Array.from({ length: 100 }, (_, i) => [`http-${n}-${i}`]);
          const res = await fetch(`${base}/CreateObservations`, { method: 'POST', headers, body: JSON.stringify([{ Datastream: { '@iot.id': ds }, components: ['result'], dataArray: rows }]) });
          if (res.status !== 201) continue;
          for (const link of (await res.json()) as string[]) httpIds.push(Number(/\((\d+)\)$/.exec(link)![1]));
        } catch {
          return; // the server is gone
        }
      }
    })();
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { clientId: 'durable', reconnectPeriod: 0, username: 'admin', password: ADMIN_KEY });
    device.on('error', () => undefined);
    const publishers = Array.from({ length: 50 }, async (_, w) => {
      for (let n = 0; running; n++) {
        const value = `mqtt-${w}-${n}`;
        try {
          await device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: value }), { qos: 1 });
          mqttAcked.push(value);
        } catch {
          return;
        }
      }
    });
    await sleep(2000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    running = false;
    device.end(true);
    await Promise.all([http, ...publishers]);
    expect(httpIds.length).toBeGreaterThan(100);
    expect(mqttAcked.length).toBeGreaterThan(100);

    child = await serve(dir.path, port, mqttPort);
    const seen = new Map<number, string>();
    for (let url: string | undefined = `${base}/Datastreams(${ds})/Observations?$select=id,result&$orderby=id&$top=10000`; url; ) {
      const page = await (await fetch(url)).json();
      for (const o of page.value) seen.set(o['@iot.id'], o.result);
      url = page['@iot.nextLink'];
    }
    const missingHttp = httpIds.filter((id) => !seen.has(id));
    const results = new Set(seen.values());
    const missingMqtt = mqttAcked.filter((v) => !results.has(v));
    expect({ missingHttp: missingHttp.length, missingMqtt: missingMqtt.length }).toEqual({ missingHttp: 0, missingMqtt: 0 });
    // The counter survived too.
    const count = (await (await fetch(`${base}/Datastreams(${ds})/Observations?$count=true&$top=0`)).json())['@iot.count'];
    expect(count).toBe(seen.size);
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;
  }, 40_000);
});
