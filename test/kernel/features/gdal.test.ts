/**
 * GDAL's OGC API Features driver (the one QGIS uses) against every collection of a
 * running platform: ogrinfo must open each root and list each collection with its
 * count, ogr2ogr must read every feature through the paging links (a small page
 * size, so each collection takes several pages). Skipped with a warning where GDAL
 * is missing, except in CI (THORBECKE_CI=1), where a missing GDAL fails.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningFeaturesPlatform } from '../../support/features-platform.js';
import type { TestPlatform } from '../../support/platform.js';
import { STORES, tempDir } from '../../support/stores.js';
import { allFeatures, discoverRoots } from './ats.js';

const run = promisify(execFile);
const PAGE_SIZE = 25;

async function hasGdal(): Promise<boolean> {
  try {
    await run('ogrinfo', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const gdal = await hasGdal();
if (!gdal) {
  if (process.env.THORBECKE_CI === '1') throw new Error('GDAL (ogrinfo, ogr2ogr) is missing in CI: .ci/services.sh installs gdal-bin');
  console.warn('\n!!! GDAL is not installed (apt-get install gdal-bin): the OGC API Features client test is SKIPPED !!!\n');
}

/** `ogrinfo -so` output: each layer's name and feature count. */
function layersOf(out: string): Map<string, number> {
  const layers = new Map<string, number>();
  let name: string | undefined;
  for (const line of out.split('\n')) {
    const n = /^Layer name: (.+)$/.exec(line);
    if (n) name = n[1]!.trim();
    const c = /^Feature Count: (\d+)$/.exec(line);
    if (c && name) layers.set(name, Number(c[1]));
  }
  return layers;
}

for (const kind of STORES) {
  describe.skipIf(!gdal)(`GDAL OAPIF client: ${kind.name}`, () => {
    let p: TestPlatform;
    const dir = tempDir('thorbecke-gdal-');
    const expected = new Map<string, Map<string, string[]>>();

    beforeAll(async () => {
      p = await listeningFeaturesPlatform(kind.name);
      for (const root of await discoverRoots(p.call)) {
        const ids = new Map<string, string[]>();
        for (const c of (await p.call('GET', `${root}/collections`)).json.collections) {
          ids.set(c.id, (await allFeatures(p.call, `${root}/collections/${c.id}/items?limit=1000`)).features.map((f) => String(f.id)));
        }
        expected.set(root, ids);
      }
    }, 120_000);
    afterAll(async () => {
      await p?.close();
      dir.remove();
    });

    it('ogrinfo opens every root at its landing URL and counts every collection as the API does', async () => {
      expect([...expected.keys()]).toEqual(expect.arrayContaining(['/api/v1/rules', '/api/v1/twin']));
      for (const [root, collections] of expected) {
        const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', '-oo', `PAGE_SIZE=${PAGE_SIZE}`, `OAPIF:${p.url}${root}`]);
        const layers = layersOf(stdout);
        expect([...layers.keys()].sort(), root).toEqual([...collections.keys()].sort());
        for (const [id, features] of collections) expect(layers.get(id), `${root} ${id}`).toBe(features.length);
      }
    }, 120_000);

    it('ogr2ogr reads every feature of every collection, none lost or doubled by paging', async () => {
      let paged = 0;
      for (const [root, collections] of expected) {
        for (const [id, features] of collections) {
          const out = join(dir.path, `${root.replaceAll('/', '_')}-${id}.geojson`);
          await run('ogr2ogr', ['-f', 'GeoJSON', '-oo', `PAGE_SIZE=${PAGE_SIZE}`, out, `OAPIF:${p.url}${root}`, id]);
          const read = JSON.parse(readFileSync(out, 'utf8')).features as Array<{ properties: { id: string }; geometry: unknown }>;
          expect(read.length, `${root} ${id}`).toBe(features.length);
          expect(read.map((f) => f.properties.id).sort(), `${root} ${id}`).toEqual([...features].sort());
          expect(read.every((f) => f.geometry !== null), `${root} ${id}`).toBe(true);
          if (features.length > PAGE_SIZE) paged++;
        }
      }
      // At least one collection needed several pages, so the next links were followed.
      expect(paged).toBeGreaterThan(0);
    }, 300_000);
  });
}
