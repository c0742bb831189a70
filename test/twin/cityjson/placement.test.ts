/**
 * Placing CityJSON in the twin's CRS (RD New + NAP): a Swiss LV95 file lands where an
 * independent transformation puts it, RD files stay exactly as written, files in CRSs
 * the data cannot place are refused with the CRS named, and the report says what
 * happened to positions and heights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/kernel/errors.js';
import { RD_NEW, UnknownCrsError, UnplaceableCrsError, epsgEntries, scaleFactorAt } from '../../../src/kernel/geo/index.js';
import { repoPath } from '../../../src/kernel/paths.js';
import { CityJsonError, decodeVertices, importCityJson, type BuildingRecord, type CityJsonImport } from '../../../src/twin/cityjson/index.js';
import { wgs84ToLv95 } from '../../kernel/geo/lv95-approx.js';
import { DELFT_FILE, ZURICH, asSequence, lv95Fixture, type Lv95Fixture } from './lv95-fixture.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/cityjson');
const TARGET = { target: 'EPSG:7415' } as const;

describe('a Swiss LV95 (EPSG:2056) file', () => {
  let fixture: Lv95Fixture;
  let delft: CityJsonImport;
  let swiss: CityJsonImport;
  beforeAll(async () => {
    fixture = lv95Fixture(5);
    delft = await importCityJson(readFileSync(DELFT_FILE));
    swiss = await importCityJson(JSON.stringify(fixture.document), TARGET);
  });

  it('is a fair LV95 file: its coordinates agree with swisstopo\'s own formula within its stated 1 m', () => {
    const raw = JSON.parse(readFileSync(DELFT_FILE, 'utf8'));
    const rd = decodeVertices(raw.vertices, raw.transform);
    for (let i = 0; i < rd.length; i += 3 * 97) {
      const [e, n] = wgs84ToLv95(...fixture.lonLatOf(rd[i]!, rd[i + 1]!));
      expect(Math.hypot(fixture.lv95[i]! - e, fixture.lv95[i + 1]! - n)).toBeLessThan(1);
    }
  });

  it('is imported into RD New, and the report says how', () => {
    expect(swiss.buildings.map((b) => b.id)).toEqual(fixture.ids);
    expect(swiss.crs).toMatchObject({ epsg: 2056, fromFile: true });
    expect(swiss.placement).toEqual({
      from: { epsg: 2056, name: 'CH1903+ / LV95' },
      to: { epsg: 7415, name: 'Amersfoort / RD New + NAP height' },
      exact: false,
      datumShiftAccuracy: 1,
      heights: null,
      heightsMatch: false,
    });
    expect(swiss.warnings).toContain('positions were transformed from EPSG:2056 (CH1903+ / LV95) to EPSG:7415 (Amersfoort / RD New + NAP height) with the EPSG datum shift to WGS 84 (good to about 1 m)');
    expect(swiss.warnings.some((w) => /heights are kept as the file gives them \(no vertical CRS: EPSG:2056 is 2D\), not converted to NAP height/.test(w))).toBe(true);
  });

  /*
   * Tolerance 3 mm: the fixture's 1 mm grid (0.7 mm), the import's rounding to 1 mm
   * (0.7 mm) and proj4's geocentric conversions (about 1 mm, see the EPSG round-trip
   * test). The datum shift itself is the same on both sides (EPSG:1676); how right it is
   * (1 m) is what the swisstopo check above covers.
   */
  it('puts every vertex within 3 mm of where the independent transformation puts it, heights unchanged', () => {
    let checked = 0;
    for (const [i, b] of swiss.buildings.entries()) {
      const original = delft.buildings.find((d) => d.id === b.id)!;
      expect(b.surfaces).toHaveLength(original.surfaces.length);
      b.surfaces.forEach((s, si) =>
        s.rings.forEach((ring, ri) =>
          ring.forEach((p, pi) => {
            const q = original.surfaces[si]!.rings[ri]![pi]!;
            const [x, y] = fixture.truthRd(q[0], q[1]);
            expect(Math.hypot(p[0] - x, p[1] - y), `${b.id} surface ${si}`).toBeLessThan(0.003);
            expect(p[2]).toBe(q[2]);
            checked++;
          }),
        ),
      );
      expect(i).toBeLessThan(5);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps the shapes: footprints grow by RD New\'s scale at Zürich squared, nothing else', () => {
    const k = scaleFactorAt(RD_NEW, ZURICH[0], ZURICH[1]);
    expect(k).toBeGreaterThan(1.0015);
    for (const b of swiss.buildings) {
      const original = delft.buildings.find((d) => d.id === b.id)!;
      // The Delft offsets were taken as true metres, so true area = the Delft RD area.
      expect(b.footprint!.area / original.footprint!.area / (k * k), b.id).toBeCloseTo(1, 3);
      expect(b.roofHeight.max).toBe(original.roofHeight.max);
      expect(b.groundHeight).toBe(original.groundHeight);
    }
  });

  it('gives WGS 84 footprints in Zürich', () => {
    const [w, s, e, n] = swiss.bboxWgs84!;
    expect(w).toBeGreaterThan(ZURICH[0] - 0.01);
    expect(e).toBeLessThan(ZURICH[0] + 0.01);
    expect(s).toBeGreaterThan(ZURICH[1] - 0.01);
    expect(n).toBeLessThan(ZURICH[1] + 0.01);
  });

  it('gives the same buildings from the file as a CityJSONSeq', async () => {
    const seq = await importCityJson(asSequence(fixture.document), TARGET);
    expect(seq.format).toBe('CityJSONSeq');
    expect(seq.buildings).toEqual(swiss.buildings);
    expect(seq.placement).toEqual(swiss.placement);
  });

  it('stays in LV95 when no target is asked for', async () => {
    const own = await importCityJson(JSON.stringify(fixture.document));
    expect(own.placement.exact).toBe(true);
    expect(own.buildings[0]!.extent![0]).toBeGreaterThan(2_600_000);
  });
});

