import type { StaHarness } from './harness.js';

const UOM = { name: 'degree Celsius', symbol: 'degC', definition: 'http://unitsofmeasure.org/ucum.html#para-30' };
const MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';
const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });
export const SQUARE = { type: 'Polygon', coordinates: [[[4.85, 52.33], [4.86, 52.33], [4.86, 52.34], [4.85, 52.34], [4.85, 52.33]]] };

/**
 * Three Things, each with one Location and one Datastream, created by deep insert.
 * Observation ids come out in order: 1-5 (Lamp A), 6-8 (Lamp B), 9-11 (Meter C).
 */
export async function loadFixture(h: StaHarness): Promise<void> {
  const sensor = { name: 'DHT22', description: 'temperature sensor', encodingType: 'application/pdf', metadata: 'https://example.org/dht22.pdf' };
  const temperature = { name: 'Temperature', definition: 'http://dbpedia.org/page/Temperature', description: 'air temperature' };
  const things = [
    {
      name: 'Lamp A',
      description: 'street lamp',
      properties: { ward: 'Centrum', height: 5, active: true },
      Locations: [{ name: 'Dam', description: 'Dam square', encodingType: 'application/geo+json', location: point(4.8925, 52.3731) }],
      Datastreams: [
        {
          name: 'temp A', description: 'air temperature at A', observationType: MEASUREMENT, unitOfMeasurement: UOM, Sensor: sensor, ObservedProperty: temperature,
          Observations: [1, 2, 3, 4, 5.5].map((result, k) => ({ phenomenonTime: `2026-01-01T0${k}:00:00Z`, result })),
        },
      ],
    },
    {
      name: 'Lamp B',
      description: 'street lamp',
      properties: { ward: 'Noord', height: 7, active: false },
      Locations: [{ name: 'Noord', description: 'north', encodingType: 'application/geo+json', location: point(4.92, 52.4) }],
      Datastreams: [
        {
          name: 'temp B', description: 'air temperature at B', observationType: MEASUREMENT, unitOfMeasurement: UOM,
          Sensor: { '@iot.id': 1 }, ObservedProperty: { '@iot.id': 1 },
          Observations: [
            { phenomenonTime: '2026-03-15T12:30:15.250Z', result: 10, resultTime: '2026-03-15T12:31:00Z', parameters: { quality: 'good' } },
            { phenomenonTime: '2026-03-16T08:00:00Z', result: 20 },
            { phenomenonTime: '2026-03-17T08:00:00Z/2026-03-17T09:00:00Z', result: 30 },
          ],
        },
      ],
    },
    {
      name: 'Meter C',
      description: '  water meter ',
      properties: { ward: 'Zuid', height: 1 },
      Locations: [{ name: 'Zuid', description: 'south', encodingType: 'application/geo+json', location: SQUARE }],
      Datastreams: [
        {
          name: 'flow', description: 'water flow level', observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CategoryObservation', unitOfMeasurement: { name: 'level', symbol: '', definition: 'https://example.org/level' },
          Sensor: { name: 'Flow', description: 'flow meter', encodingType: 'text/html', metadata: 'https://example.org/flow' },
          ObservedProperty: { name: 'Flow', definition: 'https://example.org/flow', description: 'water flow' },
          Observations: [
            { phenomenonTime: '2026-04-01T00:00:00Z', result: 'low' },
            { phenomenonTime: '2026-04-02T00:00:00Z', result: 'high' },
            { phenomenonTime: '2026-04-03T00:00:00Z', result: { level: 3, ok: true } },
          ],
        },
      ],
    },
  ];
  for (const t of things) {
    const res = await h.call('POST', '/Things', t);
    if (res.status !== 201) throw new Error(`fixture: ${res.status} ${res.body}`);
  }
}

export const ids = (json: { value: { '@iot.id': number }[] }) => json.value.map((v) => v['@iot.id']).sort((a, b) => a - b);
