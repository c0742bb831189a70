/**
 * The abstract test suites of OGC API – Features – Part 1 (OGC 17-069r4, Annex A:
 * /conf/core and /conf/geojson) and Part 2 (OGC 18-058r1, /conf/crs), one `it` per
 * abstract test, run against every OGC root and every collection the platform
 * serves: roots are found in the OpenAPI document, collections in /collections, so
 * a new capability's collections are tested without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformBbox, transformPoint } from '../../../src/kernel/geo/index.js';
import { featuresPlatform } from '../../support/features-platform.js';
import { STORES } from '../../support/stores.js';
import {
  allFeatures, boxesMeet, CORE, CRS84, CRS_CLASS, discoverRoots, expectFeature, expectFeatureCollection, expectHtmlHolds, expectLinks, featureBox, GEOJSON_CLASS, HTML_CLASS, linkOf, positions, type Box, type Call,
} from './ats.js';

const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;
/** The CRSs this test engine can convert (with the geo kernel), and how: EPSG code, latitude first. */
const KNOWN: Record<string, { epsg: number; latFirst: boolean }> = {
  [CRS84]: { epsg: 4326, latFirst: false },
  [EPSG(4326)]: { epsg: 4326, latFirst: true },
  [EPSG(28992)]: { epsg: 28992, latFirst: false },
  [EPSG(7415)]: { epsg: 28992, latFirst: false },
};

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const withQuery = (url: string, params: Record<string, string | number>) => `${url}${url.includes('?') ? '&' : '?'}${q(params)}`;

/** A box in the middle of a CRS84 extent (half its width and height), so it holds some features and misses others. */
const middle = (e: Box): Box => {
  const [w, s, east, n] = e;
  const dx = (east - w) / 4;
  const dy = (n - s) / 4;
  return [w + dx, s + dy, east - dx, n - dy];
};

/** A CRS84 box in `crs`, written in that CRS's axis order. */
function boxIn(b: Box, crs: string): Box {
  const k = KNOWN[crs]!;
  const t = k.epsg === 4326 ? b : (transformBbox(b, 4326, k.epsg) as Box);
  return k.latFirst ? [t[1], t[0], t[3], t[2]] : t;
}

/** A position in `crs` (its axis order) back in CRS84. */
function toCrs84(p: number[], crs: string): [number, number] {
  const k = KNOWN[crs]!;
  const xy: [number, number] = k.latFirst ? [p[1]!, p[0]!] : [p[0]!, p[1]!];
  return k.epsg === 4326 ? xy : transformPoint(xy, k.epsg, 4326);
}