describe('RD New files stay exact', () => {
  it('imports the Delft district with the RD target exactly as without: every coordinate is a vertex of the file', async () => {
    const text = readFileSync(DELFT_FILE);
    const plain = await importCityJson(text);
    const placed = await importCityJson(text, TARGET);
    expect(placed.placement).toMatchObject({ exact: true, heightsMatch: true, heights: 'NAP height', datumShiftAccuracy: null });
    expect(placed.buildings).toEqual(plain.buildings);
    expect(placed.warnings.some((w) => /transformed|heights are kept/.test(w))).toBe(false);
    // Not even rounding moves a coordinate: each is one of the file's own vertices (1 mm grid), to the last bit.
    const raw = JSON.parse(text.toString('utf8'));
    const coords = decodeVertices(raw.vertices, raw.transform);
    const own = new Set<string>();
    for (let i = 0; i < coords.length; i += 3) own.add([coords[i], coords[i + 1], coords[i + 2]].map((v) => v!.toFixed(3)).join(','));
    let n = 0;
    let worst = 0;
    for (const b of placed.buildings) {
      for (const p of b.surfaces.flatMap((s) => s.rings.flat())) {
        expect(own.has(p.map((v) => v.toFixed(3)).join(','))).toBe(true);
        worst = Math.max(worst, ...p.map((v) => Math.abs(v - Number(v.toFixed(3)))));
        n++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect(worst).toBeLessThan(1e-9);
  });

  it('does the same for the 3DBAG CityJSONSeq (EPSG:7415) and a 2D RD New file (EPSG:28992)', async () => {
    const seq = readFileSync(repoPath('demo', 'delft', '3dbag-subset.city.jsonl'));
    const a = await importCityJson(seq);
    const b = await importCityJson(seq, TARGET);
    expect(b.buildings).toEqual(a.buildings);
    expect(b.placement.exact).toBe(true);
    const rd2d = JSON.parse(readFileSync(DELFT_FILE, 'utf8'));
    rd2d.metadata.referenceSystem = 'https://www.opengis.net/def/crs/EPSG/0/28992';
    const c = await importCityJson(JSON.stringify(rd2d), TARGET);
    // A 2D RD file's heights are taken as NAP, the Dutch convention: no warning.
    expect(c.placement).toMatchObject({ exact: true, heightsMatch: true, heights: 'NAP height' });
    expect(c.buildings.map((x) => x.surfaces)).toEqual((await importCityJson(readFileSync(DELFT_FILE))).buildings.map((x) => x.surfaces));
  });
});

const WGS84_PROJ = '+proj=longlat +datum=WGS84 +no_defs';
const RD_PROJ = '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m';
/** The block's corners as WGS 84 longitude, latitude: about 10 × 8 m. */
const cornersAt = (lon: number, lat: number): Array<[number, number]> => [[0, 0], [10, 0], [10, 8], [0, 8]].map(([dx, dy]) => [lon + dx! / 70_000, lat + dy! / 111_000]);

/** Metres from each corner's RD New position (by proj4 directly) to the nearest vertex of the building: the largest. */
function cornerOffset(b: BuildingRecord, corners: Array<[number, number]>): number {
  const toRd = proj4(WGS84_PROJ, RD_PROJ);
  const points = b.surfaces.flatMap((s) => s.rings.flat());
  return Math.max(...corners.map((c) => {
    const [x, y] = toRd.forward(c);
    return Math.min(...points.map((p) => Math.hypot(p[0] - x!, p[1] - y!)));
  }));
}

/** A 10 × 8 m block at a WGS 84 position, written in `epsg` with a 1 mm grid, heights 1..9 m. */
function blockIn(epsg: number, proj: string, lon: number, lat: number, extra: Record<string, unknown> = {}): string {
  const to = proj4(WGS84_PROJ, proj);
  const corners = cornersAt(lon, lat).map((c) => to.forward(c) as [number, number]);
  const vertices = [...corners.map(([x, y]) => [x, y, 1]), ...corners.map(([x, y]) => [x, y, 9])];
  const t = [Math.floor(Math.min(...vertices.map((v) => v[0]!))), Math.floor(Math.min(...vertices.map((v) => v[1]!))), 0];
  const geographic = proj.includes('longlat');
  const scale = geographic ? [1e-9, 1e-9, 0.001] : [0.001, 0.001, 0.001];
  return JSON.stringify({
    type: 'CityJSON',
    version: '2.0',
    transform: { scale, translate: t },
    metadata: { referenceSystem: `https://www.opengis.net/def/crs/EPSG/0/${epsg}` },
    CityObjects: {
      block: {
        type: 'Building',
        geometry: [{ type: 'Solid', lod: '1', boundaries: [[[[0, 3, 2, 1]], [[4, 5, 6, 7]], [[0, 1, 5, 4]], [[1, 2, 6, 5]], [[2, 3, 7, 6]], [[3, 0, 4, 7]]]] }],
      },
    },
    vertices: vertices.map((v) => v.map((c, k) => Math.round((c - t[k]!) / scale[k]!))),
    ...extra,
  });
}

describe('what the report says about heights, per kind of CRS', () => {
  const cases: Array<[string, number, string, number, number, RegExp | null]> = [
    ['RD New + NAP', 7415, '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m', 4.36, 52.01, null],
    ['UTM 32N + DHHN92 (Cologne)', 5555, '+proj=utm +zone=32 +ellps=GRS80 +units=m', 6.96, 50.94, /\(DHHN92 height\), not converted to NAP height/],
    ['ETRS89 geographic 2D (Antwerp)', 4258, '+proj=longlat +ellps=GRS80', 4.4, 51.22, /no vertical CRS: EPSG:4258 is 2D/],
    ['WGS 84 3D (Delft)', 4979, '+proj=longlat +datum=WGS84', 4.36, 52.01, /\(WGS 84 ellipsoidal height\)/],
    ['Belgian Lambert 72 (Brussels)', 31370, '+proj=lcc +lat_1=51.16666723333333 +lat_2=49.8333339 +lat_0=90 +lon_0=4.367486666666666 +x_0=150000.013 +y_0=5400088.438 +ellps=intl +towgs84=-106.868628,52.297783,-103.723893,0.336570,-0.456955,1.842183,-1.2747 +units=m', 4.35, 50.85, /EPSG:31370 is 2D/],
  ];
  it.each(cases)('%s', async (_name, epsg, proj, lon, lat, heights) => {
    const r = await importCityJson(blockIn(epsg, proj, lon, lat), TARGET);
    const b = r.buildings[0]!;
    expect(b.groundHeight).toBe(1);
    expect(b.roofHeight.max).toBe(9);
    const heightWarning = r.warnings.find((w) => w.startsWith('heights are kept'));
    if (heights) expect(heightWarning).toMatch(heights);
    else expect(heightWarning).toBeUndefined();
    // Where it should be: its corners, through WGS 84 to RD New by proj4 directly (1 cm: the file's grid of 1e-9° or 1 mm, and rounding).
    expect(cornerOffset(b, cornersAt(lon, lat))).toBeLessThan(0.01);
  });

  it('turns earth-centred (EPSG:4978) coordinates into RD New with their ellipsoidal heights, and says so', async () => {
    const ecef = proj4('+proj=longlat +datum=WGS84', '+proj=geocent +datum=WGS84 +units=m');
    const corners = cornersAt(4.36, 52.01);
    const vertices = corners.map(([lon, lat]) => ecef.forward([lon, lat, 44]).map((c) => Math.round(c * 1000)));
    const r = await importCityJson(JSON.stringify({
      type: 'CityJSON',
      version: '2.0',
      transform: { scale: [0.001, 0.001, 0.001], translate: [0, 0, 0] },
      metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/4978' },
      CityObjects: { pad: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[[0, 1, 2, 3]]] }] } },
      vertices,
    }), TARGET);
    const b = r.buildings[0]!;
    expect(cornerOffset(b, corners)).toBeLessThan(0.01);
    expect(b.extent![2]).toBeCloseTo(44, 2);
    expect(r.warnings.find((w) => w.startsWith('heights are kept'))).toMatch(/WGS 84 ellipsoidal height/);
  });
});

