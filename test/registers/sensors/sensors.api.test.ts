import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFixture } from '../../support/catalog-fixtures.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';
import { sensorPlatform, type SensorPlatform } from './platform.js';

const point = (lon: number, lat: number) => ({ name: 'plek', description: 'plek', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [lon, lat] } });
const stream = (name: string, property: string, properties?: Record<string, unknown>) => ({
  name,
  description: name,
  observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
  unitOfMeasurement: { name: 'aantal', symbol: '#', definition: 'http://example.org/count' },
  ObservedProperty: { name: property, definition: `http://example.org/${property}`, description: property },
  Sensor: { name: `${name} sensor`, description: 's', encodingType: 'application/pdf', metadata: 'http://example.org/spec.pdf' },
  ...(properties ? { properties } : {}),
});

const device = (overrides: Record<string, unknown> = {}) => ({
  id: 'lucht-1',
  ownerId: 'gemeente-test',
  name: 'Luchtmeetstation Markt',
  category: 'meetstation',
  theme: 'lucht',
  location: { longitude: 4.36, latitude: 52.01 },
  observes: [{ name: 'NO2' }, { name: 'PM10' }],
  personalData: false,
  purpose: 'Luchtkwaliteit meten',
  mandateIds: ['raad'],
  openData: true,
  ...overrides,
});

