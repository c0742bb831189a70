import { invalid } from '../../kernel/errors.js';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS[month - 1]!;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, what sensors send nearly always: read without a regex or any allocation. */
function fastInstant(s: string): number | null {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */ || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  let ms = 0;
  if (n === 24) {
    if (s[19] !== '.') return null;
    ms = digit(s, 20) * 100 + two(s, 21);
  }
  if (Number.isNaN(year + month + day + hour + minute + second + ms)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * Strict ISO 8601 instant to epoch milliseconds, or null. Unlike Date.parse it refuses
 * impossible calendar dates (2026-02-30) and a missing time zone.
 */
export function parseInstant(text: string): number | null {
  const fast = fastInstant(text);
  if (fast !== null) return fast;
  const m = INSTANT.exec(text);
  if (!m) return null;
  // Called for every ingested observation: no intermediate arrays.
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] ? +m[6] : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = m[7] ? Math.floor(+m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offset = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

/** A calendar date `YYYY-MM-DD` to midnight UTC in ms, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return Date.UTC(y, mo - 1, d);
}

export interface TimeValue {
  start: number;
  /** Null for an instant. */
  end: number | null;
}

/** An instant or an interval `start/end` (TM_Object); throws a 400 naming `field`. */
export function parseTime(value: unknown, field: string): TimeValue {
  if (typeof value !== 'string') throw invalid(field, 'must be an ISO 8601 instant or interval (start/end) as a string');
  const slash = value.indexOf('/');
  if (slash < 0) {
    const t = parseInstant(value);
    if (t === null) throw invalid(field, 'is not a valid ISO 8601 instant with time zone');
    return { start: t, end: null };
  }
  const start = parseInstant(value.slice(0, slash));
  const end = parseInstant(value.slice(slash + 1));
  if (start === null || end === null) throw invalid(field, 'is not a valid ISO 8601 interval of two instants');
  if (end < start) throw invalid(field, 'the interval ends before it starts');
  return { start, end };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Database time (epoch ms on SQLite, Date on PostgreSQL) to ISO text. */
export function toIso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return iso(v);
  if (typeof v === 'string') return new Date(v).toISOString();
  return null;
}

export function formatTime(start: unknown, end: unknown): string | null {
  const s = toIso(start);
  if (s === null) return null;
  const e = toIso(end);
  return e === null ? s : `${s}/${e}`;
}
