import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceMigrations } from '../../../src/governance/migrations.js';
import { migrate } from '../../../src/kernel/storage/migrate.js';
import type { Store } from '../../../src/kernel/storage/port.js';
import { importCityJson } from '../../../src/twin/cityjson/index.js';
import { twinMigrations } from '../../../src/twin/migrations.js';
import type { TwinBuildingWithSurfaces } from '../../../src/twin/model.js';
import { fromBuildingRecord } from '../../../src/twin/service.js';
import { buildingStore } from '../../../src/twin/store/index.js';
import { STORES } from '../../support/stores.js';

const DELFT = new URL('../../../demo/delft/buildings-lod1-2016.city.json', import.meta.url);
const SEQ = new URL('../../../demo/delft/3dbag-subset.city.jsonl', import.meta.url);

let delft: TwinBuildingWithSurfaces[];
let bag: TwinBuildingWithSurfaces[];

beforeAll(async () => {
  const a = await importCityJson(readFileSync(DELFT));
  delft = a.buildings.map((b) => fromBuildingRecord(b, a.crs.epsg));
  const b = await importCityJson(readFileSync(SEQ));
  bag = b.buildings.map((x) => fromBuildingRecord(x, b.crs.epsg));
});

/** The reference answer for a bbox query: every building whose WGS84 box meets it. */
const expectedIn = (all: readonly TwinBuildingWithSurfaces[], [w, s, e, n]: number[]) =>
  all.filter((b) => b.bboxWgs84 && b.bboxWgs84[0] <= e! && b.bboxWgs84[2] >= w! && b.bboxWgs84[1] <= n! && b.bboxWgs84[3] >= s!).map((b) => b.id).sort();

