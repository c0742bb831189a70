import fc from 'fast-check';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../../src/twin/analysis/png.js';
import { readGlb, triangulate, writeGlb } from '../../../src/twin/tiles/index.js';

type P = [number, number];
const area = (r: readonly P[]): number => r.reduce((a, p, i) => a + (p[0] * r[(i + 1) % r.length]![1] - r[(i + 1) % r.length]![0] * p[1]), 0) / 2;
const triArea = (pts: readonly P[], t: number[]): number => {
  let sum = 0;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [pts[t[i]!]!, pts[t[i + 1]!]!, pts[t[i + 2]!]!];
    const z = ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
    expect(z, 'every triangle counter-clockwise, none degenerate').toBeGreaterThan(0);
    sum += z;
  }
  return sum;
};

/** A star-shaped polygon around the origin: simple by construction, often very concave. */
const star = fc
  .array(fc.double({ min: 4, max: 20, noNaN: true }), { minLength: 3, maxLength: 40 })
  .map((radii) => radii.map((r, i) => [r * Math.cos((2 * Math.PI * i) / radii.length), r * Math.sin((2 * Math.PI * i) / radii.length)] as P));
/**
 * Unit-square holes that always lie inside the star. Every star contains the regular polygon
 * of radius 4 on its rays, whose inscribed circle (three corners: radius 2) is the safe zone;
 * a square with corners in [-1.2, 1.2]² stays within radius 1.2·√2 ≈ 1.7.
 */
const holes = fc.array(fc.tuple(fc.double({ min: -1.2, max: 0.2, noNaN: true }), fc.double({ min: -1.2, max: 0.2, noNaN: true })), { maxLength: 1 });

describe('ear-clipping triangulation', () => {
  it('covers a unit square with two triangles', () => {
    const t = triangulate([[[0, 0], [1, 0], [1, 1], [0, 1]]]);
    expect(t).toHaveLength(6);
    expect(triArea([[0, 0], [1, 0], [1, 1], [0, 1]], t)).toBeCloseTo(1);
  });

  it('cuts a square hole out of a square', () => {
    const rings: P[][] = [[[0, 0], [10, 0], [10, 10], [0, 10]], [[3, 3], [3, 7], [7, 7], [7, 3]]];
    const t = triangulate(rings);
    expect(triArea(rings.flat(), t)).toBeCloseTo(100 - 16);
    expect(t.length / 3).toBe(8);
  });

  it('triangulates any star polygon with a hole to exactly its area, with n - 2 + 2·holes triangles', () => {
    fc.assert(
      fc.property(star, holes, fc.boolean(), (outer, hs, clockwise) => {
        const ring = clockwise ? [...outer].reverse() : outer;
        const holeRings = hs.map(([x, y]) => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]] as P[]);
        const rings = [ring, ...holeRings];
        const t = triangulate(rings);
        const expected = Math.abs(area(outer)) - holeRings.length;
        expect(triArea(rings.flat(), t)).toBeCloseTo(expected, 6);
        expect(t.length / 3).toBeLessThanOrEqual(outer.length + 4 * holeRings.length - 2 + 2 * holeRings.length);
      }),
      { numRuns: 300 },
    );
  });

  it('drops collinear and repeated corners without losing area', () => {
    const rings: P[][] = [[[0, 0], [5, 0], [5, 0], [10, 0], [10, 10], [0, 10], [0, 5], [0, 0]]];
    expect(triArea(rings.flat(), triangulate(rings))).toBeCloseTo(100);
  });
});

describe('GLB writer', () => {
  it('writes a valid GLB: header, JSON and BIN chunks, accessors that fit their views', () => {
    const positions = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5]);
    const normals = Float32Array.from([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const glb = writeGlb([{ name: 'a', color: [1, 0, 0, 1], positions, normals, indices: Uint32Array.from([0, 1, 2, 1, 3, 2]) }], { origin: [1, 2, 3] });
    expect(glb.length % 4).toBe(0);
    const { json, bin } = readGlb(glb);
    expect(json.asset.version).toBe('2.0');
    expect(json.extras).toEqual({ origin: [1, 2, 3] });
    const prim = json.meshes[0].primitives[0];
    const pos = json.accessors[prim.attributes.POSITION];
    expect(pos).toMatchObject({ count: 4, type: 'VEC3', componentType: 5126, min: [0, 0, 0], max: [5, 5, 5] });
    const idx = json.accessors[prim.indices];
    expect(idx).toMatchObject({ count: 6, componentType: 5123 });
    const view = json.bufferViews[idx.bufferView];
    expect(Array.from(new Uint16Array(bin!.buffer.slice(bin!.byteOffset + view.byteOffset, bin!.byteOffset + view.byteOffset + view.byteLength)))).toEqual([0, 1, 2, 1, 3, 2]);
    expect(json.buffers[0].byteLength).toBe(bin!.length);
  });

  it('writes an empty tile without a mesh or BIN chunk', () => {
    const { json, bin } = readGlb(writeGlb([], { empty: true }));
    expect(json.meshes).toBeUndefined();
    expect(bin).toBeNull();
  });
});

describe('PNG encoder', () => {
  it('writes signature, IHDR, IDAT and IEND with correct CRCs, and the pixels inflate back', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng(3, 2, rgba);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: Array<{ type: string; data: Buffer }> = [];
    for (let o = 8; o < png.length; ) {
      const len = png.readUInt32BE(o);
      const type = png.toString('ascii', o + 4, o + 8);
      const data = png.subarray(o + 8, o + 8 + len);
      expect(png.readUInt32BE(o + 8 + len)).toBe((crc32(png.subarray(o + 4, o + 8 + len)) ^ 0xffffffff) >>> 0);
      chunks.push({ type, data });
      o += 12 + len;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks[0]!.data.readUInt32BE(0)).toBe(3);
    expect(chunks[0]!.data.readUInt32BE(4)).toBe(2);
    const raw = inflateSync(chunks[1]!.data);
    expect(raw.length).toBe(2 * (3 * 4 + 1));
    expect(Array.from(raw.subarray(1, 13))).toEqual(Array.from(rgba.subarray(0, 12)));
    expect(Array.from(raw.subarray(14))).toEqual(Array.from(rgba.subarray(12)));
  });

  it('computes the standard CRC-32', () => {
    expect((crc32(Buffer.from('123456789')) ^ 0xffffffff) >>> 0).toBe(0xcbf43926);
  });
});
