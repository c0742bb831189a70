import { B_TERMS, L_TERMS, NUTATION_ARGS, NUTATION_COEFFS, R_TERMS, type PeriodicTerm } from './spa-tables.js';
import { estimateDeltaT } from './delta-t.js';
import type { Atmosphere, SiteLocation } from './types.js';

/**
 * NREL Solar Position Algorithm (Reda & Andreas 2004, rev. 2008), written from the
 * paper's step-by-step description. Uncertainty +/-0.0003 deg for years -2000..6000.
 * Angles in degrees unless a name says otherwise.
 */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const EARTH_RADIUS_M = 6378140;
/** Flattening-derived ratio b/a used by the paper for the observer's geocentric position. */
const AXIS_RATIO = 0.99664719;
const SUN_RADIUS_DEG = 0.26667;
/** Solar altitude of rising/setting: refraction at the horizon plus the Sun's radius. */
const RISE_SET_ALTITUDE = -0.8333;

export const DEFAULT_ATMOSPHERE: Atmosphere = { pressureMbar: 1013.25, temperatureC: 10, refractionAtHorizon: 0.5667 };

export const limitDegrees = (d: number): number => {
  const r = d % 360;
  return r < 0 ? r + 360 : r;
};
const limit180pm = (d: number): number => {
  const r = limitDegrees(d);
  return r > 180 ? r - 360 : r;
};
const limitZeroToOne = (v: number): number => {
  const r = v - Math.floor(v);
  return r;
};

/** Julian Day (UT) of a JavaScript Date. */
export const julianDay = (date: Date): number => date.getTime() / 86_400_000 + 2_440_587.5;

const earthSeries = (series: readonly (readonly PeriodicTerm[])[], jme: number): number => {
  let total = 0;
  let power = 1;
  for (const group of series) {
    let s = 0;
    for (const [a, b, c] of group) s += a * Math.cos(b + c * jme);
    total += s * power;
    power *= jme;
  }
  return total / 1e8;
};

export interface GeocentricSun {
  jd: number;
  jde: number;
  jc: number;
  jce: number;
  jme: number;
  /** Earth heliocentric longitude, latitude (deg) and radius vector (AU). */
  L: number;
  B: number;
  R: number;
  /** Geocentric longitude and latitude. */
  theta: number;
  beta: number;
  deltaPsi: number;
  deltaEpsilon: number;
  /** True obliquity of the ecliptic. */
  epsilon: number;
  deltaTau: number;
  lambda: number;
  /** Apparent sidereal time at Greenwich. */
  nu: number;
  alpha: number;
  delta: number;
}

/** Nutation in longitude and obliquity (deg) for Julian Ephemeris Century `jce`. */
export function nutation(jce: number): { deltaPsi: number; deltaEpsilon: number } {
  const j2 = jce * jce;
  const j3 = j2 * jce;
  const x = [
    297.85036 + 445267.11148 * jce - 0.0019142 * j2 + j3 / 189474,
    357.52772 + 35999.05034 * jce - 0.0001603 * j2 - j3 / 300000,
    134.96298 + 477198.867398 * jce + 0.0086972 * j2 + j3 / 56250,
    93.27191 + 483202.017538 * jce - 0.0036825 * j2 + j3 / 327270,
    125.04452 - 1934.136261 * jce + 0.0020708 * j2 + j3 / 450000,
  ] as const;
  let psi = 0;
  let eps = 0;
  for (let i = 0; i < NUTATION_ARGS.length; i++) {
    const y = NUTATION_ARGS[i]!;
    const [a, b, c, d] = NUTATION_COEFFS[i]!;
    const arg = (y[0] * x[0] + y[1] * x[1] + y[2] * x[2] + y[3] * x[3] + y[4] * x[4]) * D2R;
    psi += (a + b * jce) * Math.sin(arg);
    eps += (c + d * jce) * Math.cos(arg);
  }
  return { deltaPsi: psi / 36_000_000, deltaEpsilon: eps / 36_000_000 };
}

