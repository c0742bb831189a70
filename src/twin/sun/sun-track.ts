import { DEFAULT_ATMOSPHERE, geocentricSun, julianDay, topocentricSun, type GeocentricSun, type TopocentricSun } from './spa.js';
import { estimateDeltaT } from './delta-t.js';
import { rdMeridianConvergence } from './rd-convergence.js';
import type { CalendarDay, SiteLocation, SunStep, SunTrackOptions } from './types.js';

/**
 * Fast path for many instants in one day. The geocentric part of the SPA (periodic terms,
 * nutation, aberration: ~300 trig calls) changes slowly, so it is computed exactly at
 * 0h, 12h and 24h UT and interpolated quadratically; the fast-moving part (sidereal time,
 * hour angle, parallax, refraction) is computed exactly per instant. The test suite
 * measures the error against the full SPA over a year: well below 1e-3 deg.
 */

const D2R = Math.PI / 180;
const MS_PER_DAY = 86_400_000;

interface GeocentricNodes {
  jd0: number;
  alpha: [number, number, number];
  delta: [number, number, number];
  R: [number, number, number];
  nutationInNu: [number, number, number];
}

function nodesForDay(jd0: number, deltaT: number): GeocentricNodes {
  const g = [geocentricSun(jd0, deltaT), geocentricSun(jd0 + 0.5, deltaT), geocentricSun(jd0 + 1, deltaT)] as const;
  // Unwrap right ascension across 360 -> 0 so the parabola sees a smooth function.
  const a0 = g[0].alpha;
  const unwrap = (a: number): number => (a < a0 - 180 ? a + 360 : a);
  const nutTerm = (x: GeocentricSun): number => x.deltaPsi * Math.cos(x.epsilon * D2R);
  return {
    jd0,
    alpha: [a0, unwrap(g[1].alpha), unwrap(g[2].alpha)],
    delta: [g[0].delta, g[1].delta, g[2].delta],
    R: [g[0].R, g[1].R, g[2].R],
    nutationInNu: [nutTerm(g[0]), nutTerm(g[1]), nutTerm(g[2])],
  };
}

/** Quadratic through (0,v0), (0.5,v1), (1,v2) evaluated at t in [0,1]. */
const quad = (v: readonly [number, number, number], t: number): number =>
  v[0] * (2 * t - 1) * (t - 1) - 4 * v[1] * t * (t - 1) + v[2] * t * (2 * t - 1);

/** Greenwich mean sidereal time (deg), eq. 14 of the SPA. */
function meanSiderealTime(jd: number): number {
  const jc = (jd - 2451545) / 36525;
  const nu0 = 280.46061837 + 360.98564736629 * (jd - 2451545) + jc * jc * (0.000387933 - jc / 38710000);
  const r = nu0 % 360;
  return r < 0 ? r + 360 : r;
}

/** A reusable evaluator for instants within one UTC day. */
export function dayEvaluator(
  site: SiteLocation,
  day: CalendarDay,
  options: Pick<SunTrackOptions, 'deltaT' | 'atmosphere'> = {},
): (date: Date) => TopocentricSun {
  const dayStartMs = Date.UTC(day.year, day.month - 1, day.day);
  const jd0 = dayStartMs / MS_PER_DAY + 2_440_587.5;
  const deltaT = options.deltaT ?? estimateDeltaT(day.year + (day.month - 1) / 12);
  const nodes = nodesForDay(jd0, deltaT);
  const atmosphere = options.atmosphere ?? DEFAULT_ATMOSPHERE;
  return (date: Date) => {
    const jd = julianDay(date);
    const t = jd - jd0;
    return topocentricSun(
      {
        alpha: quad(nodes.alpha, t),
        delta: quad(nodes.delta, t),
        R: quad(nodes.R, t),
        nu: meanSiderealTime(jd) + quad(nodes.nutationInNu, t),
      },
      site,
      atmosphere,
    );
  };
}

/** Turns a sun position into the RD-frame step the analyses consume. */
export function toSunStep(time: Date, azimuth: number, elevation: number, convergence: number, minutes: number): SunStep {
  const gridAzimuth = azimuth - convergence;
  const az = gridAzimuth * D2R;
  const el = elevation * D2R;
  return {
    time,
    azimuth,
    elevation,
    gridAzimuth,
    dx: Math.sin(az) * Math.cos(el),
    dy: Math.cos(az) * Math.cos(el),
    dz: Math.sin(el),
    minutes,
  };
}

/**
 * Sun samples for one UTC day at 00:00 + k * stepMinutes, each standing for stepMinutes,
 * keeping only those with the Sun above `minAltitude`.
 */
export function sunTrack(site: SiteLocation, day: CalendarDay, options: SunTrackOptions = {}): SunStep[] {
  const stepMinutes = options.stepMinutes ?? 5;
  if (!(stepMinutes > 0) || 1440 % stepMinutes !== 0) throw new RangeError('stepMinutes must divide 1440');
  const minAltitude = options.minAltitude ?? 0;
  const convergence = options.convergence ?? rdMeridianConvergence(site.latitude, site.longitude);
  const evaluate = dayEvaluator(site, day, options);
  const dayStartMs = Date.UTC(day.year, day.month - 1, day.day);
  const steps: SunStep[] = [];
  for (let k = 0; k < 1440 / stepMinutes; k++) {
    const time = new Date(dayStartMs + k * stepMinutes * 60_000);
    const topo = evaluate(time);
    if (topo.elevation > minAltitude) steps.push(toSunStep(time, topo.azimuth, topo.elevation, convergence, stepMinutes));
  }
  return steps;
}

/** Calendar days from `from` to `to` inclusive (same year). */
export function daysBetween(year: number, from: { month: number; day: number }, to: { month: number; day: number }): CalendarDay[] {
  const days: CalendarDay[] = [];
  const end = Date.UTC(year, to.month - 1, to.day);
  for (let ms = Date.UTC(year, from.month - 1, from.day); ms <= end; ms += MS_PER_DAY) {
    const d = new Date(ms);
    days.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
  return days;
}
