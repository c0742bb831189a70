import { describe, expect, it } from 'vitest';
import { compareStudies } from '../../../src/twin/sun/compare.js';
import { facadePoints } from '../../../src/twin/sun/facade-points.js';
import { facadeSunMinutes, stepSet } from '../../../src/twin/sun/facade-sun.js';
import { isSunlit, prepareSunModel } from '../../../src/twin/sun/model.js';
import { sunTrack } from '../../../src/twin/sun/sun-track.js';
import { facadeSunStudy, TNO_LIGHT, TNO_STRICT } from '../../../src/twin/sun/tno.js';
import type { Building, FacadePoint } from '../../../src/twin/sun/types.js';
import { seeded } from '../../../bench/lib.js';
import { generateCity } from './city.js';
import { referenceFacadeMinutes, referenceInShadow } from './reference.js';

const utrecht = { latitude: 52.09, longitude: 5.12 };
const box = (id: string, x0: number, y0: number, x1: number, y1: number, roofZ: number, groundZ = 0): Building => ({
  id,
  footprint: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]],
  groundZ,
  roofZ,
});
const home = box('home', 0, 0, 20, 10, 10);
// 60 m tall, 20 m south, wide enough that only sun from about due east/west passes it.
const tower = box('tower', -100, -30, 120, -20, 60);
const southPoint = (pts: FacadePoint[]): FacadePoint => pts.find((p) => p.ny < -0.99 && p.storey === 0 && Math.abs(p.x - 10) < 1.01)!;

describe('facade sample points', () => {
  it('places one point per spacing per storey at sill height, outside the wall', () => {
    const pts = facadePoints([home], ['home'], { spacing: 2, storeyHeight: 3, sillHeight: 1, offset: 0.1 });
    // Perimeter 60 m -> 30 points per level; storeys with sills at 1, 4, 7 (10 would be at the roof).
    expect(pts.length).toBe(30 * 3);
    expect(new Set(pts.map((p) => p.z))).toEqual(new Set([1, 4, 7]));
    const s = southPoint(pts);
    expect(s.y).toBeCloseTo(-0.1, 12);
    expect(s.nx).toBeCloseTo(0, 12);
    for (const p of pts) expect(p.x < 0 || p.x > 20 || p.y < 0 || p.y > 10).toBe(true);
  });

  it('drops points on a party wall', () => {
    const neighbour = box('n', 20, 0, 30, 10, 10);
    const pts = facadePoints([home, neighbour], ['home'], { spacing: 2 });
    expect(pts.some((p) => p.nx > 0.99)).toBe(false);
    expect(pts.length).toBe(25 * 3);
  });
});

describe('sun on facade points', () => {
  it('gives 0 h at midwinter to a south facade with a tall block directly south', () => {
    const model = prepareSunModel([home, tower]);
    const p = southPoint(facadePoints([home, tower], ['home']));
    const steps = stepSet([sunTrack(utrecht, { year: 2025, month: 12, day: 21 })]);
    expect(facadeSunMinutes(model, [p], steps)[0]).toBe(0);
  });

  it('gives an unobstructed south facade the full day of sun in front of it on 21 March', () => {
    const model = prepareSunModel([home]);
    const p = southPoint(facadePoints([home], ['home']));
    const day = sunTrack(utrecht, { year: 2025, month: 3, day: 21 });
    const inFront = day.filter((s) => s.dy < 0).reduce((m, s) => m + s.minutes, 0);
    const got = facadeSunMinutes(model, [p], stepSet([day]))[0]!;
    expect(got).toBe(inFront);
    expect(got / 60).toBeGreaterThan(11.5);
    expect(got / 60).toBeLessThanOrEqual(12.5);
  });

  it('ignores blocks beyond maxObstacleDistance and counts only sun above minAltitude', () => {
    const model = prepareSunModel([home, tower]);
    const p = southPoint(facadePoints([home, tower], ['home']));
    const track = sunTrack(utrecht, { year: 2025, month: 3, day: 21 });
    const near = facadeSunMinutes(model, [p], stepSet([track]), { maxObstacleDistance: 15 })[0]!;
    expect(near).toBe(track.filter((s) => s.dy < 0).reduce((m, s) => m + s.minutes, 0));
    const hague = sunTrack(utrecht, { year: 2025, month: 3, day: 21 }, { minAltitude: 10 });
    expect(hague.length).toBeLessThan(track.length);
    const open = facadeSunMinutes(prepareSunModel([home]), [p], stepSet([hague]))[0]!;
    expect(open).toBe(hague.filter((s) => s.dy < 0).length * 5);
    expect(open).toBeLessThan(near);
  });

  it('agrees with the brute-force reference on generated cities (>= 99.5% of point-days exact)', () => {
    const days = [
      { year: 2025, month: 2, day: 19 },
      { year: 2025, month: 3, day: 21 },
      { year: 2025, month: 6, day: 21 },
      { year: 2025, month: 12, day: 21 },
    ];
    for (const [seed, size, jitter] of [[11, 200, 0], [12, 300, 2]] as const) {
      const buildings = generateCity({ size, seed, groundJitter: jitter });
      const model = prepareSunModel(buildings);
      const rnd = seeded(seed);
      const all = facadePoints(buildings, 'all', { spacing: 3 });
      const points = Array.from({ length: 60 }, () => all[Math.floor(rnd() * all.length)]!);
      const tracks = days.map((d) => sunTrack(utrecht, d, { stepMinutes: 10 }));
      const fast = facadeSunMinutes(model, points, stepSet(tracks));
      let equal = 0;
      points.forEach((p, i) => tracks.forEach((t, d) => { if (fast[i * days.length + d] === referenceFacadeMinutes(buildings, p, t)) equal++; }));
      expect(equal / (points.length * days.length)).toBeGreaterThanOrEqual(0.995);
      // Not a trivial city: some point-days get sun and some are partly shaded.
      expect(Math.max(...fast)).toBeGreaterThan(0);
    }
  });

  it('exact ray cast through the grid index matches the reference', () => {
    const buildings = generateCity({ size: 300, seed: 5, groundJitter: 2 });
    const model = prepareSunModel(buildings, 16);
    const rnd = seeded(5);
    const steps = sunTrack(utrecht, { year: 2025, month: 3, day: 21 }, { stepMinutes: 20 });
    let same = 0;
    let shaded = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const s = steps[Math.floor(rnd() * steps.length)]!;
      const x = -20 + rnd() * 340;
      const y = -20 + rnd() * 340;
      const z = rnd() * 12;
      const ref = !referenceInShadow(buildings, x, y, z, s);
      if (isSunlit(model, x, y, z, s) === ref) same++;
      if (!ref) shaded++;
    }
    expect(same).toBe(n);
    expect(shaded).toBeGreaterThan(n * 0.1);
  });
});

