import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformPoint } from '../../../src/kernel/geo/index.js';
import { twinImportCommand } from '../../../src/twin/cli.js';
import { DEMO_SCENARIO_ID, seedTwinDemo } from '../../../src/twin/demo.js';
import { closeSunWorkers } from '../../../src/twin/sun/index.js';
import { readGlb } from '../../../src/twin/tiles/index.js';
import { STORES } from '../../support/stores.js';
import { ADMIN_KEY, twinPlatform, type TwinPlatform } from './twin-platform.js';

const file = (rel: string) => readFileSync(new URL(`../../../demo/${rel}`, import.meta.url));
const DELFT = file('delft/buildings-lod1-2016.city.json');
const SEQ_PATH = new URL('../../../demo/delft/3dbag-subset.city.jsonl', import.meta.url).pathname;
const DENHAAG = file('denhaag/denhaag-subset-lod2.city.json');
/** The demo district, a little wider than its buildings. */
const DISTRICT = [4.3648, 52.0109, 4.3686, 52.0127] as const;
/** The example tower's footprint in RD (see src/twin/demo.ts). */
const TOWER = { minX: 84961, minY: 447508, maxX: 84979, maxY: 447526 };

const intersects = (a: readonly number[], b: readonly number[]) => a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;

afterAll(async () => closeSunWorkers());

