import { KERNEL_MIGRATIONS } from '../src/kernel/migrations.js';
import { createContext } from '../src/kernel/context.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { governance } from '../src/governance/index.js';
import type { AppContext } from '../src/kernel/capability.js';
import { loadConfig } from '../src/kernel/config.js';
import { buildServer } from '../src/kernel/http/server.js';
import { createLogger } from '../src/kernel/log.js';
import { migrate } from '../src/kernel/storage/migrate.js';
import type { Params, Store } from '../src/kernel/storage/port.js';
import { PostgresStore } from '../src/kernel/storage/postgres.js';
import { SqliteStore } from '../src/kernel/storage/sqlite.js';
import { Worker } from 'node:worker_threads';
import mqttPacket from 'mqtt-packet';
import { changeFeedOf, ingestBatch, live, MqttGateway, type ChangeEvent, type ObservationSink } from '../src/live/index.js';
import { renderChange, staRoot } from '../src/live/sta/events.js';
import { dialectFor } from '../src/live/sta/dialect/index.js';
import { OBSERVATION_COLUMNS, type ObservationRow } from '../src/live/sta/dialect/types.js';
import { fileURLToPath } from 'node:url';
import { baselineCheckout, quickBench } from './baseline.js';
import { fmt, latency, seeded, table, timed, type BenchContext } from './lib.js';

const ADMIN = 'bench-admin-key-0123456789abcdef';
const DATASTREAMS = 100;
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
/** Observations per CreateObservations request. */
const BATCH = 5_000;
/** Untimed rows each path ingests before it is measured. */
const WARM_UP = 10_000;
/** Amsterdam, roughly: where the bench's Things stand. */
const AREA = { minx: 4.75, maxx: 5.0, miny: 52.3, maxy: 52.42 };
const CENTRE = "geography'POLYGON((4.86 52.35, 4.92 52.35, 4.92 52.39, 4.86 52.39, 4.86 52.35))'";

interface Engine {
  name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

function engines(ctx: BenchContext): Engine[] {
  const list: Engine[] = [
    {
      name: 'SQLite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
        const store = SqliteStore.open(join(dir, 'bench.sqlite'));
        return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
      },
    },
  ];
  if (ctx.databaseUrl) {
    const admin = ctx.databaseUrl;
    list.push({
      name: 'PostgreSQL',
      async open() {
        const name = `bench_live_${randomBytes(4).toString('hex')}`;
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`CREATE DATABASE ${name}`);
        await c.end();
        const url = new URL(admin);
        url.pathname = `/${name}`;
        const store = await PostgresStore.open(url.toString(), 4);
        return {
          store,
          async dispose() {
            await store.close();
            const d = new pg.Client({ connectionString: admin });
            await d.connect();
            await d.query(`DROP DATABASE ${name} WITH (FORCE)`);
            await d.end();
          },
        };
      },
    });
  }
  return list;
}

interface Setup {
  app: FastifyInstance;
  store: Store;
  ctx: AppContext;
  /** datastream id → its FeatureOfInterest id */
  features: Map<number, number>;
  /** Next free minute per datastream (observations are appended in time). */
  nextMinute: Map<number, number>;
}

async function post(app: FastifyInstance, url: string, body: unknown): Promise<any> {
  const res = await app.inject({ method: 'POST', url: `/sta/v1.1${url}`, headers: { 'content-type': 'application/json', 'x-api-key': ADMIN }, payload: JSON.stringify(body) });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
}

async function get(app: FastifyInstance, url: string): Promise<any> {
  const res = await app.inject({ method: 'GET', url: `/sta/v1.1${url}` });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
}

