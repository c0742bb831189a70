import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../../src/app/capabilities.js';
import { AIR_QUALITY_FILE, FACILITIES_FILE, OCCUPANCY_FILE, parseAirQualityCsv, parseFacilities, parseOccupancyCsv } from '../../../src/live/demo/data.js';
import { AIR_DATASET, PARKING_DATASET, SEEDED_HISTORY_HOURS, seedLiveDemo, type SeedReport } from '../../../src/live/demo/seed.js';
import { testPlatform, type TestPlatform } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';

interface StaThing {
  '@iot.id': number;
  name: string;
  properties: Record<string, unknown>;
  Locations: Array<{ location: { type: string; coordinates: number[] } }>;
  Datastreams: Array<{ '@iot.id': number; name: string; observationType: string; unitOfMeasurement: { symbol: string }; properties: Record<string, unknown> }>;
}

for (const kind of STORES) {
  describe(`live demo seed (${kind.name})`, () => {
    let p: TestPlatform;
    let first: SeedReport;
    let second: SeedReport;

    beforeAll(async () => {
      p = await testPlatform(kind.name);
      // What the live demo refers to: organisations, mandates and the data register entries.
      for (const c of CAPABILITIES.slice(0, CAPABILITIES.findIndex((x) => x.name === 'live'))) await c.seedDemo?.(p.ctx);
      first = await seedLiveDemo(p.ctx);
      second = await seedLiveDemo(p.ctx);
    }, 120_000);
    afterAll(async () => p?.close());

    const things = async (demo: string): Promise<StaThing[]> => {
      const filter = encodeURIComponent(`properties/demo eq '${demo}'`);
      const res = await p.call('GET', `/sta/v1.1/Things?$filter=${filter}&$expand=Locations,Datastreams&$top=100`);
      expect(res.status).toBe(200);
      return res.json.value;
    };

    it('creates 13 parking facilities with a point and the four Datastreams, and 3 air quality stations', async () => {
      expect(first).toMatchObject({ parkingThings: 13, airThings: 3, created: 16 });
      const parking = await things('delft-parkeren');
      expect(parking).toHaveLength(13);
      for (const t of parking) {
        expect(t.Locations[0]!.location.type).toBe('Point');
        expect(t.properties).toEqual(expect.objectContaining({ uuid: expect.any(String), address: expect.any(String), operator: expect.any(String), capacity: expect.any(Number) }));
        expect(t.properties).toHaveProperty('heightLimitM');
        expect(t.properties).toHaveProperty('chargingPoints');
        expect(t.Datastreams.map((d) => d.name).sort()).toEqual(['capaciteit', 'open', 'vol', 'vrije plaatsen']);
        expect(t.Datastreams.find((d) => d.name === 'open')!.observationType).toMatch(/OM_TruthObservation$/);
      }
      const phoenix = parking.find((t) => t.properties.uuid === 'c6fa5861-abde-41af-8f00-14c188566168')!;
      expect(phoenix.Locations[0]!.location.coordinates).toEqual([4.354602, 52.010766]);

      const air = await things('amsterdam-luchtmeetnet');
      expect(air.map((t) => t.name).sort()).toEqual(['Amsterdam-Haarlemmerweg', 'Amsterdam-Vondelpark', 'Amsterdam-Westerpark']);
      const vondelpark = air.find((t) => t.name === 'Amsterdam-Vondelpark')!;
      expect(vondelpark.Datastreams.map((d) => d.name).sort()).toEqual(['CO', 'FN', 'NO', 'NO2', 'O3', 'PM10', 'PM2.5']);
      for (const d of air.flatMap((t) => t.Datastreams)) expect(d.unitOfMeasurement.symbol).toBe('µg/m³');
    });

    it('is idempotent: a second run creates nothing and stores no observation twice', async () => {
      expect(second).toMatchObject({ parkingThings: 13, airThings: 3, created: 0, observations: 0 });
      const res = await p.call('GET', '/sta/v1.1/Things?$count=true&$top=1');
      expect(res.json['@iot.count']).toBe(16);
      const sensors = await p.call('GET', '/sta/v1.1/Sensors?$count=true&$top=1');
      expect(sensors.json['@iot.count']).toBe(2);
    });

    it('loads the whole air quality series and the first hours of occupancy', async () => {
      const air = parseAirQualityCsv(readFileSync(AIR_QUALITY_FILE, 'utf8'));
      expect(air).toHaveLength(549);
      const occupancy = parseOccupancyCsv(readFileSync(OCCUPANCY_FILE, 'utf8'));
      const until = occupancy[0]!.time + SEEDED_HISTORY_HOURS * 3_600_000;
      const seeded = occupancy.filter((r) => r.time < until);
      // Real feeds report impossible counts now and then (-3 free places, more free than there are):
      // the vacant-places Datastreams declare 0..capacity, so exactly those readings are refused.
      const capacity = new Map(parseFacilities(readFileSync(FACILITIES_FILE, 'utf8')).map((f) => [f.uuid, f.capacity]));
      const implausible = seeded.filter((r) => r.vacant < 0 || r.vacant > capacity.get(r.uuid)! || r.capacity < 0).length;
      expect(implausible).toBeGreaterThan(0);
      expect(first.refused).toBe(implausible);
      expect(first.observations).toBe(549 + 4 * seeded.length - implausible);
      const count = await p.call('GET', '/sta/v1.1/Observations?$count=true&$top=1');
      expect(count.json['@iot.count']).toBe(first.observations);

      const vondelpark = (await things('amsterdam-luchtmeetnet')).find((t) => t.name === 'Amsterdam-Vondelpark')!;
      const no2 = vondelpark.Datastreams.find((d) => d.name === 'NO2')!;
      const obs = await p.call('GET', `/sta/v1.1/Datastreams(${no2['@iot.id']})/Observations?$orderby=phenomenonTime asc&$top=1`);
      // The file's first row: 2017-04-30, hour 2 (Dutch summer time), NO2 17.1 µg/m³.
      expect(obs.json.value[0]).toMatchObject({ phenomenonTime: '2017-04-30T00:00:00.000Z', result: 17.1 });
    });

    it('links every demo Datastream to a data register entry that has its mandates', async () => {
      const all = [...(await things('delft-parkeren')), ...(await things('amsterdam-luchtmeetnet'))].flatMap((t) => t.Datastreams);
      expect(all).toHaveLength(13 * 4 + 12);
      const refs = new Set(all.map((d) => d.properties.catalogDataset));
      expect([...refs].sort()).toEqual([AIR_DATASET, PARKING_DATASET].sort());
      for (const id of refs) {
        const res = await p.call('GET', `/api/v1/catalog/datasets/${id}`);
        expect(res.status, String(id)).toBe(200);
      }
      const parking = await p.call('GET', `/api/v1/catalog/datasets/${PARKING_DATASET}`);
      expect(parking.json.mandates.length).toBeGreaterThan(0);
    });

    it('gives demo sensors their publishers as owners, with bounds, and drops the implausible readings an older data directory holds', async () => {
      const parking = await things('delft-parkeren');
      const vacant = parking.flatMap((t) => t.Datastreams).filter((d) => d.name === 'vrije plaatsen');
      expect(vacant.every((d) => (d.properties.resultBounds as { min: number }).min === 0)).toBe(true);
      const owners = await p.ctx.store.all<{ owner_org: string | null }>('SELECT DISTINCT owner_org FROM sta_things');
      expect(owners.map((o) => o.owner_org).sort()).toEqual(['rdw', 'rivm']);
      // An older version: no owners, no bounds, and a reading of -3 free places stored.
      const ds = vacant[0]!['@iot.id'];
      await p.ctx.store.run('UPDATE sta_things SET owner_org = NULL');
      await p.ctx.store.run('UPDATE sta_datastreams SET owner_org = NULL, meta = ? WHERE id = ?', ['{}', ds]);
      const before = (await p.call('GET', `/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=1&$orderby=phenomenonTime desc`)).json;
      const latest = before.value[0];
      await p.ctx.store.run('UPDATE sta_observations SET result_num = -3 WHERE id = ?', [latest['@iot.id']]);
      await seedLiveDemo(p.ctx);
      const after = (await p.call('GET', `/sta/v1.1/Datastreams(${ds})/Observations?$count=true&$top=1&$orderby=phenomenonTime desc`)).json;
      expect(after['@iot.count']).toBe(before['@iot.count'] - 1);
      expect(after.value[0]['@iot.id']).not.toBe(latest['@iot.id']);
      expect(after.value[0].result).toBeGreaterThanOrEqual(0);
      const claimed = await p.ctx.store.all<{ owner_org: string | null }>('SELECT DISTINCT owner_org FROM sta_things');
      expect(claimed.map((o) => o.owner_org).sort()).toEqual(['rdw', 'rivm']);
    });
  });
}