for (const kind of STORES) {
  describe(`twin API: ${kind.name}`, () => {
    let p: TwinPlatform;
    let delftKey: string;
    let otherKey: string;
    let all: any[];

    beforeAll(async () => {
      p = await twinPlatform(kind.name);
      for (const [id, name] of [['gemeente-delft', 'Gemeente Delft'], ['ander', 'Andere organisatie']]) {
        expect((await p.call('POST', '/api/v1/organisations', { id, name, kind: 'gemeente' }, ADMIN_KEY)).status).toBe(201);
      }
      delftKey = (await p.call('POST', '/api/v1/organisations/gemeente-delft/keys', { label: 'tests' }, ADMIN_KEY)).json.key;
      otherKey = (await p.call('POST', '/api/v1/organisations/ander/keys', { label: 'tests' }, ADMIN_KEY)).json.key;
    });
    afterAll(async () => p?.close());

    describe('import', () => {
      it('needs the administrator key', async () => {
        expect((await p.call('POST', '/api/v1/twin/imports', DELFT, undefined, 'application/city+json')).status).toBe(401);
        expect((await p.call('POST', '/api/v1/twin/imports', DELFT, delftKey, 'application/city+json')).status).toBe(403);
      });

      it('imports the Delft district (1.4 MB CityJSON) as a job with progress', async () => {
        const started = await p.call('POST', '/api/v1/twin/imports?name=delft', DELFT, ADMIN_KEY, 'application/city+json');
        expect(started.status).toBe(202);
        expect(started.headers.location).toBe(`/api/v1/jobs/${started.json.id}`);
        const job = await p.settle(started.headers.location as string);
        expect(job.state).toBe('succeeded');
        expect(job.result).toMatchObject({ format: 'CityJSON', crs: 'EPSG:7415', buildings: 160, created: 160, updated: 0 });
        expect(job.progress).toEqual({ done: 160, total: 160 });
      });

      it('re-importing the same file upserts by object id', async () => {
        const started = await p.call('POST', '/api/v1/twin/imports', DELFT.toString('utf8'), ADMIN_KEY, 'application/json');
        const job = await p.settle(started.headers.location as string);
        expect(job.result).toMatchObject({ buildings: 160, created: 0, updated: 160 });
        expect((await p.call('GET', '/api/v1/twin/collections/buildings')).json.numberOfBuildings).toBe(160);
      });

      it('fails the job, naming the problem, for a file without a CRS; imports it when one is given', async () => {
        const bad = await p.settle((await p.call('POST', '/api/v1/twin/imports', DENHAAG, ADMIN_KEY, 'application/city+json')).headers.location as string);
        expect(bad.state).toBe('failed');
        expect(bad.error.detail).toMatch(/coordinate reference system/);
        expect((await p.call('GET', '/api/v1/twin/collections/buildings')).json.numberOfBuildings).toBe(160);
        const good = await p.settle((await p.call('POST', '/api/v1/twin/imports?crs=EPSG:7415', DENHAAG, ADMIN_KEY, 'application/city+json')).headers.location as string);
        expect(good.state).toBe('succeeded');
        expect(good.result.buildings).toBe(4);
      });

      it('imports a CityJSONSeq from the command line', async () => {
        const code = await twinImportCommand.run(p.ctx, [SEQ_PATH]);
        expect(code).toBe(0);
        expect((await p.call('GET', '/api/v1/twin/collections/buildings')).json.numberOfBuildings).toBe(174);
      });
    });

    describe('features', () => {
      it('lists every building as GeoJSON, paged, with links', async () => {
        const first = await p.call('GET', '/api/v1/twin/collections/buildings/items?limit=100');
        expect(first.status).toBe(200);
        expect(first.headers['content-type']).toMatch(/application\/geo\+json/);
        expect(first.json).toMatchObject({ type: 'FeatureCollection', numberMatched: 174, numberReturned: 100 });
        const next = first.json.links.find((l: any) => l.rel === 'next');
        expect(next.href).toContain('offset=100');
        const second = await p.call('GET', next.href);
        expect(second.json.numberReturned).toBe(74);
        expect(second.json.links.some((l: any) => l.rel === 'next')).toBe(false);
        all = [...first.json.features, ...second.json.features];
        expect(new Set(all.map((f) => f.id)).size).toBe(174);
        const f = all.find((x) => x.properties.bagId === '0503100000000035')!;
        expect(f.geometry.type).toBe('Polygon');
        expect(f.properties).toMatchObject({ groundHeight: -0.1, roofHeight: { max: 6 }, height: 6.1, heightSource: 'measuredHeight', planned: false });
      });

      it('filters by bbox exactly as a scan of the features’ boxes does', async () => {
        for (const box of [[4.3655, 52.0115, 4.3665, 52.012], [4.367, 52.011, 4.3685, 52.0125], [3, 50, 3.1, 50.1]]) {
          const r = await p.call('GET', `/api/v1/twin/collections/buildings/items?limit=1000&bbox=${box.join(',')}`);
          expect(r.json.features.map((f: any) => f.id).sort()).toEqual(all.filter((f) => intersects(f.bbox, box)).map((f) => f.id).sort());
          expect(r.json.numberMatched).toBe(r.json.numberReturned);
        }
      });

      it('answers one building, 404 for an unknown one, and a problem for a bad bbox', async () => {
        const one = await p.call('GET', `/api/v1/twin/collections/buildings/items/${all[0].id}`);
        expect(one.json).toMatchObject({ type: 'Feature', id: all[0].id });
        expect((await p.call('GET', '/api/v1/twin/collections/buildings/items/nope')).status).toBe(404);
        const bad = await p.call('GET', '/api/v1/twin/collections/buildings/items?bbox=4,52,5');
        expect(bad.status).toBe(400);
        expect(bad.json.code).toBe('invalid-query');
        expect(bad.json.invalidParams[0].name).toBe('bbox');
      });
    });

    describe('GLB tiles', () => {
      it('serves each tile as valid GLB whose buildings add up to the model', async () => {
        const index = (await p.call('GET', '/api/v1/twin/tiles')).json;
        expect(index.tileSize).toBe(250);
        expect(index.buildings).toBe(174);
        let features = 0;
        for (const t of index.tiles) {
          const res = await p.call('GET', t.href);
          expect(res.status).toBe(200);
          expect(res.headers['content-type']).toBe('model/gltf-binary');
          const { json, bin } = readGlb(res.raw);
          expect(json.extras.thorbecke.origin).toEqual({ crs: 'EPSG:7415', x: t.originRd[0], y: t.originRd[1], z: 0 });
          const prims = json.meshes[0].primitives;
          expect(prims.map((x: any) => x.extras.kind)).toEqual(['existing']);
          for (const prim of prims) {
            const pos = json.accessors[prim.attributes.POSITION];
            const nrm = json.accessors[prim.attributes.NORMAL];
            const idx = json.accessors[prim.indices];
            expect(nrm.count).toBe(pos.count);
            expect(idx.count % 3).toBe(0);
            expect(json.bufferViews[pos.bufferView].byteLength).toBe(pos.count * 12);
            const view = json.bufferViews[idx.bufferView];
            const bytes = bin!.subarray(view.byteOffset, view.byteOffset + view.byteLength);
            const indices = idx.componentType === 5123 ? new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) : new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
            expect(indices.length).toBe(idx.count);
            expect(Math.max(...indices)).toBeLessThan(pos.count);
            // Buildings belong to the tile their centre is in: vertices stay near the 250 m square.
            expect(pos.min[0]).toBeGreaterThan(-100);
            expect(pos.max[0]).toBeLessThan(350);
            expect(-pos.max[2]).toBeGreaterThan(-100);
            expect(prim.extras.features.reduce((n: number, f: any) => n + f.indexCount, 0)).toBe(idx.count);
            features += prim.extras.features.length;
          }
          const again = await p.app.inject({ method: 'GET', url: t.href, headers: { 'if-none-match': res.headers.etag as string } });
          expect(again.statusCode).toBe(304);
        }
        expect(features).toBe(174);
      });

      it('rejects a malformed tile name', async () => {
        expect((await p.call('GET', '/api/v1/twin/tiles/339/abc.glb')).status).toBe(400);
      });
    });

    describe('scenarios', () => {
      const tower = {
        name: 'Toren proef',
        ownerId: 'gemeente-delft',
        additions: [{ name: 'Proeftoren', crs: 'EPSG:28992', height: 40, footprint: { type: 'Polygon', coordinates: [[[TOWER.minX, TOWER.minY], [TOWER.maxX, TOWER.minY], [TOWER.maxX, TOWER.maxY], [TOWER.minX, TOWER.maxY], [TOWER.minX, TOWER.minY]]] } }],
      };
      let id: string;

      it('only the owner organisation’s key writes', async () => {
        expect((await p.call('POST', '/api/v1/twin/scenarios', tower)).status).toBe(401);
        expect((await p.call('POST', '/api/v1/twin/scenarios', tower, otherKey)).status).toBe(403);
        const created = await p.call('POST', '/api/v1/twin/scenarios', tower, delftKey);
        expect(created.status).toBe(201);
        id = created.json.id;
        expect(created.headers.location).toBe(`/api/v1/twin/scenarios/${id}`);
        expect(created.json.planned).toHaveLength(1);
        const planned = created.json.planned[0];
        expect(planned.roofHeight.max - planned.groundHeight).toBeCloseTo(40, 6);
        // Ground level taken from the houses around it (the district lies around NAP 0).
        expect(Math.abs(planned.groundHeight)).toBeLessThan(1);
      });

      it('serves the scenario’s effective buildings, leaving the base untouched', async () => {
        const withPlan = (await p.call('GET', `/api/v1/twin/collections/buildings/items?limit=1000&scenario=${id}`)).json;
        expect(withPlan.numberMatched).toBe(175);
        const plan = withPlan.features.find((f: any) => f.properties.planned);
        expect(plan.properties).toMatchObject({ scenario: id, name: 'Proeftoren', height: 40 });
        expect((await p.call('GET', '/api/v1/twin/collections/buildings/items?limit=1')).json.numberMatched).toBe(174);
        const near = (await p.call('GET', `/api/v1/twin/collections/buildings/items?scenario=${id}&bbox=${plan.bbox.join(',')}`)).json;
        expect(near.features.map((f: any) => f.id)).toContain(plan.id);

        const index = (await p.call('GET', `/api/v1/twin/tiles?scenario=${id}`)).json;
        const tile = index.tiles.find((t: any) => t.col === Math.floor(84970 / 250) && t.row === Math.floor(447517 / 250));
        const glb = readGlb((await p.call('GET', tile.href)).raw).json;
        expect(glb.meshes[0].primitives.map((x: any) => x.extras.kind)).toEqual(['existing', 'planned']);
        expect(glb.meshes[0].primitives[1].extras.features[0].id).toBe(plan.id);
        const base = readGlb((await p.call('GET', tile.href.split('?')[0])).raw).json;
        expect(base.meshes[0].primitives.map((x: any) => x.extras.kind)).toEqual(['existing']);
      });

      it('removes existing buildings in a scenario, and refuses unknown ones', async () => {
        const victim = all.find((f) => f.properties.bagId === '0503100000000035').id;
        const put = await p.call('PUT', `/api/v1/twin/scenarios/${id}`, { ...tower, removals: [victim] }, delftKey);
        expect(put.status).toBe(200);
        expect(put.json.removals).toEqual([victim]);
        const items = (await p.call('GET', `/api/v1/twin/collections/buildings/items?limit=1000&scenario=${id}`)).json;
        expect(items.numberMatched).toBe(174);
        expect(items.features.map((f: any) => f.id)).not.toContain(victim);
        expect((await p.call('GET', `/api/v1/twin/collections/buildings/items/${victim}?scenario=${id}`)).status).toBe(404);
        expect((await p.call('GET', `/api/v1/twin/collections/buildings/items/${victim}`)).status).toBe(200);
        const unknown = await p.call('PUT', `/api/v1/twin/scenarios/${id}`, { ...tower, removals: ['no-such-building'] }, delftKey);
        expect(unknown.status).toBe(422);
        expect(unknown.json.invalidParams[0].name).toBe('removals.0');
      });

      it('refuses a planned building that reuses an existing id, and bad footprints', async () => {
        const clash = await p.call('POST', '/api/v1/twin/scenarios', { ...tower, additions: [{ ...tower.additions[0], id: all[0].id }] }, delftKey);
        expect(clash.status).toBe(409);
        const tiny = await p.call('POST', '/api/v1/twin/scenarios', { ...tower, additions: [{ ...tower.additions[0], footprint: { type: 'Polygon', coordinates: [[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0]]] } }] }, delftKey);
        expect(tiny.status).toBe(400);
        const extra = await p.call('POST', '/api/v1/twin/scenarios', { ...tower, colour: 'red' }, delftKey);
        expect(extra.status).toBe(400);
        expect(extra.json.invalidParams[0].name).toBe('colour');
      });

      it('keeps several scenarios side by side and deletes by owner only', async () => {
        const second = await p.call('POST', '/api/v1/twin/scenarios', { ...tower, name: 'Tweede variant' }, delftKey);
        expect(second.status).toBe(201);
        const list = (await p.call('GET', '/api/v1/twin/scenarios')).json.items.map((s: any) => s.id);
        expect(list).toEqual(expect.arrayContaining([id, second.json.id]));
        expect((await p.call('DELETE', `/api/v1/twin/scenarios/${second.json.id}`, undefined, otherKey)).status).toBe(403);
        expect((await p.call('DELETE', `/api/v1/twin/scenarios/${second.json.id}`, undefined, delftKey)).status).toBe(204);
        expect((await p.call('GET', `/api/v1/twin/scenarios/${second.json.id}`)).status).toBe(404);
        expect((await p.call('GET', `/api/v1/twin/collections/buildings/items?scenario=${second.json.id}`)).status).toBe(404);
      });
    });

    describe('sun and shadows', () => {
      it('gives the sun position: high in the south at solar noon on midsummer day', async () => {
        const r = (await p.call('GET', '/api/v1/twin/sun?at=2026-06-21T11:44:00Z&lon=4.3667&lat=52.0118')).json;
        expect(r.altitude).toBeGreaterThan(61);
        expect(r.altitude).toBeLessThan(61.6);
        expect(Math.abs(r.azimuth - 180)).toBeLessThan(2);
        expect((await p.call('GET', '/api/v1/twin/sun?at=yesterday')).status).toBe(400);
      });

      it('casts the planned tower’s shadow as long and in the direction the sun says', async () => {
        const r = await p.call('GET', `/api/v1/twin/analyses/shadows?at=2026-03-21T10:00:00Z&bbox=${DISTRICT.join(',')}&scenario=${(await p.call('GET', '/api/v1/twin/scenarios')).json.items[0].id}`);
        expect(r.status).toBe(200);
        const { sun, features, planeHeight } = r.json;
        const towerShadow = features.find((f: any) => f.properties.planned);
        expect(towerShadow).toBeDefined();
        const cx = (TOWER.minX + TOWER.maxX) / 2;
        const cy = (TOWER.minY + TOWER.maxY) / 2;
        let far = { d: 0, x: 0, y: 0 };
        for (const poly of towerShadow.geometry.coordinates) for (const ring of poly) for (const [lon, lat] of ring) {
          const [x, y] = transformPoint([lon, lat], 'EPSG:4326', 'EPSG:28992');
          const d = Math.hypot(x - cx, y - cy);
          if (d > far.d) far = { d, x: x - cx, y: y - cy };
        }
        const expectedLength = (40 + 0.15 - planeHeight) / Math.tan((sun.altitude * Math.PI) / 180);
        // The farthest shadow corner: the tower's far roof corner, moved by the shadow vector.
        expect(far.d).toBeGreaterThan(expectedLength);
        expect(far.d).toBeLessThan(expectedLength + 13);
        const direction = ((Math.atan2(far.x, far.y) * 180) / Math.PI + 360) % 360;
        expect(Math.abs(direction - ((sun.gridAzimuth + 180) % 360))).toBeLessThan(15);
        expect(features.length).toBeGreaterThan(100);
      });

      it('casts no shadows at night', async () => {
        const r = (await p.call('GET', `/api/v1/twin/analyses/shadows?at=2026-03-21T23:00:00Z&bbox=${DISTRICT.join(',')}`)).json;
        expect(r.sun.altitude).toBeLessThan(0);
        expect(r.features).toEqual([]);
      });
    });

    describe('sun hours', () => {
      const around = () => {
        const [w, s] = transformPoint([TOWER.minX - 40, TOWER.minY - 20], 'EPSG:28992', 'EPSG:4326');
        const [e, n] = transformPoint([TOWER.maxX + 40, TOWER.maxY + 80], 'EPSG:28992', 'EPSG:4326');
        return [w, s, e, n];
      };
      const run = async (scenario?: string) => {
        const started = await p.call('POST', '/api/v1/twin/analyses/sun-hours', { bbox: around(), date: '2026-03-21', stepMinutes: 10, cellSize: 2, ...(scenario ? { scenario } : {}) });
        expect(started.status).toBe(202);
        const job = await p.settle(started.headers.location as string);
        expect(job.state).toBe('succeeded');
        return job.result;
      };

      it('maps the hours of sun on the ground, and the tower takes sun from the cells north of it', async () => {
        const scenario = (await p.call('GET', '/api/v1/twin/scenarios')).json.items[0].id;
        const base = await run();
        const plan = await run(scenario);
        const { cols, rows, originX, originY, cellSize } = plan.grid;
        expect(plan.values).toHaveLength(cols * rows);
        expect(base.values).toHaveLength(cols * rows);
        // Cell value at an RD point (rows run north to south).
        const at = (r: any, x: number, y: number) => r.values[(rows - 1 - Math.floor((y - originY) / cellSize)) * cols + Math.floor((x - originX) / cellSize)];
        expect(at(plan, 84970, 447517)).toBe(-1);
        const north = (r: any) => {
          let sum = 0;
          for (let y = TOWER.maxY + 3; y < TOWER.maxY + 40; y += 2) for (let x = TOWER.minX; x <= TOWER.maxX; x += 2) sum += Math.max(0, at(r, x, y));
          return sum;
        };
        expect(north(plan)).toBeLessThan(north(base) * 0.8);
        expect(plan.stats.max).toBeLessThanOrEqual(plan.dayHours);
        expect(plan.dayHours).toBeGreaterThan(11.5);
        expect(plan.dayHours).toBeLessThan(12.8);

        const png = await p.call('GET', plan.png);
        expect(png.status).toBe(200);
        expect(png.headers['content-type']).toBe('image/png');
        expect(png.raw.readUInt32BE(16)).toBe(cols);
        expect(png.raw.readUInt32BE(20)).toBe(rows);
      });

      it('refuses a grid that is too large before starting', async () => {
        const r = await p.call('POST', '/api/v1/twin/analyses/sun-hours', { bbox: [4.3, 52.0, 4.4, 52.1], date: '2026-03-21', cellSize: 1 });
        expect(r.status).toBe(400);
        expect(r.json.detail).toMatch(/cells/);
      });
    });

    describe('bezonningsstudie', () => {
      it('finds facades the demo tower pushes below a TNO norm, with hours before and after, and a printable report', async () => {
        await seedTwinDemo(p.ctx);
        const started = await p.call('POST', '/api/v1/twin/analyses/bezonning', { scenario: DEMO_SCENARIO_ID, stepMinutes: 10, year: 2026 });
        expect(started.status).toBe(202);
        const job = await p.settle(started.headers.location as string);
        expect(job.state).toBe('succeeded');
        const r = job.result;
        expect(r.scenario.id).toBe(DEMO_SCENARIO_ID);
        expect(r.planned).toEqual([{ id: 'voorbeeld-toren', name: 'Toren (40 m)', height: 40 }]);
        expect(r.studied.length).toBeGreaterThan(10);
        expect(r.newlyFailing.length).toBeGreaterThan(0);
        const minHours: Record<string, number> = Object.fromEntries(r.norms.map((n: any) => [n.name, n.minHours]));
        for (const pnt of r.newlyFailing) {
          expect(pnt.hoursAfter).toBeLessThan(minHours[pnt.norm]!);
          expect(pnt.hoursBefore).toBeGreaterThanOrEqual(minHours[pnt.norm]! - 1e-6);
          expect(r.studied.map((s: any) => s.id)).toContain(pnt.buildingId);
        }
        // Nothing gets more sun from adding a building.
        for (const s of Object.values(r.summary) as any[]) expect(s['newly-passing']).toBe(0);

        const report = await p.call('GET', r.report);
        expect(report.status).toBe(200);
        expect(report.headers['content-type']).toMatch(/text\/html/);
        expect(report.body).toContain('<html lang="nl">');
        expect(report.body).toContain('Bezonningsstudie: Voorbeeld: nieuwe toren Delft');
        expect(report.body.match(/<svg/g)!.length).toBe(4);
        expect(report.body).toContain(r.newlyFailing[0].buildingId);
        expect(report.body).toContain('van 19 februari tot en met 21 oktober');
      });

      it('judges chosen facades against the light and strict norms', async () => {
        const started = await p.call('POST', '/api/v1/twin/analyses/facades', { buildings: [all[0].id], stepMinutes: 15, year: 2026 });
        const job = await p.settle(started.headers.location as string);
        expect(job.state).toBe('succeeded');
        expect(job.result.points.length).toBeGreaterThan(0);
        for (const pt of job.result.points) expect(pt.verdicts.map((v: any) => v.norm)).toEqual(['TNO licht', 'TNO streng']);
        const unknown = await p.settle((await p.call('POST', '/api/v1/twin/analyses/facades', { buildings: ['nope'] })).headers.location as string);
        expect(unknown.state).toBe('failed');
        expect(unknown.error).toEqual({ code: 'not-found', detail: "Building 'nope' does not exist" });
      });

      it('answers 404 for a report that does not exist', async () => {
        expect((await p.call('GET', '/api/v1/twin/analyses/00000000-0000-4000-8000-000000000000/report.html')).status).toBe(404);
      });
    });
  });
}