/** 100 Things spread over the city, each with a Location and one Datastream; one Observation each creates its FeatureOfInterest. */
async function setUp(store: Store): Promise<Setup> {
  await migrate(store, [...KERNEL_MIGRATIONS, ...governance.migrations, ...live.migrations]);
  const config = loadConfig({}, { demo: false, adminKey: ADMIN, logLevel: 'silent', dataDir: tmpdir(), staMaxTop: 2000 });
  const ctx: AppContext = createContext(config, store, createLogger('silent'), [governance, live], 'http://localhost:8080');
  const app = await buildServer(ctx, [governance, live]);
  await app.ready();
  const rnd = seeded(7);
  const features = new Map<number, number>();
  const nextMinute = new Map<number, number>();
  const sensor = { name: 'PM sensor', description: 'particulate matter', encodingType: 'text/html', metadata: 'https://example.org/pm' };
  const property = { name: 'PM10', definition: 'https://example.org/pm10', description: 'PM10 concentration' };
  for (let i = 0; i < DATASTREAMS; i++) {
    const x = AREA.minx + rnd() * (AREA.maxx - AREA.minx);
    const y = AREA.miny + rnd() * (AREA.maxy - AREA.miny);
    const thing = await post(app, '/Things', {
      name: `station ${i}`,
      description: 'air quality station',
      Locations: [{ name: `loc ${i}`, description: 'pole', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [x, y] } }],
      Datastreams: [
        {
          name: `pm10 ${i}`, description: 'PM10', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
          unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'ug/m3', definition: 'http://unitsofmeasure.org' },
          Sensor: i === 0 ? sensor : { '@iot.id': 1 }, ObservedProperty: i === 0 ? property : { '@iot.id': 1 },
          Observations: [{ phenomenonTime: new Date(START).toISOString(), result: 10 }],
        },
      ],
    });
    const ds = (await get(app, `/Things(${thing['@iot.id']})/Datastreams`)).value[0]['@iot.id'];
    const foi = (await get(app, `/Datastreams(${ds})/Observations?$expand=FeatureOfInterest($select=id)`)).value[0].FeatureOfInterest['@iot.id'];
    features.set(ds, foi);
    nextMinute.set(ds, 1);
  }
  return { app, store, ctx, features, nextMinute };
}

