/**
 * The shipped EPSG data (src/kernel/geo/epsg/epsg.json): every entry resolves to a CRS
 * or to a refusal that names it, the CRSs defined in code agree with the data, points
 * anywhere in each projected CRS's area of use go there and back, and the Swiss LV95
 * definition agrees with swisstopo's own formula.
 */
import fc from 'fast-check';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  AREA_MARGIN_DEGREES,
  UnknownCrsError,
  UnplaceableCrsError,
  checkAreaOfUse,
  curatedEpsgCodes,
  epsgCoverage,
  epsgEntries,
  epsgEntry,
  getCrs,
  resolveCrs,
  scaleFactorAt,
  transformPoint,
  type Bbox,
  type EpsgEntry,
} from '../../../src/kernel/geo/index.js';
import { wgs84ToLv95 } from './lv95-approx.js';

const entries = epsgEntries();
const placeable = (e: EpsgEntry): boolean => e.problem === null && !['vertical', 'engineering', 'derived'].includes(e.kind);

/** Metres between two lon/lat points (equirectangular; fine at these separations). */
function metres(a: readonly number[], b: readonly number[]): number {
  const lat = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  return Math.hypot((a[0]! - b[0]!) * (Math.PI / 180) * 6_378_137 * Math.cos(lat), (a[1]! - b[1]!) * (Math.PI / 180) * 6_378_137);
}

/** The inner part of an area of use (a tenth in from each side), so points are well inside; antimeridian areas are skipped. */
function inner([w, s, e, n]: Bbox): Bbox | null {
  if (w > e) return null;
  const dx = (e - w) / 10;
  const dy = (n - s) / 10;
  return [w + dx, Math.max(-85, s + dy), e - dx, Math.min(85, n - dy)];
}