describe('files in a CRS that cannot be placed are refused, naming the CRS', () => {
  const bad = (name: string): string => readFileSync(join(FIXTURES, 'bad', name), 'utf8');
  const cases: Array<[file: string, type: new (...a: never[]) => Error, message: RegExp]> = [
    ['unknown-epsg.city.json', UnknownCrsError, /EPSG:99999 .*is not a coordinate reference system in the EPSG data/],
    ['vertical-crs.city.json', UnplaceableCrsError, /EPSG:5709 \(NAP height\) cannot be placed: it is a vertical CRS/],
    ['engineering-crs.city.json', UnplaceableCrsError, /EPSG:8377 .* engineering \(local\) CRS without a georeference/],
    ['rd-coordinates-named-lv95.city.json', CityJsonError, /outside the area of use of EPSG:2056 \(CH1903\+ \/ LV95\)/],
    ['lv95-coordinates-named-rd.city.json', CityJsonError, /EPSG:7415 \(Amersfoort \/ RD New \+ NAP height\)/],
    ['seq-feature-outside-area.city.jsonl', CityJsonError, /outside the area of use of EPSG:2056/],
  ];
  it.each(cases)('%s', async (file, type, message) => {
    // With and without a target: the file's own CRS is what cannot place it.
    for (const options of [{}, TARGET]) {
      const attempt = importCityJson(bad(file), options);
      await expect(attempt).rejects.toThrow(type);
      await expect(attempt).rejects.toThrow(message);
    }
  });

  it('places the Belgian Lambert 72 file that used to be refused, in Brussels', async () => {
    const r = await importCityJson(readFileSync(join(FIXTURES, 'crs', 'brussels-lambert72.city.json')), TARGET);
    const footprint = r.buildings[0]!.footprint!.wgs84!;
    const [lon, lat] = (footprint.type === 'Polygon' ? footprint.coordinates[0]![0] : footprint.coordinates[0]![0]![0])!;
    // Lambert 72 (150000, 170000) is in Brussels: PROJ 9.1 (cs2cs EPSG:31370 EPSG:4326) gives 4.368752° E, 50.840411° N.
    expect(Math.abs(lon! - 4.368752) * 70_000).toBeLessThan(1);
    expect(Math.abs(lat! - 50.840411) * 111_000).toBeLessThan(1);
    expect(r.placement).toMatchObject({ exact: false, from: { epsg: 31370 } });
  });
});

