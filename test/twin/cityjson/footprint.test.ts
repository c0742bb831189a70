import { describe, expect, it } from 'vitest';
import { footprintArea, mergeFaces, type Ring2 } from '../../../src/twin/cityjson/index.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring2 => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('mergeFaces', () => {
  it('joins two faces sharing an edge into one rectangle without the shared corners', () => {
    const fp = mergeFaces([[rect(0, 0, 5, 4)], [rect(5, 0, 10, 4)]]);
    expect(fp).toHaveLength(1);
    expect(fp[0]).toHaveLength(1);
    expect(fp[0]![0]).toHaveLength(5); // 4 corners + closing point; (5,0) and (5,4) are gone
    expect(footprintArea(fp)).toBeCloseTo(40, 9);
  });

  it('joins a triangulated square regardless of triangle orientation', () => {
    const fp = mergeFaces([[[[0, 0], [4, 0], [4, 4]]], [[[0, 0], [0, 4], [4, 4]]]]);
    expect(fp).toHaveLength(1);
    expect(footprintArea(fp)).toBeCloseTo(16, 9);
  });

  it('joins parts meeting in a T-junction (one edge against two)', () => {
    const fp = mergeFaces([[rect(0, 0, 10, 4)], [rect(0, 4, 5, 8)], [rect(5, 4, 10, 8)]]);
    expect(fp).toHaveLength(1);
    expect(fp[0]).toHaveLength(1);
    expect(footprintArea(fp)).toBeCloseTo(80, 9);
  });

  it('keeps a courtyard as a clockwise hole', () => {
    // A ring of four faces around an open square.
    const faces = [[rect(0, 0, 9, 3)], [rect(0, 6, 9, 9)], [rect(0, 3, 3, 6)], [rect(6, 3, 9, 6)]];
    const fp = mergeFaces(faces);
    expect(fp).toHaveLength(1);
    expect(fp[0]).toHaveLength(2);
    expect(footprintArea(fp)).toBeCloseTo(81 - 9, 9);
    const [outer, hole] = fp[0]!;
    const signed = (r: Ring2): number => r.slice(1).reduce((s, p, i) => s + (r[i]![0] - p[0]) * (r[i]![1] + p[1]), 0) / 2;
    expect(signed(outer!)).toBeGreaterThan(0);
    expect(signed(hole!)).toBeLessThan(0);
  });

  it('keeps a face with its own hole', () => {
    const fp = mergeFaces([[rect(0, 0, 10, 10), rect(2, 2, 4, 4)]]);
    expect(footprintArea(fp)).toBeCloseTo(96, 9);
  });

  it('returns separate polygons for detached parts, and nothing for no faces', () => {
    expect(mergeFaces([[rect(0, 0, 1, 1)], [rect(5, 5, 6, 6)]])).toHaveLength(2);
    expect(mergeFaces([])).toEqual([]);
  });

  it('matches vertices that differ below a millimetre', () => {
    const fp = mergeFaces([[rect(0, 0, 5, 4)], [[[5.0004, 0], [10, 0], [10, 4], [5.0003, 4.0002]]]]);
    expect(fp).toHaveLength(1);
  });
});
