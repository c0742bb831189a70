import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttStats } from '../../../src/live/mqtt/gateway.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { tempDir } from '../../support/stores.js';
import { loggedPlatform } from './logged-platform.js';

/** Dutch licence plates (sidecodes 5 and 6), each only ever sent as an identifier. */
const PLATES = ['12-ABC-3', 'XX-999-X', '7-TZK-45', 'GB-231-H', '99-XKL-1', 'KL-04-RT'];
/** A plate-like value in a field that is not declared an identifier: proves the scans can find one. */
const CONTROL = 'ZQ-777-Q';

/** Every common way a plate is written: with and without dashes, upper and lower case. */
const spellings = (plate: string) => {
  const bare = plate.replace(/-/g, '');
  return [...new Set([plate, bare, plate.toLowerCase(), bare.toLowerCase(), plate.replace(/-/g, ' ')])];
};
const found = (haystack: string | Buffer, plate: string) => spellings(plate).filter((s) => haystack.includes(s));

const declaration = {
  purpose: 'parkeerduur meten in de binnenstad',
  legalBasis: 'public-task',
  personalData: 'pseudonymised',
  retention: 'P30D',
  mandate: 'mandaat-parkeren-2026',
  identifierFields: ['result.plate', 'parameters.plate'],
};
const wholeResult = { ...declaration, identifierFields: ['result'] };

