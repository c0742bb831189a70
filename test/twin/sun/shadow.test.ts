import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shadowPolygons } from '../../../src/twin/sun/shadow.js';
import { toSunStep } from '../../../src/twin/sun/sun-track.js';
import type { Building, Ring } from '../../../src/twin/sun/types.js';
import { referenceInShadow } from './reference.js';

const inPolygon = (rings: readonly Ring[], x: number, y: number): boolean => {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
    }
  return inside;
};

// Non-convex and holed shapes, one on higher ground, one a two-part building.
const buildings: Building[] = [
  { id: 'L', footprint: [[[0, 0], [30, 0], [30, 10], [10, 10], [10, 30], [0, 30]]], groundZ: 0, roofZ: 15 },
  { id: 'court', footprint: [[[50, 0], [90, 0], [90, 40], [50, 40]], [[60, 10], [60, 30], [80, 30], [80, 10]]], groundZ: 1, roofZ: 13 },
  { id: 'mound', footprint: [[[0, 60], [12, 60], [12, 72], [0, 72]]], groundZ: 3, roofZ: 20 },
  {
    id: 'tower',
    parts: [
      { footprint: [[[40, 60], [70, 60], [70, 80], [40, 80]]], groundZ: 0, roofZ: 6 },
      { footprint: [[[45, 65], [55, 65], [55, 75], [45, 75]]], groundZ: 0, roofZ: 40 },
    ],
  },
];

describe('shadow polygons', () => {
  it('cover exactly the ground points the reference finds in shadow (random suns and points)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 359.9, noNaN: true }),
        fc.double({ min: 4, max: 70, noNaN: true }),
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        // Points off the building coordinates: boundary ties (a point exactly on an edge) are a matter of convention.
        fc.array(fc.tuple(fc.integer({ min: -1500, max: 2500 }), fc.integer({ min: -1500, max: 2500 })).map(([i, j]) => [i / 10 + 0.0123457, j / 10 + 0.0345679] as const), { minLength: 50, maxLength: 50 }),
        (azimuth, elevation, planeZ, pts) => {
          const sun = toSunStep(new Date(0), azimuth, elevation, 0, 5);
          const shadows = shadowPolygons(buildings, sun, planeZ);
          for (const [x, y] of pts) {
            const covered = shadows.some((s) => s.polygons.some((poly) => inPolygon(poly, x, y)));
            expect(covered).toBe(referenceInShadow(buildings, x, y, planeZ, sun));
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('groups pieces per building and leaves the sunlit courtyard floor open at high sun', () => {
    const sun = toSunStep(new Date(0), 180, 60, 0, 5);
    const shadows = shadowPolygons(buildings, sun, 1);
    expect(shadows.map((s) => s.buildingId).sort()).toEqual(['L', 'court', 'mound', 'tower']);
    const court = shadows.find((s) => s.buildingId === 'court')!;
    // Courtyard south half is lit: the south wall (12 m) shades 12 / tan 60 = 6.9 m northwards.
    expect(court.polygons.some((p) => inPolygon(p, 70, 20))).toBe(false);
    expect(court.polygons.some((p) => inPolygon(p, 70, 12))).toBe(true);
  });
});