/** Grows the store to `target` observations with the engine's own bulk path (not measured against anything). */
async function fill(s: Setup, target: number, log: (m: string) => void): Promise<void> {
  const current = Number((await s.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM sta_observations'))!.n);
  const perDs = Math.ceil(Math.max(0, target - current) / DATASTREAMS);
  if (perDs === 0) return;
  log(`  filling ${fmt(perDs * DATASTREAMS, 0)} rows`);
  const streams = [...s.features.keys()];
  const d = dialectFor(s.store);
  const maxMinute = Math.max(...streams.map((ds) => s.nextMinute.get(ds)!)) + perDs;
  const months: number[] = [];
  for (let t = START; t <= START + maxMinute * MINUTE; t += 20 * 24 * 3600_000) months.push(t);
  months.push(START + maxMinute * MINUTE);
  await d.ensureObservationStorage(s.store, months);
  if (s.store instanceof SqliteStore) {
    const db = s.store.raw;
    const insert = db.prepare('INSERT INTO sta_observations (datastream_id, phenomenon_time, result_num, feature_id) VALUES (?, ?, ?, ?)');
    const rnd = seeded(11);
    for (const ds of streams) {
      const first = s.nextMinute.get(ds)!;
      db.transaction(() => {
        for (let m = first; m < first + perDs; m++) insert.run(ds, START + m * MINUTE, rnd() * 50, s.features.get(ds));
      })();
      s.nextMinute.set(ds, first + perDs);
    }
    db.exec('ANALYZE');
  } else {
    for (const ds of streams) {
      const first = s.nextMinute.get(ds)!;
      await s.store.run(
        `INSERT INTO sta_observations (datastream_id, phenomenon_time, result_num, feature_id)
         SELECT ?::bigint, to_timestamp((?::bigint + g * 60000) / 1000.0), random() * 50, ?::bigint FROM generate_series(?::bigint, ?::bigint) g`,
        [ds, START, s.features.get(ds)!, first, first + perDs - 1],
      );
      s.nextMinute.set(ds, first + perDs);
    }
    await s.store.exec('VACUUM ANALYZE sta_observations');
  }
  await syncCounters(s, new Map(streams.map((ds) => [ds, perDs])));
}

/** Rows written around the ingest path: bring the maintained counters and latest pointers up to date. */
async function syncCounters(s: Setup, added: Map<number, number>): Promise<void> {
  for (const [ds, n] of added) {
    const latest = await s.store.one<{ id: number; t: unknown }>('SELECT id, phenomenon_time AS t FROM sta_observations WHERE datastream_id = ? ORDER BY phenomenon_time DESC, id DESC LIMIT 1', [ds]);
    await s.store.run('UPDATE sta_datastreams SET observation_count = observation_count + ?, latest_observation_id = ?, latest_phenomenon_time = ?, phenomenon_time_end = ? WHERE id = ?', [
      n, latest!.id, latest!.t as number, latest!.t as number, ds,
    ]);
  }
}

/** The same rows for the HTTP path and the raw ceiling: `n` observations spread over the Datastreams, appended in time. */
function rows(s: Setup, n: number, seed: number): { ds: number; minute: number; result: number }[] {
  const rnd = seeded(seed);
  const streams = [...s.features.keys()];
  const out: { ds: number; minute: number; result: number }[] = [];
  const perDs = Math.ceil(n / streams.length);
  for (const ds of streams) {
    const first = s.nextMinute.get(ds)!;
    for (let k = 0; k < perDs && out.length < n; k++) out.push({ ds, minute: first + k, result: Math.round(rnd() * 5000) / 100 });
    s.nextMinute.set(ds, first + perDs);
  }
  return out;
}

/** HTTP CreateObservations in batches of BATCH rows (50 Datastreams × 100 rows per request). */
async function httpIngest(s: Setup, n: number): Promise<number> {
  const data = rows(s, n, 21);
  const byDs = new Map<number, typeof data>();
  for (const r of data) (byDs.get(r.ds) ?? byDs.set(r.ds, []).get(r.ds)!).push(r);
  const bodies: unknown[] = [];
  let block: unknown[] = [];
  let inBlock = 0;
  for (const [ds, list] of byDs) {
    for (let i = 0; i < list.length; i += 100) {
      const part = list.slice(i, i + 100);
      block.push({ Datastream: { '@iot.id': ds }, components: ['phenomenonTime', 'result'], dataArray: part.map((r) => [new Date(START + r.minute * MINUTE).toISOString(), r.result]) });
      inBlock += part.length;
      if (inBlock >= BATCH) {
        bodies.push(block);
        block = [];
        inBlock = 0;
      }
    }
  }
  if (block.length) bodies.push(block);
  const payloads = bodies.map((b) => JSON.stringify(b));
  const { ms } = await timed(async () => {
    for (const payload of payloads) {
      const res = await s.app.inject({ method: 'POST', url: '/sta/v1.1/CreateObservations', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN }, payload });
      if (res.statusCode !== 201) throw new Error(`CreateObservations: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  });
  return ms;
}

/** The store's own ceiling for the same rows: SQLite a prepared-insert loop, PostgreSQL the port's multi-row insert; no parsing, no counters. */
async function rawIngest(s: Setup, n: number, mode: 'plain' | 'bulk'): Promise<number> {
  // Same shape as the HTTP rows: the same Datastreams, appended in time, so both touch the same index pages.
  const data = rows(s, n, 21);
  const d = dialectFor(s.store);
  const params: Params[] = data.map((r) => [r.ds, d.time(START + r.minute * MINUTE), null, null, r.result, null, null, null, null, null, null, s.features.get(r.ds)!]);
  const observations: ObservationRow[] = data.map((r) => ({
    datastreamId: r.ds, phenomenonStart: START + r.minute * MINUTE, phenomenonEnd: null, resultTime: null, resultNum: r.result, resultStr: null,
    resultJson: null, resultQuality: null, validStart: null, validEnd: null, parameters: null, featureId: s.features.get(r.ds)!,
  }));
  const { ms } = await timed(async () => {
    if (mode === 'bulk') {
      // The bulk statement ingest itself uses, alone: what parsing, checks and counters add is the rest.
      for (let i = 0; i < observations.length; i += BATCH) await s.store.transaction((tx) => d.insertObservations(tx, observations.slice(i, i + BATCH)));
    } else if (s.store instanceof SqliteStore) {
      const db = s.store.raw;
      const insert = db.prepare(`INSERT INTO sta_observations (${OBSERVATION_COLUMNS.join(', ')}) VALUES (${OBSERVATION_COLUMNS.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const p of params) insert.run(...p);
      })();
    } else {
      await s.store.transaction((tx) => tx.insertMany('sta_observations', OBSERVATION_COLUMNS, params));
    }
  });
  // Keep the maintained counters true for the queries that follow.
  const perDs = new Map<number, number>();
  for (const r of data) perDs.set(r.ds, (perDs.get(r.ds) ?? 0) + 1);
  await syncCounters(s, perDs);
  return ms;
}

/**
 * HTTP ingest and the raw ceiling, measured fairly: both paths first warmed up (JIT,
 * prepared statements) on a few untimed rows, then timed in alternating halves so that a
 * passing disturbance on the machine hits both. Observations per second for each.
 */
async function ingestPair(s: Setup, n: number): Promise<{ http: number; raw: number; bulk: number }> {
  // As deployed: the MQTT gateway follows the change feed (no one subscribes here).
  const gateway = await startGateway(s);
  await httpIngest(s, WARM_UP);
  await rawIngest(s, WARM_UP, 'plain');
  await rawIngest(s, WARM_UP, 'bulk');
  let httpMs = 0;
  let rawMs = 0;
  let bulkMs = 0;
  for (let half = 0; half < 2; half++) {
    httpMs += await httpIngest(s, n / 2);
    rawMs += await rawIngest(s, n / 2, 'plain');
    bulkMs += await rawIngest(s, n / 2, 'bulk');
  }
  await gateway.close();
  const rate = (ms: number) => n / (ms / 1000);
  return { http: rate(httpMs), raw: rate(rawMs), bulk: rate(bulkMs) };
}

/**
 * A lean device fleet in a worker thread: MQTT packets encoded beforehand (mqtt-packet),
 * written to one socket, so the load generator is not what is measured (a full client
 * library spends more per publish than the platform does). QoS 1 keeps WINDOW publishes
 * in flight and counts PUBACKs, which are 4-byte packets on this connection.
 */
const WINDOW = 2_000;
const PUBLISHER = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { port, qos, connect, packets, window } = workerData;
const socket = net.connect(port, '127.0.0.1');
let sent = 0, acked = 0, ackBytes = 0, head = Buffer.alloc(0), connected = false;
const pump = () => {
  const limit = qos === 1 ? Math.min(packets.length, acked + window) : packets.length;
  if (sent >= limit) return;
  socket.cork();
  let ok = true;
  while (sent < limit && ok) ok = socket.write(packets[sent++]);
  socket.uncork();
  if (!ok) socket.once('drain', pump);
  else if (qos === 0 && sent === packets.length) parentPort.postMessage('sent');
};
socket.on('data', (chunk) => {
  if (!connected) {
    head = Buffer.concat([head, chunk]);
    if (head.length < 4) return;
    if (head[0] !== 0x20 || head[3] !== 0) throw new Error('CONNACK refused');
    connected = true;
    chunk = head.subarray(4);
    head = Buffer.alloc(0);
    pump();
  }
  ackBytes += chunk.length;
  acked = Math.floor(ackBytes / 4);
  if (qos === 1 && acked === packets.length) parentPort.postMessage('sent');
  else if (qos === 1) pump();
});
socket.write(Buffer.from(connect));
`;

/**
 * MQTT ingest through the embedded broker and the gateway the platform runs: one device
 * connection on loopback, `n` messages of one observation each, timed until all are
 * committed. With QoS 1 each PUBACK comes after the observation's group commit.
 */
const refusedOf = (g: MqttGateway): number => Object.values(g.stats.refused).reduce((a, b) => a + b, 0);

/** The platform's MQTT gateway on an embedded broker, wired to the change feed as `live` starts it. */
function startGateway(s: Setup): Promise<MqttGateway> {
  const sink: ObservationSink = { concurrency: s.store.dialect === 'postgres' ? 2 : 1, createObservations: (items) => ingestBatch(s.ctx, items.map((i) => ({ datastreamId: i.datastreamId as number, body: i.body, principal: i.principal }))) };
  const changes = { feed: changeFeedOf(s.store), render: (event: ChangeEvent) => renderChange(s.store, staRoot(s.ctx.baseUrl), event) };
  const limits = { maxPacketSize: s.ctx.config.mqttMaxPacketSize, jsonMaxDepth: s.ctx.config.jsonMaxDepth };
  return MqttGateway.start(sink, s.ctx.log, { mode: 'embedded', port: 0, host: '127.0.0.1', guard: s.ctx.auth, ...limits }, changes);
}

async function mqttIngest(s: Setup, n: number, qos: 0 | 1): Promise<number> {
  const gateway = await startGateway(s);
  const data = rows(s, n, 31 + qos);
  const packets = data.map((r, i) =>
    mqttPacket.generate({
      cmd: 'publish', qos, dup: false, retain: false, messageId: qos === 1 ? (i % 65_535) + 1 : undefined,
      topic: `v1.1/Datastreams(${r.ds})/Observations`,
      payload: JSON.stringify({ phenomenonTime: new Date(START + r.minute * MINUTE).toISOString(), result: r.result, FeatureOfInterest: { '@iot.id': s.features.get(r.ds) } }),
    }),
  );
  // Every publish is authenticated: the device signs in with the administrator key.
  const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `bench-publisher-${qos}`, keepalive: 0, username: 'admin', password: Buffer.from(ADMIN) });
  // The publisher runs in its own thread, as devices are other processes: the server's
  // event loop carries only the broker, the gateway and the store.
  const publisher = new Worker(PUBLISHER, { eval: true, workerData: { port: gateway.port, qos, connect, packets, window: WINDOW } });
  const { ms } = await timed(async () => {
    await new Promise<void>((resolve, reject) => {
      publisher.once('message', () => resolve());
      publisher.once('error', reject);
    });
    // The gateway counts an observation as stored once its transaction has committed; a
    // COUNT(*) poll would itself scan 10 million rows and starve the ingest it waits for.
    while (gateway.stats.stored + refusedOf(gateway) < n) await new Promise((r) => setTimeout(r, 5));
  });
  await publisher.terminate();
  if (refusedOf(gateway)) throw new Error(`MQTT bench: ${refusedOf(gateway)} refused (${JSON.stringify(gateway.stats.refused)})`);
  await gateway.close();
  return n / (ms / 1000);
}

async function queries(s: Setup, runs: number): Promise<Record<string, { p50: number; p95: number }>> {
  const rnd = seeded(5);
  const streams = [...s.features.keys()];
  const pick = () => streams[Math.floor(rnd() * streams.length)]!;
  const enc = encodeURIComponent;
  const out: Record<string, { p50: number; p95: number }> = {};
  out.latest = await latency(runs, () => get(s.app, `/Datastreams(${pick()})/Observations?$top=1&$orderby=${enc('phenomenonTime desc')}`));
  out.latestAll = await latency(Math.max(5, runs / 10), () => get(s.app, `/Datastreams?$top=100&$select=id,name&$expand=${enc('Observations($top=1;$orderby=phenomenonTime desc;$select=phenomenonTime,result)')}`));
  out.day = await latency(runs, () => {
    const ds = pick();
    const dayStart = START + Math.floor(rnd() * 30) * 86_400_000;
    const f = `phenomenonTime ge ${new Date(dayStart).toISOString()} and phenomenonTime lt ${new Date(dayStart + 86_400_000).toISOString()}`;
    return get(s.app, `/Datastreams(${ds})/Observations?$resultFormat=dataArray&$select=phenomenonTime,result&$top=2000&$filter=${enc(f)}`);
  });
  out.count = await latency(runs, () => get(s.app, `/Datastreams(${pick()})/Observations?$count=true&$top=0`));
  out.countAll = await latency(runs, () => get(s.app, '/Observations?$count=true&$top=0'));
  out.geo = await latency(Math.max(5, runs / 4), () =>
    get(s.app, `/Datastreams?$filter=${enc(`geo.intersects(Thing/Locations/location, ${CENTRE})`)}&$expand=${enc('Observations($top=1;$orderby=phenomenonTime desc)')}`),
  );
  out.geoObs = await latency(Math.max(5, runs / 4), () => get(s.app, `/Observations?$top=100&$filter=${enc(`geo.intersects(FeatureOfInterest/feature, ${CENTRE})`)}`));
  return out;
}

const ms = (l: { p50: number; p95: number }) => `${fmt(l.p50, 2)} / ${fmt(l.p95, 2)}`;

/** The commit before the security checks (issue 11): the baseline the checks' cost is measured against. */
const BEFORE_CHECKS = '72775e5';
const ROUNDS = 3;

/** HTTP, MQTT QoS 0 and QoS 1 ingest rates from the first SQLite row of a quick live run's ingest table. */
function ingestOf(output: string): [number, number, number] {
  const row = output.split('\n').find((l) => /^\| SQLite \| [\d,]+ \| [\d,]+ \|/.test(l));
  if (!row) throw new Error(`no SQLite ingest row in:\n${output.slice(0, 500)}`);
  const cells = row.split('|').map((c) => Number(c.trim().replace(/,/g, '')));
  return [cells[3]!, cells[4]!, cells[5]!];
}

/**
 * What the security checks cost: the same quick ingest run (SQLite, 100,000 stored rows)
 * on the code before them and on this code, alternating, ${ROUNDS} rounds each; medians.
 */
async function checksCost(ctx: BenchContext): Promise<string> {
  const before = baselineCheckout(BEFORE_CHECKS, ctx.log);
  const runs: { before: number[][]; now: number[][] } = { before: [], now: [] };
  const here = fileURLToPath(new URL('..', import.meta.url));
  for (let i = 0; i < ROUNDS; i++) {
    ctx.log(`checks cost: round ${i + 1} of ${ROUNDS}`);
    runs.before.push(ingestOf(quickBench(before, 'live')));
    runs.now.push(ingestOf(quickBench(here, 'live')));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const col = (rs: number[][], k: number) => median(rs.map((r) => r[k]!));
  const names = ['HTTP ingest obs/s', 'MQTT QoS 0 msg/s', 'MQTT QoS 1 msg/s'];
  const rows = names.map((name, k) => [name, fmt(col(runs.before, k), 0), fmt(col(runs.now, k), 0), `${fmt((100 * col(runs.now, k)) / col(runs.before, k), 0)} %`]);
  return [
    `The cost of the security checks (authentication of every write and MQTT connection, the owner of every Datastream written to, plausibility bounds, ` +
      `strict UTF-8 and JSON depth on every body and payload): the quick ingest run above (SQLite, 100,000 stored rows, 50,000 HTTP rows, 20,000 MQTT messages) ` +
      `on the code before them (${BEFORE_CHECKS}, checked out beside this one) and on this code, alternating, ${ROUNDS} rounds each, medians. ` +
      'The devices and HTTP clients sign in as the administrator here; the Datastreams declare no bounds in either.',
    '',
    table(['path', `before (${BEFORE_CHECKS})`, 'now', 'now / before'], rows),
    '',
    'Target (issue 11): within 10 % of the figures before.',
  ].join('\n');
}

export default async function liveBench(ctx: BenchContext): Promise<string> {
  const sizes = ctx.quick ? [100_000] : [100_000, 1_000_000, 10_000_000];
  const ingestRows = ctx.quick ? 50_000 : 100_000;
  const mqttRows = ctx.quick ? 20_000 : 100_000;
  const runs = ctx.quick ? 60 : 200;
  const ingestTable: (string | number)[][] = [];
  const queryTable: (string | number)[][] = [];
  // Measured first, on a quiet machine: the quick runs it starts would compete with the ones below.
  const cost = ctx.quick ? undefined : await checksCost(ctx);
  for (const engine of engines(ctx)) {
    const { store, dispose } = await engine.open();
    try {
      ctx.log(`${engine.name}: setting up`);
      const s = await setUp(store);
      for (const size of sizes) {
        await fill(s, size, ctx.log);
        ctx.log(`${engine.name} ${fmt(size, 0)}: ingest`);
        const { http, raw, bulk } = await ingestPair(s, ingestRows);
        const q0 = await mqttIngest(s, mqttRows, 0);
        const q1 = await mqttIngest(s, mqttRows, 1);
        const pct = (a: number, b: number) => `${fmt((100 * a) / b, 0)} %`;
        ingestTable.push([engine.name, fmt(size, 0), fmt(http, 0), fmt(q0, 0), fmt(q1, 0), fmt(raw, 0), fmt(bulk, 0), pct(http, raw), pct(q1, raw), pct(http, bulk)]);
        ctx.log(`${engine.name} ${fmt(size, 0)}: queries`);
        const q = await queries(s, runs);
        queryTable.push([engine.name, fmt(size, 0), ms(q.latest!), ms(q.latestAll!), ms(q.day!), ms(q.count!), ms(q.countAll!), ms(q.geo!), ms(q.geoObs!)]);
      }
      await s.app.close();
    } finally {
      await dispose();
    }
  }
  return [
    `Ingest: ${fmt(ingestRows, 0)} observations per size through HTTP \`POST /sta/v1.1/CreateObservations\` (app.inject, ${fmt(BATCH, 0)} rows per request, ` +
      `validation, FeatureOfInterest check, per-Datastream counters and latest pointer, one transaction per request), side by side with the store's raw ceiling ` +
      `for the same rows (SQLite: one prepared INSERT in a loop, in one transaction; PostgreSQL: the port's multi-row INSERT), and with the bulk ` +
      `statement the ingest path itself uses, alone, in transactions of ${fmt(BATCH, 0)} rows (SQLite: 32-row INSERTs; PostgreSQL: one INSERT … SELECT FROM unnest(arrays)), ` +
      `all into the indexed observations table already holding the stated number of rows (${DATASTREAMS} Datastreams, one observation a minute each). ` +
      `Each path first ingests ${fmt(WARM_UP, 0)} untimed rows (warm-up), then all three are timed in two alternating halves. ` +
      '"HTTP / bulk" is what request parsing, validation, privacy and the maintained counters leave of the storage engine\'s own bulk speed.',
    '',
    `MQTT rows: ${fmt(mqttRows, 0)} messages (one observation each) from one publisher on loopback to the embedded broker and gateway (\`v1.1/Datastreams(id)/Observations\`), ` +
      'group-committed through the same ingest path, timed until the gateway has committed them all; QoS 1 keeps 2,000 publishes in flight, each PUBACK sent after its commit. ' +
      'The device side is a lean load generator in its own thread (packets encoded beforehand, one socket), so the figure is the platform\'s, not an MQTT client library\'s. ' +
      'On PostgreSQL two group commits are in flight at once (the pool has connections to spare).',
    '',
    table(['store', 'stored observations', 'HTTP ingest obs/s', 'MQTT QoS 0 msg/s', 'MQTT QoS 1 msg/s', 'raw insert obs/s', 'bulk statement obs/s', 'HTTP / raw', 'MQTT QoS 1 / raw', 'HTTP / bulk'], ingestTable),
    '',
    'Queries over HTTP (app.inject), p50 / p95 in ms: latest observation of one Datastream (`$top=1&$orderby=phenomenonTime desc`, served from the maintained pointer); ' +
      `latest of all ${DATASTREAMS} Datastreams in one request (\`$expand\`); one day of one Datastream (1,440 rows, \`$resultFormat=dataArray\`); ` +
      '`$count` of one Datastream and of all Observations (maintained counters); Datastreams whose Thing stands in a city-centre polygon with their latest observation ' +
      '(`geo.intersects(Thing/Locations/location, …)` + `$expand`); the first 100 Observations whose FeatureOfInterest lies in that polygon.',
    '',
    table(['store', 'stored', 'latest', `latest ×${DATASTREAMS}`, 'one day', '$count (1 DS)', '$count (all)', 'geo + latest', 'geo Observations'], queryTable),
    '',
    'Targets (issue 3, this 2-core machine): HTTP batch ingest >= 100,000 observations/s embedded and >= 50 % of the raw ceiling; MQTT QoS 1 >= 20,000 msg/s; ' +
      'latest per Datastream p95 <= 5 ms at 10 million rows. Figures on this machine move by ±20 % between runs.',
    ...(cost ? ['', cost] : []),
  ].join('\n');
}