describe('pseudonymisation at ingest: no raw licence plate is stored, logged or sent', () => {
  const dir = tempDir();
  let p: Awaited<ReturnType<typeof loggedPlatform>>;
  let ds: number;
  let dsWhole: number;
  const fanout: string[] = [];
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${p.url}/sta/v1.1${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    p = await loggedPlatform(dir.path);
    const thing = await api('POST', '/Things', {
      name: 'Parkeergarage Centrum',
      description: `kentekencamera (testkenteken ${CONTROL})`,
      Locations: [{ name: 'ingang', description: 'ingang', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
      Datastreams: [
        {
          name: 'passages', description: 'kentekenpassages', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
          unitOfMeasurement: { name: 'passage', symbol: '', definition: 'https://example.org/passage' }, properties: { privacy: declaration },
          Sensor: { name: 'ANPR', description: 'camera', encodingType: 'text/html', metadata: 'https://example.org' },
          ObservedProperty: { name: 'kenteken', definition: 'https://example.org/kenteken', description: 'kenteken' },
        },
      ],
    });
    expect(thing.status).toBe(201);
    ds = (await api('GET', `/Things(${thing.json['@iot.id']})/Datastreams`)).json.value[0]['@iot.id'];
    const port = p.live.mqttPort as number;
    const reader = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'reader' });
    reader.on('message', (topic, payload) => fanout.push(`${topic} ${payload.toString()}`));
    await reader.subscribeAsync(['#', 'v1.1/Observations?$select=result,parameters']);
    readerClose = () => reader.endAsync();
  });
  let readerClose = async () => undefined as unknown;
  afterAll(async () => {
    await readerClose();
    await p?.close();
    dir.remove();
    if (existsSync(p?.logFile ?? '')) rmSync(p.logFile);
  });

  it('replaces identifiers on every ingest path, with the same pseudonym for the same plate however written', async () => {
    const [a, b, c, d, e, f] = PLATES as [string, string, string, string, string, string];
    // POST Observations
    const one = await api('POST', '/Observations', { result: { plate: a, lane: 1 }, parameters: { plate: a }, Datastream: { '@iot.id': ds } });
    expect(one.status).toBe(201);
    expect(one.json.result.plate).toMatch(/^ps_/);
    expect(one.json.result.lane).toBe(1);
    expect(one.json.parameters.plate).toBe(one.json.result.plate);
    // POST Datastreams(id)/Observations, the same plate written differently
    const again = await api('POST', `/Datastreams(${ds})/Observations`, { result: { plate: a.toLowerCase().replace(/-/g, '') } });
    expect(again.json.result.plate).toBe(one.json.result.plate);
    // deep insert: a new Datastream whose whole result is the plate, with its observations
    const deep = await api('POST', '/Datastreams', {
      name: 'plates', description: 'plates', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
      unitOfMeasurement: { name: 'plate', symbol: '', definition: 'https://example.org/plate' }, properties: { privacy: wholeResult },
      Thing: { '@iot.id': 1 }, Sensor: { '@iot.id': 1 }, ObservedProperty: { '@iot.id': 1 },
      Observations: [{ result: b }, { result: a }],
    });
    expect(deep.status).toBe(201);
    dsWhole = deep.json['@iot.id'];
    const deepObs = (await api('GET', `/Datastreams(${dsWhole})/Observations?$orderby=id`)).json.value;
    expect(deepObs.map((o: { result: string }) => o.result)).toEqual([expect.stringMatching(/^ps_/), expect.stringMatching(/^ps_/)]);
    // Scopes differ per Datastream: the same plate is not linkable across them.
    expect(deepObs[1].result).not.toBe(one.json.result.plate);
    // CreateObservations, the fast path (result only) and the general one (parameters)
    const created = await api('POST', '/CreateObservations', [
      { Datastream: { '@iot.id': ds }, components: ['phenomenonTime', 'result'], dataArray: [['2026-05-01T10:00:00Z', { plate: c }], ['2026-05-01T10:01:00Z', { plate: d }]] },
      { Datastream: { '@iot.id': ds }, components: ['result', 'parameters'], dataArray: [[{ plate: e }, { plate: e }]] },
      { Datastream: { '@iot.id': dsWhole }, components: ['result'], dataArray: [[f]] },
    ]);
    expect(created.status).toBe(201);
    expect(created.json.every((l: string) => l.includes('/Observations('))).toBe(true);
    // PATCH writes a pseudonym too
    const patched = await api('PATCH', `/Observations(${one.json['@iot.id']})`, { result: { plate: b } });
    expect(patched.json.result.plate).toMatch(/^ps_/);
    // MQTT, both create topics, QoS 1 (acknowledged = stored)
    // MQTT 5, so a refused publish is answered (0x99) rather than closing the connection.
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${p.live.mqttPort as number}`, { clientId: 'camera', protocolVersion: 5, username: 'admin', password: ADMIN_KEY });
    await device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, JSON.stringify({ result: { plate: c }, parameters: { plate: c } }), { qos: 1 });
    await device.publishAsync('v1.1/Observations', JSON.stringify({ result: { plate: d }, Datastream: { '@iot.id': ds } }), { qos: 1 });
    await device.publishAsync(`v1.1/Datastreams(${dsWhole})/Observations`, JSON.stringify({ result: e }), { qos: 1 });
    // Refused publishes and requests that carry plates in the wrong place: the reasons must not quote them.
    const stats = p.live.mqttStats as MqttStats;
    const rejectedBefore = stats.refused.invalid;
    const refusedWith = (body: string) => device.publishAsync(`v1.1/Datastreams(${ds})/Observations`, body, { qos: 1 }).then(() => 0, (e: { code?: number }) => e.code);
    expect(await refusedWith(JSON.stringify({ phenomenonTime: a, result: { plate: a } }))).toBe(0x99);
    expect(await refusedWith(`{"result": {"plate": "${b}"`)).toBe(0x99);
    expect(await refusedWith(JSON.stringify({ result: { plate: c }, [d]: 1 }))).toBe(0x99);
    expect(stats.refused.invalid).toBe(rejectedBefore + 3);
    await device.endAsync();
    const bad = [
      await api('POST', '/Observations', { phenomenonTime: a, result: { plate: a }, Datastream: { '@iot.id': ds } }),
      await api('POST', '/Observations', `{"result": {"plate": "${b}"}, "Datastream": `),
      await api('POST', '/CreateObservations', [{ Datastream: { '@iot.id': ds }, components: ['result', 'resultTime'], dataArray: [[{ plate: c }, c]], 'dataArray@iot.count': d }]),
      await api('POST', '/Observations', { result: { plate: e }, validTime: e, Datastream: { '@iot.id': ds } }),
      await api('POST', '/Observations', { result: { plate: f }, [f]: 1, Datastream: { '@iot.id': ds } }),
      await api('POST', '/CreateObservations', [{ Datastream: { '@iot.id': ds }, [a]: 1, components: ['result'], dataArray: [] }]),
    ];
    for (const r of bad) {
      expect(r.status).toBe(400);
      for (const plate of PLATES) expect(found(r.text, plate)).toEqual([]);
    }
    // Everything readable back is pseudonymised; 12 observations were stored (2 + 2 deep + 4 + 3 MQTT, one patched).
    const all = (await api('GET', `/Observations?$top=100`)).json.value;
    expect(all).toHaveLength(11);
    for (const plate of PLATES) expect(found(JSON.stringify(all), plate)).toEqual([]);
    for (let i = 0; i < 100 && fanout.filter((m) => m.includes('ps_')).length < 3; i++) await new Promise((r) => setTimeout(r, 10));
  });

  it('leaves no plate in the MQTT fan-out, the logs or the SQLite files (main, -wal, -shm)', async () => {
    // The fan-out carried every stored observation of the Datastream: 2 POSTed, 3 from CreateObservations, 2 over MQTT.
    expect(fanout.filter((m) => m.startsWith(`v1.1/Datastreams(${ds})/Observations `)).length).toBe(7);
    expect(fanout.some((m) => m.includes('?$select='))).toBe(true);
    const log = p.readLog();
    // The logs are real: requests and the refused publishes are in them.
    expect(log).toContain('MQTT publish refused');
    expect(log).toContain('/sta/v1.1/CreateObservations');
    const files = readdirSync(dir.path).filter((n) => n.startsWith('thorbecke.sqlite'));
    expect(files).toEqual(expect.arrayContaining(['thorbecke.sqlite', 'thorbecke.sqlite-wal', 'thorbecke.sqlite-shm']));
    const contents = files.map((n) => readFileSync(join(dir.path, n)));
    // The control plate sits in a Thing description: the scan finds a plate where there is one.
    expect(contents.some((c) => found(c, CONTROL).length > 0)).toBe(true);
    for (const plate of PLATES) {
      expect(found(fanout.join('\n'), plate), `fan-out holds ${plate}`).toEqual([]);
      expect(found(log, plate), `log holds ${plate}`).toEqual([]);
      contents.forEach((c, i) => expect(found(c, plate), `${files[i]} holds ${plate}`).toEqual([]));
    }
  });

  it('still holds no plate in the database file after the store is closed (WAL checkpointed)', async () => {
    await p.close();
    const contents = readdirSync(dir.path).filter((n) => n.startsWith('thorbecke.sqlite')).map((n) => readFileSync(join(dir.path, n)));
    expect(contents.some((c) => found(c, CONTROL).length > 0)).toBe(true);
    for (const plate of PLATES) for (const c of contents) expect(found(c, plate)).toEqual([]);
  });
});
