import {
  DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration, daysFromCivil, parseDate, parseDateTime, parseDuration, parseTime,
} from '../temporal.js';
import { feelString, type FeelFunction } from '../values.js';
import { builtin, error, isInt, isNum, isStr, overloaded } from './define.js';

/** FEEL years run from -999,999,999 to 999,999,999. */
export const MAX_YEAR = 999_999_999;

const toDateTime = (v: unknown): FeelDateTime | null =>
  v instanceof FeelDateTime ? v : v instanceof FeelDate ? new FeelDateTime(v.year, v.month, v.day, 0, 0, 0, null, null) : null;

export const CONVERSION_FUNCTIONS: FeelFunction[] = [
  overloaded(
    'date',
    [['from'], (from: unknown) => {
      if (from === null) return null;
      if (isStr(from)) return parseDate(from);
      if (from instanceof FeelDateTime) return from.date;
      if (from instanceof FeelDate) return from;
      return error('from must be a string, date or date and time');
    }],
    [['year: number', 'month: number', 'day: number'], (y: number | null, m: number | null, d: number | null) => {
      if (y === null || m === null || d === null) return null;
      if (!isInt(y) || !isInt(m) || !isInt(d)) return error('year, month and day must be whole numbers');
      if (Math.abs(y) > MAX_YEAR) return error(`year ${y} lies outside -999,999,999..999,999,999`);
      const back = FeelDate.fromDays(daysFromCivil(y, m, d));
      return back.month === m && back.day === d && m >= 1 && m <= 12 ? new FeelDate(y, m, d) : error(`${y}-${m}-${d} is no date`);
    }],
  ),
  overloaded(
    'date and time',
    [['from'], (from: unknown) => {
      if (from === null) return null;
      if (isStr(from)) return parseDateTime(from);
      return toDateTime(from) ?? error('from must be a string, date or date and time');
    }],
    [['date', 'time: time'], (d: unknown, t: FeelTime | null) => {
      if (d === null || t === null) return null;
      if (!(d instanceof FeelDate || d instanceof FeelDateTime)) return error('date must be a date (or date and time), time a time');
      return new FeelDateTime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.offset, t.zone);
    }],
  ),
  overloaded(
    'time',
    [['from'], (from: unknown) => {
      if (from === null) return null;
      if (isStr(from)) return parseTime(from);
      if (from instanceof FeelDateTime) return from.time;
      if (from instanceof FeelTime) return from;
      if (from instanceof FeelDate) return new FeelTime(0, 0, 0, 0, null);
      return error('from must be a string, time, date or date and time');
    }],
    [['hour: number', 'minute: number', 'second: number', 'offset?: days and time duration'], (h: unknown, m: unknown, s: unknown, off: DtDuration | null | undefined) => {
      if (h === null || m === null || s === null) return null;
      if (!isInt(h) || !isInt(m) || !isNum(s) || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s >= 60) return error('hour, minute and second must make a time of day');
      return new FeelTime(h, m, s, off instanceof DtDuration ? off.seconds : null, null);
    }],
  ),
  builtin('duration', ['from: string'], (from: string | null) => (from === null ? null : parseDuration(from))),
  builtin('years and months duration', ['from', 'to'], (a: unknown, b: unknown) => {
    if (a === null || b === null) return null;
    const x = toDateTime(a);
    const y = toDateTime(b);
    if (!x || !y) return error('from and to must be dates or dates and times');
    // Whole months between the two calendar dates; the time of day plays no part.
    let months = (y.year - x.year) * 12 + (y.month - x.month);
    if (months > 0 && y.day < x.day) months--;
    else if (months < 0 && y.day > x.day) months++;
    return new YmDuration(months + 0);
  }),
  builtin('number', ['from: string', 'grouping separator?: string', 'decimal separator?: string'], (from: string | null, g: string | null | undefined, d: string | null | undefined) => {
    if (from === null) return null;
    if (g != null && ![' ', ',', '.'].includes(g)) return error(`grouping separator must be ' ', ',' or '.'`);
    if (d != null && !['.', ','].includes(d)) return error(`decimal separator must be '.' or ','`);
    if (g && g === d) return error('the grouping and decimal separators must differ');
    let s = from;
    if (g) s = s.split(g).join('');
    if (d) s = s.split(d).join('.');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    return Number(s);
  }),
  builtin('string', ['from'], (from: unknown) => (from === null || from === undefined ? null : feelString(from))),
];

