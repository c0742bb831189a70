/**
 * Importing CityJSON in other CRSs and versions over HTTP, on both stores: the Swiss
 * LV95 file is kept in RD New and served back in Zürich, a CityJSON 1.0 file's BAG
 * attributes become the buildings' base-register id and year in the OGC API Features
 * properties, skipped objects are reported, and what RD New would stretch too far is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES } from '../../support/stores.js';
import { ZURICH, lv95Fixture } from '../cityjson/lv95-fixture.js';
import { ADMIN_KEY, twinPlatform, type TwinPlatform } from './twin-platform.js';

const V10 = readFileSync(join(import.meta.dirname, '../../fixtures/cityjson/v1.0/delft-bag-attributes.city.json'));

/** A square of about 20 m at a WGS 84 position, as a CityJSON 2.0 document in EPSG:4326. */
function lonLatBlock(id: string, lon: number, lat: number): string {
  const corners = [[0, 0], [20, 0], [20, 20], [0, 20]].map(([dx, dy]) => [lon + dx! / 90_000, lat + dy! / 111_000]);
  return JSON.stringify({
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [1e-9, 1e-9, 0.001], translate: [lon, lat, 0] },
    metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/4326' },
    CityObjects: { [id]: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[[0, 1, 2, 3]]] }] } },
    vertices: corners.map(([x, y]) => [Math.round((x! - lon) / 1e-9), Math.round((y! - lat) / 1e-9), 10_000]),
  });
}

for (const kind of STORES) {
  describe(`CityJSON in other CRSs and versions over HTTP: ${kind.name}`, () => {
    let p: TwinPlatform;
    beforeAll(async () => {
      p = await twinPlatform(kind.name);
    });
    afterAll(async () => p?.close());

    const importJob = async (body: string | Buffer, query = ''): Promise<any> => {
      const started = await p.call('POST', `/api/v1/twin/imports${query}`, body, ADMIN_KEY, 'application/city+json');
      expect(started.status).toBe(202);
      return p.settle(started.headers.location as string);
    };

    it('keeps a Swiss LV95 file in RD New, says so, and serves it back in Zürich', async () => {
      const fixture = lv95Fixture(5);
      const job = await importJob(JSON.stringify(fixture.document), '?name=zurich');
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ crs: 'EPSG:2056', storedIn: { crs: 'EPSG:7415', exact: false }, buildings: 5, created: 5, skipped: {} });
      expect(job.result.warnings.some((w: string) => w.startsWith('positions were transformed from EPSG:2056'))).toBe(true);
      expect(job.result.warnings.some((w: string) => w.startsWith('heights are kept'))).toBe(true);
      expect(job.result.warnings).toContainEqual(expect.stringMatching(/^RD New stretches horizontal distances here by up to 0\.2\d %/));
      const box = [ZURICH[0] - 0.01, ZURICH[1] - 0.01, ZURICH[0] + 0.01, ZURICH[1] + 0.01].join(',');
      const items = await p.call('GET', `/api/v1/twin/collections/buildings/items?bbox=${box}`);
      expect(items.status).toBe(200);
      expect(items.json.features.map((f: any) => f.id).sort()).toEqual([...fixture.ids].sort());
      for (const f of items.json.features) {
        const [lon, lat] = f.geometry.coordinates[0][0];
        expect(Math.abs(lon - ZURICH[0])).toBeLessThan(0.01);
        expect(Math.abs(lat - ZURICH[1])).toBeLessThan(0.01);
      }
    });

    it("imports a CityJSON 1.0 file's BAG attributes as base-register id and year, shown in the OGC API properties", async () => {
      const job = await importJob(V10, '?name=v10');
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ crs: 'EPSG:7415', storedIn: { crs: 'EPSG:7415', exact: true }, buildings: 4 });
      expect(job.result.skipped).toEqual({ BuildingInstallation: 1, Road: 2, LandUse: 1, WaterBody: 1, SolitaryVegetationObject: 1, CityFurniture: 2, GenericCityObject: 1 });
      expect(job.result.warnings).toContainEqual(expect.stringMatching(/^9 CityObject\(s\) that are not buildings or parts of one were skipped: 2 CityFurniture, 2 Road, 1 BuildingInstallation/));
      const raw = JSON.parse(V10.toString('utf8'));
      const a = await p.call('GET', '/api/v1/twin/collections/buildings/items/pand-a');
      expect(a.json.properties).toMatchObject({ bagId: String(raw.CityObjects['pand-a'].attributes.bagpandid).padStart(16, '0'), year: 1923 });
      const b = await p.call('GET', '/api/v1/twin/collections/buildings/items/pand-b');
      expect(b.json.properties).toMatchObject({ bagId: '0503100000032914', year: 1885 });
      const schuur = await p.call('GET', '/api/v1/twin/collections/buildings/items/schuur');
      expect(schuur.json.properties).toMatchObject({ bagId: null, year: null });
    });

    it('refuses buildings so far away that RD New would stretch them more than 5 %, writing nothing', async () => {
      const before = (await p.call('GET', '/api/v1/twin/collections/buildings')).json.numberOfBuildings;
      // Nicosia, about 2,950 km from Amersfoort.
      const far = await importJob(lonLatBlock('nicosia', 33.36, 35.17));
      expect(far.state).toBe('failed');
      expect(far.error.code).toBe('validation-failed');
      expect(far.error.detail).toMatch(/EPSG:4326 \(WGS 84\): .*stretch their footprints by 5\.\d+ % \(at most 5 % is accepted\)/);
      // Athens (2,170 km) is within the bound, with the stretch in the report.
      const athens = await importJob(lonLatBlock('athens', 23.73, 37.98));
      expect(athens.state).toBe('succeeded');
      expect(athens.result.warnings).toContainEqual(expect.stringMatching(/^RD New stretches horizontal distances here by up to 2\.8\d %/));
      expect((await p.call('GET', '/api/v1/twin/collections/buildings')).json.numberOfBuildings).toBe(before + 1);
    });

    it('fails the job with the CRS named for a file whose coordinates are not where its CRS is used', async () => {
      const bad = readFileSync(join(import.meta.dirname, '../../fixtures/cityjson/bad/rd-coordinates-named-lv95.city.json'));
      const job = await importJob(bad);
      expect(job.state).toBe('failed');
      expect(job.error.detail).toMatch(/outside the area of use of EPSG:2056 \(CH1903\+ \/ LV95\)/);
    });
  });
}
