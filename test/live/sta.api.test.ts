import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE } from '../../src/live/index.js';
import { ids, loadFixture } from './fixture.js';
import { ROOT, staHarness, STORES, type StaHarness } from './harness.js';

const UOM = { name: 'degree Celsius', symbol: 'degC', definition: 'http://unitsofmeasure.org/ucum.html#para-30' };
const MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

for (const kind of STORES) {
  describe(`SensorThings API on ${kind.name}`, () => {
    let h: StaHarness;
    beforeAll(async () => {
      h = await staHarness(kind.name, { maxTop: 4 });
      await loadFixture(h);
    });
    afterAll(async () => h?.close());

    describe('service root and reading', () => {
      it('lists the entity sets and the conformance classes', async () => {
        const res = await h.call('GET', '');
        expect(res.status).toBe(200);
        expect(res.json.value.map((v: { name: string }) => v.name)).toEqual(['Things', 'Locations', 'HistoricalLocations', 'Datastreams', 'Sensors', 'ObservedProperties', 'Observations', 'FeaturesOfInterest']);
        expect(res.json.value[0].url).toBe(`${ROOT}/Things`);
        expect(res.json.serverSettings.conformance).toEqual(CONFORMANCE);
      });

      it('reads an entity by id with absolute self and navigation links', async () => {
        const res = await h.call('GET', '/Things(2)');
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({
          '@iot.id': 2,
          '@iot.selfLink': `${ROOT}/Things(2)`,
          name: 'Lamp B',
          properties: { ward: 'Noord', height: 7, active: false },
          'Datastreams@iot.navigationLink': `${ROOT}/Things(2)/Datastreams`,
          'Locations@iot.navigationLink': `${ROOT}/Things(2)/Locations`,
        });
      });

      it('follows navigation paths, to-many and to-one, several steps deep', async () => {
        const ds = await h.call('GET', '/Things(2)/Datastreams');
        expect(ids(ds.json)).toEqual([2]);
        const obs = await h.call('GET', '/Datastreams(2)/Observations');
        expect(ids(obs.json)).toEqual([6, 7, 8]);
        const thing = await h.call('GET', '/Observations(7)/Datastream/Thing');
        expect(thing.json.name).toBe('Lamp B');
        const deep = await h.call('GET', '/Things(3)/Datastreams(3)/Observations');
        expect(ids(deep.json)).toEqual([9, 10, 11]);
        const wrongParent = await h.call('GET', '/Things(1)/Datastreams(3)');
        expect(wrongParent.status).toBe(404);
        const locThings = await h.call('GET', '/Locations(1)/Things');
        expect(ids(locThings.json)).toEqual([1]);
        const sensorDs = await h.call('GET', '/Sensors(1)/Datastreams');
        expect(ids(sensorDs.json)).toEqual([1, 2]);
      });

      it('answers property paths, $value and $ref', async () => {
        expect((await h.call('GET', '/Things(1)/name')).json).toEqual({ name: 'Lamp A' });
        const value = await h.call('GET', '/Things(1)/name/$value');
        expect(value.body).toBe('Lamp A');
        expect(value.headers['content-type']).toContain('text/plain');
        expect((await h.call('GET', '/Observations(8)/phenomenonTime')).json).toEqual({ phenomenonTime: '2026-03-17T08:00:00.000Z/2026-03-17T09:00:00.000Z' });
        expect((await h.call('GET', '/Observations(11)/result')).json).toEqual({ result: { level: 3, ok: true } });
        const ref = await h.call('GET', '/Datastreams(2)/Observations/$ref');
        expect(ref.json.value).toEqual([6, 7, 8].map((i) => ({ '@iot.selfLink': `${ROOT}/Observations(${i})` })));
        expect((await h.call('GET', '/Datastreams(1)/Thing/$ref')).json).toEqual({ '@iot.selfLink': `${ROOT}/Things(1)` });
      });

      it('keeps the Datastream phenomenonTime extent and resultTime extent up to date', async () => {
        const ds = await h.call('GET', '/Datastreams(2)');
        expect(ds.json.phenomenonTime).toBe('2026-03-15T12:30:15.250Z/2026-03-17T09:00:00.000Z');
        expect(ds.json.resultTime).toBe('2026-03-15T12:31:00.000Z/2026-03-15T12:31:00.000Z');
      });

      it('generates the FeatureOfInterest from the Thing\'s Location, once per Location', async () => {
        const fois = await h.call('GET', '/FeaturesOfInterest?$expand=Observations($select=id;$count=true)');
        expect(fois.json.value).toHaveLength(3);
        const dam = fois.json.value.find((f: { name: string }) => f.name === 'Dam');
        expect(dam.feature).toEqual({ type: 'Point', coordinates: [4.8925, 52.3731] });
        expect(dam['Observations@iot.count']).toBe(5);
        // The expanded list is paged at the server maximum (4 here) with its own nextLink.
        expect(dam.Observations.map((o: { '@iot.id': number }) => o['@iot.id'])).toEqual([1, 2, 3, 4]);
        expect(dam['Observations@iot.nextLink']).toContain(`${ROOT}/FeaturesOfInterest(${dam['@iot.id']})/Observations?`);
      });
    });

    describe('query options', () => {
      it('$select keeps only the named properties', async () => {
        const res = await h.call('GET', '/Things(1)?$select=name,Datastreams');
        expect(Object.keys(res.json).sort()).toEqual(['Datastreams@iot.navigationLink', 'name']);
        const withId = await h.call('GET', '/Things?$select=id,name&$filter=id eq 1');
        expect(withId.json.value[0]).toEqual({ '@iot.id': 1, '@iot.selfLink': `${ROOT}/Things(1)`, name: 'Lamp A' });
      });

      it('$expand with nested $select, $expand, $top, $orderby, $filter and $count', async () => {
        const q = '$expand=Datastreams($select=name;$expand=Observations($top=2;$orderby=phenomenonTime desc;$count=true))';
        const res = await h.call('GET', `/Things(1)?${encodeURI(q)}`);
        expect(res.status).toBe(200);
        const ds = res.json.Datastreams[0];
        expect(Object.keys(ds).sort()).toEqual(['Observations', 'Observations@iot.count', 'Observations@iot.nextLink', 'name']);
        expect(ds['Observations@iot.count']).toBe(5);
        expect(ds.Observations.map((o: { result: number }) => o.result)).toEqual([5.5, 4]);
        expect(ds['Observations@iot.nextLink']).toContain(`${ROOT}/Datastreams(1)/Observations?`);
        const filtered = await h.call('GET', `/Things?$expand=${encodeURIComponent('Datastreams/Observations($filter=result gt 20)')}&$filter=id le 2`);
        expect(filtered.json.value.map((t: any) => t.Datastreams[0].Observations.map((o: any) => o['@iot.id']))).toEqual([[], [8]]);
        const toOne = await h.call('GET', '/Observations(6)?$expand=Datastream($expand=Thing($select=name)),FeatureOfInterest($select=name)');
        expect(toOne.json.Datastream.Thing).toEqual({ name: 'Lamp B' });
        expect(toOne.json.FeatureOfInterest).toEqual({ name: 'Noord' });
      });

      it('the latest observation per Datastream (the maintained pointer) matches a plain ordered read', async () => {
        const latest = await h.call('GET', '/Datastreams?$expand=Observations($top=1;$orderby=phenomenonTime desc)');
        const viaPointer = latest.json.value.map((d: any) => d.Observations[0]['@iot.id']);
        const plain = [];
        for (const d of latest.json.value) {
          const all = await h.call('GET', `/Datastreams(${d['@iot.id']})/Observations?$orderby=${encodeURIComponent('phenomenonTime desc')}&$top=2`);
          plain.push(all.json.value[0]['@iot.id']);
        }
        expect(viaPointer).toEqual([5, 8, 11]);
        expect(viaPointer).toEqual(plain);
      });

      it('$orderby on properties, paths and several keys', async () => {
        const res = await h.call('GET', `/Observations?$orderby=${encodeURIComponent('result desc')}&$filter=${encodeURIComponent('result ge 3')}`);
        expect(res.json.value.map((o: any) => o.result)).toEqual([30, 20, 10, 5.5]);
        const byThing = await h.call('GET', `/Datastreams?$orderby=${encodeURIComponent('Thing/name desc,id')}`);
        expect(ids({ value: byThing.json.value.slice(0, 1) })).toEqual([3]);
        expect(byThing.json.value.map((d: any) => d['@iot.id'])).toEqual([3, 2, 1]);
      });

      it('$count counts the whole filtered collection, from the maintained counter when unfiltered', async () => {
        expect((await h.call('GET', '/Observations?$count=true&$top=1')).json['@iot.count']).toBe(11);
        expect((await h.call('GET', '/Datastreams(1)/Observations?$count=true&$top=1')).json['@iot.count']).toBe(5);
        expect((await h.call('GET', `/Observations?$count=true&$filter=${encodeURIComponent('result gt 3')}`)).json['@iot.count']).toBe(5);
        expect((await h.call('GET', '/Things?$count=false')).json['@iot.count']).toBeUndefined();
        const zero = await h.call('GET', '/Observations?$count=true&$top=0');
        expect(zero.json.value).toEqual([]);
        expect(zero.json['@iot.count']).toBe(11);
      });

      it('pages with $top/$skip and @iot.nextLink, capped at the server maximum', async () => {
        const first = await h.call('GET', '/Observations');
        expect(first.json.value).toHaveLength(4);
        expect(first.json['@iot.nextLink']).toBe(`${ROOT}/Observations?$top=4&$skip=4`);
        const seen: number[] = [];
        let next: string | undefined = `${ROOT}/Observations?$top=3&$orderby=${encodeURIComponent('result desc')}&$filter=${encodeURIComponent('result ge 1')}`;
        let pages = 0;
        while (next) {
          const res = await h.call('GET', next.slice(ROOT.length));
          expect(res.status).toBe(200);
          seen.push(...res.json.value.map((o: any) => o['@iot.id']));
          next = res.json['@iot.nextLink'];
          pages++;
        }
        expect(pages).toBe(3);
        expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
        expect((await h.call('GET', '/Observations?$top=1000')).json.value).toHaveLength(4);
        expect((await h.call('GET', '/Observations?$skip=10')).json['@iot.nextLink']).toBeUndefined();
      });

      it('$resultFormat=dataArray groups Observations per Datastream with the selected components', async () => {
        const res = await h.call('GET', `/Observations?$resultFormat=dataArray&$select=id,result&$filter=${encodeURIComponent('id ge 5 and id le 7')}`);
        expect(res.status).toBe(200);
        expect(res.json.value).toEqual([
          { 'Datastream@iot.navigationLink': `${ROOT}/Datastreams(1)`, components: ['id', 'result'], 'dataArray@iot.count': 1, dataArray: [[5, 5.5]] },
          { 'Datastream@iot.navigationLink': `${ROOT}/Datastreams(2)`, components: ['id', 'result'], 'dataArray@iot.count': 2, dataArray: [[6, 10], [7, 20]] },
        ]);
        const bad = await h.call('GET', '/Things?$resultFormat=dataArray');
        expect(bad.status).toBe(400);
      });
    });

    describe('errors', () => {
      it.each([
        ['/Nothings', 404, 'not-found'],
        ['/Things(99)', 404, 'not-found'],
        ['/Things(99)/Datastreams', 404, 'not-found'],
        ['/Things(1)/nosuch', 404, 'not-found'],
        ['/MultiDatastreams', 501, 'not-implemented'],
        ['/Things(1)/MultiDatastreams', 501, 'not-implemented'],
        ['/Things?$top=-1', 400, 'invalid-query'],
        ['/Things?$filter=name%20eq', 400, 'invalid-query'],
        ['/Things?$expand=Nothing', 400, 'invalid-query'],
        ['/Things?$select=nothing', 400, 'invalid-query'],
        ['/Things?$orderby=Datastreams/name', 400, 'invalid-query'],
        ['/Things?$filter=isof(name)', 501, 'not-implemented'],
      ])('GET %s → %i %s', async (path, status, code) => {
        const res = await h.call('GET', path);
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json.code).toBe(code);
      });

      it('refuses writes without an API key', async () => {
        const res = await h.call('POST', '/Things', { name: 'x', description: 'y' }, null);
        expect(res.status).toBe(401);
        expect((await h.call('DELETE', '/Things(1)', undefined, null)).status).toBe(401);
      });

      it.each([
        ['malformed JSON', '/Things', '{"name": ', 'malformed-json', undefined],
        ['a wrong type', '/Things', { name: 5, description: 'd' }, 'validation-failed', 'name'],
        ['a missing field', '/Sensors', { name: 's', description: 'd', encodingType: 'text/html' }, 'validation-failed', 'metadata'],
        ['an unknown property', '/Things', { name: 'n', description: 'd', colour: 'red' }, 'validation-failed', 'colour'],
        ['an unknown Datastream', '/Observations', { result: 1, phenomenonTime: '2026-01-01T00:00:00Z', Datastream: { '@iot.id': 999 } }, 'validation-failed', 'Datastream'],
        ['an impossible date', '/Observations', { result: 1, phenomenonTime: '2026-02-30T00:00:00Z', Datastream: { '@iot.id': 1 } }, 'validation-failed', 'phenomenonTime'],
        ['a time without zone', '/Observations', { result: 1, phenomenonTime: '2026-02-03T00:00:00', Datastream: { '@iot.id': 1 } }, 'validation-failed', 'phenomenonTime'],
        ['a reversed interval', '/Observations', { result: 1, phenomenonTime: '2026-02-03T00:00:00Z/2026-02-02T00:00:00Z', Datastream: { '@iot.id': 1 } }, 'validation-failed', 'phenomenonTime'],
        ['bad GeoJSON', '/Locations', { name: 'l', description: 'd', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [500, 1] } }, 'validation-failed', 'location'],
        ['a nested error', '/Things', { name: 't', description: 'd', Datastreams: [{ name: 'd', description: 'd', observationType: MEASUREMENT, unitOfMeasurement: UOM, Sensor: { '@iot.id': 1 }, ObservedProperty: { '@iot.id': 77 } }] }, 'validation-failed', 'Datastreams.0.ObservedProperty'],
        ['an array body', '/Things', [1, 2], 'validation-failed', '(root)'],
      ])('POST with %s → 400 naming the field', async (_what, path, body, code, field) => {
        const before = (await h.call('GET', '/Things?$count=true&$top=0')).json['@iot.count'];
        const res = await h.call('POST', path, body);
        expect(res.status, res.body).toBe(400);
        expect(res.json.code).toBe(code);
        if (field) expect(res.json.invalidParams[0].name).toBe(field);
        // Writes are transactional: nothing of a refused deep insert stays.
        expect((await h.call('GET', '/Things?$count=true&$top=0')).json['@iot.count']).toBe(before);
      });

      it('PUT is not offered (501); POST to an entity is not allowed (405)', async () => {
        expect((await h.call('PUT', '/Things(1)', { name: 'x' })).status).toBe(501);
        expect((await h.call('POST', '/Things(1)', { name: 'x' })).status).toBe(405);
      });
    });
  });

  describe(`SensorThings writes on ${kind.name}`, () => {
    let h: StaHarness;
    beforeAll(async () => {
      h = await staHarness(kind.name);
      await loadFixture(h);
    });
    afterAll(async () => h?.close());

    it('creates with POST (201, Location header) and links a child through a navigation path', async () => {
      const res = await h.call('POST', '/Things', { name: 'Bench', description: 'smart bench' });
      expect(res.status).toBe(201);
      const id = res.json['@iot.id'];
      expect(res.headers.location).toBe(`${ROOT}/Things(${id})`);
      const ds = await h.call('POST', `/Things(${id})/Datastreams`, {
        name: 'occupancy', description: 'people sitting', observationType: MEASUREMENT, unitOfMeasurement: { name: 'count', symbol: '1', definition: 'https://example.org/count' },
        Sensor: { '@iot.id': 1 }, ObservedProperty: { name: 'Occupancy', definition: 'https://example.org/occupancy', description: 'people' },
      });
      expect(ds.status, ds.body).toBe(201);
      expect((await h.call('GET', `${new URL(ds.headers.location as string).pathname.replace('/sta/v1.1', '')}/Thing`)).json.name).toBe('Bench');
      // No Location yet: an Observation needs an explicit FeatureOfInterest.
      const noFoi = await h.call('POST', `/Datastreams(${ds.json['@iot.id']})/Observations`, { result: 2, phenomenonTime: '2026-05-01T10:00:00Z' });
      expect(noFoi.status).toBe(400);
      expect(noFoi.json.invalidParams[0].name).toBe('FeatureOfInterest');
      const withFoi = await h.call('POST', `/Datastreams(${ds.json['@iot.id']})/Observations`, {
        result: 2, phenomenonTime: '2026-05-01T10:00:00Z',
        FeatureOfInterest: { name: 'bench 1', description: 'the bench', encodingType: 'application/geo+json', feature: { type: 'Point', coordinates: [5.1, 52.1] } },
      });
      expect(withFoi.status, withFoi.body).toBe(201);
      expect((await h.call('GET', `/Observations(${withFoi.json['@iot.id']})/FeatureOfInterest/name`)).json).toEqual({ name: 'bench 1' });
    });

    it('a missing phenomenonTime becomes the server time', async () => {
      const before = Date.now();
      const res = await h.call('POST', '/Observations', { result: 9, Datastream: { '@iot.id': 1 } });
      expect(res.status).toBe(201);
      const t = Date.parse(res.json.phenomenonTime);
      expect(t).toBeGreaterThanOrEqual(before - 1000);
      expect(t).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('PATCH changes properties and links; changing a Thing\'s Locations records a HistoricalLocation', async () => {
      const patched = await h.call('PATCH', '/Things(2)', { name: 'Lamp B2', properties: { ward: 'West' } });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ name: 'Lamp B2', properties: { ward: 'West' }, description: 'street lamp' });
      const before = (await h.call('GET', '/Things(2)/HistoricalLocations')).json.value.length;
      const moved = await h.call('PATCH', '/Things(2)', { Locations: [{ '@iot.id': 1 }] });
      expect(moved.status).toBe(200);
      expect(ids((await h.call('GET', '/Things(2)/Locations')).json)).toEqual([1]);
      const hls = await h.call('GET', '/Things(2)/HistoricalLocations?$expand=Locations');
      expect(hls.json.value).toHaveLength(before + 1);
      const newest = await h.call('GET', `/Things(2)/HistoricalLocations?$orderby=${encodeURIComponent('time desc')}&$top=1&$expand=Locations($select=id)`);
      expect(newest.json.value[0].Locations).toEqual([{ '@iot.id': 1, '@iot.selfLink': `${ROOT}/Locations(1)` }]);
      const relink = await h.call('PATCH', '/Datastreams(2)', { ObservedProperty: { '@iot.id': 2 }, unitOfMeasurement: { name: 'K', symbol: 'K', definition: 'x' } });
      expect(relink.status).toBe(200);
      expect((await h.call('GET', '/Datastreams(2)/ObservedProperty/name')).json).toEqual({ name: 'Flow' });
      const bad = await h.call('PATCH', '/Things(2)', { name: null });
      expect(bad.status).toBe(400);
      expect((await h.call('PATCH', '/Things(99)', { name: 'x' })).status).toBe(404);
    });

    it('PATCH and DELETE of Observations keep the count and latest pointer right', async () => {
      const count = async () => (await h.call('GET', '/Datastreams(3)/Observations?$count=true&$top=0')).json['@iot.count'];
      const latest = async () => (await h.call('GET', '/Datastreams(3)?$expand=Observations($top=1;$orderby=phenomenonTime desc)')).json.Observations[0]?.['@iot.id'];
      expect(await count()).toBe(3);
      expect(await latest()).toBe(11);
      const p = await h.call('PATCH', '/Observations(9)', { phenomenonTime: '2026-06-01T00:00:00Z', result: 'very low' });
      expect(p.status, p.body).toBe(200);
      expect(p.json.result).toBe('very low');
      expect(await latest()).toBe(9);
      expect((await h.call('DELETE', '/Observations(9)')).status).toBe(200);
      expect((await h.call('GET', '/Observations(9)')).status).toBe(404);
      expect(await count()).toBe(2);
      expect(await latest()).toBe(11);
    });

    it('DELETE cascades as the spec says', async () => {
      // Datastream → its Observations.
      const obsOfDs1 = ids((await h.call('GET', '/Datastreams(1)/Observations')).json);
      expect((await h.call('DELETE', '/Datastreams(1)')).status).toBe(200);
      for (const id of obsOfDs1) expect((await h.call('GET', `/Observations(${id})`)).status).toBe(404);
      // Thing → Datastreams and HistoricalLocations, not Locations.
      const hl = ids((await h.call('GET', '/Things(3)/HistoricalLocations')).json);
      expect((await h.call('DELETE', '/Things(3)')).status).toBe(200);
      expect((await h.call('GET', '/Datastreams(3)')).status).toBe(404);
      expect((await h.call('GET', `/HistoricalLocations(${hl[0]})`)).status).toBe(404);
      expect((await h.call('GET', '/Locations(3)')).status).toBe(200);
      // FeatureOfInterest → its Observations, with the Datastream counter adjusted.
      const foi = (await h.call('GET', '/Observations(6)/FeatureOfInterest')).json['@iot.id'];
      expect((await h.call('DELETE', `/FeaturesOfInterest(${foi})`)).status).toBe(200);
      expect((await h.call('GET', '/Datastreams(2)/Observations?$count=true')).json['@iot.count']).toBe(0);
      expect((await h.call('DELETE', '/Things(3)')).status).toBe(404);
    });

    it('CreateObservations stores rows and answers selfLinks, "error" for refused rows', async () => {
      const res = await h.call('POST', '/CreateObservations', [
        { Datastream: { '@iot.id': 2 }, components: ['phenomenonTime', 'result', 'resultTime'], 'dataArray@iot.count': 3,
          dataArray: [['2026-07-01T00:00:00Z', 1.5, null], ['2026-02-30T00:00:00Z', 2, null], ['2026-07-01T01:00:00Z', 'text', '2026-07-01T01:00:05Z']] },
        { Datastream: { '@iot.id': 2 }, components: ['result', 'phenomenonTime', 'parameters'], dataArray: [[7, '2026-07-02T00:00:00Z', { a: 1 }], [8]] },
      ]);
      expect(res.status, res.body).toBe(201);
      expect(res.json).toHaveLength(5);
      expect(res.json[1]).toBe('error');
      expect(res.json[4]).toBe('error');
      const created = [res.json[0], res.json[2], res.json[3]];
      for (const link of created) expect(link).toMatch(new RegExp(`^${ROOT.replace(/[.()]/g, '\\$&')}/Observations\\(\\d+\\)$`));
      const third = await h.call('GET', new URL(res.json[3]).pathname.replace('/sta/v1.1', ''));
      expect(third.json).toMatchObject({ result: 7, parameters: { a: 1 }, phenomenonTime: '2026-07-02T00:00:00.000Z' });
      const second = await h.call('GET', new URL(res.json[2]).pathname.replace('/sta/v1.1', ''));
      expect(second.json).toMatchObject({ result: 'text', resultTime: '2026-07-01T01:00:05.000Z' });
      expect((await h.call('GET', '/Datastreams(2)?$expand=Observations($top=1;$orderby=phenomenonTime desc)')).json.Observations[0]['@iot.selfLink']).toBe(res.json[3]);
    });

    it.each([
      ['not an array', { Datastream: { '@iot.id': 2 } }, '(root)'],
      ['an unknown Datastream', [{ Datastream: { '@iot.id': 999 }, components: ['result'], dataArray: [[1]] }], '0.Datastream'],
      ['an unknown component', [{ Datastream: { '@iot.id': 2 }, components: ['result', 'colour'], dataArray: [[1, 2]] }], '0.components'],
      ['a wrong count', [{ Datastream: { '@iot.id': 2 }, components: ['result'], 'dataArray@iot.count': 5, dataArray: [[1]] }], '0.dataArray@iot.count'],
    ])('CreateObservations with %s → 400, nothing stored', async (_what, body, field) => {
      const before = (await h.call('GET', '/Observations?$count=true&$top=0')).json['@iot.count'];
      const res = await h.call('POST', '/CreateObservations', body);
      expect(res.status).toBe(400);
      expect(res.json.invalidParams[0].name).toBe(field);
      expect((await h.call('GET', '/Observations?$count=true&$top=0')).json['@iot.count']).toBe(before);
    });
  });
}
