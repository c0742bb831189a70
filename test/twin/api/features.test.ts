/**
 * The buildings collection as OGC API Features, beyond the generic conformance
 * suite: RD coordinates exactly as in the source file, NAP heights in EPSG:7415,
 * time by year of construction, a capped limit, links from the public URL.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES } from '../../support/stores.js';
import { allFeatures, positions } from '../../kernel/features/ats.js';
import { ADMIN_KEY, twinPlatform, type TwinPlatform } from './twin-platform.js';

const file = (rel: string) => readFileSync(new URL(`../../../demo/${rel}`, import.meta.url));
const DELFT = file('delft/buildings-lod1-2016.city.json');
const SEQ = file('delft/3dbag-subset.city.jsonl');
const ITEMS = '/api/v1/twin/collections/buildings/items';
const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;
const PUBLIC = 'https://data.example.nl/thorbecke';

/** Every vertex of a CityJSON document in RD, to the millimetre, as the file has it. */
function sourceVertices(doc: { transform: { scale: number[]; translate: number[] }; vertices: number[][] }): Set<string> {
  const { scale, translate } = doc.transform;
  return new Set(doc.vertices.map((v) => `${Math.round((v[0]! * scale[0]! + translate[0]!) * 1000)},${Math.round((v[1]! * scale[1]! + translate[1]!) * 1000)}`));
}

for (const kind of STORES) {
  describe(`twin buildings as OGC API Features: ${kind.name}`, () => {
    let p: TwinPlatform;
    beforeAll(async () => {
      p = await twinPlatform(kind.name, { publicBaseUrl: PUBLIC });
      for (const [body, type] of [[DELFT, 'application/city+json'], [SEQ, 'application/city+json-seq']] as const) {
        const job = await p.settle((await p.call('POST', '/api/v1/twin/imports', body, ADMIN_KEY, type)).headers.location as string);
        expect(job.state).toBe('succeeded');
      }
    }, 120_000);
    afterAll(async () => p?.close());

    const path = (href: string) => href.slice(PUBLIC.length);

    it('serves RD footprints in EPSG:28992 with the source file’s coordinates, to the millimetre', async () => {
      const vertices = sourceVertices(JSON.parse(DELFT.toString('utf8')));
      const { features } = await allFeatures(p.call, `${ITEMS}?limit=1000&crs=${EPSG(28992)}`);
      const fromDelft = features.filter((f) => !String(f.id).startsWith('NL.IMBAG'));
      expect(fromDelft.length).toBeGreaterThan(100);
      for (const f of fromDelft) {
        for (const [x, y, ...rest] of positions(f.geometry)) {
          expect(rest).toEqual([]);
          // The number served is the number in the file: no transformation, no rounding.
          expect(vertices.has(`${Math.round(x! * 1000)},${Math.round(y! * 1000)}`), `${f.id} ${x},${y}`).toBe(true);
          expect(Math.abs(x! * 1000 - Math.round(x! * 1000))).toBeLessThan(1e-6);
        }
      }
    });

    it('puts RD + NAP footprints (EPSG:7415) at the building’s ground height', async () => {
      const { features } = await allFeatures(p.call, `${ITEMS}?limit=1000&crs=${EPSG(7415)}`);
      const rd = (await allFeatures(p.call, `${ITEMS}?limit=1000&crs=${EPSG(28992)}`)).features;
      features.forEach((f, i) => {
        const flat = positions(rd[i].geometry);
        positions(f.geometry).forEach((pos, j) => {
          expect(pos.slice(0, 2)).toEqual(flat[j]);
          expect(pos[2]).toBe(f.properties.groundHeight ?? undefined);
        });
      });
    });

    it('caps a limit above the maximum instead of refusing it', async () => {
      const r = await p.call('GET', `${ITEMS}?limit=5000`);
      expect(r.status, r.body).toBe(200);
      expect(r.json.numberReturned).toBe(r.json.numberMatched);
      expect(r.json.links.find((l: any) => l.rel === 'self').href).toContain('limit=1000');
    });

    it('selects by datetime exactly as a scan of the years of construction does', async () => {
      const { features } = await allFeatures(p.call, `${ITEMS}?limit=1000`);
      const years = features.map((f) => f.properties.year).filter((y): y is number => y !== null);
      expect(years.length).toBeGreaterThan(5);
      const mid = [...years].sort((a, b) => a - b)[Math.floor(years.length / 2)]!;
      const cases: Array<[string, number | null]> = [
        [`${mid}-06-01T00:00:00Z`, mid],
        [`${mid}-01-01T00:00:00Z`, mid],
        [`${mid - 1}-12-31T23:59:59Z`, mid - 1],
        [`../${mid}-03-01T00:00:00+01:00`, mid],
        [`1000-01-01T00:00:00Z/${mid + 3}-01-01T00:00:00Z`, mid + 3],
        [`${mid}-01-01T00:00:00Z/..`, null],
        [`1000-01-01T00:00:00Z`, 1000],
      ];
      for (const [dt, builtBy] of cases) {
        const got = await allFeatures(p.call, `${ITEMS}?limit=1000&datetime=${encodeURIComponent(dt)}`);
        // A building exists from the start of its year of construction on; one without a year matches any time.
        const want = features.filter((f) => builtBy === null || f.properties.year === null || f.properties.year <= builtBy).map((f) => f.id);
        expect(got.features.map((f) => f.id), dt).toEqual(want);
      }
    });

    it('builds every link from the public URL, and the links lead on', async () => {
      const landing = (await p.call('GET', '/api/v1/twin')).json;
      for (const l of landing.links) expect(l.href.startsWith(`${PUBLIC}/api/v1/`), l.href).toBe(true);
      const r = await p.call('GET', `${ITEMS}?limit=50&crs=${encodeURIComponent(EPSG(28992))}`);
      expect(r.status, r.body).toBe(200);
      const first = r.json;
      const next = first.links.find((l: any) => l.rel === 'next').href as string;
      expect(next).toBe(`${PUBLIC}${ITEMS}?limit=50&crs=${encodeURIComponent(EPSG(28992))}&offset=50`);
      const second = await p.call('GET', path(next));
      expect(second.headers['content-crs']).toBe(`<${EPSG(28992)}>`);
      expect(second.json.features[0].id).not.toBe(first.features[0].id);
      const feature = (await p.call('GET', `${ITEMS}/${encodeURIComponent(first.features[0].id)}`)).json;
      expect(feature.links.length).toBeGreaterThanOrEqual(3);
      for (const l of feature.links) expect(l.href.startsWith(`${PUBLIC}/api/v1/twin/`), l.href).toBe(true);
    });
  });
}
