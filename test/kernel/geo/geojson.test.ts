import { describe, expect, it } from 'vitest';
import { parseBbox, ringSignedArea, validateGeometry } from '../../../src/kernel/geo/index.js';

const square = [[4.35, 52.0], [4.36, 52.0], [4.36, 52.01], [4.35, 52.01], [4.35, 52.0]];

describe('validateGeometry', () => {
  it('accepts every valid geometry type', () => {
    const ok = [
      { type: 'Point', coordinates: [4.36, 52.01] },
      { type: 'Point', coordinates: [4.36, 52.01, 3.2] },
      { type: 'MultiPoint', coordinates: [[4.36, 52.01], [4.37, 52.02]] },
      { type: 'LineString', coordinates: [[4.36, 52.01], [4.37, 52.02]] },
      { type: 'MultiLineString', coordinates: [[[4.36, 52.01], [4.37, 52.02]]] },
      { type: 'Polygon', coordinates: [square] },
      { type: 'MultiPolygon', coordinates: [[square], [square]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] },
    ];
    for (const g of ok) expect(validateGeometry(g), g.type).toEqual([]);
  });

  it.each([
    ['not an object', 42, ''],
    ['unknown type', { type: 'Circle', coordinates: [0, 0] }, 'type'],
    ['missing coordinates', { type: 'Point' }, 'coordinates'],
    ['position with one number', { type: 'Point', coordinates: [4] }, 'coordinates'],
    ['non-finite number', { type: 'Point', coordinates: [4, Number.NaN] }, 'coordinates'],
    ['string number', { type: 'Point', coordinates: ['4', 52] }, 'coordinates'],
    ['longitude out of range', { type: 'Point', coordinates: [181, 52] }, 'coordinates'],
    ['latitude out of range', { type: 'Point', coordinates: [4, -91] }, 'coordinates'],
    ['one-point line', { type: 'LineString', coordinates: [[4, 52]] }, 'coordinates'],
    ['open ring', { type: 'Polygon', coordinates: [square.slice(0, 4).concat([[4.35, 52.005]])] }, 'coordinates.0'],
    ['ring of three positions', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }, 'coordinates.0'],
    ['polygon without rings', { type: 'Polygon', coordinates: [] }, 'coordinates'],
    ['bad member of a collection', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [999, 0] }] }, 'geometries.0.coordinates'],
    ['nested collection', { type: 'GeometryCollection', geometries: [{ type: 'GeometryCollection', geometries: [] }] }, 'geometries.0'],
    ['bad ring inside a multipolygon', { type: 'MultiPolygon', coordinates: [[square], [[[0, 0], [1, 1]]]] }, 'coordinates.1.0'],
  ])('reports %s at its path', (_what, g, path) => {
    const issues = validateGeometry(g);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('skips range checks for projected coordinates when asked', () => {
    const rd = { type: 'Point', coordinates: [84900, 447600] };
    expect(validateGeometry(rd).length).toBe(2);
    expect(validateGeometry(rd, { geographic: false })).toEqual([]);
  });

  it('caps the number of issues', () => {
    const bad = { type: 'MultiPoint', coordinates: Array.from({ length: 500 }, () => [999, 999]) };
    expect(validateGeometry(bad, { maxIssues: 10 })).toHaveLength(10);
  });
});

describe('parseBbox', () => {
  it('parses four or six numbers', () => {
    expect(parseBbox('4.35,52.0,4.37,52.02').bbox).toEqual([4.35, 52.0, 4.37, 52.02]);
    expect(parseBbox('84000, 447000, -5, 85000, 448000, 50').bbox).toEqual([84000, 447000, 85000, 448000]);
  });

  it('rejects malformed boxes with a reason', () => {
    expect(parseBbox('1,2,3').issues[0]).toMatch(/4 numbers/);
    expect(parseBbox('a,2,3,4').issues[0]).toMatch(/'a'/);
    expect(parseBbox('0,5,1,4').issues[0]).toMatch(/south/);
    expect(parseBbox('0,0,200,10', { geographic: true }).issues[0]).toMatch(/longitudes/);
    expect(parseBbox('170,0,-170,10', { geographic: true }).bbox).toEqual([170, 0, -170, 10]);
  });
});

describe('ringSignedArea', () => {
  it('is positive for counter-clockwise rings', () => {
    expect(ringSignedArea([[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]])).toBe(2);
    expect(ringSignedArea([[0, 0], [0, 1], [2, 1], [2, 0], [0, 0]])).toBe(-2);
  });
});
