import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staHarness, STORES, type StaHarness } from '../harness.js';

const base = (privacy?: unknown) => ({
  name: 'passages', description: 'passages', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
  unitOfMeasurement: { name: 'passage', symbol: '', definition: 'https://example.org/passage' },
  ...(privacy === undefined ? {} : { properties: { privacy } }),
  Thing: { name: 't', description: 't' },
  Sensor: { name: 's', description: 's', encodingType: 'text/html', metadata: 'https://example.org' },
  ObservedProperty: { name: 'o', definition: 'https://example.org/o', description: 'o' },
});
const good = { purpose: 'parkeerduur', legalBasis: 'public-task', personalData: 'pseudonymised', retention: 'P30D', mandate: 'm-1', identifierFields: ['result.plate', 'parameters.mac'] };

for (const kind of STORES) {
  describe(`Datastream privacy declaration on ${kind.name}`, () => {
    let h: StaHarness;
    beforeAll(async () => (h = await staHarness(kind.name)));
    afterAll(async () => h?.close());

    it('is accepted, shown in properties and kept by PATCH', async () => {
      const res = await h.call('POST', '/Datastreams', base(good));
      expect(res.status).toBe(201);
      expect(res.json.properties.privacy).toEqual(good);
      const id = res.json['@iot.id'];
      expect((await h.call('PATCH', `/Datastreams(${id})`, { name: 'renamed' })).status).toBe(200);
      expect((await h.call('GET', `/Datastreams(${id})`)).json.properties.privacy).toEqual(good);
      // Personal data cannot be dropped silently; it can be changed explicitly.
      const drop = await h.call('PATCH', `/Datastreams(${id})`, { properties: {} });
      expect(drop.status).toBe(400);
      expect(drop.json.invalidParams[0].name).toBe('properties.privacy');
      expect((await h.call('PATCH', `/Datastreams(${id})`, { properties: { privacy: { ...good, retention: 'P7D' } } })).status).toBe(200);
      expect((await h.call('PATCH', `/Datastreams(${id})`, { properties: { privacy: { ...good, retention: 'P1W2' } } })).json.invalidParams[0].name).toBe('properties.privacy.retention');
    });

    it('is optional for a Datastream without personal data', async () => {
      expect((await h.call('POST', '/Datastreams', base())).status).toBe(201);
      expect((await h.call('POST', '/Datastreams', base({ purpose: 'luchtkwaliteit', personalData: 'none', retention: 'P1Y' }))).status).toBe(201);
    });

    it.each([
      [{ ...good, personalData: 'secret' }, 'properties.privacy.personalData'],
      [{ ...good, purpose: undefined }, 'properties.privacy.purpose'],
      [{ ...good, legalBasis: undefined }, 'properties.privacy.legalBasis'],
      [{ ...good, legalBasis: 'because' }, 'properties.privacy.legalBasis'],
      [{ ...good, retention: undefined }, 'properties.privacy.retention'],
      [{ ...good, retention: '30 days' }, 'properties.privacy.retention'],
      [{ ...good, identifierFields: ['plate'] }, 'properties.privacy.identifierFields.0'],
      [{ ...good, identifierFields: ['result.plate', 'parameters'] }, 'properties.privacy.identifierFields.1'],
      [{ ...good, identifierFields: 'result.plate' }, 'properties.privacy.identifierFields'],
      [{ purpose: 'x', personalData: 'none', identifierFields: ['result'] }, 'properties.privacy.personalData'],
      [{ ...good, owner: 'x' }, 'properties.privacy.owner'],
      [{ ...good, 'XX-999-X': 1 }, 'properties.privacy.(unnamed property)'],
      ['public', 'properties.privacy'],
    ])('refuses %j naming the field', async (privacy, field) => {
      const res = await h.call('POST', '/Datastreams', base(privacy));
      expect(res.status).toBe(400);
      expect(res.json.invalidParams[0].name).toBe(field);
    });
  });
}
