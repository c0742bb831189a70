import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectionArea, lineMeetsPolygons, multiPolygonArea, pointInPolygon } from '../../../src/rules/check/planar.js';
import type { PolygonCoords } from '../../../src/rules/imro/index.js';

const rect = (x0: number, y0: number, x1: number, y1: number, cw = false): PolygonCoords => {
  const ring: [number, number][] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  return [cw ? ring.reverse() : ring];
};
const withHole = (outer: PolygonCoords, hole: PolygonCoords): PolygonCoords => [outer[0]!, hole[0]!];

describe('planar predicates', () => {
  it('point in polygon: inside, outside, boundary, in a hole', () => {
    const p = withHole(rect(0, 0, 10, 10), rect(4, 4, 6, 6));
    expect(pointInPolygon(1, 1, p)).toBe(true);
    expect(pointInPolygon(11, 1, p)).toBe(false);
    expect(pointInPolygon(10, 5, p)).toBe(true);
    expect(pointInPolygon(5, 5, p)).toBe(false);
    expect(pointInPolygon(4, 5, p)).toBe(true);
  });

  it('intersection area of rectangles equals the analytic overlap, whatever the ring orientation', () => {
    const coord = fc.integer({ min: -50, max: 50 });
    fc.assert(
      fc.property(coord, coord, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), coord, coord, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.boolean(),
        (ax, ay, aw, ah, bx, by, bw, bh, cwa, cwb) => {
          const a = rect(ax + 120000, ay + 480000, ax + aw + 120000, ay + ah + 480000, cwa);
          const b = rect(bx + 120000, by + 480000, bx + bw + 120000, by + bh + 480000, cwb);
          const ox = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
          const oy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
          expect(intersectionArea([a], [b])).toBeCloseTo(ox * oy, 4);
          expect(intersectionArea([b], [a])).toBeCloseTo(ox * oy, 4);
        }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('subtracts holes and handles concave shapes', () => {
    const holed = withHole(rect(0, 0, 10, 10), rect(2, 2, 8, 8));
    expect(multiPolygonArea([holed])).toBe(64);
    expect(intersectionArea([holed], [rect(0, 0, 10, 10)])).toBeCloseTo(64, 9);
    expect(intersectionArea([holed], [rect(3, 3, 7, 7)])).toBeCloseTo(0, 9);
    // An L shape against a square over its notch.
    const ell: PolygonCoords = [[[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10], [0, 0]]];
    expect(intersectionArea([ell], [rect(2, 2, 8, 8)])).toBeCloseTo(4 * 2 + 2 * 2 + 2 * 4 - 4 + 4, 9);
  });

  it('lines meet polygons they cross or end in', () => {
    const p = [rect(0, 0, 10, 10)];
    expect(lineMeetsPolygons([[-5, 5], [15, 5]], p)).toBe(true);
    expect(lineMeetsPolygons([[-5, 5], [-1, 5]], p)).toBe(false);
    expect(lineMeetsPolygons([[5, 5], [6, 6]], p)).toBe(true);
  });
});
