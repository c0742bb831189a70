import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RD_NEW, transformPoint, WGS84 } from '../../../src/kernel/geo/index.js';
import { parseImro, translatedCopy } from '../../../src/rules/imro/index.js';
import { rulesStore } from '../../../src/rules/store/index.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';
import { rulesPlatform, type RulesPlatform } from './platform.js';
import { jobsFor } from '../../../src/kernel/jobs/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const GOES = readFileSync(join(root, 'demo', 'goes', 'bestemmingsplan-stationsplein-zuidoost.imro2012.gml'), 'utf8');
const SAMPLE_2008 = readFileSync(join(root, 'test', 'fixtures', 'imro', 'imro2008-sample.gml'), 'utf8');
const GOES_ID = 'NL.IMRO.0664.BPBS02-VG99';
const wgs = (x: number, y: number) => transformPoint([x, y], RD_NEW, WGS84) as [number, number];
const wgsSquare = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[wgs(x0, y0), wgs(x1, y0), wgs(x1, y1), wgs(x0, y1), wgs(x0, y0)]],
});

for (const kind of STORES) {
  describe(`rules on ${kind.name}`, () => {
    let p: RulesPlatform;
    beforeAll(async () => {
      p = await rulesPlatform(kind.name);
    }, 60_000);
    afterAll(async () => p?.close());

    async function importGml(gml: string) {
      const res = await p.call('POST', '/api/v1/rules/plans', gml, { key: ADMIN_KEY, contentType: 'application/gml+xml' });
      expect(res.status, res.body).toBe(202);
      return jobsFor(p.ctx).settle(res.json.id);
    }

    describe('store contract', () => {
      it('stores a plan, finds objects at a point exactly, replaces on re-import, deletes', async () => {
        const store = rulesStore(p.ctx.store);
        const plan = translatedCopy(parseImro(GOES), 100_000, 50_000, 'copy');
        const first = await p.ctx.store.transaction((tx) => store.putPlan(tx, plan));
        expect(first.replaced).toBe(false);
        expect((await p.ctx.store.transaction((tx) => store.putPlan(tx, plan))).replaced).toBe(true);
        // Inside the moved bouwvlak; a point just outside its box-but-not-polygon must not match.
        const at = await store.objectsAtPoint(p.ctx.store, 151649, 440829);
        expect(at.map((o) => o.kind).sort()).toEqual(['bouwaanduiding', 'bouwvlak', 'dubbelbestemming', 'enkelbestemming', 'maatvoering', 'plangebied']);
        expect(at.every((o) => o.planId === plan.plan.id)).toBe(true);
        // (51636, 390825) is inside the bouwvlak's box but outside the polygon (west of its edge).
        const beside = await store.objectsAtPoint(p.ctx.store, 151636, 440825);
        expect(beside.some((o) => o.kind === 'bouwvlak')).toBe(false);
        expect(await store.objectsAtPoint(p.ctx.store, 10_000, 300_000)).toEqual([]);
        const count = async () => Number((await p.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM rules_objects'))!.n);
        expect(await count()).toBe(plan.objects.length);
        expect(await p.ctx.store.transaction((tx) => store.deletePlan(tx, plan.plan.id))).toBe(true);
        expect(await count()).toBe(0);
        expect(await store.objectsAtPoint(p.ctx.store, 151649, 440829)).toEqual([]);
      });

      it('keeps objects that end a centimetre outside a box out of its features (the spatial indexes round outwards)', async () => {
        const store = rulesStore(p.ctx.store);
        const plan = translatedCopy(parseImro(GOES), 100_000, 50_000, 'boxes');
        await p.ctx.store.transaction((tx) => store.putPlan(tx, plan));
        const boxes = await p.ctx.store.all<{ minx: number; miny: number; maxx: number; maxy: number }>(
          "SELECT minx, miny, maxx, maxy FROM rules_objects WHERE kind = 'bouwvlak' AND minx IS NOT NULL ORDER BY rid LIMIT 10",
        );
        expect(boxes.length).toBeGreaterThan(0);
        const kinds = ['bouwvlak'] as never;
        for (const b of boxes) {
          const [x0, x1, y] = [Number(b.minx), Number(b.maxx), Number(b.maxy)];
          const touching = await store.features(p.ctx.store, { kinds, rdBox: [x0, y, x1, y + 10], limit: 1000, offset: 0, geometry: 'wgs84' });
          const above = await store.features(p.ctx.store, { kinds, rdBox: [x0, y + 0.01, x1, y + 10], limit: 1000, offset: 0, geometry: 'wgs84' });
          const scan = Number((await p.ctx.store.one<{ n: number }>("SELECT COUNT(*) AS n FROM rules_objects WHERE kind = 'bouwvlak' AND geom_wgs84 IS NOT NULL AND minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?", [x1, x0, y + 10, y + 0.01]))!.n);
          expect(above.matched).toBe(scan);
          expect(touching.matched).toBeGreaterThan(above.matched);
        }
        await p.ctx.store.transaction((tx) => store.deletePlan(tx, plan.plan.id));
      });

      it('a failed import leaves nothing behind', async () => {
        const store = rulesStore(p.ctx.store);
        const plan = parseImro(SAMPLE_2008);
        await expect(p.ctx.store.transaction(async (tx) => {
          await store.putPlan(tx, plan);
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await store.getPlan(p.ctx.store, plan.plan.id)).toBeUndefined();
        expect(Number((await p.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM rules_objects'))!.n)).toBe(0);
      });
    });

    describe('import', () => {
      it('needs the administrator key and GML', async () => {
        expect((await p.call('POST', '/api/v1/rules/plans', GOES, { contentType: 'application/xml' })).status).toBe(401);
        expect((await p.call('POST', '/api/v1/rules/plans', GOES, { key: 'wrong', contentType: 'application/xml' })).status).toBe(401);
        const json = await p.call('POST', '/api/v1/rules/plans', { a: 1 }, { key: ADMIN_KEY });
        expect(json.status).toBe(415);
        expect(json.headers['content-type']).toMatch(/problem\+json/);
      });

      it('answers broken GML at once, naming the element and line', async () => {
        const res = await p.call('POST', '/api/v1/rules/plans', SAMPLE_2008.replace('100000 400100 100200 400100', '100000 400100 100200'), { key: ADMIN_KEY, contentType: 'application/xml' });
        expect(res.status).toBe(400);
        expect(res.json.code).toBe('validation-failed');
        expect(res.json.detail).toMatch(/<posList> at line \d+/);
        expect(res.json.invalidParams[0].name).toBe('posList');
      });

      it('imports the Goes plan as a job and lists it', async () => {
        const job = await importGml(GOES);
        expect(job.state).toBe('succeeded');
        expect(job.progress).toEqual({ done: 81, total: 81 });
        expect((job.result as any).plan).toMatchObject({ id: GOES_ID, status: 'vastgesteld', counts: { bouwvlak: 25 } });
        const list = await p.call('GET', '/api/v1/rules/plans');
        expect(list.json.items.map((x: any) => x.id)).toEqual([GOES_ID]);
        const one = await p.call('GET', `/api/v1/rules/plans/${GOES_ID}`);
        expect(one.status).toBe(200);
        expect(one.json.objects).toHaveLength(81);
        expect(one.json.report.unknownTypes).toEqual([]);
        expect((await p.call('GET', '/api/v1/rules/plans/NL.IMRO.0000.none')).status).toBe(404);
      });

      it('imports IMRO2008 with its unknown object kept', async () => {
        const job = await importGml(SAMPLE_2008);
        expect((job.result as any).report.unknownTypes).toEqual([{ type: 'Verklaring', count: 1, ids: ['NL.IMRO.9999.VK1'] }]);
        const items = await p.call('GET', '/api/v1/rules/collections/overige/items?plan=NL.IMRO.9999.BPTEST2008-ON01');
        // It has no geometry, so it is in the plan detail, not on the map.
        expect(items.json.numberMatched).toBe(0);
        const plan = await p.call('GET', '/api/v1/rules/plans/NL.IMRO.9999.BPTEST2008-ON01');
        expect(plan.json.objects.find((o: any) => o.id === 'NL.IMRO.9999.VK1')).toMatchObject({ kind: 'other', attributes: { tekst: 'Niet in IMRO gedefinieerd; moet bewaard blijven.' } });
      });
    });

    describe('what applies here', () => {
      it('at a point in WGS84 and in RD give the same answer, with norms and the plan', async () => {
        const [lon, lat] = wgs(51649, 390829);
        const a = await p.call('GET', `/api/v1/rules/here?lon=${lon}&lat=${lat}`);
        const b = await p.call('GET', '/api/v1/rules/here?x=51649&y=390829&crs=28992');
        expect(a.status).toBe(200);
        expect(a.json.plans).toEqual(b.json.plans);
        const here = b.json.plans[0];
        expect(here.plan).toEqual({ id: GOES_ID, name: 'Stationsomgeving Zuid-Oost', type: 'bestemmingsplan', status: 'vastgesteld', date: '2014-02-13', authority: 'Goes' });
        expect(here.bouwvlak).toBe(true);
        expect(here.bestemmingen.map((x: any) => [x.name, x.hoofdgroep])).toEqual([['Wonen', 'wonen']]);
        expect(here.bestemmingen[0].norms.map((n: any) => n.text)).toEqual(['maximum goothoogte 4 m', 'maximum bouwhoogte 8 m']);
        expect(here.dubbelbestemmingen.map((x: any) => x.name)).toEqual(['Waarde - Archeologie - 2']);
        expect(here.bouwaanduidingen.map((x: any) => x.name)).toEqual(['twee-aaneen']);
      });

      it('outside any bouwvlak: bouwvlak false', async () => {
        const r = await p.call('GET', '/api/v1/rules/here?x=51636&y=390825&crs=28992');
        expect(r.json.plans[0].bouwvlak).toBe(false);
        expect(r.json.plans[0].bestemmingen.length).toBeGreaterThan(0);
      });

      it('nowhere near a plan: no plans', async () => {
        expect((await p.call('GET', '/api/v1/rules/here?lon=5.1&lat=52.1')).json.plans).toEqual([]);
      });

      it('rejects half or mixed coordinates', async () => {
        for (const q of ['lon=3.9', 'x=51649&y=390829', 'lon=3.9&lat=51.5&x=1&y=2&crs=28992', 'lon=200&lat=51', 'lat=abc&lon=3', '']) {
          const r = await p.call('GET', `/api/v1/rules/here?${q}`);
          expect(r.status, q).toBe(400);
          expect(r.json.code).toBe('invalid-query');
        }
      });

      it('for a parcel: what it overlaps, with the share covered; neighbours that only touch are left out', async () => {
        const r = await p.call('POST', '/api/v1/rules/here', { geometry: wgsSquare(51650, 390826, 51660, 390832) });
        expect(r.status, r.body).toBe(200);
        expect(r.json.location.areaM2).toBeCloseTo(60, 0);
        const here = r.json.plans[0];
        expect(here.bouwvlak).toBe(true);
        const bv = here.bouwvlakken[0];
        expect(bv.coverage.share).toBeGreaterThan(0.4);
        expect(bv.coverage.share).toBeLessThan(0.95);
        const rd = await p.call('POST', '/api/v1/rules/here', { geometry: { type: 'Polygon', coordinates: [[[51650, 390826], [51660, 390826], [51660, 390832], [51650, 390832], [51650, 390826]]] }, crs: 28992 });
        expect(rd.json.plans[0].bouwvlakken.map((x: any) => x.id)).toEqual(here.bouwvlakken.map((x: any) => x.id));
        const bad = await p.call('POST', '/api/v1/rules/here', { geometry: { type: 'Polygon', coordinates: [[[3.9, 51.5], [3.91, 51.5], [3.91, 51.51], [3.9, 51.5 + 0.02]]] } });
        expect(bad.status).toBe(400);
        expect((await p.call('POST', '/api/v1/rules/here', { geometry: wgsSquare(51650, 390826, 51660, 390832), extra: 1 })).status).toBe(400);
      });
    });

    describe('odd input', () => {
      it('a polygon near the pole, a world-sized footprint or box is a 4xx or an empty answer, not a 500', async () => {
        const r = await p.call('POST', '/api/v1/rules/here', { geometry: { type: 'Polygon', coordinates: [[[0, 89], [10, 89], [10, 89.5], [0, 89.5], [0, 89]]] } });
        expect(r.status).toBeLessThan(500);
        const c = await p.call('POST', '/api/v1/rules/check-building', { footprint: { type: 'Polygon', coordinates: [[[-170, -80], [170, -80], [170, 80], [-170, 80], [-170, -80]]] }, height: 10 });
        expect(c.status).toBeLessThan(500);
        const items = await p.call('GET', '/api/v1/rules/collections/bouwvlakken/items?bbox=-180,-90,180,90');
        expect(items.status).toBeLessThan(500);
        const far = await p.call('GET', '/api/v1/rules/here?lon=-170&lat=-80');
        expect(far.status).toBeLessThan(500);
      });
    });

    describe('collections (OGC API Features)', () => {
      it('lists collections and serves GeoJSON items in WGS84 with bbox, limit and next links', async () => {
        const cols = await p.call('GET', '/api/v1/rules/collections');
        expect(cols.json.collections.map((c: any) => c.id)).toContain('bouwvlakken');
        const all = await p.call('GET', `/api/v1/rules/collections/bouwvlakken/items?plan=${GOES_ID}&limit=10`);
        expect(all.headers['content-type']).toMatch(/application\/geo\+json/);
        expect(all.json).toMatchObject({ type: 'FeatureCollection', numberMatched: 25, numberReturned: 10 });
        expect(all.json.links.find((l: any) => l.rel === 'next').href).toMatch(/offset=10/);
        const [lon, lat] = all.json.features[0].geometry.coordinates[0][0][0];
        expect(lon).toBeGreaterThan(3.8);
        expect(lat).toBeGreaterThan(51.4);
        const [w, s] = wgs(51640, 390800);
        const [e, n] = wgs(51660, 390850);
        const boxed = await p.call('GET', `/api/v1/rules/collections/bouwvlakken/items?bbox=${w},${s},${e},${n}`);
        expect(boxed.json.features.map((f: any) => f.properties.objectId)).toContain('NL.IMRO.0664.BP20255442525-00');
        expect(boxed.json.numberMatched).toBeLessThan(25);
        expect((await p.call('GET', '/api/v1/rules/collections/nope/items')).status).toBe(404);
        expect((await p.call('GET', '/api/v1/rules/collections/bouwvlakken/items?bbox=1,2,3')).status).toBe(400);
      });
    });

    describe('check a planned building', () => {
      it('inside and low: no conflicts; too tall; across the edge', async () => {
        const ok = await p.call('POST', '/api/v1/rules/check-building', { footprint: wgsSquare(51646, 390826, 51652, 390832), height: 7, function: 'wonen' });
        expect(ok.status, ok.body).toBe(200);
        expect(ok.json.conflicts).toEqual([]);
        expect(ok.json.footprintAreaM2).toBeCloseTo(36, 0);
        const tall = await p.call('POST', '/api/v1/rules/check-building', { footprint: wgsSquare(51646, 390826, 51652, 390832), height: 9.5 });
        expect(tall.json.conflicts.map((c: any) => [c.kind, c.maximum, c.plan.id])).toEqual([['too-high', 8, GOES_ID]]);
        const across = await p.call('POST', '/api/v1/rules/check-building', { footprint: wgsSquare(51650, 390826, 51660, 390832), height: 6 });
        expect(across.json.conflicts.map((c: any) => c.kind)).toEqual(['outside-bouwvlak']);
        expect(across.json.conflicts[0].areaM2).toBeGreaterThan(25);
        expect((await p.call('POST', '/api/v1/rules/check-building', { footprint: wgsSquare(51646, 390826, 51652, 390832), height: -1 })).status).toBe(400);
      });

      it('checks every planned building of a twin scenario', async () => {
        await p.call('POST', '/api/v1/organisations', { id: 'gemeente-goes-test', name: 'Gemeente Goes (test)', kind: 'gemeente' }, { key: ADMIN_KEY });
        const scenario = await p.call(
          'POST',
          '/api/v1/twin/scenarios',
          {
            name: 'Twee woningen',
            ownerId: 'gemeente-goes-test',
            additions: [
              { id: 'laag', footprint: wgsSquare(51646, 390826, 51652, 390832), height: 7, groundHeight: 0 },
              { id: 'hoog', footprint: wgsSquare(51646, 390826, 51652, 390832), height: 9.5, groundHeight: 0 },
            ],
          },
          { key: ADMIN_KEY },
        );
        expect(scenario.status, scenario.body).toBe(201);
        const r = await p.call('POST', '/api/v1/rules/check-scenario', { scenario: scenario.json.id, function: 'wonen' });
        expect(r.status, r.body).toBe(200);
        const byId = Object.fromEntries(r.json.buildings.map((b: any) => [b.buildingId, b]));
        expect(byId.laag.check.conflicts).toEqual([]);
        expect(byId.hoog.height).toBeCloseTo(9.5, 2);
        expect(byId.hoog.check.conflicts.map((c: any) => [c.kind, c.maximum])).toEqual([['too-high', 8]]);
        const missing = await p.call('POST', '/api/v1/rules/check-scenario', { scenario: 'nope' });
        expect(missing.status).toBe(422);
      });
    });

    describe('permit check (STTR)', () => {
      it('lists the activities of the demo STTR files', async () => {
        const r = await p.call('GET', '/api/v1/rules/activities');
        expect(r.json.items.map((a: any) => a.id)).toContain('ConclusieBouwenDakkapel');
        expect(r.json.items.find((a: any) => a.id === 'ConclusieBouwenDakkapel')).toMatchObject({ name: 'Conclusie Bouwen Dakkapel', activity: 'Conclusie Dakkapel' });
        expect(r.json.broken).toEqual([]);
      });

      it('asks questions until a conclusion with the fired rules and explanations; survives a restart', async () => {
        const started = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel', location: { lon: 3.8988, lat: 51.497 } });
        expect(started.status, started.body).toBe(201);
        expect(started.json.step.kind).toBe('question');
        const id = started.json.id;
        const q = started.json.step.question;
        expect(q.text).toMatch(/gemeentegrens/);
        const bad = await p.call('POST', `/api/v1/rules/checks/${id}/answers`, { questionId: q.id, value: 42 });
        expect(bad.status).toBe(400);
        expect(bad.json.invalidParams[0].name).toBe('value');
        p = await p.restart();
        const again = await p.call('GET', `/api/v1/rules/checks/${id}`);
        expect(again.json.step.question.id).toBe(q.id);
        // Outside Veenendaal the dormer rules do not apply: no conclusion (the file's table says Toestemmingsvrij there).
        const done = await p.call('POST', `/api/v1/rules/checks/${id}/answers`, { questionId: q.id, value: 'nee' });
        expect(done.status, done.body).toBe(200);
        expect(done.json).toMatchObject({ status: 'outside', step: { kind: 'outside', outside: [{ questionId: q.id, authority: { kind: 'gemeente', code: '0345' } }] } });
        expect(done.body).not.toContain('Toestemmingsvrij');
        expect(done.json.answers).toEqual([{ questionId: q.id, question: q.text, value: 'nee' }]);
        expect((await p.call('POST', `/api/v1/rules/checks/${id}/answers`, { questionId: q.id, value: 'ja' })).status).toBe(409);

        // Inside, a monument with a pitched roof: a conclusion with the rules that fired and their explanations.
        const inside = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
        let check = inside.json;
        for (const [text, value] of [[/gemeentegrens/, 'ja'], [/monument/, true], [/plat dak/, false]] as const) {
          expect(check.step.question.text).toMatch(text);
          check = (await p.call('POST', `/api/v1/rules/checks/${check.id}/answers`, { questionId: check.step.question.id, value })).json;
        }
        expect(check).toMatchObject({ status: 'concluded', step: { kind: 'conclusion', conclusion: 'Verbod', partlyOutside: [] } });
      });

      it('an evaluation error ends the check as failed, in words, not as a 500 or a silent null', async () => {
        // This shipped tree's ANY table has rules that disagree when both questions are answered yes.
        let check = (await p.call('POST', '/api/v1/rules/checks', { activity: 'with-conclusion-description' })).json;
        for (let i = 0; i < 2; i++) {
          expect(check.step.kind).toBe('question');
          const r = await p.call('POST', `/api/v1/rules/checks/${check.id}/answers`, { questionId: check.step.question.id, value: true });
          expect(r.status, r.body).toBe(200);
          check = r.json;
        }
        expect(check).toMatchObject({ status: 'failed', step: { kind: 'failed', errors: [{ element: '_Conclusie_dummy', text: expect.stringMatching(/hit policy ANY/) }] } });
        expect((await p.call('POST', `/api/v1/rules/checks/${check.id}/answers`, { questionId: 'x', value: true })).status).toBe(409);
      });

      it('unknown activity, unknown check, unknown question', async () => {
        expect((await p.call('POST', '/api/v1/rules/checks', { activity: 'nope' })).status).toBe(422);
        expect((await p.call('GET', '/api/v1/rules/checks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
        const s = await p.call('POST', '/api/v1/rules/checks', { activity: 'Conclusie Dakkapel' });
        const r = await p.call('POST', `/api/v1/rules/checks/${s.json.id}/answers`, { questionId: 'nope', value: true });
        expect(r.status).toBe(400);
        expect(r.json.invalidParams[0].name).toBe('questionId');
      });
    });
  });
}