describe('any coordinates in any shipped CRS', () => {
  const codes = epsgEntries().map((e) => e.code);

  it('are placed or refused with a 400 naming the problem, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...codes),
        fc.array(fc.tuple(fc.double({ min: -1e8, max: 1e8, noNaN: true }), fc.double({ min: -1e8, max: 1e8, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true })), { minLength: 3, maxLength: 6 }),
        async (code, points) => {
          const document = JSON.stringify({
            type: 'CityJSON',
            version: '2.0',
            transform: { scale: [0.001, 0.001, 0.001], translate: [0, 0, 0] },
            metadata: { referenceSystem: `https://www.opengis.net/def/crs/EPSG/0/${code}` },
            CityObjects: { b: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[points.map((_, i) => i)]] }] } },
            vertices: points.map((p) => p.map((c) => Math.round(c / 0.001))),
          });
          try {
            const r = await importCityJson(document, TARGET);
            // Placed: every coordinate is a finite RD New number.
            for (const p of r.buildings.flatMap((b) => b.surfaces.flatMap((x) => x.rings.flat()))) expect(p.every(Number.isFinite)).toBe(true);
          } catch (e) {
            expect(e, `EPSG:${code}: ${(e as Error).message}`).toBeInstanceOf(AppError);
            expect((e as AppError).status).toBe(400);
            expect((e as AppError).detail).toMatch(/EPSG:\d+/);
          }
        },
      ),
      { numRuns: 400, seed: 7415 },
    );
  });
});