for (const kind of STORES) {
  const p = await featuresPlatform(kind.name);
  const call: Call = p.call;
  const roots = await discoverRoots(call);
  const collectionsOf = new Map<string, any[]>();
  for (const root of roots) collectionsOf.set(root, (await call('GET', `${root}/collections`)).json.collections);
  const openapi = (await call('GET', '/api/v1/openapi.json')).json;

  describe(`OGC API Features conformance: ${kind.name}`, () => {
    afterAll(async () => p.close());

    it('finds the OGC roots of the platform, each with collections', () => {
      expect(roots).toEqual(expect.arrayContaining(['/api/v1/rules', '/api/v1/twin']));
      for (const root of roots) expect(collectionsOf.get(root)!.length, root).toBeGreaterThan(0);
    });

    for (const root of roots) {
      describe(root, () => {
        const base = `${p.ctx.baseUrl}${root}`;
        let landing: any;
        beforeAll(async () => {
          landing = (await call('GET', root)).json;
        });

        it('/conf/core/http', () => {
          // Every advertised path is HTTP/1.1 under the configured public URL.
          for (const l of landing.links) expect(l.href.startsWith(p.ctx.baseUrl)).toBe(true);
        });

        it('/conf/core/root-op', async () => {
          const r = await call('GET', root);
          expect(r.status).toBe(200);
          expect(r.headers['content-type']).toMatch(/^application\/json/);
        });

        it('/conf/core/root-success', () => {
          expectLinks(landing.links);
          expect(linkOf(landing.links, 'service-desc') ?? linkOf(landing.links, 'service-doc')).toBeDefined();
          expect(linkOf(landing.links, 'conformance')!.href).toBe(`${base}/conformance`);
          expect(linkOf(landing.links, 'data')!.href).toBe(`${base}/collections`);
          expect(linkOf(landing.links, 'self')!.href).toBe(base);
          expect(linkOf(landing.links, 'alternate', 'text/html')!.href).toBe(`${base}?f=html`);
        });

        it('/conf/core/api-definition-op', async () => {
          for (const rel of ['service-desc', 'service-doc']) {
            const r = await call('GET', linkOf(landing.links, rel)!.href);
            expect(r.status, rel).toBe(200);
          }
        });

        it('/conf/core/api-definition-success', async () => {
          const doc = (await call('GET', linkOf(landing.links, 'service-desc')!.href)).json;
          expect(doc.openapi).toMatch(/^3\.1\./);
          for (const path of ['', '/conformance', '/collections', '/collections/{collectionId}', '/collections/{collectionId}/items', '/collections/{collectionId}/items/{featureId}']) {
            expect(doc.paths[`${root}${path}`]?.get, `${root}${path}`).toBeDefined();
          }
        });

        it('/conf/core/conformance-op', async () => {
          for (const url of [linkOf(landing.links, 'conformance')!.href, `${root}/conformance`]) {
            const r = await call('GET', url);
            expect(r.status).toBe(200);
            expect(r.json.conformsTo).toEqual(expect.arrayContaining([CORE]));
          }
        });

        it('/conf/core/conformance-success', async () => {
          const { conformsTo } = (await call('GET', `${root}/conformance`)).json;
          expect(conformsTo.every((c: unknown) => typeof c === 'string')).toBe(true);
          // What this suite tests is what the root declares, no more, no less.
          expect([...conformsTo].sort()).toEqual([CORE, GEOJSON_CLASS, HTML_CLASS, CRS_CLASS].sort());
        });

        it('/conf/html/definition', async () => {
          for (const path of ['', '/conformance', '/collections']) {
            const viaF = await call('GET', `${root}${path}?f=html`);
            expect(viaF.status, path).toBe(200);
            expect(viaF.headers['content-type'], path).toMatch(/^text\/html/);
            // A browser's Accept gets HTML too; GDAL's, curl's and fetch's get JSON.
            const browser = await p.app.inject({ method: 'GET', url: `${root}${path}`, headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
            expect(browser.headers['content-type'], path).toMatch(/^text\/html/);
            for (const accept of ['application/json', 'application/geo+json, application/json', '*/*', '']) {
              const r = await p.app.inject({ method: 'GET', url: `${root}${path}`, headers: { accept } });
              expect(r.headers['content-type'], `${path} ${accept}`).toMatch(/^application\/json/);
            }
          }
        });

        it('/conf/html/content', async () => {
          for (const path of ['', '/conformance', '/collections']) {
            const json = (await call('GET', `${root}${path}`)).json;
            expectHtmlHolds((await call('GET', `${root}${path}?f=html`)).body, json);
          }
        });

        it('/conf/core/fc-md-op', async () => {
          const r = await call('GET', linkOf(landing.links, 'data')!.href);
          expect(r.status).toBe(200);
          expect(Array.isArray(r.json.collections)).toBe(true);
        });

        it('/conf/core/fc-md-links', async () => {
          const doc = (await call('GET', `${root}/collections`)).json;
          expectLinks(doc.links);
          expect(linkOf(doc.links, 'self')!.href).toBe(`${base}/collections`);
          expect(linkOf(doc.links, 'alternate', 'text/html')!.href).toBe(`${base}/collections?f=html`);
        });

        it('/conf/core/fc-md-items', () => {
          const cols = collectionsOf.get(root)!;
          expect(new Set(cols.map((c) => c.id)).size).toBe(cols.length);
          for (const c of cols) {
            expect(c.id).toMatch(/^[a-z0-9-]+$/);
            expect(c.itemType).toBe('feature');
            expectLinks(c.links);
          }
        });

        it('/conf/core/fc-md-items-links', () => {
          for (const c of collectionsOf.get(root)!) {
            // One items link per encoding the API serves.
            expect(linkOf(c.links, 'items', 'application/geo+json')!.href, c.id).toBe(`${base}/collections/${c.id}/items`);
            expect(linkOf(c.links, 'items', 'text/html')!.href, c.id).toBe(`${base}/collections/${c.id}/items?f=html`);
          }
        });

        it('/conf/core/fc-md-success', () => {
          for (const c of collectionsOf.get(root)!) expect(c.crs[0], c.id).toBe(CRS84);
        });

        for (const meta of collectionsOf.get(root)!) {
          describe(`collection ${meta.id}`, () => {
            const items = `${root}/collections/${meta.id}/items`;
            let all: { features: any[]; numberMatched: number };
            beforeAll(async () => {
              all = await allFeatures(call, `${items}?limit=1000`);
            });

            it('/conf/core/fc-md-extent', () => {
              const bbox = meta.extent?.spatial?.bbox?.[0] as Box | undefined;
              if (all.features.length === 0) return expect(bbox).toBeUndefined();
              expect(meta.extent.spatial.crs).toBe(CRS84);
              for (const f of all.features) {
                const b = featureBox(f);
                if (b) expect(b[0] >= bbox![0] && b[1] >= bbox![1] && b[2] <= bbox![2] && b[3] <= bbox![3], `${f.id} ${b} in ${bbox}`).toBe(true);
              }
              const interval = meta.extent.temporal?.interval?.[0];
              if (interval) expect(interval.length).toBe(2);
            });

            it('/conf/core/sfc-md-op', async () => {
              const r = await call('GET', linkOf(meta.links, 'self')!.href);
              expect(r.status).toBe(200);
            });

            it('/conf/core/sfc-md-success', async () => {
              const one = (await call('GET', `${root}/collections/${meta.id}`)).json;
              for (const k of ['id', 'title', 'description', 'extent', 'itemType', 'crs', 'storageCrs']) expect(one[k], k).toEqual(meta[k]);
              for (const l of meta.links) expect(one.links).toContainEqual(l);
            });

            it('/conf/core/fc-op', async () => {
              const r = await call('GET', items);
              expect(r.status).toBe(200);
              expectFeatureCollection(r.json, { geographic: true });
            });

            it('/conf/core/fc-response', async () => {
              const r = await call('GET', `${items}?limit=5`);
              expectFeatureCollection(r.json, { geographic: true });
              expect(r.json.features).toEqual(all.features.slice(0, 5));
            });

            it('/conf/core/fc-links', async () => {
              const r = (await call('GET', `${items}?limit=1&offset=1`)).json;
              expectLinks(r.links);
              expect(linkOf(r.links, 'self', 'application/geo+json')!.href).toBe(`${base}/collections/${meta.id}/items?limit=1&offset=1`);
              if (all.numberMatched > 2) expect(linkOf(r.links, 'next')!.href).toContain('offset=2');
              expect(linkOf(r.links, 'prev')!.href).toContain('offset=0');
              expect(linkOf(r.links, 'alternate', 'text/html')!.href).toBe(`${base}/collections/${meta.id}/items?limit=1&offset=1&f=html`);
            });

            it('/conf/core/fc-timeStamp', async () => {
              const before = Date.now();
              const r = (await call('GET', items)).json;
              const at = Date.parse(r.timeStamp);
              expect(at).toBeGreaterThanOrEqual(before - 1);
              expect(at).toBeLessThanOrEqual(Date.now());
            });

            it('/conf/core/fc-numberMatched', async () => {
              expect(all.numberMatched).toBe(all.features.length);
              expect(new Set(all.features.map((f) => f.id)).size).toBe(all.features.length);
            });

            it('/conf/core/fc-numberReturned', async () => {
              const r = (await call('GET', `${items}?limit=3`)).json;
              expect(r.numberReturned).toBe(r.features.length);
              expect(r.numberReturned).toBe(Math.min(3, all.numberMatched));
            });

            it('/conf/core/fc-bbox-definition', async () => {
              const param = openapi.paths[`${root}/collections/{collectionId}/items`].get.parameters.find((x: any) => x.name === 'bbox');
              expect(param).toMatchObject({ in: 'query', required: false });
              const b = meta.extent?.spatial?.bbox?.[0] ?? [3, 50, 7, 54];
              for (const text of [b.join(','), [b[0], b[1], -10, b[2], b[3], 100].join(',')]) expect((await call('GET', `${items}?bbox=${text}`)).status, text).toBe(200);
              for (const text of ['1,2,3', '1,2,3,4,5', 'a,b,c,d', '']) expect((await call('GET', `${items}?bbox=${text}`)).status, text).toBe(400);
            });

            it('/conf/core/fc-bbox-response', async () => {
              if (all.features.length === 0) return;
              const box = middle(meta.extent.spatial.bbox[0]);
              const got = await allFeatures(call, `${items}?limit=1000&bbox=${box.join(',')}`);
              for (const f of got.features) expect(boxesMeet(featureBox(f)!, box), f.id).toBe(true);
              const expected = all.features.filter((f) => !featureBox(f) || boxesMeet(featureBox(f)!, box)).map((f) => f.id);
              expect(got.features.map((f) => f.id)).toEqual(expected);
              expect(got.numberMatched).toBe(expected.length);
            });

            it('/conf/core/fc-limit-definition', () => {
              const param = openapi.paths[`${root}/collections/{collectionId}/items`].get.parameters.find((x: any) => x.name === 'limit');
              expect(param).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1 } });
              expect(param.schema.maximum).toBeGreaterThanOrEqual(param.schema.default);
            });

            it('/conf/core/fc-limit-response', async () => {
              const { maximum, default: dflt } = openapi.paths[`${root}/collections/{collectionId}/items`].get.parameters.find((x: any) => x.name === 'limit').schema;
              expect((await call('GET', `${items}?limit=2`)).json.features.length).toBe(Math.min(2, all.numberMatched));
              expect((await call('GET', items)).json.features.length).toBe(Math.min(dflt, all.numberMatched));
              const over = await call('GET', `${items}?limit=${maximum + 1}`);
              expect(over.status).toBe(200);
              expect(over.json.features.length).toBe(Math.min(maximum, all.numberMatched));
              expect(linkOf(over.json.links, 'self')!.href).toContain(`limit=${maximum}`);
            });

            it('/conf/core/fc-time-definition', () => {
              const param = openapi.paths[`${root}/collections/{collectionId}/items`].get.parameters.find((x: any) => x.name === 'datetime');
              expect(param).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
            });

            it('/conf/core/fc-time-response', async () => {
              const count = async (dt: string) => {
                const r = await call('GET', `${items}?limit=1&datetime=${encodeURIComponent(dt)}`);
                expect(r.status, dt).toBe(200);
                return r.json.numberMatched as number;
              };
              const forms = ['2018-02-12T23:20:52Z', '2018-02-12T00:00:00Z/2018-03-18T12:31:12Z', '2018-02-12T00:00:00+01:00/..', '2018-02-12T00:00:00Z/', '../2018-03-18T12:31:12Z', '/2018-03-18T12:31:12Z'];
              const interval = meta.extent?.temporal?.interval?.[0] as [string | null, string | null] | undefined;
              for (const dt of forms) {
                const n = await count(dt);
                // Without time every feature matches (/req/core/fc-time-response C).
                if (!interval) expect(n, dt).toBe(all.numberMatched);
                else expect(n, dt).toBeLessThanOrEqual(all.numberMatched);
              }
              if (interval) {
                expect(await count(`${interval[0] ?? '..'}/${interval[1] ?? '..'}`)).toBe(all.numberMatched);
                expect(await count(`../${interval[0]}`)).toBeLessThanOrEqual(all.numberMatched);
              }
              for (const dt of ['yesterday', '2018-13-01T00:00:00Z', '../..', '2018-02-12T00:00:00Z/2017-01-01T00:00:00Z', 'a/b/c']) {
                expect((await call('GET', `${items}?datetime=${encodeURIComponent(dt)}`)).status, dt).toBe(400);
              }
              if (all.features.length > 0) {
                // bbox and datetime together: only features matching both.
                const box = middle(meta.extent.spatial.bbox[0]).join(',');
                const dt = interval ? `../${interval[0]}` : '2018-02-12T23:20:52Z';
                const both = await allFeatures(call, `${items}?limit=1000&bbox=${box}&datetime=${encodeURIComponent(dt)}`);
                const byBox = new Set((await allFeatures(call, `${items}?limit=1000&bbox=${box}`)).features.map((f) => f.id));
                const byTime = new Set((await allFeatures(call, `${items}?limit=1000&datetime=${encodeURIComponent(dt)}`)).features.map((f) => f.id));
                expect(both.features.map((f) => f.id)).toEqual([...byBox].filter((id) => byTime.has(id)));
              }
            });

            it('/conf/core/query-param-invalid', async () => {
              for (const bad of ['limit=0', 'limit=-5', 'limit=ten', 'offset=-1', 'bbox=1,2,3', 'bbox=0,60,10,50', 'datetime=never', 'crs=nonsense']) {
                const r = await call('GET', `${items}?${bad}`);
                expect(r.status, bad).toBe(400);
                expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
              }
            });

            it('/conf/core/query-param-unknown', async () => {
              for (const url of [`${items}?thisIsNotAParameter=1`, `${root}/collections/${meta.id}/items/x?unknown=1`]) expect((await call('GET', url)).status, url).toBe(400);
            });

            it('/conf/core/f-op', async () => {
              const step = Math.max(1, Math.floor(all.features.length / 20));
              for (const f of all.features.filter((_, i) => i % step === 0)) {
                const r = await call('GET', `${items}/${encodeURIComponent(f.id)}`);
                expect(r.status, f.id).toBe(200);
                expect(r.json.id).toBe(f.id);
                expect(r.json.geometry).toEqual(f.geometry);
                expect(r.json.properties).toEqual(f.properties);
              }
              const missing = await call('GET', `${items}/no-such-feature`);
              expect(missing.status).toBe(404);
              expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
            });

            it('/conf/core/f-success', async () => {
              for (const f of all.features.slice(0, 5)) expectFeature((await call('GET', `${items}/${encodeURIComponent(f.id)}`)).json, { geographic: true });
            });

            it('/conf/core/f-links', async () => {
              for (const f of all.features.slice(0, 5)) {
                const doc = (await call('GET', `${items}/${encodeURIComponent(f.id)}`)).json;
                expectLinks(doc.links);
                const self = linkOf(doc.links, 'self', 'application/geo+json')!.href;
                expect((await call('GET', self)).json.id).toBe(f.id);
                expect(linkOf(doc.links, 'collection')!.href).toBe(`${base}/collections/${meta.id}`);
                const html = await call('GET', linkOf(doc.links, 'alternate', 'text/html')!.href);
                expect(html.headers['content-type']).toMatch(/^text\/html/);
              }
            });

            it('/conf/core/crs84', () => {
              for (const f of all.features) {
                if (!f.geometry) continue;
                for (const [lon, lat] of positions(f.geometry)) expect(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90).toBe(true);
              }
            });

            it('/conf/geojson/definition', async () => {
              expect((await call('GET', items)).headers['content-type']).toMatch(/^application\/geo\+json/);
              if (all.features[0]) expect((await call('GET', `${items}/${encodeURIComponent(all.features[0].id)}`)).headers['content-type']).toMatch(/^application\/geo\+json/);
              expect(linkOf(meta.links, 'items')!.type).toBe('application/geo+json');
            });

            it('/conf/geojson/content', () => {
              for (const f of all.features) expectFeature(f, { geographic: true });
            });

            it('/conf/html/content (collection, features, feature)', async () => {
              const paths = [`${root}/collections/${meta.id}`, `${items}?limit=5`, ...all.features.slice(0, 3).map((f) => `${items}/${encodeURIComponent(f.id)}`)];
              for (const path of paths) {
                const html = await call('GET', withQuery(path, { f: 'html' }));
                expect(html.status, path).toBe(200);
                expect(html.headers['content-type'], path).toMatch(/^text\/html/);
                expectHtmlHolds(html.body, (await call('GET', path)).json);
              }
            });

            it('/conf/crs/crs-uri', () => {
              for (const c of [...meta.crs, meta.storageCrs]) expect(c).toMatch(/^http:\/\/www\.opengis\.net\/def\/crs\/(EPSG|OGC)\/[0-9.]+\/[A-Za-z0-9]+$/);
            });

            it('/conf/crs/default-crs', () => {
              expect(meta.crs).toContain(CRS84);
            });

            it('/conf/crs/storageCrs', () => {
              expect(meta.crs).toContain(meta.storageCrs);
            });

            it('/conf/crs/crs-parameter', async () => {
              const id = all.features[0]?.id;
              for (const crs of meta.crs) {
                const r = await call('GET', `${items}?${q({ crs, limit: 10 })}`);
                expect(r.status, crs).toBe(200);
                expectFeatureCollection(r.json, { geographic: false });
                expect(r.headers['content-crs']).toBe(`<${crs}>`);
                if (id === undefined) continue;
                const one = await call('GET', `${items}/${encodeURIComponent(id)}?${q({ crs })}`);
                expect(one.status, crs).toBe(200);
                expect(one.headers['content-crs']).toBe(`<${crs}>`);
              }
            });

            it('/conf/crs/crs-parameter-invalid', async () => {
              const id = all.features[0]?.id ?? 'x';
              for (const crs of [EPSG(3857), EPSG(99999), 'http://www.opengis.net/def/crs/OGC/0/CRS84h', 'not-a-crs']) {
                expect((await call('GET', `${items}?${q({ crs })}`)).status, crs).toBe(400);
                expect((await call('GET', `${items}/${encodeURIComponent(id)}?${q({ crs })}`)).status, crs).toBe(400);
              }
            });

            it('/conf/crs/crs-parameter-default', async () => {
              expect((await call('GET', items)).headers['content-crs']).toBe(`<${CRS84}>`);
            });

            it('/conf/crs/crs-parameter-transform', async () => {
              const sample = all.features.slice(0, 30);
              for (const crs of meta.crs.filter((c: string) => KNOWN[c])) {
                const page = (await call('GET', `${items}?${q({ crs, limit: 30 })}`)).json.features;
                expect(page.map((f: any) => f.id)).toEqual(sample.map((f) => f.id));
                page.forEach((f: any, i: number) => {
                  if (!f.geometry) return expect(sample[i].geometry).toBeNull();
                  const want = positions(sample[i].geometry);
                  const got = positions(f.geometry).map((pos) => toCrs84(pos, crs));
                  expect(got.length).toBe(want.length);
                  got.forEach((g, j) => {
                    expect(Math.abs(g[0] - want[j]![0]!), `${crs} ${f.id}`).toBeLessThan(1e-6);
                    expect(Math.abs(g[1] - want[j]![1]!), `${crs} ${f.id}`).toBeLessThan(1e-6);
                  });
                });
              }
            });

            it('/conf/crs/bbox-crs-parameter', async () => {
              if (all.features.length === 0) return;
              const box84 = middle(meta.extent.spatial.bbox[0]);
              for (const crs of meta.crs.filter((c: string) => KNOWN[c])) {
                const box = boxIn(box84, crs);
                const everything = await allFeatures(call, `${items}?${q({ crs, limit: 1000 })}`);
                const got = await allFeatures(call, `${items}?${q({ crs, 'bbox-crs': crs, bbox: box.join(','), limit: 1000 })}`);
                for (const f of got.features) expect(boxesMeet(featureBox(f)!, box), `${crs} ${f.id}`).toBe(true);
                const expected = everything.features.filter((f) => !featureBox(f) || boxesMeet(featureBox(f)!, box)).map((f) => f.id);
                expect(got.features.map((f) => f.id), crs).toEqual(expected);
              }
            });

            it('/conf/crs/bbox-crs-parameter-invalid', async () => {
              for (const crs of [EPSG(3857), 'urn:ogc:def:crs:EPSG::2000', 'nonsense']) expect((await call('GET', `${items}?${q({ bbox: '1,2,3,4', 'bbox-crs': crs })}`)).status, crs).toBe(400);
            });

            it('/conf/crs/bbox-crs-parameter-default', async () => {
              const box = (meta.extent ? middle(meta.extent.spatial.bbox[0]) : [3, 50, 7, 54]).join(',');
              const a = (await call('GET', `${items}?${q({ bbox: box, limit: 1000 })}`)).json.features.map((f: any) => f.id);
              const b = (await call('GET', `${items}?${q({ bbox: box, 'bbox-crs': CRS84, limit: 1000 })}`)).json.features.map((f: any) => f.id);
              expect(b).toEqual(a);
            });
          });
        }
      });
    }
  });
}