describe('TNO norms and base/scenario comparison', () => {
  const year = 2025;
  it('judges an open south facade as passing and the shaded one as failing, with the worst day', () => {
    const points = facadePoints([home, tower], ['home']).filter((p) => p.storey === 0 && p.ny < -0.99);
    const study = facadeSunStudy([home, tower], points, utrecht, { year });
    expect(study.days[0]).toEqual({ year, month: 1, day: 21 });
    expect(study.days[study.days.length - 1]).toEqual({ year, month: 11, day: 22 });
    const open = facadeSunStudy([home], points, utrecht, { year });
    for (const r of open.results) expect(r.verdicts.every((v) => v.pass)).toBe(true);
    const shaded = study.results.find((r) => r.point.id === southPoint(points).id)!;
    const light = shaded.verdicts.find((v) => v.norm === TNO_LIGHT.name)!;
    expect(light.pass).toBe(false);
    expect(light.worstHours).toBeLessThan(2);
    expect(light.daysBelow).toBeGreaterThan(0);
    const j = study.days.findIndex((d) => d.month === light.worstDay.month && d.day === light.worstDay.day);
    const i = study.results.indexOf(shaded);
    expect(study.hours[i * study.days.length + j]).toBe(light.worstHours);
    const strict = shaded.verdicts.find((v) => v.norm === TNO_STRICT.name)!;
    expect(strict.daysBelow).toBeGreaterThanOrEqual(light.daysBelow);
  });

  it('lists the points that newly fall below a norm when a tower is planned', () => {
    const points = facadePoints([home], ['home']);
    const base = facadeSunStudy([home], points, utrecht, { year });
    const scenario = facadeSunStudy([home, tower], points, utrecht, { year });
    const cmp = compareStudies(base, scenario);
    expect(cmp.newlyFailing.length).toBeGreaterThan(0);
    for (const c of cmp.newlyFailing) {
      expect(c.before.pass).toBe(true);
      expect(c.after.pass).toBe(false);
      expect(c.after.worstHours).toBeLessThan(c.before.worstHours);
      expect(c.deltaWorstHours).toBeCloseTo(c.after.worstHours - c.before.worstHours, 9);
    }
    // The north facade faces away from the tower: unchanged.
    const north = cmp.changes.filter((c) => points.find((p) => p.id === c.pointId)!.ny > 0.99);
    expect(north.length).toBeGreaterThan(0);
    for (const c of north) expect(c.deltaWorstHours).toBe(0);
    expect(cmp.summary[TNO_LIGHT.name]!['newly-failing']).toBe(cmp.newlyFailing.filter((c) => c.norm === TNO_LIGHT.name).length);
  });
});
