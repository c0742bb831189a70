import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptContract, createContract } from '../../src/federation/contracts.js';
import { agentFor } from '../../src/federation/agents.js';
import { federationFetchCommand } from '../../src/federation/cli.js';
import { loadTlsMaterial, normaliseFingerprint } from '../../src/federation/tls.js';
import { CONTRACT_HASH_HEADER } from '../../src/federation/index.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES, tempDir } from '../support/stores.js';
import { HAS_OPENSSL, testCa, type NodeCert } from './certs.js';
import { rawGet, startNode, type FederationNode } from './nodes.js';

const day = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const DATASET = '/api/v1/catalog/datasets/parkeren';

for (const kind of STORES) {
  describe.skipIf(!HAS_OPENSSL)(`federation exchange over mutual TLS: ${kind.name}`, () => {
    const dir = tempDir('thorbecke-fed-');
    let ca: string;
    let certs: Record<'a' | 'b' | 'c' | 'rogue' | 'stranger', NodeCert>;
    let provider: FederationNode;
    let consumer: FederationNode;

    const contract = (id: string, over: Record<string, unknown> = {}) => ({
      id,
      providerId: 'gemeente-a',
      consumerId: 'provincie-b',
      service: { name: 'Parkeergarages', pathPrefix: DATASET },
      purpose: 'Mobiliteitsmonitor van de provincie',
      personalData: false,
      validFrom: iso(-day),
      validUntil: iso(365 * day),
      ...over,
    });

    /** Records the contract on both nodes (each with its own mandate) and accepts it for both parties on both. */
    async function agree(id: string, over: Record<string, unknown> = {}, consumerOver: Record<string, unknown> = {}) {
      const content = contract(id, over);
      for (const [node, mandateIds, extra] of [[provider, ['raad-a'], {}], [consumer, ['staten-b'], consumerOver]] as const) {
        const c = await node.call('POST', '/api/v1/federation/contracts', { ...content, mandateIds, ...extra });
        expect(c.status, JSON.stringify(c.json)).toBe(201);
        for (const party of ['provider', 'consumer']) {
          expect((await node.call('POST', `/api/v1/federation/contracts/${id}/accept`, { party, contentHash: c.json.contentHash })).status).toBe(200);
        }
      }
    }

    const fetch = (id: string, path: string) => consumer.call('GET', `/api/v1/federation/contracts/${id}/fetch?path=${encodeURIComponent(path)}`);
    const logOf = async (node: FederationNode, query: string) => (await node.call('GET', `/api/v1/logbook?${query}`)).json;
    const hashOf = async (id: string) => (await provider.call('GET', `/api/v1/federation/contracts/${id}`)).json.contentHash as string;
    const direct = async (id: string, path: string, cert: NodeCert | undefined) =>
      rawGet(`${provider.federationUrl}/federation/v1/contracts/${id}/service${path}`, { cert, ca, headers: { [CONTRACT_HASH_HEADER]: await hashOf(id) } });

    beforeAll(async () => {
      const authority = testCa(dir.path);
      ca = authority.ca;
      certs = { a: authority.issue('gemeente-a'), b: authority.issue('provincie-b'), c: authority.issue('bedrijf-c'), rogue: testCa(dir.path, 'rogue-ca').issue('provincie-b-rogue'), stranger: authority.issue('onbekend-d') };
      provider = await startNode(kind.name, certs.a, ca);
      consumer = await startNode(kind.name, certs.b, ca);
      for (const node of [provider, consumer]) {
        for (const [id, k] of [['gemeente-a', 'gemeente'], ['provincie-b', 'provincie'], ['bedrijf-c', 'bedrijf']]) {
          expect((await node.call('POST', '/api/v1/organisations', { id, name: id, kind: k })).status).toBe(201);
        }
        const peers = [
          { organisationId: 'gemeente-a', name: 'Knooppunt A', baseUrl: provider.federationUrl, certificateFingerprint: certs.a.fingerprint },
          { organisationId: 'provincie-b', name: 'Knooppunt B', baseUrl: consumer.federationUrl, certificateFingerprint: certs.b.fingerprint },
          { organisationId: 'bedrijf-c', name: 'Knooppunt C', baseUrl: 'https://localhost:9', certificateFingerprint: certs.c.fingerprint },
        ];
        for (const peer of peers) expect((await node.call('POST', '/api/v1/federation/peers', peer)).status).toBe(201);
      }
      expect((await provider.call('POST', '/api/v1/mandates', { id: 'raad-a', kind: 'raadsbesluit', title: 'Datadeling mobiliteit', ownerId: 'gemeente-a' })).status).toBe(201);
      expect((await consumer.call('POST', '/api/v1/mandates', { id: 'staten-b', kind: 'statenbesluit', title: 'Mobiliteitsmonitor', ownerId: 'provincie-b' })).status).toBe(201);
      for (const id of ['parkeren', 'parkeren-2', 'bomen']) {
        const d = await provider.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id, publisherId: 'gemeente-a' } as never));
        expect(d.status, JSON.stringify(d.json)).toBe(201);
      }
      await agree('parkeren-b');
    }, 60_000);
    afterAll(async () => {
      await consumer?.close();
      await provider?.close();
      dir.remove();
    });

    it('lets the consumer read the service path, logged on both sides under one trace id', async () => {
      const r = await fetch('parkeren-b', DATASET);
      expect(r.status, r.body).toBe(200);
      expect(r.json.id).toBe('parkeren');
      const [, traceId, spanId] = String(r.headers.traceparent).split('-');
      const mine = await logOf(consumer, `traceId=${traceId}`);
      const theirs = await logOf(provider, `traceId=${traceId}`);
      expect(mine.items).toEqual([expect.objectContaining({ spanId, name: 'federation.fetch', activityId: 'contract:parkeren-b', peer: 'gemeente-a', status: 'ok' })]);
      expect(theirs.items).toEqual([expect.objectContaining({ parentSpanId: spanId, name: 'federation.provide', activityId: 'contract:parkeren-b', peer: 'provincie-b', status: 'ok' })]);
      expect(theirs.items[0].attributes).toMatchObject({ path: DATASET, httpStatus: 200, service: 'Parkeergarages' });
    });

    it('keeps the mutual TLS connection to the provider for the next exchange', async () => {
      for (let i = 0; i < 3; i++) expect((await fetch('parkeren-b', DATASET)).status).toBe(200);
      // The agent the next exchange would use: its one idle connection carried all three.
      const agent = agentFor(consumer.ctx, 'gemeente-a', normaliseFingerprint(certs.a.fingerprint), loadTlsMaterial(consumer.ctx.config));
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
      expect(Object.values(agent.sockets).flat()).toHaveLength(0);
    });

    it('refuses a path outside the service prefix, on the consumer and on the provider', async () => {
      for (const path of ['/api/v1/catalog/datasets/parkeren-2', '/api/v1/catalog/datasets/bomen', '/api/v1/organisations']) {
        const local = await fetch('parkeren-b', path);
        expect(local.status, path).toBe(403);
        expect(local.json.code).toBe('outside-contract');
        const remote = await direct('parkeren-b', path, certs.b);
        expect(remote.status, path).toBe(403);
        expect(remote.json.code).toBe('outside-contract');
      }
      expect((await direct('parkeren-b', `${DATASET}?$expand=Thing`, certs.b)).json.code).toBe('outside-contract');
      expect((await direct('parkeren-b', `${DATASET}/%2e%2e/bomen`, certs.b)).json.code).toBe('outside-contract');
      const refusals = await logOf(provider, 'activityId=contract:parkeren-b&pageSize=50');
      expect(refusals.items.filter((i: { status: string; attributes: { code?: string } }) => i.status === 'error' && i.attributes.code === 'outside-contract').length).toBe(5);
    });

    it('refuses a revoked contract: the provider’s refusal reaches the consumer and both log it', async () => {
      await agree('herroepen');
      expect((await provider.call('POST', '/api/v1/federation/contracts/herroepen/revoke', { reason: 'Doel vervallen' })).json.state).toBe('revoked');
      const r = await fetch('herroepen', DATASET);
      expect(r.status).toBe(502);
      expect(r.json.code).toBe('peer-refused');
      expect(r.json.detail).toMatch(/contract-not-active/);
      const mine = (await logOf(consumer, 'activityId=contract:herroepen')).items;
      expect(mine).toEqual([expect.objectContaining({ status: 'error', attributes: expect.objectContaining({ code: 'contract-not-active', httpStatus: 403 }) })]);
      const theirs = (await logOf(provider, `traceId=${mine[0].traceId}`)).items;
      expect(theirs).toEqual([expect.objectContaining({ status: 'error', parentSpanId: mine[0].spanId, peer: 'provincie-b', attributes: expect.objectContaining({ code: 'contract-not-active' }) })]);

      expect((await consumer.call('POST', '/api/v1/federation/contracts/herroepen/revoke', { reason: 'ook hier' })).status).toBe(200);
      expect((await fetch('herroepen', DATASET)).json.code).toBe('contract-not-active');
    });

    it('treats pseudonymised data as personal data: no contract without a legal basis for it, and none served once a stream became personal', async () => {
      const keyA = (await provider.call('POST', '/api/v1/organisations/gemeente-a/keys', { label: 'a' })).json.key as string;
      const made = await provider.call('POST', '/sta/v1.1/Datastreams', {
        name: 'passages', description: 'passages', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
        unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
        Thing: { name: 'camera', description: 'camera', Locations: [{ name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }] },
        Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
        ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
      }, keyA);
      expect(made.status, made.body).toBe(201);
      const path = `/sta/v1.1/Datastreams(${made.json['@iot.id']})`;
      const service = { name: 'Camera', pathPrefix: path };
      await agree('camera-b', { service });
      expect((await fetch('camera-b', path)).status).toBe(200);
      // A declares the stream pseudonymised: the contract, signed for no personal data, no longer covers it.
      const privacy = { personalData: 'pseudonymised', purpose: 'Drukte meten', legalBasis: 'public-task', retention: 'P30D', identifierFields: ['result.plate'] };
      expect((await provider.call('PATCH', path, { properties: { privacy } }, keyA)).status).toBe(200);
      const refused = await fetch('camera-b', path);
      expect(refused.status).toBe(502);
      expect(refused.json.detail).toMatch(/outside-contract/);
      const theirs = (await logOf(provider, 'activityId=contract:camera-b')).items;
      expect(theirs[0]).toMatchObject({ status: 'error', attributes: expect.objectContaining({ code: 'outside-contract' }) });
      // A new contract for it without a legal basis is refused where the data is; with one it is taken.
      const bare = await provider.call('POST', '/api/v1/federation/contracts', { ...contract('camera-2', { service }), mandateIds: ['raad-a'] });
      expect(bare.status).toBe(400);
      expect(bare.json.invalidParams[0].name).toBe('personalData');
      expect(bare.json.detail).toContain('pseudonymised data is personal data');
      const proper = await provider.call('POST', '/api/v1/federation/contracts', { ...contract('camera-3', { service, personalData: true, legalBasis: 'AVG art. 6(1)(e), Wegenverkeerswet' }), mandateIds: ['raad-a'] });
      expect(proper.status, proper.body).toBe(201);
    });

    it('refuses an expired contract', async () => {
      const past = (days: number) => new Date(Date.now() - days * day);
      const id = 'verlopen';
      const c = await provider.ctx.store.transaction((tx) => createContract(tx, contract(id, { validFrom: past(10).toISOString(), validUntil: past(1).toISOString() }), past(9)));
      for (const party of ['provider', 'consumer'] as const) await provider.ctx.store.transaction((tx) => acceptContract(tx, id, party, c.contentHash, past(8)));
      expect((await provider.call('GET', `/api/v1/federation/contracts/${id}`)).json.state).toBe('expired');
      const r = await direct(id, DATASET, certs.b);
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('contract-not-active');
      expect(r.json.detail).toMatch(/expired/);
    });

    it('refuses the certificate of another peer, and says who tried in the log', async () => {
      const r = await direct('parkeren-b', DATASET, certs.c);
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('peer-not-recognised');
      const log = (await logOf(provider, 'activityId=contract:parkeren-b&pageSize=50')).items;
      expect(log.some((i: { peer?: string; status: string }) => i.peer === 'bedrijf-c' && i.status === 'error')).toBe(true);
    });

    it('refuses a certificate of the federation CA that no peer in the directory holds, without a log record', async () => {
      const before = (await logOf(provider, 'pageSize=1')).total;
      const r = await direct('parkeren-b', DATASET, certs.stranger);
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('peer-not-recognised');
      expect((await logOf(provider, 'pageSize=1')).total).toBe(before);
    });

    it('refuses a connection without a client certificate, or with one from another CA, before any HTTP', async () => {
      const before = (await logOf(provider, 'pageSize=1')).total;
      await expect(direct('parkeren-b', DATASET, undefined)).rejects.toThrow(/certificate|ECONNRESET|socket hang up/);
      await expect(direct('parkeren-b', DATASET, certs.rogue)).rejects.toThrow(/unknown ca|certificate|ECONNRESET|socket hang up/i);
      expect((await logOf(provider, 'pageSize=1')).total).toBe(before);
    });

    it('refuses when the two nodes hold different contracts', async () => {
      await agree('anders', {}, { purpose: 'Een ander doel' });
      const r = await fetch('anders', DATASET);
      expect(r.status).toBe(502);
      expect(r.json.detail).toMatch(/contract-mismatch/);
    });

    it('pins the provider’s certificate: a server with another fingerprint is not trusted', async () => {
      const peer = (await consumer.call('GET', '/api/v1/federation/peers/gemeente-a')).json;
      const { createdAt: _c, updatedAt: _u, ...input } = peer;
      await consumer.call('DELETE', '/api/v1/federation/peers/bedrijf-c');
      expect((await consumer.call('PUT', '/api/v1/federation/peers/gemeente-a', { ...input, certificateFingerprint: certs.c.fingerprint })).status).toBe(200);
      try {
        const r = await fetch('parkeren-b', DATASET);
        expect(r.status).toBe(502);
        expect(r.json.code).toBe('peer-unreachable');
        expect(r.json.detail).toMatch(/not the one the directory holds/);
      } finally {
        expect((await consumer.call('PUT', '/api/v1/federation/peers/gemeente-a', input)).status).toBe(200);
      }
    });

    it('serves nothing but /federation/v1 on the listener', async () => {
      const r = await rawGet(`${provider.federationUrl}${DATASET}`, { cert: certs.b, ca });
      expect(r.status).toBe(404);
    });

    it('fetches from the command line too', async () => {
      const out: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(Buffer.from(chunk).toString('utf8')), true));
      const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(await federationFetchCommand.run(consumer.ctx, ['parkeren-b', DATASET])).toBe(0);
        expect(JSON.parse(out.join('')).id).toBe('parkeren');
        expect(String(err.mock.calls[0]?.[0])).toMatch(/^trace [0-9a-f]{32}/);
        expect(await federationFetchCommand.run(consumer.ctx, ['parkeren-b', '/api/v1/organisations'])).toBe(1);
        expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/^outside-contract/);
      } finally {
        write.mockRestore();
        err.mockRestore();
      }
    });

    it('needs the administrator key to fetch through the API', async () => {
      expect((await consumer.call('GET', `/api/v1/federation/contracts/parkeren-b/fetch?path=${DATASET}`, undefined, null)).status).toBe(401);
    });
  });
}
