import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { STORES } from '../support/stores.js';

const FP = 'ab'.repeat(32);
const FP2 = 'cd'.repeat(32);
const colons = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');
const day = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const contract = (over: Record<string, unknown> = {}) => ({
  id: 'parkeren-naar-provincie',
  providerId: 'gemeente-a',
  consumerId: 'provincie-b',
  service: { name: 'Parkeerbezetting', pathPrefix: '/sta/v1.1/Datastreams(3)' },
  purpose: 'Mobiliteitsmonitor van de provincie',
  personalData: false,
  mandateIds: ['raad-data'],
  validFrom: iso(-day),
  validUntil: iso(365 * day),
  ...over,
});

for (const kind of STORES) {
  describe(`federation directory and contracts: ${kind.name}`, () => {
    let p: TestPlatform;
    let keyA: string;
    let keyB: string;

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      for (const [id, k, name] of [['gemeente-a', 'gemeente', 'Gemeente A'], ['provincie-b', 'provincie', 'Provincie B'], ['bedrijf-c', 'bedrijf', 'Bedrijf C']]) {
        expect((await p.call('POST', '/api/v1/organisations', { id, name, kind: k }, ADMIN_KEY)).status).toBe(201);
      }
      keyA = (await p.call('POST', '/api/v1/organisations/gemeente-a/keys', { label: 't' }, ADMIN_KEY)).json.key;
      keyB = (await p.call('POST', '/api/v1/organisations/provincie-b/keys', { label: 't' }, ADMIN_KEY)).json.key;
      const raad = { id: 'raad-data', kind: 'raadsbesluit', title: 'Raadsbesluit datadeling', ownerId: 'gemeente-a', decidedBy: { name: 'Gemeenteraad A', elected: true } };
      expect((await p.call('POST', '/api/v1/mandates', raad, ADMIN_KEY)).status).toBe(201);
    });
    afterAll(async () => p.close());

    describe('peers', () => {
      const peer = { organisationId: 'provincie-b', name: 'Knooppunt Provincie B', baseUrl: 'https://data.provincie-b.example:8443/', certificateFingerprint: colons(FP) };

      it('are added by the administrator only, with the fingerprint normalised', async () => {
        expect((await p.call('POST', '/api/v1/federation/peers', peer)).status).toBe(401);
        expect((await p.call('POST', '/api/v1/federation/peers', peer, keyB)).status).toBe(403);
        const r = await p.call('POST', '/api/v1/federation/peers', peer, ADMIN_KEY);
        expect(r.status).toBe(201);
        expect(r.json).toMatchObject({ certificateFingerprint: FP, baseUrl: 'https://data.provincie-b.example:8443' });
        expect(r.headers.location).toBe('/api/v1/federation/peers/provincie-b');
        expect((await p.call('GET', '/api/v1/federation/peers')).json.items.map((x: { organisationId: string }) => x.organisationId)).toEqual(['provincie-b']);
      });

      it('name the field that is wrong', async () => {
        const http = await p.call('POST', '/api/v1/federation/peers', { ...peer, organisationId: 'bedrijf-c', baseUrl: 'http://x.example' }, ADMIN_KEY);
        expect(http.status).toBe(400);
        expect(http.json.invalidParams[0].name).toBe('baseUrl');
        const fp = await p.call('POST', '/api/v1/federation/peers', { ...peer, organisationId: 'bedrijf-c', certificateFingerprint: 'abc' }, ADMIN_KEY);
        expect(fp.json.invalidParams[0].name).toBe('certificateFingerprint');
        const org = await p.call('POST', '/api/v1/federation/peers', { ...peer, organisationId: 'nobody', certificateFingerprint: FP2 }, ADMIN_KEY);
        expect(org.status).toBe(422);
        expect(org.json.invalidParams[0].name).toBe('organisationId');
      });

      it('refuse a second peer for an organisation, and one certificate for two organisations', async () => {
        expect((await p.call('POST', '/api/v1/federation/peers', peer, ADMIN_KEY)).json.code).toBe('conflict');
        const shared = await p.call('POST', '/api/v1/federation/peers', { ...peer, organisationId: 'bedrijf-c' }, ADMIN_KEY);
        expect(shared.status).toBe(409);
        expect(shared.json.invalidParams[0].name).toBe('certificateFingerprint');
      });

      it('are replaced and removed', async () => {
        const put = await p.call('PUT', '/api/v1/federation/peers/provincie-b', { ...peer, certificateFingerprint: FP2 }, ADMIN_KEY);
        expect(put.status).toBe(200);
        expect(put.json.certificateFingerprint).toBe(FP2);
        expect((await p.call('PUT', '/api/v1/federation/peers/provincie-b', { ...peer, organisationId: 'bedrijf-c' }, ADMIN_KEY)).status).toBe(400);
        expect((await p.call('POST', '/api/v1/federation/peers', { ...peer, organisationId: 'bedrijf-c', certificateFingerprint: FP }, ADMIN_KEY)).status).toBe(201);
        expect((await p.call('DELETE', '/api/v1/federation/peers/bedrijf-c', undefined, ADMIN_KEY)).status).toBe(204);
        expect((await p.call('GET', '/api/v1/federation/peers/bedrijf-c')).status).toBe(404);
      });
    });

    describe('contracts', () => {
      it('are proposed with a content hash and validated at the edge, naming the field', async () => {
        const { purpose: _omit, ...noPurpose } = contract();
        const missing = await p.call('POST', '/api/v1/federation/contracts', noPurpose, ADMIN_KEY);
        expect(missing.status).toBe(400);
        expect(missing.json.invalidParams.map((x: { name: string }) => x.name)).toContain('purpose');
        const backwards = await p.call('POST', '/api/v1/federation/contracts', contract({ validUntil: iso(-2 * day) }), ADMIN_KEY);
        expect(backwards.json.invalidParams.map((x: { name: string }) => x.name)).toContain('validUntil');
        const personal = await p.call('POST', '/api/v1/federation/contracts', contract({ personalData: true }), ADMIN_KEY);
        expect(personal.json.invalidParams.map((x: { name: string }) => x.name)).toContain('legalBasis');
        const dots = await p.call('POST', '/api/v1/federation/contracts', contract({ service: { name: 'x', pathPrefix: '/sta/v1.1/../api' } }), ADMIN_KEY);
        expect(dots.json.invalidParams.map((x: { name: string }) => x.name)).toContain('service.pathPrefix');
        const mandate = await p.call('POST', '/api/v1/federation/contracts', contract({ mandateIds: ['raad-data', 'verzonnen'] }), ADMIN_KEY);
        expect(mandate.status).toBe(422);
        expect(mandate.json.invalidParams[0].name).toBe('mandateIds.1');
        const consumer = await p.call('POST', '/api/v1/federation/contracts', contract({ consumerId: 'niemand' }), ADMIN_KEY);
        expect(consumer.json.invalidParams[0].name).toBe('consumerId');
        expect((await p.call('POST', '/api/v1/federation/contracts', contract(), keyA)).status).toBe(403);

        const created = await p.call('POST', '/api/v1/federation/contracts', contract(), ADMIN_KEY);
        expect(created.status).toBe(201);
        expect(created.json).toMatchObject({ state: 'proposed', active: false, acceptedBy: {} });
        expect(created.json.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect((await p.call('POST', '/api/v1/federation/contracts', contract(), ADMIN_KEY)).status).toBe(409);
      });

      it('become accepted once both parties accept this exact content', async () => {
        const url = '/api/v1/federation/contracts/parkeren-naar-provincie';
        const { contentHash } = (await p.call('GET', url)).json;
        const wrong = await p.call('POST', `${url}/accept`, { party: 'provider', contentHash: `sha256:${'0'.repeat(64)}` }, keyA);
        expect(wrong.status).toBe(409);
        expect(wrong.json.code).toBe('contract-mismatch');
        expect((await p.call('POST', `${url}/accept`, { party: 'provider', contentHash }, keyB)).status).toBe(403);
        const half = await p.call('POST', `${url}/accept`, { party: 'provider', contentHash }, keyA);
        expect(half.json).toMatchObject({ state: 'proposed', active: false });
        expect(half.json.acceptedBy.provider).toBeTruthy();
        const both = await p.call('POST', `${url}/accept`, { party: 'consumer', contentHash }, keyB);
        expect(both.json).toMatchObject({ state: 'accepted', active: true });
        expect((await p.call('DELETE', url, undefined, ADMIN_KEY)).status).toBe(409);
      });

      it('are revoked by either party, for good', async () => {
        const body = contract({ id: 'te-herroepen' });
        const c = (await p.call('POST', '/api/v1/federation/contracts', body, ADMIN_KEY)).json;
        expect((await p.call('POST', '/api/v1/federation/contracts/te-herroepen/revoke', { reason: 'x' })).status).toBe(401);
        const revoked = await p.call('POST', '/api/v1/federation/contracts/te-herroepen/revoke', { reason: 'Doel vervallen' }, keyB);
        expect(revoked.json).toMatchObject({ state: 'revoked', active: false, revoked: { reason: 'Doel vervallen' } });
        expect((await p.call('POST', '/api/v1/federation/contracts/te-herroepen/revoke', { reason: 'again' }, keyA)).status).toBe(409);
        expect((await p.call('POST', '/api/v1/federation/contracts/te-herroepen/accept', { party: 'provider', contentHash: c.contentHash }, keyA)).status).toBe(409);
      });

      it('expire when validUntil has passed, and the list filters on the state as of now', async () => {
        const old = contract({ id: 'verlopen', validFrom: iso(-10 * day), validUntil: iso(-day) });
        expect((await p.call('POST', '/api/v1/federation/contracts', old, ADMIN_KEY)).json).toMatchObject({ state: 'expired', active: false });
        const ids = async (q: string) => (await p.call('GET', `/api/v1/federation/contracts?${q}`)).json.items.map((c: { id: string }) => c.id);
        expect(await ids('state=expired')).toEqual(['verlopen']);
        expect(await ids('state=accepted')).toEqual(['parkeren-naar-provincie']);
        expect(await ids('state=revoked')).toEqual(['te-herroepen']);
        expect(await ids('consumer=gemeente-a')).toEqual([]);
        expect((await ids('provider=gemeente-a')).length).toBe(3);
        expect((await p.call('DELETE', '/api/v1/federation/contracts/verlopen', undefined, ADMIN_KEY)).status).toBe(204);
      });

      it('that share personal data are processing activities in the register, under the id the log uses', async () => {
        const body = contract({ id: 'meldingen', personalData: true, legalBasis: 'AVG art. 6 lid 1 sub e', service: { name: 'Meldingen openbare ruimte', pathPrefix: '/api/v1/catalog/datasets/meldingen' } });
        expect((await p.call('POST', '/api/v1/federation/contracts', body, ADMIN_KEY)).status).toBe(201);
        const r = (await p.call('GET', '/api/v1/registers/processing?source=contracts')).json;
        expect(r.items.map((i: { id: string }) => i.id)).toEqual(['contract:meldingen']);
        expect(r.items[0]).toMatchObject({ controller: { id: 'gemeente-a' }, recipients: ['Provincie B'], purposes: ['Mobiliteitsmonitor van de provincie'], legalBasis: 'AVG art. 6 lid 1 sub e', mandateIds: ['raad-data'] });
      });

      it('appear in "Wie besloot dit?" with their mandates', async () => {
        const r = (await p.call('GET', '/api/v1/registers/traceability?kind=contract')).json;
        const item = r.items.find((i: { id: string }) => i.id === 'parkeren-naar-provincie');
        expect(item).toMatchObject({ kind: 'contract', ownerId: 'gemeente-a', mandateIds: ['raad-data'], class: 'a', href: '/api/v1/federation/contracts/parkeren-naar-provincie' });
        expect(r.items.find((i: { id: string }) => i.id === 'te-herroepen')).toMatchObject({ class: 'a' });
      });
    });
  });
}
