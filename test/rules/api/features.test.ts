/**
 * The plan collections as OGC API Features, beyond the generic conformance suite:
 * single features by id, RD coordinates exactly as in the GML, and the migration
 * that gives plans imported before it their WGS84 boxes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/kernel/storage/migrate.js';
import { parseImro } from '../../../src/rules/imro/index.js';
import { rulesMigrations } from '../../../src/rules/migrations.js';
import { rulesStore } from '../../../src/rules/store/index.js';
import { allFeatures, positions } from '../../kernel/features/ats.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';
import { rulesPlatform, type RulesPlatform } from './platform.js';

const GOES = readFileSync(join(import.meta.dirname, '..', '..', '..', 'demo', 'goes', 'bestemmingsplan-stationsplein-zuidoost.imro2012.gml'), 'utf8');
const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';
const GOES_ID = 'NL.IMRO.0664.BPBS02-VG99';

/** Every coordinate pair written in the GML (gml:pos and gml:posList), as numbers. */
function gmlPairs(gml: string): Set<string> {
  const pairs = new Set<string>();
  for (const m of gml.matchAll(/<gml:pos(?:List)?[^>]*>([^<]+)</g)) {
    const n = m[1]!.trim().split(/\s+/).map(Number);
    for (let i = 0; i + 1 < n.length; i += 2) pairs.add(`${n[i]},${n[i + 1]}`);
  }
  return pairs;
}

for (const kind of STORES) {
  describe(`plan objects as OGC API Features: ${kind.name}`, () => {
    let p: RulesPlatform;
    beforeAll(async () => {
      p = await rulesPlatform(kind.name);
      const started = await p.call('POST', '/api/v1/rules/plans', GOES, { key: ADMIN_KEY, contentType: 'application/gml+xml' });
      expect(started.status).toBe(202);
      for (;;) {
        const job = (await p.call('GET', started.headers.location as string)).json;
        if (job.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 25));
      }
    }, 60_000);
    afterAll(async () => p?.close());

    it('serves every feature of every collection at its own URL, and 404 for one that is not there', async () => {
      const collections = (await p.call('GET', '/api/v1/rules/collections')).json.collections;
      let served = 0;
      for (const c of collections) {
        const items = `/api/v1/rules/collections/${c.id}/items`;
        for (const f of (await allFeatures(p.call, `${items}?limit=1000`)).features) {
          const one = await p.call('GET', `${items}/${encodeURIComponent(f.id)}`);
          expect(one.status, f.id).toBe(200);
          expect(one.json).toMatchObject({ type: 'Feature', id: f.id, geometry: f.geometry, properties: f.properties });
          expect(one.json.links.find((l: any) => l.rel === 'self').href).toMatch(new RegExp(`/items/${encodeURIComponent(f.id)}$`));
          served++;
        }
        for (const id of ['nope', 'NL.IMRO.0664.BPBS02-VG99/nope', '/x', 'NL.IMRO.0664.BPBS02-VG99']) {
          const r = await p.call('GET', `${items}/${encodeURIComponent(id)}`);
          expect(r.status, id).toBe(404);
          expect(r.json.code).toBe('not-found');
        }
      }
      expect(served).toBeGreaterThan(50);
      // A feature of another collection is not found here.
      const bouwvlak = (await p.call('GET', '/api/v1/rules/collections/bouwvlakken/items?limit=1')).json.features[0];
      expect((await p.call('GET', `/api/v1/rules/collections/maatvoeringen/items/${encodeURIComponent(bouwvlak.id)}`)).status).toBe(404);
    });

    it('serves RD New (EPSG:28992) as imported: the parser’s coordinates exactly, the file’s numbers where it has them', async () => {
      const pairs = gmlPairs(GOES);
      const parsed = new Map(parseImro(GOES).objects.map((o) => [`${GOES_ID}/${o.id}`, o.geometry]));
      let checked = 0;
      for (const c of (await p.call('GET', '/api/v1/rules/collections')).json.collections) {
        const { features } = await allFeatures(p.call, `/api/v1/rules/collections/${c.id}/items?limit=1000&crs=${encodeURIComponent(RD)}`);
        for (const f of features) {
          // No transformation and no rounding: what the importer read (arcs linearised) is what goes out.
          expect(f.geometry, f.id).toEqual(parsed.get(f.id));
          // And a round trip through WGS84 would change every number: some are the file's own.
          expect(positions(f.geometry).some(([x, y]) => pairs.has(`${x},${y}`)), f.id).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    });
  });

  describe(`rules/004-wgs84-boxes on plans imported before it: ${kind.name}`, () => {
    it('gives every existing object the box of its WGS84 geometry, indexed', async () => {
      const s = await kind.create();
      try {
        await migrate(s.store, rulesMigrations.filter((m) => m.id !== 'rules/004-wgs84-boxes'));
        await s.store.run("INSERT INTO rules_plans (id, name, imported_at, doc) VALUES ('NL.IMRO.TEST', 't', '2020-01-01', '{}')");
        const rid = (await s.store.one<{ rid: number }>("SELECT rid FROM rules_plans WHERE id = 'NL.IMRO.TEST'"))!.rid;
        const shapes = [
          { type: 'MultiPolygon', coordinates: [[[[3.9, 51.5], [3.91, 51.49], [3.92, 51.5], [3.9, 51.5]], [[3.905, 51.498], [3.906, 51.498], [3.906, 51.499], [3.905, 51.498]]], [[[3.8, 51.6], [3.81, 51.6], [3.81, 51.61], [3.8, 51.6]]]] },
          { type: 'Point', coordinates: [4, 52] },
          { type: 'LineString', coordinates: [[4.1, 52.2], [4.05, 52.3]] },
        ];
        for (const [i, g] of shapes.entries()) {
          await s.store.run('INSERT INTO rules_objects (plan_rid, id, kind, doc, geom_rd, geom_wgs84) VALUES (?, ?, ?, ?, ?, ?)', [
            rid, `o${i}`, 'bouwvlak', JSON.stringify({ id: `o${i}`, planId: 'NL.IMRO.TEST', kind: 'bouwvlak' }), JSON.stringify(g), JSON.stringify(g),
          ]);
        }
        await s.store.run('INSERT INTO rules_objects (plan_rid, id, kind, doc) VALUES (?, ?, ?, ?)', [rid, 'nogeom', 'bouwvlak', '{}']);
        expect(await migrate(s.store, rulesMigrations)).toEqual(['rules/004-wgs84-boxes']);
        const rows = await s.store.all<{ id: string; wminx: number | null; wminy: number; wmaxx: number; wmaxy: number }>('SELECT id, wminx, wminy, wmaxx, wmaxy FROM rules_objects ORDER BY rid');
        const want = [[3.8, 51.49, 3.92, 51.61], [4, 52, 4, 52], [4.05, 52.2, 4.1, 52.3]];
        rows.slice(0, 3).forEach((r, i) => expect([r.wminx, r.wminy, r.wmaxx, r.wmaxy].map(Number), r.id).toEqual(want[i]));
        expect(rows[3]!.wminx).toBeNull();
        const store = rulesStore(s.store);
        const found = await store.features(s.store, { kinds: ['bouwvlak'], wgsBox: [4.06, 52.25, 4.2, 52.4], limit: 10, offset: 0, geometry: 'wgs84' });
        expect(found.features.map((f) => f.id)).toEqual(['NL.IMRO.TEST/o2']);
        expect(await store.extent(s.store, ['bouwvlak'])).toEqual([3.8, 51.49, 4.1, 52.3]);
      } finally {
        await s.dispose();
      }
    });
  });
}
