import { FeelDate, FeelDateTime, FeelTime, daysFromCivil } from '../temporal.js';
import { feelEquals, type FeelFunction } from '../values.js';
import { builtin, error } from './define.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const isoWeekday = (d: FeelDate): number => ((((d.epochDays + 3) % 7) + 7) % 7) + 1;

/** A function of the calendar date of a date or date and time. */
const ofDate = (name: string, f: (d: FeelDate) => unknown): FeelFunction =>
  builtin(name, ['date'], (v: unknown) => {
    if (v === null) return null;
    const d = v instanceof FeelDate ? v : v instanceof FeelDateTime ? v.date : null;
    return d ? f(d) : error('date must be a date or a date and time');
  });

export const DATE_FUNCTIONS: FeelFunction[] = [
  ofDate('day of year', (d) => d.epochDays - daysFromCivil(d.year, 1, 1) + 1),
  ofDate('day of week', (d) => DAY_NAMES[isoWeekday(d) - 1]),
  ofDate('month of year', (d) => MONTH_NAMES[d.month - 1]),
  ofDate('week of year', (d) => {
    const thursday = d.epochDays - isoWeekday(d) + 4;
    const ty = FeelDate.fromDays(thursday).year;
    return Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
  }),
  builtin('now', [], () => FeelDateTime.fromLocal(Date.now() / 1000, 0, null)),
  builtin('today', [], () => FeelDate.fromDays(Math.floor(Date.now() / 86400000))),
];

export const LOGIC_FUNCTIONS: FeelFunction[] = [
  builtin('not', ['negand'], (v: unknown) => (typeof v === 'boolean' ? !v : null)),
  // `is`: same value and same kind; times and dates and times also the same offset or zone.
  builtin('is', ['value1', 'value2'], (a: unknown, b: unknown) => {
    if (a === null || b === null) return a === b;
    if (a instanceof FeelTime || a instanceof FeelDateTime) {
      if (a.constructor !== (b as object).constructor) return false;
      const y = b as FeelTime | FeelDateTime;
      return a.offset === y.offset && a.zone === y.zone && feelEquals(a, b) === true;
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    return feelEquals(a, b) === true;
  }),
];
