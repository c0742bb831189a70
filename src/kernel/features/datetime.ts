/**
 * The `datetime` parameter of OGC API Features Part 1 (/req/core/fc-time-response):
 * an RFC 3339 instant, or an interval `start/end` where either side may be `..` or
 * empty (half-bounded). Dates without a time (2024-05-01) are accepted as well and
 * mean the whole day, because people write them and the meaning is unambiguous.
 */

/** Milliseconds since the epoch; null is unbounded. Both ends are inclusive. */
export interface TimeInterval {
  start: number | null;
  end: number | null;
}

export type DatetimeResult = { interval: TimeInterval } | { error: string };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** One side of the parameter as [first ms, last ms], or null when it is not a date(-time). */
function parseMoment(text: string): [number, number] | null {
  const dt = DATE_TIME.exec(text);
  if (dt) {
    const [, y, mo, d, h, mi, s] = dt.map(Number) as number[];
    if (!validDate(y!, mo!, d!) || h! > 23 || mi! > 59 || s! > 60) return null;
    const t = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(t) ? null : [t, t];
  }
  const date = DATE.exec(text);
  if (date) {
    const [, y, mo, d] = date.map(Number) as number[];
    if (!validDate(y!, mo!, d!)) return null;
    const t = Date.UTC(y!, mo! - 1, d!);
    return [t, t + DAY_MS - 1];
  }
  return null;
}

const open = (side: string): boolean => side === '' || side === '..';

export function parseDatetime(value: string): DatetimeResult {
  const parts = value.split('/');
  if (parts.length > 2) return { error: `datetime has ${parts.length - 1} slashes; write an instant or start/end` };
  if (parts.length === 1) {
    const m = parseMoment(parts[0]!);
    return m ? { interval: { start: m[0], end: m[1] } } : { error: `'${value}' is not an RFC 3339 date-time (e.g. 2024-05-01T12:00:00Z)` };
  }
  const [a, b] = parts as [string, string];
  if (open(a) && open(b)) return { error: 'datetime: at least one end of the interval must be a date-time' };
  const start = open(a) ? null : parseMoment(a);
  const end = open(b) ? null : parseMoment(b);
  if (!open(a) && !start) return { error: `datetime start '${a}' is not an RFC 3339 date-time` };
  if (!open(b) && !end) return { error: `datetime end '${b}' is not an RFC 3339 date-time` };
  const interval = { start: start ? start[0] : null, end: end ? end[1] : null };
  if (interval.start !== null && interval.end !== null && interval.start > interval.end) return { error: 'datetime: the interval ends before it starts' };
  return { interval };
}

/** Whether a feature's time [from, to] (null: unbounded) meets the interval; the ends count. */
export function intersectsInterval(q: TimeInterval, from: number | null, to: number | null): boolean {
  return (q.end === null || from === null || from <= q.end) && (q.start === null || to === null || to >= q.start);
}
