import { facadeSunMinutes, stepSet } from './facade-sun.js';
import { asSunModel, type SunModel } from './model.js';
import { daysBetween, sunTrack } from './sun-track.js';
import type { Building, CalendarDay, FacadePoint, SiteLocation, SunTrackOptions } from './types.js';

/**
 * The TNO guideline for a bezonningsstudie (TNO report 1998, "Daglicht en bezonning"):
 * possible direct sun at the middle of the window sill, every day of a period.
 * - licht (light): >= 2 hours per day from 19 February to 21 October;
 * - streng (strict): >= 3 hours per day from 21 January to 22 November.
 * Municipalities vary the details (The Hague judges on the facade and counts only sun
 * above 10 deg): pass `minAltitude` in the study options for that.
 */
export interface SunNorm {
  name: string;
  from: { month: number; day: number };
  to: { month: number; day: number };
  minHours: number;
}

export const TNO_LIGHT: SunNorm = { name: 'TNO licht', from: { month: 2, day: 19 }, to: { month: 10, day: 21 }, minHours: 2 };
export const TNO_STRICT: SunNorm = { name: 'TNO streng', from: { month: 1, day: 21 }, to: { month: 11, day: 22 }, minHours: 3 };
/** The days sunlight studies usually show (15-minute steps): 19 Feb, 21 Mar, 21 Jun, 21 Dec. */
export const STUDY_DAYS = [
  { month: 2, day: 19 },
  { month: 3, day: 21 },
  { month: 6, day: 21 },
  { month: 12, day: 21 },
] as const;

export interface NormVerdict {
  norm: string;
  pass: boolean;
  /** The day with the fewest hours in the norm period, and those hours. */
  worstDay: CalendarDay;
  worstHours: number;
  /** Days in the period below the norm. */
  daysBelow: number;
}

export interface FacadePointVerdict {
  point: FacadePoint;
  verdicts: NormVerdict[];
}

export interface FacadeStudyOptions extends SunTrackOptions {
  year: number;
  norms?: readonly SunNorm[];
  /** Ignore blocks farther than this (m); default: none ignored (exact). */
  maxObstacleDistance?: number;
}

export interface FacadeStudy {
  days: CalendarDay[];
  /** Hours of sun per point and day: hours[pointIndex * days.length + dayIndex]. */
  hours: Float32Array;
  results: FacadePointVerdict[];
  norms: readonly SunNorm[];
}

const dayKey = (m: number, d: number): number => m * 100 + d;

/** Sun hours on every day of the union of the norm periods, judged against each norm. */
export function facadeSunStudy(
  buildings: SunModel | readonly Building[],
  points: readonly FacadePoint[],
  site: SiteLocation,
  options: FacadeStudyOptions,
): FacadeStudy {
  const norms = options.norms ?? [TNO_LIGHT, TNO_STRICT];
  const model = asSunModel(buildings);
  const first = norms.reduce((a, n) => (dayKey(n.from.month, n.from.day) < dayKey(a.month, a.day) ? n.from : a), norms[0]!.from);
  const last = norms.reduce((a, n) => (dayKey(n.to.month, n.to.day) > dayKey(a.month, a.day) ? n.to : a), norms[0]!.to);
  const days = daysBetween(options.year, first, last);
  const steps = stepSet(days.map((d) => sunTrack(site, d, options)));
  const minutes = facadeSunMinutes(model, points, steps, options);
  const hours = Float32Array.from(minutes, (m) => m / 60);
  const results = points.map((point, i) => ({ point, verdicts: norms.map((n) => judge(n, days, hours, i)) }));
  return { days, hours, results, norms };
}

function judge(norm: SunNorm, days: readonly CalendarDay[], hours: Float32Array, pointIndex: number): NormVerdict {
  const from = dayKey(norm.from.month, norm.from.day);
  const to = dayKey(norm.to.month, norm.to.day);
  let worst = Infinity;
  let worstDay = days[0]!;
  let below = 0;
  days.forEach((d, j) => {
    const k = dayKey(d.month, d.day);
    if (k < from || k > to) return;
    const h = hours[pointIndex * days.length + j]!;
    if (h < worst) {
      worst = h;
      worstDay = d;
    }
    // Hours are whole multiples of the step; a tiny tolerance absorbs float rounding.
    if (h < norm.minHours - 1e-6) below++;
  });
  return { norm: norm.name, pass: below === 0, worstDay, worstHours: worst, daysBelow: below };
}