describe('the shipped EPSG data', () => {
  it('covers Europe with well over a thousand CRSs and says where it comes from', () => {
    const { count, about, region } = epsgCoverage();
    expect(count).toBe(entries.length);
    expect(entries.filter(placeable).length).toBeGreaterThan(1000);
    expect(about).toMatch(/epsg-index 2\.0\.0/);
    expect(about).toMatch(/PROJ/);
    expect(region).toEqual([-32, 27, 45, 72]);
    // The CRSs CityJSON files of European cities name.
    for (const code of [2056, 28992, 7415, 31370, 27700, 2154, 3879, 31256, 25832, 25833, 3006, 2180, 5514, 3035, 4258, 4326, 4979, 4978]) {
      expect(() => getCrs(code), `EPSG:${code}`).not.toThrow();
    }
  });

  it('resolves every entry to a CRS, or refuses it naming the code and the reason', () => {
    for (const e of entries) {
      if (placeable(e)) {
        const def = getCrs(e.code);
        expect(def.epsg).toBe(e.code);
        // proj4 can parse the definition; the area of use is a real box.
        expect(() => proj4(def.proj4, 'WGS84'), `EPSG:${e.code}`).not.toThrow();
        expect(def.areaOfUse, `EPSG:${e.code}`).not.toBeNull();
        const [, s, , n] = def.areaOfUse!;
        expect(s).toBeLessThanOrEqual(n);
      } else {
        let error: unknown;
        try {
          getCrs(e.code);
        } catch (x) {
          error = x;
        }
        expect(error, `EPSG:${e.code}`).toBeInstanceOf(UnplaceableCrsError);
        expect((error as UnplaceableCrsError).detail).toContain(`EPSG:${e.code} (${e.name})`);
        expect((error as UnplaceableCrsError).status).toBe(400);
      }
    }
  });

  it('names why a known CRS cannot be placed, for each kind of reason', () => {
    const reasons: Array<[number, RegExp]> = [
      [5709, /vertical CRS/], // NAP height
      [8377, /engineering \(local\) CRS/], // EPSG's example wellbore local CRS
      [31251, /m from where PROJ's EPSG database places it/], // MGI (Ferro): Ferro meridian
      [5666, /grid file BETA2007\.gsb/], // PD/83 / GK zone 3 (E-N): only a grid shift
      [4890, /no transformation from its datum to WGS 84/], // WGS 66
    ];
    for (const [code, reason] of reasons) {
      expect(() => resolveCrs(`https://www.opengis.net/def/crs/EPSG/0/${code}`), `EPSG:${code}`).toThrow(reason);
      expect(() => resolveCrs(code)).toThrow(UnplaceableCrsError);
    }
    // Unknown codes are a different refusal, naming the code as written.
    expect(() => resolveCrs('urn:ogc:def:crs:EPSG::99999')).toThrow(UnknownCrsError);
    expect(() => resolveCrs('urn:ogc:def:crs:EPSG::99999')).toThrow(/EPSG:99999 \('urn:ogc:def:crs:EPSG::99999'\)/);
  });

  it('agrees with the CRSs defined in code (same area of use; the same positions within 1 mm)', () => {
    for (const code of curatedEpsgCodes()) {
      const curated = getCrs(code);
      const data = epsgEntry(code)!;
      expect(data, `EPSG:${code} is in the data`).toBeDefined();
      expect(curated.areaOfUse).toEqual(data.areaOfUse);
      expect(curated.verticalDatum).toBe(data.vertical);
      if (curated.kind === 'geocentric') continue;
      const [w, s, e, n] = inner(curated.areaOfUse!)!;
      for (const [lon, lat] of [[w, s], [e, n], [(w + e) / 2, (s + n) / 2]] as const) {
        const mine = transformPoint([lon, lat], 4326, curated);
        const theirs = proj4('WGS84', data.proj4!).forward([lon, lat]);
        const unit = curated.kind === 'geographic' ? 111_320 : 1;
        expect(Math.hypot(mine[0] - theirs[0]!, mine[1] - theirs[1]!) * unit, `EPSG:${code} at ${lon}, ${lat}`).toBeLessThan(0.001);
      }
    }
  });

  it('records for every placeable horizontal CRS how far its definition is from PROJ, and reports an accuracy that covers it', () => {
    for (const e of entries.filter((x) => placeable(x) && x.kind !== 'geocentric')) {
      expect(e.check, `EPSG:${e.code}`).not.toBeNull();
      const def = getCrs(e.code);
      // What an import report says about the datum shift is never better than what was measured.
      expect(def.accuracy ?? 0, `EPSG:${e.code}`).toBeGreaterThanOrEqual(Math.round(e.check! * 10) / 10);
    }
  });
});

/** True when the PROJ string shifts its datum to WGS 84 (a non-zero towgs84). */
const shiftsDatum = (proj: string): boolean => /\+towgs84=([^ ]+)/.exec(proj)?.[1]?.split(',').some((v) => Number(v) !== 0) ?? false;

/*
 * Round trip through each projected CRS: a random point of its area of use, projected
 * with the CRS and brought back, lands where it started. This is the numerical half of
 * placement (the datum half is the PROJ check above): every projection's inverse must
 * undo its forward over the whole area, or imports drift. Tolerances, from what
 * proj4js achieves: 5 mm for a pure projection (equal-area ones invert the authalic
 * latitude by a series: LAEA Europe 1.3 mm, EASE-Grid 2.2 mm; conformal grids are exact
 * to micrometres); 10 cm with a datum shift, as proj4js converts geocentric to geographic
 * coordinates with finite precision (worst: Helle 1954 8 cm, Reykjavik 1900 4 cm,
 * Palestine 1923 1.3 cm, all others under 1 cm), far inside the shifts' own accuracy of
 * a metre or more.
 */
describe('points anywhere in each projected CRS area of use survive the round trip', () => {
  const projected = entries.filter((e) => placeable(e) && getCrs(e.code).kind === 'projected');

  it(`for all ${projected.length} projected CRSs, within 5 mm (10 cm with a datum shift)`, () => {
    let tested = 0;
    for (const e of projected) {
      const box = inner(e.areaOfUse!);
      if (!box) continue;
      const def = getCrs(e.code);
      const tolerance = shiftsDatum(def.proj4) ? 0.1 : 0.005;
      fc.assert(
        fc.property(fc.double({ min: box[0], max: box[2], noNaN: true }), fc.double({ min: box[1], max: box[3], noNaN: true }), (lon, lat) => {
          const xy = transformPoint([lon, lat], 4326, def);
          expect(checkAreaOfUse(def, [xy[0], xy[1], xy[0], xy[1]]).inside, `EPSG:${e.code} ${lon},${lat}`).toBe(true);
          const back = transformPoint(xy, def, 4326);
          expect(metres(back, [lon, lat]), `EPSG:${e.code} at ${lon}, ${lat}`).toBeLessThan(tolerance);
        }),
        { numRuns: 8, seed: e.code },
      );
      tested++;
    }
    expect(tested).toBeGreaterThan(900);
  });
});

describe('area of use', () => {
  it('accepts coordinates inside (with the margin) and refuses them farther out, naming the CRS', () => {
    const lv95 = getCrs(2056);
    const zurich = transformPoint([8.54, 47.37], 4326, lv95);
    expect(checkAreaOfUse(lv95, [zurich[0], zurich[1], zurich[0] + 500, zurich[1] + 500]).inside).toBe(true);
    // Just beyond the area's west edge (5.96°E) but within the margin: still accepted.
    const edge = transformPoint([5.96 - AREA_MARGIN_DEGREES / 2, 46.5], 4326, lv95);
    expect(checkAreaOfUse(lv95, [edge[0], edge[1], edge[0], edge[1]]).inside).toBe(true);
    // RD coordinates of Delft read as LV95 land in the Atlantic.
    const wrong = checkAreaOfUse(lv95, [84_900, 447_600, 85_000, 447_700]);
    expect(wrong.inside).toBe(false);
    expect(!wrong.inside && wrong.reason).toMatch(/outside the area of use of EPSG:2056 \(CH1903\+ \/ LV95\)/);
    // Degrees where metres belong: not a position on the earth at all.
    const degrees = checkAreaOfUse(getCrs(4326), [84_900, 447_600, 85_000, 447_700]);
    expect(degrees.inside).toBe(false);
  });
});

describe('Swiss LV95 (EPSG:2056) against swisstopo', () => {
  it("puts WGS 84 points within 1 m of swisstopo's approximate formula (its stated accuracy), all over Switzerland", () => {
    fc.assert(
      fc.property(fc.double({ min: 6.2, max: 10.3, noNaN: true }), fc.double({ min: 45.9, max: 47.7, noNaN: true }), (lon, lat) => {
        const [e, n] = transformPoint([lon, lat], 4326, 2056);
        const [ae, an] = wgs84ToLv95(lon, lat);
        expect(Math.hypot(e - ae, n - an)).toBeLessThan(1);
      }),
      { numRuns: 200, seed: 2056 },
    );
  });
});

describe('point scale', () => {
  it("gives RD New's scale factor 0.9999079 at its origin and the stereographic growth away from it", () => {
    // True distances are measured on the WGS 84 ellipsoid, RD's on Bessel's: they differ by a few parts per million.
    expect(Math.abs(scaleFactorAt(28992, 5.38763888888889, 52.15616055555555) - 0.9999079)).toBeLessThan(5e-6);
    // Spherical oblique stereographic: k = k0 / cos²(c/2), c the angular distance from the origin.
    const k0 = 0.9999079;
    const lat0 = 52.15616055555555 * (Math.PI / 180);
    const lon0 = 5.38763888888889 * (Math.PI / 180);
    for (const [lon, lat] of [[8.54, 47.37], [24.94, 60.17], [-9.14, 38.72]] as const) {
      const phi = lat * (Math.PI / 180);
      const c = Math.acos(Math.sin(lat0) * Math.sin(phi) + Math.cos(lat0) * Math.cos(phi) * Math.cos(lon * (Math.PI / 180) - lon0));
      const spherical = k0 / Math.cos(c / 2) ** 2;
      expect(Math.abs(scaleFactorAt(28992, lon, lat) - spherical), `${lon}, ${lat}`).toBeLessThan(2e-4);
    }
    expect(scaleFactorAt(4326, 8.54, 47.37)).toBe(1);
  });
});