for (const kind of STORES) {
  describe(`twin building store contract: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const bs = () => buildingStore(store);

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, [...governanceMigrations, ...twinMigrations]);
    });
    afterAll(async () => dispose?.());

    it('stores a whole import in one transaction and counts it', async () => {
      const r = await store.transaction((tx) => bs().putMany(tx, delft, 'delft'));
      expect(r).toEqual({ created: 160, updated: 0 });
      expect(await bs().count(store)).toBe(160);
    });

    it('gives back what was stored: fields, footprints and 3D surfaces to the millimetre', async () => {
      const original = delft[17]!;
      const got = await bs().get(store, original.id);
      const { surfaces, ...summary } = original;
      expect(got).toEqual(summary);
      const [withSurfaces] = await bs().getWithSurfaces(store, [original.id]);
      expect(withSurfaces!.surfaces).toEqual(surfaces);
    });

    it('finds buildings by WGS84 bbox exactly like a scan of their boxes', async () => {
      for (const box of [
        [4.3655, 52.0115, 4.3665, 52.0120],
        [4.367, 52.011, 4.3685, 52.0125],
        [4.0, 51.0, 4.1, 51.1],
      ]) {
        const page = await bs().search(store, { bbox: box as never, limit: 1000, offset: 0 });
        expect(page.items.map((b) => b.id).sort()).toEqual(expectedIn(delft, box));
        expect(page.total).toBe(page.items.length);
      }
    });

    it('keeps a building that ends a centimetre outside the box out of it (the spatial indexes round outwards)', async () => {
      const CM = 1e-7; // degrees of latitude: about 1 cm
      for (const b of delft.slice(0, 20)) {
        const [w, s, e, n] = b.bboxWgs84!;
        const north = [w, n + CM, e, n + 0.001];
        const touching = [w, n, e, n + 0.001];
        expect((await bs().search(store, { bbox: north as never, limit: 1000, offset: 0 })).items.map((x) => x.id), b.id).not.toContain(b.id);
        expect((await bs().search(store, { bbox: touching as never, limit: 1000, offset: 0 })).items.map((x) => x.id), b.id).toContain(b.id);
        const south = [w, s - 0.001, e, s - CM];
        expect((await bs().search(store, { bbox: south as never, limit: 1000, offset: 0 })).total).toBe(expectedIn(delft, south).length);
      }
    });

    it('pages in id order with a total, and leaves out excluded ids', async () => {
      const sorted = delft.map((b) => b.id).sort();
      const page = await bs().search(store, { limit: 10, offset: 20 });
      expect(page.items.map((b) => b.id)).toEqual(sorted.slice(20, 30));
      expect(page.total).toBe(160);
      const without = await bs().search(store, { exclude: sorted.slice(0, 5), limit: 3, offset: 0 });
      expect(without.items.map((b) => b.id)).toEqual(sorted.slice(5, 8));
      expect(without.total).toBe(155);
    });

    it('re-importing upserts by id: same count, changed values, index follows', async () => {
      const moved = { ...delft[3]!, roofHeight: { ...delft[3]!.roofHeight, max: 99 }, bboxWgs84: [5.0, 52.0, 5.001, 52.001] as [number, number, number, number] };
      const r = await store.transaction((tx) => bs().putMany(tx, [moved], 'again'));
      expect(r).toEqual({ created: 0, updated: 1 });
      expect(await bs().count(store)).toBe(160);
      expect((await bs().get(store, moved.id))!.roofHeight.max).toBe(99);
      const there = await bs().search(store, { bbox: [4.9999, 51.9999, 5.0002, 52.0002], limit: 10, offset: 0 });
      expect(there.items.map((b) => b.id)).toEqual([moved.id]);
      await store.transaction((tx) => bs().putMany(tx, [delft[3]!], 'delft'));
      expect((await bs().search(store, { bbox: [4.9999, 51.9999, 5.0002, 52.0002], limit: 10, offset: 0 })).total).toBe(0);
    });

    it('takes the last version when one batch holds a building twice, counting the second as a replacement', async () => {
      const fresh = { ...delft[5]!, id: 'twice-in-one-batch', roofHeight: { ...delft[5]!.roofHeight, max: 11 } };
      const later = { ...fresh, roofHeight: { ...fresh.roofHeight, max: 22 } };
      const r = await store.transaction((tx) => bs().putMany(tx, [fresh, delft[6]!, later], 'dup'));
      expect(r).toEqual({ created: 1, updated: 2 });
      expect((await bs().get(store, fresh.id))!.roofHeight.max).toBe(22);
      await store.transaction((tx) => bs().delete(tx, fresh.id));
      expect(await bs().count(store)).toBe(160);
    });

    it('an import that fails half way leaves nothing behind', async () => {
      await expect(
        store.transaction(async (tx) => {
          await bs().putMany(tx, bag.slice(0, 5), 'bag');
          throw new Error('the sixth building was bad');
        }),
      ).rejects.toThrow('sixth');
      expect(await bs().count(store)).toBe(160);
      expect(await bs().exists(store, bag.slice(0, 5).map((b) => b.id))).toEqual(new Set());
    });

    it('groups buildings by RD tile and returns a tile with its surfaces', async () => {
      const tiles = await bs().tiles(store);
      expect(tiles.reduce((n, t) => n + t.n, 0)).toBe(160);
      const biggest = tiles.sort((a, b) => b.n - a.n)[0]!;
      const inTile = await bs().inTile(store, biggest.tile);
      expect(inTile).toHaveLength(biggest.n);
      expect(inTile.every((b) => b.surfaces.length > 0)).toBe(true);
      const [col, row] = biggest.tile.split('_').map(Number);
      for (const b of inTile) {
        const cx = (b.extentRd![0] + b.extentRd![3]) / 2;
        const cy = (b.extentRd![1] + b.extentRd![4]) / 2;
        expect(Math.floor(cx / 250)).toBe(col);
        expect(Math.floor(cy / 250)).toBe(row);
      }
    });

    it('keeps 3DBAG heights and BAG ids from a CityJSONSeq next to the LoD1 district', async () => {
      await store.transaction((tx) => bs().putMany(tx, bag, 'bag'));
      expect(await bs().count(store)).toBe(170);
      const b = (await bs().get(store, bag[0]!.id))!;
      expect(b.roofHeight).toEqual(bag[0]!.roofHeight);
      expect(b.bagId).toMatch(/^\d{16}$/);
      expect(b.heightSource).toBe('3dbag');
      expect(await bs().extent(store)).not.toBeNull();
    });

    it('deletes a building and its index entry', async () => {
      const id = bag[1]!.id;
      expect(await store.transaction((tx) => bs().delete(tx, id))).toBe(true);
      expect(await bs().get(store, id)).toBeUndefined();
      expect((await bs().search(store, { bbox: bag[1]!.bboxWgs84!, limit: 100, offset: 0 })).items.map((b) => b.id)).not.toContain(id);
      expect(await store.transaction((tx) => bs().delete(tx, id))).toBe(false);
    });
  });
}
