import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { CONTRACT_HASH_HEADER, fetchUnderContract } from '../src/federation/index.js';
import { present } from '../src/federation/contracts.js';
import { withinService } from '../src/federation/path-policy.js';
import { findPeerByFingerprint, getContract, getPeer } from '../src/federation/store.js';
import { loadTlsMaterial } from '../src/federation/tls.js';
import { logbookFor, type LogbookFilter, type ProcessingInput } from '../src/kernel/logbook/index.js';
import type { Queryable, SqlValue } from '../src/kernel/storage/port.js';
import { HAS_OPENSSL, testCa, type NodeCert } from '../test/federation/certs.js';
import type { FederationNode } from '../test/federation/nodes.js';
import { datasetFixture } from '../test/support/catalog-fixtures.js';
import { fmt, latency, percentile, seeded, table, timed, type BenchContext } from './lib.js';

/**
 * Federation (capability 6) and the kernel's processing log. Two whole nodes (provider
 * gemeente-a, consumer provincie-b) run in this process with a throw-away openssl CA and
 * one accepted contract; both processing logs are pre-filled by bulk insert to each size.
 * The exchange is compared with the same document through app.inject and over bare
 * HTTPS; the log's append rate with a bare insert into an unindexed table.
 */

const DATASET = '/api/v1/catalog/datasets/parkeren';
const CONTRACT = 'parkeren-b';
const DAY = 86_400_000;
/** One million records make a year: the log is written in time order, so a bigger log reaches further back. */
const SPACING_MS = (365 * DAY) / 1_000_000;
const ACTIVITIES = 200;
const PEERS = 20;
const NAMES = ['federation.provide', 'federation.fetch', 'catalog.export', 'registers.read'];
const COLUMNS = ['trace_id', 'span_id', 'parent_span_id', 'name', 'activity_id', 'started_at', 'ended_at', 'status', 'peer', 'data_subject_hash', 'attributes'];
const ROW_SQL = `(${COLUMNS.map(() => '?').join(', ')})`;
/** Rows per multi-row INSERT: 5,500 parameters, under both engines' limits. */
const ROWS_PER_STATEMENT = 500;
const FILL_TX_ROWS = 20_000;
const SEQ = 200;
const CONCURRENT = 400;
const IN_FLIGHT = 8;
const APPEND = 2000;
/** Fewer unfiltered queries: each counts the whole log. */
const QUERY_ALL = 50;

type Row = SqlValue[];
interface Sample { p50: number; p95: number; rps: number }

const hex = (rnd: () => number, words: number): string => {
  let s = '';
  for (let i = 0; i < words; i++) s += Math.floor(rnd() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return s;
};

/** Seeded synthetic log records, in time order; about half the traces have a second, child span. */
class LogGenerator {
  private rnd: () => number;
  private next = 0;
  private trace = '';
  private span = '';
  /** Trace ids that start at a multiple of 97, for the trace queries. */
  readonly traces: string[] = [];

  constructor(seed: number, private readonly t0: number) {
    this.rnd = seeded(seed);
  }

  get count(): number {
    return this.next;
  }

  timeOf(i: number): number {
    return this.t0 + i * SPACING_MS;
  }

  rows(n: number): Row[] {
    const rnd = this.rnd;
    const out: Row[] = [];
    for (let k = 0; k < n; k++, this.next++) {
      const child = this.trace !== '' && rnd() < 0.5;
      const parent = child ? this.span : null;
      if (!child) {
        this.trace = hex(rnd, 4);
        if (this.next % 97 === 0) this.traces.push(this.trace);
      }
      this.span = hex(rnd, 2);
      const started = this.timeOf(this.next);
      const activity = Math.floor(rnd() * ACTIVITIES);
      const ok = rnd() < 0.95;
      out.push([
        this.trace,
        this.span,
        parent,
        NAMES[Math.floor(rnd() * NAMES.length)]!,
        `contract:c-${activity}`,
        new Date(started).toISOString(),
        new Date(started + 5 + Math.floor(rnd() * 40)).toISOString(),
        ok ? 'ok' : 'error',
        rnd() < 0.9 ? `org-${Math.floor(rnd() * PEERS)}` : null,
        rnd() < 0.1 ? hex(rnd, 8) : null,
        JSON.stringify({ path: `/api/v1/catalog/datasets/ds-${activity}`, method: 'GET', httpStatus: ok ? 200 : 403, bytes: 800 + Math.floor(rnd() * 4000) }),
      ]);
    }
    return out;
  }
}

/** A bare multi-row INSERT, the fastest statement the store port offers on both engines. */
async function insertRows(db: Queryable, tableName: string, rows: readonly Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await db.run(`INSERT INTO ${tableName} (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => ROW_SQL).join(', ')}`, chunk.flat());
  }
}

