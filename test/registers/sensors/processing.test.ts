import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, testPlatform, type TestPlatform } from '../../support/platform.js';

/** A camera that reads licence plates ends up in the processing register (AVG art. 30) by itself. */
describe('processing register from sensor streams', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform('sqlite');
  });
  afterAll(async () => p.close());

  it('lists a Datastream that holds personal data, with its purpose, legal basis, retention and pseudonymised fields', async () => {
    const camera = {
      name: 'Kentekencamera Markt',
      description: 'inrijcamera parkeergarage',
      Locations: [{ name: 'ingang', description: 'ingang', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }],
      Datastreams: [
        {
          name: 'inrijdende voertuigen',
          description: 'kenteken bij inrijden',
          observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Observation',
          unitOfMeasurement: { name: 'voertuig', symbol: '', definition: 'https://example.org/voertuig' },
          properties: { privacy: { purpose: 'Parkeerduur bepalen', legalBasis: 'public-task', personalData: 'pseudonymised', retention: 'P30D', identifierFields: ['result.plate'] } },
          Sensor: { name: 'ANPR', description: 'camera', encodingType: 'text/html', metadata: 'https://example.org/anpr' },
          ObservedProperty: { name: 'kenteken', definition: 'https://example.org/kenteken', description: 'kenteken' },
        },
      ],
    };
    const created = await p.app.inject({ method: 'POST', url: '/sta/v1.1/Things', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, payload: JSON.stringify(camera) });
    expect(created.statusCode, created.body).toBe(201);
    const res = await p.call('GET', '/api/v1/registers/processing?source=sensors');
    expect(res.status, res.body).toBe(200);
    const items = (res.json.items ?? res.json) as Array<Record<string, any>>;
    const record = items.find((r) => String(r.name).startsWith('Kentekencamera Markt'));
    expect(record).toMatchObject({ source: 'sensors', personalData: 'pseudonymised', purposes: ['Parkeerduur bepalen'], legalBasis: 'public-task', retention: 'P30D' });
    expect(record!.dataCategories[0]).toContain('result.plate');
    // Named by device and stream: the stream's own name follows the device's.
    expect(record!.name).toBe('Kentekencamera Markt — inrijdende voertuigen');
  });

  it('names a registered device without streams of its own once, not "name — name"', async () => {
    expect((await p.call('POST', '/api/v1/organisations', { id: 'gemeente-delft', name: 'Gemeente Delft', kind: 'gemeente' }, ADMIN_KEY)).status).toBe(201);
    const device = { ownerId: 'gemeente-delft', name: 'Wifiteller Markt', category: 'teller', theme: 'mobiliteit', location: { longitude: 4.3587, latitude: 52.0116 }, observes: [{ name: 'passanten' }], personalData: true, purpose: 'Drukte meten' };
    const posted = await p.call('POST', '/api/v1/registers/sensors/devices', device, ADMIN_KEY);
    expect(posted.status, posted.body).toBe(201);
    const sensors = (await p.call('GET', '/api/v1/registers/sensors?pageSize=200')).json.items as Array<{ id: string; name: string; streams: unknown[]; personalData: boolean | null }>;
    const registered = sensors.filter((s) => s.streams.length === 0 && s.personalData === true);
    expect(registered.length).toBeGreaterThan(0);
    const records = (await p.call('GET', '/api/v1/registers/processing?source=sensors&pageSize=200')).json.items as Array<{ id: string; name: string }>;
    for (const s of registered) expect(records.find((r) => r.id === `sensor:${s.id}:0`)?.name).toBe(s.name);
  });
});
