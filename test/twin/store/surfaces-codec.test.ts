import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuildingSurface } from '../../../src/twin/cityjson/index.js';
import { decodeSurfaces, encodeSurfaces } from '../../../src/twin/store/index.js';

/** Whole millimetres, as the importer rounds them; a kilometre or two across, like a building or a district. */
const mm = (min: number, max: number) => fc.integer({ min: min * 1000, max: max * 1000 }).map((v) => v / 1000);
const position = fc.tuple(mm(84_000, 86_000), mm(446_000, 448_000), mm(-10, 300));
const surface: fc.Arbitrary<BuildingSurface> = fc.record({
  objectId: fc.constantFrom('NL.IMBAG.Pand.0503100000012869', 'b1-part', 'bågé'),
  semantic: fc.constantFrom(null, 'RoofSurface', 'WallSurface', 'GroundSurface'),
  rings: fc.array(fc.array(position, { minLength: 3, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
});

describe('surfaces codec', () => {
  it('round-trips millimetre coordinates, ids and semantics exactly', () => {
    fc.assert(
      fc.property(fc.array(surface, { maxLength: 20 }), (surfaces) => {
        expect(decodeSurfaces(encodeSurfaces(surfaces))).toEqual(surfaces);
      }),
      { numRuns: 200 },
    );
  });

  it('is much smaller than the JSON it replaces', () => {
    const surfaces: BuildingSurface[] = Array.from({ length: 40 }, (_, i) => ({
      objectId: 'building-1',
      semantic: i % 2 ? 'WallSurface' : 'RoofSurface',
      rings: [Array.from({ length: 6 }, (_, k) => [85012.345 + k, 447123.456 + i, 12.345] as [number, number, number])],
    }));
    expect(encodeSurfaces(surfaces).length).toBeLessThan(JSON.stringify(surfaces).length / 2);
  });

  it('refuses a blob that is not its format', () => {
    expect(() => decodeSurfaces(Buffer.from('{"rings": []} padding padding padding'))).toThrow('not a TBS1');
  });
});
