import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf } from '../../src/kernel/audit/index.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../support/platform.js';
import { STORES } from '../support/stores.js';

const ref = (id: number) => ({ '@iot.id': id });
const idOf = (location: unknown) => Number(/\((\d+)\)$/.exec(String(location))![1]);
const privacy = (identifierFields: string[]) => ({ personalData: 'pseudonymised', purpose: 'Handhaving milieuzone', legalBasis: 'public-task', retention: 'P30D', identifierFields });
const camera = (name: string, fields: string[]) => ({
  name,
  description: name,
  observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
  unitOfMeasurement: { name: 'n', symbol: '', definition: 'https://example.org/n' },
  properties: { privacy: privacy(fields) },
  Sensor: { name: `camera ${name}`, description: 'anpr', encodingType: 'text/html', metadata: 'https://example.org' },
  ObservedProperty: { name: `passage ${name}`, definition: 'https://example.org/passage', description: 'passage' },
});

for (const kind of STORES) {
  describe(`SensorThings entities have owners: ${kind.name}`, () => {
    let p: TestPlatform;
    let keyA: string;
    let keyB: string;
    let thing: number;
    let datastream: number;
    const sta = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, key?: string) => p.call(method, `/sta/v1.1/${path}`, body, key);

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      for (const id of ['gemeente-a', 'gemeente-b']) expect((await p.call('POST', '/api/v1/organisations', { id, name: id, kind: 'gemeente' }, ADMIN_KEY)).status).toBe(201);
      keyA = (await p.call('POST', '/api/v1/organisations/gemeente-a/keys', { label: 'a' }, ADMIN_KEY)).json.key;
      keyB = (await p.call('POST', '/api/v1/organisations/gemeente-b/keys', { label: 'b' }, ADMIN_KEY)).json.key;
      const t = await sta('POST', 'Things', { name: 'Poort Noord', description: 'camera', Locations: [{ name: 'poort', description: 'poort', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }], Datastreams: [camera('kentekens', ['result.plate'])] }, keyA);
      expect(t.status, t.body).toBe(201);
      thing = idOf(t.headers.location);
      datastream = (await sta('GET', `Things(${thing})/Datastreams`)).json.value[0]['@iot.id'];
    });
    afterAll(async () => p?.close());

    it('refuses another organisation’s change to a privacy declaration, so plates keep being pseudonymised', async () => {
      const refused = await sta('PATCH', `Datastreams(${datastream})`, { properties: { privacy: privacy([]) } }, keyB);
      expect(refused.status).toBe(403);
      expect(refused.json.detail).toContain("belongs to organisation 'gemeente-a'");
      const stored = await sta('POST', 'Observations', { result: { plate: '12-ABC-3' }, Datastream: ref(datastream) }, keyA);
      expect(stored.status).toBe(201);
      expect(stored.json.result.plate).toMatch(/^ps_/);
      expect(JSON.stringify((await sta('GET', `Datastreams(${datastream})/Observations`)).json)).not.toContain('12-ABC-3');
    });

    it('lets the owner change it, with the change in the audit trail, and never un-pseudonymises what was stored', async () => {
      const before = (await sta('GET', `Datastreams(${datastream})/Observations`)).json.value.map((o: { result: { plate: string } }) => o.result.plate);
      expect(before.length).toBeGreaterThan(0);
      const changed = await sta('PATCH', `Datastreams(${datastream})`, { properties: { privacy: privacy(['result.lane']) } }, keyA);
      expect(changed.status, changed.body).toBe(200);
      const after = (await sta('GET', `Datastreams(${datastream})/Observations`)).json.value.map((o: { result: { plate: string } }) => o.result.plate);
      expect(after).toEqual(before);
      const trail = await auditOf(p.ctx.store, 'sta:Datastream', String(datastream));
      const change = trail.find((e) => e.action === 'update' && e.detail?.privacy);
      expect(change).toMatchObject({ actor: expect.stringMatching(/^gemeente-a:/), organisationId: 'gemeente-a' });
      expect((change!.detail!.privacy as { before: { identifierFields: string[] }; after: { identifierFields: string[] } }).before.identifierFields).toEqual(['result.plate']);
      expect((change!.detail!.privacy as { after: { identifierFields: string[] } }).after.identifierFields).toEqual(['result.lane']);
      // And back, so the rest of the suite sees plates pseudonymised again.
      expect((await sta('PATCH', `Datastreams(${datastream})`, { properties: { privacy: privacy(['result.plate']) } }, keyA)).status).toBe(200);
    });

    it('refuses another organisation’s PATCH of a Thing, so the sensor register keeps its owner', async () => {
      expect((await sta('PATCH', `Things(${thing})`, { properties: { ownerId: 'gemeente-b' } }, keyB)).status).toBe(403);
      // Even the owner writing a claim into the properties does not move ownership: the register reads the store's owner.
      expect((await sta('PATCH', `Things(${thing})`, { properties: { ownerId: 'gemeente-b', owner: 'gemeente-b' } }, keyA)).status).toBe(200);
      const entry = await p.call('GET', `/api/v1/registers/sensors/sta-${thing}`);
      expect(entry.json.ownerId).toBe('gemeente-a');
    });

    it('lets another organisation refer to a shared Sensor or ObservedProperty, not add to a Thing or Datastream of A', async () => {
      const ds = (await sta('GET', `Datastreams(${datastream})?$expand=Sensor,ObservedProperty`)).json;
      const own = await sta('POST', 'Things', {
        name: 'eigen paal', description: 'B',
        Datastreams: [{ ...camera('b', []), properties: {}, Sensor: ref(ds.Sensor['@iot.id']), ObservedProperty: ref(ds.ObservedProperty['@iot.id']) }],
      }, keyB);
      expect(own.status, own.body).toBe(201);
      const intoA = await sta('POST', 'Locations', { name: 'l', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4, 52] }, Things: [ref(thing)] }, keyB);
      expect(intoA.status).toBe(403);
      // A cannot delete the Sensor now: B's Datastream would go with it.
      const gone = await sta('DELETE', `Sensors(${ds.Sensor['@iot.id']})`, undefined, keyA);
      expect(gone.status).toBe(409);
      expect((await sta('GET', `Sensors(${ds.Sensor['@iot.id']})`)).status).toBe(200);
    });

    it('makes what an organisation creates its own: B changes its Thing, A cannot', async () => {
      const t = idOf((await sta('POST', 'Things', { name: 'van B', description: 'B' }, keyB)).headers.location);
      expect((await sta('PATCH', `Things(${t})`, { name: 'nog steeds van B' }, keyA)).status).toBe(403);
      expect((await sta('PATCH', `Things(${t})`, { name: 'nog steeds van B' }, keyB)).status).toBe(200);
      expect((await sta('DELETE', `Things(${t})`, undefined, keyB)).status).toBe(200);
      const trail = await auditOf(p.ctx.store, 'sta:Thing', String(t));
      expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
      expect(new Set(trail.map((e) => e.organisationId))).toEqual(new Set(['gemeente-b']));
    });
  });
}
