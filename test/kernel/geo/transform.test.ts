import { describe, expect, it } from 'vitest';
import {
  RD_NEW,
  UnknownCrsError,
  WGS84,
  getCrs,
  parseCrsReference,
  resolveCrs,
  transformBbox,
  transformCoordinates,
  transformPoint,
  transformer,
} from '../../../src/kernel/geo/index.js';
import { rdToWgs84Polynomial } from './rd-polynomial.js';

/** Distance in metres between two lon/lat points (equirectangular; fine at these separations). */
function metres(a: readonly number[], b: readonly number[]): number {
  const lat = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  const dx = (a[0]! - b[0]!) * (Math.PI / 180) * 6_378_137 * Math.cos(lat);
  const dy = (a[1]! - b[1]!) * (Math.PI / 180) * 6_378_137;
  return Math.hypot(dx, dy);
}

/*
 * RDNAPTRANS™2018 self-validation points 1–7 (NSGI, "RDNAPTRANS™2018 – coordinate
 * transformation to and from RD and NAP", 2019): RD x, y and the ETRS89 latitude,
 * longitude the full grid-based procedure gives. The 7-parameter shift without the
 * correction grid is documented by NSGI to be off by "a few decimetres at most".
 */
const RDNAPTRANS_POINTS: ReadonlyArray<[name: string, x: number, y: number, lat: number, lon: number]> = [
  ['Texel', 117380.12, 575040.34, 53.160753042, 4.824761912],
  ['Noord-Groningen', 247380.56, 604580.78, 53.41948205, 6.776726674],
  ['Amersfoort', 155000, 463000, 52.155172897, 5.387203657],
  ['Zeeuws-Vlaanderen', 16460.91, 377380.23, 51.368607152, 3.397588595],
  ['Zuid-Limburg', 182260.45, 311480.67, 50.792584916, 5.773795548],
  ['Maasvlakte', 64640.89, 440700.01, 51.947393898, 4.072887101],
];

describe('RD New ↔ WGS 84', () => {
  it('puts the Amersfoort origin within 1e-6° of the RDNAPTRANS value', () => {
    const [lon, lat] = transformPoint([155000, 463000], RD_NEW, WGS84);
    expect(Math.abs(lat - 52.155172897)).toBeLessThan(1e-6);
    expect(Math.abs(lon - 5.387203657)).toBeLessThan(1e-6);
  });

  it('puts the Amersfoort origin within 0.5 m of the classic 52.15517440 N, 5.38720621 E', () => {
    // That value is the origin constant of the 2001 polynomial approximation, an older
    // WGS 84 estimate; it differs from the EPSG:15739 parameters by about 0.3 m.
    const p = transformPoint([155000, 463000], RD_NEW, WGS84);
    expect(metres(p, [5.38720621, 52.1551744])).toBeLessThan(0.5);
  });

  it.each(RDNAPTRANS_POINTS)('agrees with RDNAPTRANS2018 at %s within 0.25 m, both ways', (_name, x, y, lat, lon) => {
    const p = transformPoint([x, y], 28992, 4326);
    expect(metres(p, [lon, lat])).toBeLessThan(0.25);
    const back = transformPoint([lon, lat], 4326, 28992);
    expect(Math.hypot(back[0] - x, back[1] - y)).toBeLessThan(0.25);
  });

  it('agrees with the independent Schreutelkamp–Strang van Hees polynomial within 0.5 m around Delft, The Hague and Rotterdam', () => {
    for (const [x, y] of [[84900, 447600], [78650, 457900], [90450, 435480], [85088, 446394]] as const) {
      expect(metres(transformPoint([x, y], RD_NEW, WGS84), rdToWgs84Polynomial(x, y))).toBeLessThan(0.5);
    }
  });

  it('round-trips RD → WGS 84 → RD to a millimetre', () => {
    for (const [x, y] of [[0, 300000], [84616.468, 447422.999], [280000, 625000]] as const) {
      const back = transformPoint(transformPoint([x, y], RD_NEW, WGS84), WGS84, RD_NEW);
      expect(Math.hypot(back[0] - x, back[1] - y)).toBeLessThan(0.001);
    }
  });

  it('keeps NAP heights when transforming EPSG:7415', () => {
    const p = transformPoint([84900, 447600, 3.5], 'https://www.opengis.net/def/crs/EPSG/0/7415', WGS84);
    expect(p[2]).toBe(3.5);
    const flat = transformPoint([84900, 447600], RD_NEW, WGS84);
    expect(p[0]).toBe(flat[0]);
    expect(p[1]).toBe(flat[1]);
  });

  it('treats 7415 → 28992 as the identity', () => {
    const t = transformer(7415, 28992);
    expect(t.identity).toBe(true);
    expect(t.point([1, 2, 3])).toEqual([1, 2, 3]);
  });
});

