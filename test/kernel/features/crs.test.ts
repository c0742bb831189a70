import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRS84, EPSG_28992, EPSG_4326, EPSG_7415, findOgcCrs, geometryIn, OGC_CRSS, bboxIn } from '../../../src/kernel/features/index.js';
import { bboxFilter } from '../../../src/kernel/features/query.js';
import { AppError } from '../../../src/kernel/errors.js';
import { transformPoint, type PointGeometry } from '../../../src/kernel/geo/index.js';

describe('OGC CRS identifiers (Part 2)', () => {
  const spellings: Array<[string, typeof CRS84]> = [
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', CRS84],
    ['https://www.opengis.net/def/crs/OGC/1.3/CRS84', CRS84],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', CRS84],
    ['OGC:CRS84', CRS84],
    ['http://www.opengis.net/def/crs/EPSG/0/4326', EPSG_4326],
    ['EPSG:4326', EPSG_4326],
    ['urn:ogc:def:crs:EPSG::4326', EPSG_4326],
    ['http://www.opengis.net/def/crs/EPSG/0/28992', EPSG_28992],
    ['EPSG:28992', EPSG_28992],
    ['urn:ogc:def:crs:EPSG::7415', EPSG_7415],
    [' http://www.opengis.net/def/crs/EPSG/0/7415 ', EPSG_7415],
  ];
  it.each(spellings)('%s names the right CRS', (text, crs) => {
    expect(findOgcCrs(text, OGC_CRSS)).toBe(crs);
  });

  it.each(['http://www.opengis.net/def/crs/EPSG/0/3857', 'EPSG:99999', 'http://www.opengis.net/def/crs/OGC/0/CRS84h', 'CRS:84', '28992', ''])('%j is not offered', (text) => {
    expect(findOgcCrs(text, OGC_CRSS)).toBeUndefined();
  });

  it('finds only what a collection offers', () => {
    expect(findOgcCrs('EPSG:7415', [CRS84, EPSG_28992])).toBeUndefined();
    expect(findOgcCrs('OGC:CRS84', [EPSG_4326])).toBeUndefined();
  });
});

describe('geometry in the requested CRS', () => {
  const rdSquare = { type: 'Polygon' as const, coordinates: [[[85000.123, 447500.456], [85010, 447500.456], [85010, 447510], [85000.123, 447500.456]]] };

  it('hands RD held as RD out unchanged (the same numbers, exactly)', () => {
    expect(geometryIn(rdSquare, EPSG_28992, EPSG_28992)).toBe(rdSquare);
    expect(geometryIn(rdSquare, EPSG_7415, EPSG_28992)).toEqual(rdSquare);
  });

  it('writes EPSG:4326 latitude first and CRS84 longitude first', () => {
    const wgs = { type: 'Point' as const, coordinates: [4.36, 52.01] };
    expect(geometryIn(wgs, CRS84, EPSG_4326)).toEqual({ type: 'Point', coordinates: [52.01, 4.36] });
    expect(geometryIn(wgs, CRS84, CRS84)).toBe(wgs);
    expect(bboxIn([4.3, 52, 4.4, 52.1], CRS84, EPSG_4326)).toEqual([52, 4.3, 52.1, 4.4]);
  });

  it('keeps NAP heights only in RD New + NAP', () => {
    const three = { type: 'Point' as const, coordinates: [85000, 447500, -1.25] };
    expect(geometryIn(three, EPSG_7415, EPSG_7415)).toBe(three);
    expect(geometryIn(three, EPSG_7415, EPSG_28992)).toEqual({ type: 'Point', coordinates: [85000, 447500] });
    expect((geometryIn(three, EPSG_7415, CRS84) as { coordinates: number[] }).coordinates).toHaveLength(2);
  });

  it('goes RD → CRS84 → RD within a millimetre anywhere in the Netherlands', () => {
    fc.assert(
      fc.property(fc.double({ min: 10_000, max: 280_000, noNaN: true }), fc.double({ min: 300_000, max: 620_000, noNaN: true }), (x, y) => {
        const wgs = geometryIn({ type: 'Point', coordinates: [x, y] }, EPSG_28992, CRS84) as PointGeometry;
        const back = transformPoint([wgs.coordinates[0]!, wgs.coordinates[1]!], 4326, 28992);
        expect(Math.hypot(back[0] - x, back[1] - y)).toBeLessThan(0.001);
      }),
    );
  });
});

describe('bbox in bbox-crs', () => {
  it('reads EPSG:4326 boxes latitude first and keeps the horizontal part of 6 numbers', () => {
    expect(bboxFilter('52,4.3,52.1,4.4', EPSG_4326).box).toEqual([4.3, 52, 4.4, 52.1]);
    expect(bboxFilter('4.3,52,4.4,52.1', CRS84).box).toEqual([4.3, 52, 4.4, 52.1]);
    expect(bboxFilter('85000,447000,-5,86000,448000,50', EPSG_7415).box).toEqual([85000, 447000, 86000, 448000]);
  });

  it.each<[string, typeof CRS84]>([
    ['1,2,3', CRS84],
    ['4.3,52,4.4', CRS84],
    ['4.3,95,4.4,96', CRS84],
    ['95,4.3,96,4.4', EPSG_4326],
    ['86000,447000,85000,448000', EPSG_28992],
    ['a,b,c,d', EPSG_28992],
  ])('%s in %s is a 400 naming bbox', (text, crs) => {
    try {
      bboxFilter(text, crs);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).invalidParams[0]!.name).toBe('bbox');
    }
  });

  it('contains the requested box when it is transformed for an index', () => {
    const f = bboxFilter('84900,447400,85100,447600', EPSG_28992);
    const wgs = f.in(4326);
    for (const [x, y] of [[84900, 447400], [85100, 447400], [85100, 447600], [84900, 447600], [85000, 447400]] as const) {
      const [lon, lat] = transformPoint([x, y], 28992, 4326);
      expect(lon >= wgs[0] && lon <= wgs[2] && lat >= wgs[1] && lat <= wgs[3]).toBe(true);
    }
  });
});