/** Steps 3.1-3.8 of the paper: everything that does not depend on the observer. */
export function geocentricSun(jd: number, deltaT: number): GeocentricSun {
  const jde = jd + deltaT / 86400;
  const jc = (jd - 2451545) / 36525;
  const jce = (jde - 2451545) / 36525;
  const jme = jce / 10;

  const L = limitDegrees(earthSeries(L_TERMS, jme) * R2D);
  const B = earthSeries(B_TERMS, jme) * R2D;
  const R = earthSeries(R_TERMS, jme);
  const theta = limitDegrees(L + 180);
  const beta = -B;

  const { deltaPsi, deltaEpsilon } = nutation(jce);
  const u = jme / 10;
  const eps0 =
    84381.448 +
    u * (-4680.93 + u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67 + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const epsilon = eps0 / 3600 + deltaEpsilon;
  const deltaTau = -20.4898 / (3600 * R);
  const lambda = theta + deltaPsi + deltaTau;

  const nu0 = limitDegrees(280.46061837 + 360.98564736629 * (jd - 2451545) + jc * jc * (0.000387933 - jc / 38710000));
  const nu = nu0 + deltaPsi * Math.cos(epsilon * D2R);

  const lr = lambda * D2R;
  const er = epsilon * D2R;
  const br = beta * D2R;
  const alpha = limitDegrees(Math.atan2(Math.sin(lr) * Math.cos(er) - Math.tan(br) * Math.sin(er), Math.cos(lr)) * R2D);
  const delta = Math.asin(Math.sin(br) * Math.cos(er) + Math.cos(br) * Math.sin(er) * Math.sin(lr)) * R2D;
  return { jd, jde, jc, jce, jme, L, B, R, theta, beta, deltaPsi, deltaEpsilon, epsilon, deltaTau, lambda, nu, alpha, delta };
}

export interface TopocentricSun {
  /** Observer local hour angle (deg). */
  H: number;
  xi: number;
  deltaAlpha: number;
  alphaPrime: number;
  deltaPrime: number;
  hPrime: number;
  /** Topocentric elevation without refraction. */
  e0: number;
  deltaE: number;
  /** Apparent topocentric elevation (with refraction). */
  elevation: number;
  zenith: number;
  /** Astronomers' azimuth (from south, westward). */
  azimuthAstro: number;
  /** Navigators' azimuth: clockwise from true north. */
  azimuth: number;
}

/**
 * Steps 3.9-3.14: observer-dependent part. Takes only alpha, delta, R and nu, so a caller
 * may feed interpolated geocentric values (see sun-track.ts).
 */
export function topocentricSun(
  geo: Pick<GeocentricSun, 'alpha' | 'delta' | 'R' | 'nu'>,
  site: SiteLocation,
  atmosphere: Atmosphere = DEFAULT_ATMOSPHERE,
): TopocentricSun {
  const phi = site.latitude * D2R;
  const H = limitDegrees(geo.nu + site.longitude - geo.alpha);
  const hr = H * D2R;
  const xi = 8.794 / (3600 * geo.R);
  const xr = xi * D2R;
  const elevation = site.elevation ?? 0;
  const u = Math.atan(AXIS_RATIO * Math.tan(phi));
  const x = Math.cos(u) + (elevation / EARTH_RADIUS_M) * Math.cos(phi);
  const y = AXIS_RATIO * Math.sin(u) + (elevation / EARTH_RADIUS_M) * Math.sin(phi);
  const dr = geo.delta * D2R;
  const denom = Math.cos(dr) - x * Math.sin(xr) * Math.cos(hr);
  const dar = Math.atan2(-x * Math.sin(xr) * Math.sin(hr), denom);
  const deltaPrimeR = Math.atan2((Math.sin(dr) - y * Math.sin(xr)) * Math.cos(dar), denom);
  const deltaAlpha = dar * R2D;
  const hPrime = H - deltaAlpha;
  const hpr = hPrime * D2R;
  const e0 = Math.asin(Math.sin(phi) * Math.sin(deltaPrimeR) + Math.cos(phi) * Math.cos(deltaPrimeR) * Math.cos(hpr)) * R2D;
  let deltaE = 0;
  if (e0 >= -1 * (SUN_RADIUS_DEG + atmosphere.refractionAtHorizon)) {
    deltaE =
      (atmosphere.pressureMbar / 1010) *
      (283 / (273 + atmosphere.temperatureC)) *
      (1.02 / (60 * Math.tan((e0 + 10.3 / (e0 + 5.11)) * D2R)));
  }
  const e = e0 + deltaE;
  const gamma = limitDegrees(Math.atan2(Math.sin(hpr), Math.cos(hpr) * Math.sin(phi) - Math.tan(deltaPrimeR) * Math.cos(phi)) * R2D);
  return {
    H,
    xi,
    deltaAlpha,
    alphaPrime: geo.alpha + deltaAlpha,
    deltaPrime: deltaPrimeR * R2D,
    hPrime,
    e0,
    deltaE,
    elevation: e,
    zenith: 90 - e,
    azimuthAstro: gamma,
    azimuth: limitDegrees(gamma + 180),
  };
}

/** Step 3.15: incidence angle on a surface with `slope` (deg from horizontal) rotated `azimuthRotation` from south (westward +). */
export function incidenceAngle(topo: Pick<TopocentricSun, 'zenith' | 'azimuthAstro'>, slope: number, azimuthRotation: number): number {
  const z = topo.zenith * D2R;
  const w = slope * D2R;
  return Math.acos(Math.cos(z) * Math.cos(w) + Math.sin(w) * Math.sin(z) * Math.cos((topo.azimuthAstro - azimuthRotation) * D2R)) * R2D;
}

export interface SolarPositionOptions {
  /** TT - UT in seconds; defaults to estimateDeltaT(year). */
  deltaT?: number;
  atmosphere?: Atmosphere;
}

export interface SolarPosition extends TopocentricSun {
  geocentric: GeocentricSun;
}

/** Full SPA for one instant. */
export function solarPosition(date: Date, site: SiteLocation, options: SolarPositionOptions = {}): SolarPosition {
  const deltaT = options.deltaT ?? estimateDeltaT(date.getUTCFullYear() + date.getUTCMonth() / 12);
  const geocentric = geocentricSun(julianDay(date), deltaT);
  return { ...topocentricSun(geocentric, site, options.atmosphere), geocentric };
}

export interface RiseTransitSet {
  /** Instants (UT); sunrise/sunset are null on polar day or night. */
  sunrise: Date | null;
  transit: Date;
  sunset: Date | null;
  /** Local clock hours (0-24) for the given timezone offset, as the paper reports them. */
  sunriseLocalHours: number | null;
  transitLocalHours: number;
  sunsetLocalHours: number | null;
  /** Sun elevation at transit (deg). */
  transitElevation: number;
}

/**
 * Appendix A.2: sunrise, sun transit and sunset for the local calendar day
 * year-month-day at `timezoneHours` from UT (east +).
 */
export function riseTransitSet(
  day: { year: number; month: number; day: number },
  site: SiteLocation,
  options: SolarPositionOptions & { timezoneHours?: number } = {},
): RiseTransitSet {
  const tz = options.timezoneHours ?? 0;
  const deltaT = options.deltaT ?? estimateDeltaT(day.year + (day.month - 1) / 12);
  const midnightMs = Date.UTC(day.year, day.month - 1, day.day);
  const jd0 = midnightMs / 86_400_000 + 2_440_587.5;
  const nu = geocentricSun(jd0, 0).nu;
  const alpha: number[] = [];
  const delta: number[] = [];
  for (const k of [-1, 0, 1]) {
    const g = geocentricSun(jd0 + k, 0);
    alpha.push(g.alpha);
    delta.push(g.delta);
  }
  const [aM, a0, aP] = alpha as [number, number, number];
  const [dM, d0, dP] = delta as [number, number, number];
  const phi = site.latitude * D2R;
  const sigma = site.longitude;

  const m0raw = (a0 - sigma - nu) / 360;
  const cosH0 = (Math.sin(RISE_SET_ALTITUDE * D2R) - Math.sin(phi) * Math.sin(d0 * D2R)) / (Math.cos(phi) * Math.cos(d0 * D2R));
  const hasRiseSet = Math.abs(cosH0) <= 1;
  const H0 = hasRiseSet ? Math.acos(cosH0) * R2D : 0;
  const m = [limitZeroToOne(m0raw), limitZeroToOne(m0raw - H0 / 360), limitZeroToOne(m0raw + H0 / 360)];

  const wrap = (v: number): number => (Math.abs(v) >= 2 ? limitZeroToOne(v) : v);
  const a = wrap(a0 - aM);
  const b = wrap(aP - a0);
  const c = b - a;
  const ad = wrap(d0 - dM);
  const bd = wrap(dP - d0);
  const cd = bd - ad;

  const hp: number[] = [];
  const h: number[] = [];
  const dPrime: number[] = [];
  for (const mi of m) {
    const nuI = nu + 360.985647 * mi;
    const n = mi + deltaT / 86400;
    const alphaI = a0 + (n * (a + b + c * n)) / 2;
    const deltaI = d0 + (n * (ad + bd + cd * n)) / 2;
    const hI = limit180pm(nuI + sigma - alphaI);
    hp.push(hI);
    dPrime.push(deltaI);
    h.push(Math.asin(Math.sin(phi) * Math.sin(deltaI * D2R) + Math.cos(phi) * Math.cos(deltaI * D2R) * Math.cos(hI * D2R)) * R2D);
  }
  const transitFrac = m[0]! - hp[0]! / 360;
  const riseSet = (i: 1 | 2): number =>
    m[i]! + (h[i]! - RISE_SET_ALTITUDE) / (360 * Math.cos(dPrime[i]! * D2R) * Math.cos(phi) * Math.sin(hp[i]! * D2R));
  const toDate = (frac: number): Date => new Date(midnightMs + frac * 86_400_000);
  const toLocal = (frac: number): number => 24 * limitZeroToOne(frac + tz / 24);
  const sunriseFrac = hasRiseSet ? riseSet(1) : null;
  const sunsetFrac = hasRiseSet ? riseSet(2) : null;
  return {
    sunrise: sunriseFrac === null ? null : toDate(sunriseFrac),
    transit: toDate(transitFrac),
    sunset: sunsetFrac === null ? null : toDate(sunsetFrac),
    sunriseLocalHours: sunriseFrac === null ? null : toLocal(sunriseFrac),
    transitLocalHours: toLocal(transitFrac),
    sunsetLocalHours: sunsetFrac === null ? null : toLocal(sunsetFrac),
    transitElevation: h[0]!,
  };
}
