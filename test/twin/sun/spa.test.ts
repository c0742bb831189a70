import { describe, expect, it } from 'vitest';
import { geocentricSun, incidenceAngle, julianDay, riseTransitSet, solarPosition } from '../../../src/twin/sun/spa.js';
import { dayEvaluator, sunTrack } from '../../../src/twin/sun/sun-track.js';
import { seeded } from '../../../bench/lib.js';

// The worked example of Reda & Andreas (2004), Table A5.1 / A5.2.
const site = { latitude: 39.742476, longitude: -105.1786, elevation: 1830.14 };
const atmosphere = { pressureMbar: 820, temperatureC: 11, refractionAtHorizon: 0.5667 };
const instant = new Date(Date.UTC(2003, 9, 17, 12 + 7, 30, 30)); // 12:30:30 at UTC-7

describe('NREL SPA, published example', () => {
  const pos = solarPosition(instant, site, { deltaT: 67, atmosphere });

  it('matches the intermediate values of the paper', () => {
    const g = pos.geocentric;
    expect(julianDay(instant)).toBeCloseTo(2452930.312847, 6);
    expect(g.L).toBeCloseTo(24.0182616917, 8);
    expect(g.B).toBeCloseTo(-0.0001011219, 9);
    expect(g.R).toBeCloseTo(0.9965422974, 9);
    expect(g.deltaPsi).toBeCloseTo(-0.00399840, 7);
    expect(g.deltaEpsilon).toBeCloseTo(0.00166657, 7);
    expect(g.epsilon).toBeCloseTo(23.440465, 6);
    expect(g.lambda).toBeCloseTo(204.0085519281, 8);
    expect(g.alpha).toBeCloseTo(202.22741, 5);
    expect(g.delta).toBeCloseTo(-9.31434, 5);
    expect(pos.H).toBeCloseTo(11.10590, 5);
    expect(pos.alphaPrime).toBeCloseTo(202.22704, 5);
    expect(pos.deltaPrime).toBeCloseTo(-9.316179, 6);
  });

  it('gives zenith 50.11162 and azimuth 194.34024 to 1e-4 deg', () => {
    expect(Math.abs(pos.zenith - 50.11162)).toBeLessThan(1e-4);
    expect(Math.abs(pos.azimuth - 194.34024)).toBeLessThan(1e-4);
    expect(Math.abs(incidenceAngle(pos, 30, -10) - 25.187)).toBeLessThan(1e-4);
  });

  it('gives sunrise 06:12:43, transit 11:46:04, sunset 17:20:19 local time', () => {
    const r = riseTransitSet({ year: 2003, month: 10, day: 17 }, site, { deltaT: 67, atmosphere, timezoneHours: -7 });
    const seconds = (h: number | null): number => Math.round((h ?? NaN) * 3600);
    expect(Math.abs(seconds(r.sunriseLocalHours) - (6 * 3600 + 12 * 60 + 43))).toBeLessThanOrEqual(1);
    expect(Math.abs(seconds(r.transitLocalHours) - (11 * 3600 + 46 * 60 + 4))).toBeLessThanOrEqual(1);
    expect(Math.abs(seconds(r.sunsetLocalHours) - (17 * 3600 + 20 * 60 + 19))).toBeLessThanOrEqual(1);
    // The transit instant is where the full SPA puts the Sun due south.
    const atTransit = solarPosition(r.transit, site, { deltaT: 67, atmosphere });
    expect(Math.abs(atTransit.azimuth - 180)).toBeLessThan(0.01);
  });

  it('reports no sunrise during polar night', () => {
    const r = riseTransitSet({ year: 2024, month: 12, day: 21 }, { latitude: 78.2, longitude: 15.6 }, {});
    expect(r.sunrise).toBeNull();
    expect(r.sunset).toBeNull();
    expect(r.transitElevation).toBeLessThan(0);
  });
});

describe('fast day path', () => {
  it('stays within 1e-3 deg of the full SPA over a year at Dutch and other latitudes', () => {
    const rnd = seeded(42);
    let worst = 0;
    for (const place of [{ latitude: 52.09, longitude: 5.12 }, { latitude: -33.9, longitude: 18.4 }, { latitude: 64.1, longitude: -21.9 }]) {
      for (let i = 0; i < 120; i++) {
        const year = 2020 + Math.floor(rnd() * 10);
        const month = 1 + Math.floor(rnd() * 12);
        const day = 1 + Math.floor(rnd() * 28);
        const evaluate = dayEvaluator(place, { year, month, day }, { deltaT: 69 });
        for (let k = 0; k < 12; k++) {
          const t = new Date(Date.UTC(year, month - 1, day) + rnd() * 86_400_000);
          const fast = evaluate(t);
          const full = solarPosition(t, place, { deltaT: 69 });
          worst = Math.max(worst, Math.abs(fast.zenith - full.zenith));
          const daz = Math.abs(((fast.azimuth - full.azimuth + 540) % 360) - 180) * Math.cos((90 - full.zenith) * Math.PI / 180);
          worst = Math.max(worst, daz);
        }
      }
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('samples a day in regular steps above the minimum altitude only', () => {
    const steps = sunTrack({ latitude: 52.08, longitude: 4.3 }, { year: 2025, month: 6, day: 21 }, { stepMinutes: 15, minAltitude: 10 });
    expect(steps.length).toBeGreaterThan(50);
    for (const s of steps) {
      expect(s.elevation).toBeGreaterThan(10);
      expect(Math.hypot(s.dx, s.dy, s.dz)).toBeCloseTo(1, 12);
      expect((s.time.getTime() / 60000) % 15).toBe(0);
    }
    // Midsummer noon in The Hague: about 90 - 52.08 + 23.44 = 61.4 deg.
    expect(Math.max(...steps.map((s) => s.elevation))).toBeGreaterThan(61);
    expect(Math.max(...steps.map((s) => s.elevation))).toBeLessThan(61.6);
  });

  it('geocentric quantities are continuous across the 360 deg wrap of right ascension', () => {
    // Right ascension wraps near the March equinox.
    const ev = dayEvaluator({ latitude: 52, longitude: 5 }, { year: 2025, month: 3, day: 20 }, { deltaT: 69 });
    const t = new Date(Date.UTC(2025, 2, 20, 9, 1, 0));
    const full = solarPosition(t, { latitude: 52, longitude: 5 }, { deltaT: 69 });
    expect(Math.abs(ev(t).zenith - full.zenith)).toBeLessThan(1e-4);
    expect(geocentricSun(julianDay(t), 69).alpha).toBeGreaterThanOrEqual(0);
  });
});