for (const kind of STORES) {
  describe(`sensor register: ${kind.name}`, () => {
    let p: SensorPlatform;
    let key: string;
    let otherKey: string;
    const things: Record<string, string> = {};
    const url = '/api/v1/registers/sensors';

    /** A Thing made with `withKey`: made with an organisation's key, the organisation owns it (and the register says so). */
    async function thing(name: string, body: Record<string, unknown>, withKey = ADMIN_KEY): Promise<string> {
      const res = await p.call('POST', '/sta/v1.1/Things', { name, description: name, ...body }, withKey);
      expect(res.status, res.body).toBe(201);
      const id = /Things\((\d+)\)/.exec(String(res.headers.location))![1]!;
      things[name] = `sta-${id}`;
      return id;
    }

    beforeAll(async () => {
      p = await sensorPlatform(kind.name);
      key = await p.org('gemeente-test');
      otherKey = await p.org('gemeente-anders');
      const raad = { id: 'raad', kind: 'raadsbesluit', title: 'Raadsbesluit sensoren', ownerId: 'gemeente-test', decidedBy: { name: 'Gemeenteraad Test', elected: true } };
      expect((await p.call('POST', '/api/v1/mandates', raad, ADMIN_KEY)).status).toBe(201);

      // Personal data declared in the Datastream's properties, without a legal basis: flagged.
      await thing('kentekencamera', {
        properties: { category: 'camera', theme: 'verkeer' },
        Locations: [point(4.35, 52.0)],
        Datastreams: [stream('kentekens', 'Kenteken', { personalData: 'direct', purpose: 'Handhaving milieuzone' })],
      }, key);
      // Declared in `meta` (the governance columns of the live capability): with a legal basis and a mandate.
      const telId = await thing('telcamera', {
        properties: { category: 'camera' },
        Locations: [point(4.9, 52.37)],
        Datastreams: [stream('passanten', 'Passanten per minuut'), stream('temperatuur', 'Temperatuur')],
      }, key);
      const meta = JSON.stringify({ personalData: 'pseudonymised', purpose: 'Drukte meten', legalBasis: 'AVG art. 6(1)(e)', retention: 'P30D', mandateId: 'raad', identifierFields: ['deviceHash'] });
      const cast = kind.name === 'postgres' ? 'CAST(? AS jsonb)' : '?';
      const ds = await p.ctx.store.all<{ id: number | string }>("SELECT id FROM sta_datastreams WHERE thing_id = ? AND name = 'passanten'", [Number(telId)]);
      await p.ctx.store.run(`UPDATE sta_datastreams SET meta = ${cast} WHERE id = ?`, [meta, ds[0]!.id]);
      // Declares nothing itself but feeds a catalog dataset: inherits its publisher, mandates and personal data class.
      expect((await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id: 'ds-parkeren', mandateIds: ['raad'] }), key)).status).toBe(201);
      await thing('garage', { Locations: [point(4.36, 52.01)], Datastreams: [stream('vrije plaatsen', 'Vrije plaatsen', { catalogDataset: 'ds-parkeren' })] });
      // Nothing declared, no owner, no location.
      await thing('onbekend kastje', { Datastreams: [stream('iets', 'Iets')] });
    });
    afterAll(async () => p.close());

    it('registers a device with the owner’s key only, checking owner, mandates and ids', async () => {
      expect((await p.call('POST', `${url}/devices`, device())).status).toBe(401);
      expect((await p.call('POST', `${url}/devices`, device(), otherKey)).status).toBe(403);
      const missing = await p.call('POST', `${url}/devices`, device({ mandateIds: ['bestaat-niet'] }), key);
      expect(missing.status).toBe(422);
      expect(missing.json.invalidParams[0].name).toBe('mandateIds.0');
      expect((await p.call('POST', `${url}/devices`, device({ id: 'sta-9' }), key)).status).toBe(400);
      expect((await p.call('POST', `${url}/devices`, device({ category: 'drone' }), key)).status).toBe(400);
      const created = await p.call('POST', `${url}/devices`, device(), key);
      expect(created.status, created.body).toBe(201);
      expect(created.headers.location).toBe(`${url}/lucht-1`);
      expect(created.json).toMatchObject({ id: 'lucht-1', source: 'registered', ownerId: 'gemeente-test', personalData: false, flags: [], observes: ['NO2', 'PM10'] });
      expect((await p.call('POST', `${url}/devices`, device(), key)).status).toBe(409);
      const camera = device({ id: 'cam-1', name: '=HYPERLINK("x")', category: 'camera', theme: 'veiligheid', personalData: true, mandateIds: [], location: { longitude: -0.5, latitude: 51.5 } });
      expect((await p.call('POST', `${url}/devices`, camera, key)).status).toBe(201);
    });

    it('lists live Things and registered devices with what each declares', async () => {
      const res = await p.call('GET', `${url}?pageSize=200`);
      expect(res.status).toBe(200);
      expect(res.json.total).toBe(6);
      const byId = new Map<string, any>(res.json.items.map((e: any) => [e.id, e]));
      const kenteken = byId.get(things.kentekencamera!);
      expect(kenteken).toMatchObject({
        source: 'live', category: 'camera', theme: 'verkeer', ownerId: 'gemeente-test', location: { longitude: 4.35, latitude: 52.0 },
        observes: ['Kenteken'], personalData: true, personalDataClass: 'direct', purpose: 'Handhaving milieuzone', flags: ['personal-data-without-legal-basis'],
      });
      expect(kenteken.sta).toMatch(/\/sta\/v1\.1\/Things\(\d+\)$/);
      const tel = byId.get(things.telcamera!);
      expect(tel).toMatchObject({ personalData: true, legalBasis: 'AVG art. 6(1)(e)', retention: 'P30D', mandateIds: ['raad'], flags: [], observes: ['Passanten per minuut', 'Temperatuur'] });
      expect(tel.streams[0]).toMatchObject({ personalDataClass: 'pseudonymised', identifierFields: ['deviceHash'], unit: '#', observationCount: 0 });
      expect(tel.streams[1].personalData).toBeNull();
      expect(byId.get(things['onbekend kastje']!)).toMatchObject({ ownerId: null, location: null, personalData: null, category: 'sensor', flags: ['no-owner'] });
      expect(byId.get('cam-1').flags).toEqual(['personal-data-without-legal-basis']);
      expect(byId.get(things.garage!)).toMatchObject({ ownerId: 'gemeente-test', mandateIds: ['raad'], personalData: false, flags: [] });
      expect(byId.get(things.garage!).streams[0]).toMatchObject({ catalogDataset: 'ds-parkeren', personalDataClass: 'none' });
      expect(res.json.flagged).toBe(3);
    });

    it('filters by category, personal data, flag, owner and text', async () => {
      const ids = async (q: string) => ((await p.call('GET', `${url}?${q}`)).json.items as Array<{ id: string }>).map((e) => e.id).sort();
      expect(await ids('category=camera')).toEqual([things.kentekencamera, things.telcamera, 'cam-1'].sort());
      expect(await ids('personalData=no')).toEqual([things.garage, 'lucht-1'].sort());
      expect(await ids('personalData=unknown')).toEqual([things['onbekend kastje']]);
      expect(await ids('flag=personal-data-without-legal-basis')).toEqual([things.kentekencamera, 'cam-1'].sort());
      expect(await ids('flagged=false')).toEqual([things.telcamera, things.garage, 'lucht-1'].sort());
      expect(await ids('owner=gemeente-test&source=live')).toEqual([things.kentekencamera, things.telcamera, things.garage].sort());
      expect(await ids('q=luchtmeet')).toEqual(['lucht-1']);
      expect(await ids('q=kenteken')).toEqual([things.kentekencamera]);
      const page = await p.call('GET', `${url}?pageSize=4&page=2`);
      expect(page.json.items).toHaveLength(2);
      expect((await p.call('GET', `${url}?personalData=misschien`)).status).toBe(400);
    });

    it('serves one sensor, live or registered, and 404 for others', async () => {
      expect((await p.call('GET', `${url}/${things.telcamera}`)).json.name).toBe('telcamera');
      expect((await p.call('GET', `${url}/lucht-1`)).json.purpose).toBe('Luchtkwaliteit meten');
      expect((await p.call('GET', `${url}/sta-999999`)).status).toBe(404);
      expect((await p.call('GET', `${url}/niet-bestaand`)).status).toBe(404);
    });

    it('exports GeoJSON and CSV of the filtered register', async () => {
      const geo = await p.call('GET', `${url}/export?format=geojson`);
      expect(geo.status).toBe(200);
      expect(geo.headers['content-type']).toMatch(/application\/geo\+json/);
      expect(geo.json.type).toBe('FeatureCollection');
      expect(geo.json.features).toHaveLength(6);
      const cam = geo.json.features.find((f: any) => f.id === 'cam-1');
      expect(cam.geometry).toEqual({ type: 'Point', coordinates: [-0.5, 51.5] });
      expect(geo.json.features.find((f: any) => f.id === things['onbekend kastje']).geometry).toBeNull();

      const csv = await p.call('GET', `${url}/export?format=csv&category=camera`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]!.split(',').slice(0, 3)).toEqual(['id', 'source', 'name']);
      expect(lines).toHaveLength(4);
      const camLine = lines.find((l) => l.startsWith('cam-1,'))!;
      expect(camLine).toContain(`"'=HYPERLINK(""x"")"`); // quoted, and defused as a formula
      expect(camLine).toContain(',-0.5,51.5,');
    });

    it('puts sensors in the traceability report by their mandates', async () => {
      const summary = (await p.call('GET', '/api/v1/registers/traceability/summary?kind=sensor')).json;
      // lucht-1, the telcamera and the garage rest on the raadsbesluit (a); the others have no mandate (d).
      expect(summary.totals).toEqual({ a: 3, b: 0, c: 0, d: 3, total: 6 });
      const items = (await p.call('GET', '/api/v1/registers/traceability?kind=sensor&class=a')).json.items as Array<{ id: string; href: string; electedId: string }>;
      expect(items.map((i) => i.id).sort()).toEqual([things.telcamera, things.garage, 'lucht-1'].sort());
      expect(items.every((i) => i.electedId === 'raad' && i.href.startsWith('/api/v1/registers/sensors/'))).toBe(true);
      const graph = (await p.call('GET', '/api/v1/registers/governance-graph')).json;
      expect(graph.nodes.find((n: any) => n.id === 'items:sensor:gemeente-test').count).toBe(5);
    });

    it('replaces and removes a device only with the owner’s key', async () => {
      expect((await p.call('PUT', `${url}/devices/lucht-1`, device({ legalBasis: 'Wet milieubeheer' }), otherKey)).status).toBe(403);
      const put = await p.call('PUT', `${url}/devices/lucht-1`, device({ legalBasis: 'Wet milieubeheer' }), key);
      expect(put.status, put.body).toBe(200);
      expect((await p.call('GET', `${url}/lucht-1`)).json.legalBasis).toBe('Wet milieubeheer');
      expect((await p.call('DELETE', `${url}/devices/lucht-1`, undefined, otherKey)).status).toBe(403);
      expect((await p.call('DELETE', `${url}/devices/lucht-1`, undefined, key)).status).toBe(204);
      expect((await p.call('GET', `${url}/lucht-1`)).status).toBe(404);
    });
  });
}