/** Fills a node's log from `gen.count` up to `size` records, in transactions of FILL_TX_ROWS; returns ms. */
async function fillTo(node: FederationNode, gen: LogGenerator, size: number): Promise<number> {
  const t0 = performance.now();
  while (gen.count < size) {
    const rows = gen.rows(Math.min(FILL_TX_ROWS, size - gen.count));
    await node.ctx.store.transaction((tx) => insertRows(tx, 'logbook', rows));
  }
  return performance.now() - t0;
}

/** `total` calls of `fn` with `inFlight` running at once; requests per second. */
async function throughput(total: number, inFlight: number, fn: () => Promise<unknown>): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started < total) {
        started++;
        await fn();
      }
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up: JIT, statement caches, pools
  const seq = await latency(SEQ, fn);
  const rps = await throughput(CONCURRENT, IN_FLIGHT, fn);
  return { p50: seq.p50, p95: seq.p95, rps };
}

/** One HTTPS GET; `agent: false` opens a new connection (full handshake), as the consumer does. */
function httpsGet(url: string, o: { agent: Agent | false; ca: Buffer; cert?: Buffer; key?: Buffer; headers?: Record<string, string> }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: o.agent, ca: o.ca, cert: o.cert, key: o.key, headers: o.headers });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    });
    req.end();
  });
}

async function must(r: Promise<{ status: number; body: string }>, expected: number, what: string): Promise<{ status: number; json: any }> {
  const a = (await r) as { status: number; body: string; json: any };
  if (a.status !== expected) throw new Error(`${what}: HTTP ${a.status} ${a.body}`);
  return a;
}

/** The directory, mandates, dataset and one accepted contract on both nodes, as an administrator would record them. */
async function agree(provider: FederationNode, consumer: FederationNode, certs: { a: NodeCert; b: NodeCert }): Promise<void> {
  for (const node of [provider, consumer]) {
    for (const [id, kind] of [['gemeente-a', 'gemeente'], ['provincie-b', 'provincie']] as const) {
      await must(node.call('POST', '/api/v1/organisations', { id, name: id, kind }), 201, `organisation ${id}`);
    }
    for (const peer of [
      { organisationId: 'gemeente-a', name: 'Knooppunt A', baseUrl: provider.federationUrl, certificateFingerprint: certs.a.fingerprint },
      { organisationId: 'provincie-b', name: 'Knooppunt B', baseUrl: consumer.federationUrl, certificateFingerprint: certs.b.fingerprint },
    ]) await must(node.call('POST', '/api/v1/federation/peers', peer), 201, `peer ${peer.organisationId}`);
  }
  await must(provider.call('POST', '/api/v1/mandates', { id: 'raad-a', kind: 'raadsbesluit', title: 'Datadeling mobiliteit', ownerId: 'gemeente-a' }), 201, 'mandate');
  await must(consumer.call('POST', '/api/v1/mandates', { id: 'staten-b', kind: 'statenbesluit', title: 'Mobiliteitsmonitor', ownerId: 'provincie-b' }), 201, 'mandate');
  await must(provider.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'parkeren', publisherId: 'gemeente-a' } as never)), 201, 'dataset');
  const content = {
    id: CONTRACT,
    providerId: 'gemeente-a',
    consumerId: 'provincie-b',
    service: { name: 'Parkeergarages', pathPrefix: DATASET },
    purpose: 'Mobiliteitsmonitor van de provincie',
    personalData: false,
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
  };
  for (const [node, mandateIds] of [[provider, ['raad-a']], [consumer, ['staten-b']]] as const) {
    const c = await must(node.call('POST', '/api/v1/federation/contracts', { ...content, mandateIds }), 201, 'contract');
    for (const party of ['provider', 'consumer']) {
      await must(node.call('POST', `/api/v1/federation/contracts/${CONTRACT}/accept`, { party, contentHash: c.json.contentHash }), 200, `accept ${party}`);
    }
  }
}