describe('other CRSs', () => {
  it('maps Delft to UTM 31N, LAEA Europe and web mercator consistently with WGS 84', () => {
    const wgs = transformPoint([84900, 447600], RD_NEW, WGS84);
    for (const code of [25831, 25832, 3035, 3857, 4258]) {
      const projected = transformPoint([84900, 447600], RD_NEW, code);
      const back = transformPoint(projected, code, WGS84);
      expect(metres(back, wgs)).toBeLessThan(0.01);
    }
    // UTM 31N: Delft lies west of the 3°E central meridian + 1.37°, about 594 km easting.
    const [e, n] = transformPoint(wgs, WGS84, 25831);
    expect(e).toBeGreaterThan(590_000);
    expect(e).toBeLessThan(600_000);
    expect(n).toBeGreaterThan(5_760_000);
    expect(n).toBeLessThan(5_770_000);
  });

  it('transforms geocentric coordinates including z', () => {
    const ecef = transformPoint([4.3661, 52.0123, 45], WGS84, 4978);
    expect(Math.hypot(...ecef)).toBeGreaterThan(6_360_000);
    const back = transformPoint(ecef, 4978, WGS84);
    expect(back[2]).toBeCloseTo(45, 3);
    expect(metres(back, [4.3661, 52.0123])).toBeLessThan(0.001);
  });
});

describe('typed arrays in place', () => {
  it('gives the same result as point by point and leaves z alone with stride 3', () => {
    const pts = [[84616.468, 447422.999, -0.45], [85140.839, 447750.636, 16.8], [155000, 463000, 0]];
    const flat = new Float64Array(pts.flat());
    const same = transformCoordinates(flat, 7415, WGS84, 3);
    expect(same).toBe(flat);
    pts.forEach((p, i) => {
      const q = transformPoint(p as [number, number, number], 7415, WGS84);
      expect(flat[i * 3]).toBe(q[0]);
      expect(flat[i * 3 + 1]).toBe(q[1]);
      expect(flat[i * 3 + 2]).toBe(p[2]);
    });
  });
});

describe('bbox', () => {
  it('contains every transformed corner and edge point', () => {
    const rd: [number, number, number, number] = [84616.468, 447422.999, 85140.839, 447750.636];
    const box = transformBbox(rd, RD_NEW, WGS84);
    for (const [x, y] of [[rd[0], rd[1]], [rd[2], rd[3]], [rd[0], rd[3]], [rd[2], rd[1]], [(rd[0] + rd[2]) / 2, rd[1]]] as const) {
      const [lon, lat] = transformPoint([x, y], RD_NEW, WGS84);
      expect(lon).toBeGreaterThanOrEqual(box[0]);
      expect(lon).toBeLessThanOrEqual(box[2]);
      expect(lat).toBeGreaterThanOrEqual(box[1]);
      expect(lat).toBeLessThanOrEqual(box[3]);
    }
    // Half a kilometre of Delft is about 0.0077° of longitude.
    expect(box[2] - box[0]).toBeGreaterThan(0.007);
    expect(box[2] - box[0]).toBeLessThan(0.0085);
  });
});

describe('CRS references', () => {
  it.each([
    ['https://www.opengis.net/def/crs/EPSG/0/7415', 7415],
    ['http://www.opengis.net/def/crs/EPSG/0/28992', 28992],
    ['urn:ogc:def:crs:EPSG::7415', 7415],
    ['urn:ogc:def:crs:EPSG:6.3:28992', 28992],
    ['EPSG:28992', 28992],
    ['epsg:4326', 4326],
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 4326],
  ])('parses %s', (ref, epsg) => {
    expect(parseCrsReference(ref).epsg).toBe(epsg);
  });

  it('names the code it cannot transform', () => {
    expect(() => resolveCrs('https://www.opengis.net/def/crs/EPSG/0/999999')).toThrow(UnknownCrsError);
    expect(() => resolveCrs('https://www.opengis.net/def/crs/EPSG/0/999999')).toThrow(/EPSG:999999/);
    expect(() => getCrs(99999)).toThrow(/EPSG:99999/);
    expect(() => transformPoint([0, 0], 'EPSG:999999', WGS84)).toThrow(UnknownCrsError);
  });

  it('rejects text that is no CRS reference', () => {
    expect(() => parseCrsReference('RD New')).toThrow(UnknownCrsError);
    try {
      parseCrsReference('RD New');
    } catch (e) {
      expect((e as UnknownCrsError).status).toBe(400);
      expect((e as UnknownCrsError).epsg).toBeNull();
    }
  });
});
