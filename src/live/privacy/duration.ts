/**
 * ISO 8601 durations (`P30D`, `PT1H`, `P1Y2M`), as used for retention periods and the
 * pseudonym key rotation interval. Years and months are calendar units, so a duration is
 * applied to an instant rather than turned into milliseconds.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The duration, or undefined when the text is not one (an empty `P` or `PT` is not). */
export function parseDuration(text: string): Duration | undefined {
  if (text.length > 40 || text === 'P' || text.endsWith('T')) return undefined;
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `at` minus the duration, in UTC calendar arithmetic (P1M before 31 March is 28/29 February's end, as Date does). */
export function subtractDuration(at: number, d: Duration): number {
  const t = new Date(at);
  t.setUTCFullYear(t.getUTCFullYear() - d.years, t.getUTCMonth() - d.months, t.getUTCDate() - d.weeks * 7 - d.days);
  return t.getTime() - ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

/** A duration without calendar units in milliseconds; undefined when it has years or months. */
export function fixedMillis(d: Duration): number | undefined {
  if (d.years || d.months) return undefined;
  return ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}