const PATHS = [
  'bare HTTPS, kept-alive connection',
  'bare HTTPS, new connection per request',
  'app.inject on the provider (no TLS, no federation)',
  'provider listener, mutual TLS, kept-alive connection',
  'provider listener, mutual TLS, new connection per request',
  'full exchange: fetchUnderContract on the consumer',
] as const;
type PathName = (typeof PATHS)[number];

export default async function run(ctx: BenchContext): Promise<string> {
  if (!HAS_OPENSSL) return 'Not measured: `/usr/bin/openssl` is missing, so no federation CA and node certificates can be made (`apt-get install openssl`).';
  // test/support/stores.ts reads the PostgreSQL admin URL when it is first loaded: hand it the bench's URL before that.
  const previousUrl = process.env.THORBECKE_TEST_DATABASE_URL;
  if (ctx.databaseUrl) process.env.THORBECKE_TEST_DATABASE_URL = ctx.databaseUrl;
  const { startNode } = await import('../test/federation/nodes.js');
  const { tempDir } = await import('../test/support/stores.js');

  const sizes = ctx.quick ? [10_000] : [10_000, 100_000, 1_000_000];
  const engines: Array<{ name: 'sqlite' | 'postgres'; label: string }> = [{ name: 'sqlite', label: 'SQLite' }, ...(ctx.databaseUrl ? [{ name: 'postgres' as const, label: 'PostgreSQL' }] : [])];
  const dir = tempDir('bench-fed-');
  const open: Array<{ close(): Promise<void> }> = [];
  const sections: string[] = [];
  const appendRows: (string | number)[][] = [];
  const queryRows: (string | number)[][] = [];
  const layerRows: (string | number)[][] = [];
  let keepAliveNote = '';
  try {
    const authority = testCa(dir.path);
    const certs = { a: authority.issue('gemeente-a'), b: authority.issue('provincie-b') };
    const ca = readFileSync(authority.ca);
    const bCert = readFileSync(certs.b.cert);
    const bKey = readFileSync(certs.b.key);

    for (const engine of engines) {
      ctx.log(`${engine.label}: starting two nodes`);
      const provider = await startNode(engine.name, certs.a, authority.ca);
      open.push(provider);
      const consumer = await startNode(engine.name, certs.b, authority.ca);
      open.push(consumer);
      await agree(provider, consumer, certs);

      // The same bytes the provider's API answers, served by a bare node:https server with the provider's certificate.
      const doc = await provider.app.inject({ method: 'GET', url: DATASET });
      if (doc.statusCode !== 200) throw new Error(`dataset: HTTP ${doc.statusCode}`);
      const bare: Server = createServer({ cert: readFileSync(certs.a.cert), key: readFileSync(certs.a.key) }, (_req, res) => {
        res.writeHead(200, { 'content-type': String(doc.headers['content-type']) });
        res.end(doc.rawPayload);
      });
      await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
      open.push({ close: () => new Promise<void>((r) => (bare.closeAllConnections(), bare.close(() => r()))) });
      const bareUrl = `https://localhost:${(bare.address() as AddressInfo).port}${DATASET}`;
      const bareAgent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      const mtlsAgent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      open.push({ close: async () => (bareAgent.destroy(), mtlsAgent.destroy()) });
      const hash = (await provider.call('GET', `/api/v1/federation/contracts/${CONTRACT}`)).json.contentHash as string;
      const listenerUrl = `${provider.federationUrl}/federation/v1/contracts/${CONTRACT}/service${DATASET}`;
      const mtls = (agent: Agent | false) => () => httpsGet(listenerUrl, { agent, ca, cert: bCert, key: bKey, headers: { [CONTRACT_HASH_HEADER]: hash } });
      const paths: Record<PathName, () => Promise<unknown>> = {
        'bare HTTPS, kept-alive connection': () => httpsGet(bareUrl, { agent: bareAgent, ca }),
        'bare HTTPS, new connection per request': () => httpsGet(bareUrl, { agent: false, ca }),
        'app.inject on the provider (no TLS, no federation)': () => provider.app.inject({ method: 'GET', url: DATASET }),
        'provider listener, mutual TLS, kept-alive connection': mtls(mtlsAgent),
        'provider listener, mutual TLS, new connection per request': mtls(false),
        'full exchange: fetchUnderContract on the consumer': () => fetchUnderContract(consumer.ctx, CONTRACT, DATASET),
      };
      // Every path must hand back the very same document.
      for (const [name, fn] of Object.entries(paths)) {
        const r = (await fn()) as Buffer | { rawPayload?: Buffer; body: Buffer | string };
        const body = Buffer.isBuffer(r) ? r : 'rawPayload' in r && r.rawPayload ? r.rawPayload : Buffer.from(r.body);
        if (!body.equals(doc.rawPayload)) throw new Error(`${name}: another document than the provider's API answers`);
      }

      const t0 = Date.now() - 365 * DAY;
      const gens = { provider: new LogGenerator(11, t0), consumer: new LogGenerator(12, t0) };
      const exchangeRows: (string | number)[][] = [];
      const logbook = logbookFor(provider.ctx);
      await provider.ctx.store.exec(`CREATE TABLE bench_logbook_raw (${COLUMNS.map((c) => `${c} TEXT`).join(', ')})`);
      const rnd = seeded(2025);
      let appendSeq = 0;

      /**
       * Each side's own work per exchange, timed apart from the network, with the same
       * store calls in the same order as consumer.ts and provider.ts make them.
       */
      const attributes = { path: DATASET, method: 'GET', service: 'Parkeergarages', httpStatus: 200, bytes: doc.rawPayload.length };
      const consumerWork = async () => {
        const tls = loadTlsMaterial(consumer.ctx.config);
        const contract = await getContract(consumer.ctx.store, CONTRACT);
        await findPeerByFingerprint(consumer.ctx.store, tls.fingerprint);
        present(contract!);
        withinService(contract!.service.pathPrefix, DATASET);
        await getPeer(consumer.ctx.store, contract!.providerId);
        await logbookFor(consumer.ctx).begin({ name: 'federation.fetch', activityId: `contract:${CONTRACT}`, peer: 'gemeente-a' }).end({ status: 'ok', attributes });
      };
      const fingerprints = { provider: loadTlsMaterial(provider.ctx.config).fingerprint, consumer: loadTlsMaterial(consumer.ctx.config).fingerprint };
      const providerChecks = async () => {
        const contract = await getContract(provider.ctx.store, CONTRACT);
        await findPeerByFingerprint(provider.ctx.store, fingerprints.consumer);
        await findPeerByFingerprint(provider.ctx.store, fingerprints.provider);
        present(contract!);
        withinService(contract!.service.pathPrefix, DATASET);
        await logbookFor(provider.ctx).begin({ name: 'federation.provide', activityId: `contract:${CONTRACT}` }).end({ status: 'ok', peer: 'provincie-b', attributes });
      };

      for (const size of sizes) {
        const fillMs = [await fillTo(provider, gens.provider, size), await fillTo(consumer, gens.consumer, size)];
        const added = size - (sizes[sizes.indexOf(size) - 1] ?? 0);
        ctx.log(`${engine.label} ${fmt(size, 0)}: filled both logs in ${fmt(fillMs[0]! / 1000)} + ${fmt(fillMs[1]! / 1000)} s`);

        // 1. The exchange and its baselines.
        const results: Partial<Record<PathName, Sample>> = {};
        for (const name of PATHS) {
          results[name] = await measure(paths[name]);
          ctx.log(`${engine.label} ${fmt(size, 0)} ${name}: p50 ${fmt(results[name]!.p50, 2)} ms, ${fmt(results[name]!.rps, 0)} req/s`);
        }
        for (const name of PATHS) {
          const s = results[name]!;
          exchangeRows.push([fmt(size, 0), name, fmt(s.p50, 2), fmt(s.p95, 2), fmt(s.rps, 0)]);
        }
        if (size === sizes.at(-1)) {
          const r = results as Record<PathName, Sample>;
          const p = (n: PathName) => r[n].p50;
          // The consumer reads its three PEM files and parses its certificate again on every exchange.
          const pem = await latency(SEQ, () => loadTlsMaterial(consumer.ctx.config));
          const secureContext = await latency(SEQ, () => createSecureContext({ cert: bCert, key: bKey, ca }));
          for (let i = 0; i < 20; i++) (await consumerWork(), await providerChecks());
          const own = { consumer: await latency(SEQ, consumerWork), provider: await latency(SEQ, providerChecks) };
          layerRows.push(
            [engine.label, 'TLS handshake (bare server, new connection − kept-alive)', fmt(p(PATHS[1]) - p(PATHS[0]), 2)],
            [engine.label, 'mutual TLS handshake (provider listener, new connection − kept-alive), client and server side together', fmt(p(PATHS[4]) - p(PATHS[3]), 2)],
            [engine.label, '  of which the client\'s tls.createSecureContext() (paid once per new connection)', fmt(secureContext.p50, 2)],
            [engine.label, 'provider listener above a bare server (kept-alive mTLS − bare kept-alive): Fastify, checks, in-process answer, log record', fmt(p(PATHS[3]) - p(PATHS[0]), 2)],
            [engine.label, '  of which the in-process answer (app.inject alone)', fmt(p(PATHS[2]), 2)],
            [engine.label, '  of which the provider\'s 3 lookups and its log record (timed directly)', fmt(own.provider.p50, 2)],
            [engine.label, 'consumer\'s own work (timed directly): PEM files, 3 lookups, its log record', fmt(own.consumer.p50, 2)],
            [engine.label, '  of which loadTlsMaterial() (3 files read, certificate parsed)', fmt(pem.p50, 2)],
          );
          if (engine.name === 'sqlite') {
            keepAliveNote = `The consumer keeps its mutual TLS connections to each peer alive (one agent per peer, pinned to the directory's fingerprint; \`src/federation/agents.ts\`), so an exchange pays the handshake only on a new connection: at ${fmt(size, 0)} records on SQLite, the provider listener answers in ${fmt(p(PATHS[3]), 2)} ms (p50) on a kept-alive connection against ${fmt(p(PATHS[4]), 2)} ms on a new one (${fmt(r[PATHS[3]].rps, 0)} against ${fmt(r[PATHS[4]].rps, 0)} requests/s with ${IN_FLIGHT} in flight), and the full exchange takes ${fmt(p(PATHS[5]), 2)} ms.`;
          }
        }

        // 2. Appending to the processing log: record() one per call, record() many in one transaction, and the raw ceiling.
        const inputs = (n: number): ProcessingInput[] =>
          Array.from({ length: n }, () => {
            const started = new Date(Date.now() + appendSeq++).toISOString();
            return {
              traceId: hex(rnd, 4),
              spanId: hex(rnd, 2),
              name: 'federation.provide',
              activityId: `contract:c-${Math.floor(rnd() * ACTIVITIES)}`,
              startedAt: started,
              endedAt: started,
              status: 'ok',
              peer: `org-${Math.floor(rnd() * PEERS)}`,
              ...(rnd() < 0.1 ? { dataSubject: { type: 'kenteken', id: hex(rnd, 2) } } : {}),
              attributes: { path: DATASET, method: 'GET', httpStatus: 200, bytes: 1234 },
            };
          });
        const single = inputs(APPEND);
        const perCall = await timed(async () => {
          for (const input of single) await logbook.record(input);
        });
        const batched = inputs(APPEND);
        const perTx = await timed(async () => {
          for (let i = 0; i < batched.length; i += 500) {
            await provider.ctx.store.transaction(async (tx) => {
              for (const input of batched.slice(i, i + 500)) await logbook.record(input, tx);
            });
          }
        });
        // The raw ceiling gets the very same rows, already hashed and serialised.
        const asRows: Row[] = [];
        for (const i of single) {
          asRows.push([i.traceId!, i.spanId!, null, i.name, i.activityId, String(i.startedAt), String(i.endedAt), i.status, i.peer ?? null, i.dataSubject ? await logbook.dataSubjectHash(i.dataSubject) : null, JSON.stringify(i.attributes)]);
        }
        const rawSingle = await timed(async () => {
          for (const row of asRows) await provider.ctx.store.run(`INSERT INTO bench_logbook_raw (${COLUMNS.join(', ')}) VALUES ${ROW_SQL}`, row);
        });
        // The same kind of rows, with fresh ids, straight into the indexed log: what its indexes cost.
        const indexedRows = asRows.map((r) => [hex(rnd, 4), hex(rnd, 2), ...r.slice(2)]);
        const rawIndexed = await timed(async () => {
          for (const row of indexedRows) await provider.ctx.store.run(`INSERT INTO logbook (${COLUMNS.join(', ')}) VALUES ${ROW_SQL}`, row);
        });
        const repeats = 5;
        const rawMulti = await timed(async () => {
          for (let r = 0; r < repeats; r++) await provider.ctx.store.transaction((tx) => insertRows(tx, 'bench_logbook_raw', asRows));
        });
        const rate = (rows: number, ms: number) => fmt(rows / (ms / 1000), 0);
        appendRows.push([
          engine.label,
          fmt(size, 0),
          rate(APPEND, perCall.ms),
          rate(APPEND, perTx.ms),
          rate(APPEND, rawIndexed.ms),
          rate(APPEND, rawSingle.ms),
          rate(APPEND * repeats, rawMulti.ms),
          fmt(((2 * added) / ((fillMs[0]! + fillMs[1]!) / 1000)), 0),
        ]);
        ctx.log(`${engine.label} ${fmt(size, 0)} append: record() ${rate(APPEND, perCall.ms)}/s, in tx ${rate(APPEND, perTx.ms)}/s, bare into log ${rate(APPEND, rawIndexed.ms)}/s, raw single ${rate(APPEND, rawSingle.ms)}/s, raw multi ${rate(APPEND * repeats, rawMulti.ms)}/s`);

        // 3. Reading the log, as the administrator does: through the API, and the SQL of Logbook.list() alone.
        const traces = gens.provider.traces;
        const to = new Date(gens.provider.timeOf(gens.provider.count)).toISOString();
        const from = new Date(gens.provider.timeOf(gens.provider.count) - 30 * DAY).toISOString();
        const byTrace = (i: number): LogbookFilter => ({ traceId: traces[Math.floor(((i * 7919) % traces.length))]! });
        const byActivity = (i: number): LogbookFilter => ({ activityId: `contract:c-${(i * 37) % ACTIVITIES}`, from, to });
        const query = (f: LogbookFilter) => `/api/v1/logbook?${new URLSearchParams(f as Record<string, string>).toString()}`;
        const matches: number[] = [];
        const api = async (f: LogbookFilter) => {
          const r = await provider.call('GET', query(f));
          if (r.status !== 200 || r.json.items.length === 0) throw new Error(`${query(f)}: HTTP ${r.status}, ${r.json?.items?.length} items`);
          return r.json.total as number;
        };
        for (let i = 0; i < 10; i++) (await api(byTrace(i)), await api(byActivity(i)));
        const traceApi = await latency(SEQ, (i) => api(byTrace(i)));
        const traceSql = await latency(SEQ, (i) => logbook.list(byTrace(i), 20, 0));
        const actApi = await latency(SEQ, async (i) => matches.push(await api(byActivity(i))));
        const actSql = await latency(SEQ, (i) => logbook.list(byActivity(i), 20, 0));
        // The first page with no filter, newest first: what an administrator opens; its COUNT covers the whole log.
        const allApi = await latency(QUERY_ALL, () => api({}));
        const allSql = await latency(QUERY_ALL, () => logbook.list({}, 20, 0));
        const countSql = await latency(QUERY_ALL, () => provider.ctx.store.one('SELECT COUNT(*) AS n FROM logbook'));
        matches.sort((a, b) => a - b);
        queryRows.push(
          [engine.label, fmt(size, 0), '`?traceId=`', '1–2', fmt(traceApi.p50, 2), fmt(traceApi.p95, 2), fmt(traceSql.p50, 2), fmt(traceSql.p95, 2)],
          [engine.label, fmt(size, 0), '`?activityId=&from=&to=` (30 days)', fmt(percentile(matches, 50), 0), fmt(actApi.p50, 2), fmt(actApi.p95, 2), fmt(actSql.p50, 2), fmt(actSql.p95, 2)],
          [engine.label, fmt(size, 0), 'no filter (first page)', 'all', fmt(allApi.p50, 2), fmt(allApi.p95, 2), fmt(allSql.p50, 2), fmt(allSql.p95, 2)],
          [engine.label, fmt(size, 0), '  an exact `COUNT(*)` of the whole log (the page counts at most 10,000 past itself)', '', '—', '—', fmt(countSql.p50, 2), fmt(countSql.p95, 2)],
        );
        ctx.log(`${engine.label} ${fmt(size, 0)} query: trace p50 ${fmt(traceApi.p50, 2)} ms, activity p50 ${fmt(actApi.p50, 2)} ms (${percentile(matches, 50)} matches), unfiltered p50 ${fmt(allApi.p50, 2)} ms`);
      }
      sections.push(`**Exchange, ${engine.label}** (${SEQ} sequential requests for p50/p95, then ${CONCURRENT} with ${IN_FLIGHT} in flight for the throughput)\n\n${table(['log size (each node)', 'path', 'p50 ms', 'p95 ms', `req/s (${IN_FLIGHT} in flight)`], exchangeRows)}`);
      while (open.length) await open.pop()!.close();
    }
  } finally {
    while (open.length) await open.pop()!.close().catch((e: unknown) => ctx.log(`cleanup: ${(e as Error).message}`));
    dir.remove();
    if (ctx.databaseUrl) {
      if (previousUrl === undefined) delete process.env.THORBECKE_TEST_DATABASE_URL;
      else process.env.THORBECKE_TEST_DATABASE_URL = previousUrl;
    }
  }

  return [
    'Two whole nodes (provider gemeente-a, consumer provincie-b) run in this one process, each on its own store, with a throw-away openssl CA (P-256 certificates) and one accepted contract for `GET ' +
      `${DATASET}\`. Both processing logs are pre-filled to each size by bulk multi-row INSERTs of seeded synthetic records (${ACTIVITIES} activities, ${PEERS} peers, time-ordered, one million records spanning a year), not through the exchange. ` +
      'The full exchange (consumer checks, mutual TLS, provider checks, in-process answer, a log record on both sides) is compared with the same document through `app.inject` on the provider and over bare HTTPS: a bare `node:https` server with the provider\'s certificate serving the same bytes (the public API listens on plain HTTP only, so it cannot be this baseline); every path is checked to return byte-identical documents. ' +
      'The client, both nodes and the bare server share one event loop on a 2-core machine, so throughput is of the whole chain, not of one node, and handshake times count the CPU of both sides.',
    ...sections,
    keepAliveNote,
    `**Where an exchange's time goes** (p50 at ${fmt(sizes.at(-1)!, 0)} records: differences between the paths above, and each side's own work timed apart from the network with the same store calls as \`consumer.ts\` and \`provider.ts\`)\n\n${table(['store', 'layer', 'ms'], layerRows)}`,
    `**Processing log: appending** (provider's log at each size; ${fmt(APPEND, 0)} records per mode). \`Logbook\` has no batch API; "in one transaction" is \`record(input, tx)\` ${500} times per transaction, as a caller with its own transaction does. The raw ceilings insert the very same rows (hashed and serialised beforehand) into an unindexed table without constraints in the same store. The bulk fill is the multi-row INSERT into the indexed log that made the sizes (both nodes' rows added for that size, over both fills' time).\n\n${table(['store', 'log size', 'record() per call, rec/s', 'record() ×500 per transaction, rec/s', 'bare single-row INSERT into the indexed log, rows/s', 'raw single-row INSERT per call, rows/s', `raw multi-row INSERT (${ROWS_PER_STATEMENT} per statement), rows/s`, 'bulk fill of the indexed log, rows/s'], appendRows)}`,
    `**Processing log: querying** (one page of 20, ${SEQ} filtered and ${QUERY_ALL} unfiltered queries; through \`GET /api/v1/logbook\` with the administrator key via \`app.inject\`, and \`Logbook.list()\` alone: the page's SELECT and its COUNT)\n\n${table(['store', 'log size', 'query', 'matches (median)', 'API p50 ms', 'API p95 ms', 'SQL p50 ms', 'SQL p95 ms'], queryRows)}`,
  ].join('\n\n');
}
