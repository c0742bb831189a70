import {
  DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration, daysFromCivil, isValidZone,
  parseDate, parseDateTime, parseDuration, parseTime, zoneOffsetAt,
} from './temporal.js';
import { FeelFunction, FeelRange, compare, feelEquals, feelString, formatNumber, isContext, type FunctionParam } from './values.js';
import { invokeFunction } from './invoke.js';
import { compileExpression } from './compile.js';
import { Scope } from './scope.js';

type Impl = (...args: any[]) => unknown;

function params(spec: string[]): FunctionParam[] {
  return spec.map((s) => ({
    name: s.replace(/^\.\.\./, '').replace(/\?$/, ''),
    optional: s.endsWith('?') || s.startsWith('...'),
    variadic: s.startsWith('...'),
  }));
}

const BUILTINS = new Map<string, FeelFunction>();

function def(name: string, spec: string[], impl: Impl): void {
  BUILTINS.set(name, new FeelFunction(params(spec), (args) => impl(...args), name));
}
function defOver(name: string, ...variants: [string[], Impl][]): void {
  const overloads = variants.map(([spec, impl]) => new FeelFunction(params(spec), (args) => impl(...args), name));
  BUILTINS.set(name, new FeelFunction(overloads[0]!.params, overloads[0]!.invoke, name, overloads));
}

export function getBuiltin(name: string): FeelFunction | undefined {
  return BUILTINS.get(name);
}
export const builtinNames = (): string[] => [...BUILTINS.keys()];

const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** Variadic list functions accept either one list or the items as arguments. */
const listArg = (args: unknown[]): unknown[] | null =>
  args.length === 1 ? (Array.isArray(args[0]) ? args[0] : args[0] === null ? null : [args[0]]) : args.length === 0 ? null : args;

// ---------- conversion ----------
defOver(
  'date',
  [['from'], (from: unknown) => {
    if (isStr(from)) return parseDate(from);
    if (from instanceof FeelDateTime) return from.date;
    if (from instanceof FeelDate) return from;
    return null;
  }],
  [['year', 'month', 'day'], (y: unknown, m: unknown, d: unknown) => {
    if (!isInt(y) || !isInt(m) || !isInt(d)) return null;
    const r = new FeelDate(y, m, d);
    const back = FeelDate.fromDays(daysFromCivil(y, m, d));
    return back.month === m && back.day === d && m >= 1 && m <= 12 ? r : null;
  }],
);
defOver(
  'date and time',
  [['from'], (from: unknown) => {
    if (isStr(from)) return parseDateTime(from);
    if (from instanceof FeelDateTime) return from;
    if (from instanceof FeelDate) return new FeelDateTime(from.year, from.month, from.day, 0, 0, 0, null, null);
    return null;
  }],
  [['date', 'time'], (d: unknown, t: unknown) => {
    if (!(d instanceof FeelDate || d instanceof FeelDateTime) || !(t instanceof FeelTime)) return null;
    return new FeelDateTime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.offset, t.zone);
  }],
);
defOver(
  'time',
  [['from'], (from: unknown) => {
    if (isStr(from)) return parseTime(from);
    if (from instanceof FeelDateTime) return from.time;
    if (from instanceof FeelTime) return from;
    if (from instanceof FeelDate) return new FeelTime(0, 0, 0, 0, null);
    return null;
  }],
  [['hour', 'minute', 'second', 'offset?'], (h: unknown, m: unknown, s: unknown, off: unknown) => {
    if (!isInt(h) || !isInt(m) || !isNum(s) || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s >= 60) return null;
    if (off !== null && off !== undefined && !(off instanceof DtDuration)) return null;
    return new FeelTime(h, m, s, off instanceof DtDuration ? off.seconds : null, null);
  }],
);
def('duration', ['from'], (from: unknown) => (isStr(from) ? parseDuration(from) : null));
def('years and months duration', ['from', 'to'], (a: unknown, b: unknown) => {
  const toDt = (v: unknown) => (v instanceof FeelDate ? new FeelDateTime(v.year, v.month, v.day, 0, 0, 0, null, null) : v);
  const x = toDt(a);
  const y = toDt(b);
  if (!(x instanceof FeelDateTime) || !(y instanceof FeelDateTime)) return null;
  let months = (y.year - x.year) * 12 + (y.month - x.month);
  const dayCmp = y.day * 86400 + (y.localSeconds % 86400) - (x.day * 86400 + (x.localSeconds % 86400));
  if (months > 0 && dayCmp < 0) months--;
  else if (months < 0 && dayCmp > 0) months++;
  return new YmDuration(months + 0);
});
def('number', ['from', 'grouping separator?', 'decimal separator?'], (from: unknown, g: unknown, d: unknown) => {
  if (!isStr(from)) return null;
  if (g !== null && g !== undefined && ![' ', ',', '.'].includes(g as string)) return null;
  if (d !== null && d !== undefined && !['.', ','].includes(d as string)) return null;
  if (g && g === d) return null;
  let s = from;
  if (g) s = s.split(g as string).join('');
  if (d) s = s.split(d as string).join('.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  return Number(s);
});
def('string', ['from'], (from: unknown) => (from === null || from === undefined ? null : feelString(from)));
def('not', ['negand'], (v: unknown) => (typeof v === 'boolean' ? !v : null));
def('is defined', ['value'], (v: unknown) => v !== undefined);

// ---------- strings ----------
const cps = (s: string): string[] => Array.from(s);
def('substring', ['string', 'start position', 'length?'], (s: unknown, start: unknown, len: unknown) => {
  if (!isStr(s) || !isNum(start) || (len !== null && len !== undefined && !isNum(len))) return null;
  const chars = cps(s);
  const st = Math.trunc(start);
  const i = st > 0 ? st - 1 : chars.length + st;
  if (st === 0 || i < 0 || i > chars.length) return st === 0 ? null : i < 0 && len == null ? chars.join('') : null;
  const l = isNum(len) ? Math.trunc(len) : chars.length;
  if (l < 0) return null;
  return chars.slice(i, i + l).join('');
});
def('string length', ['string'], (s: unknown) => (isStr(s) ? cps(s).length : null));
def('upper case', ['string'], (s: unknown) => (isStr(s) ? s.toUpperCase() : null));
def('lower case', ['string'], (s: unknown) => (isStr(s) ? s.toLowerCase() : null));
def('substring before', ['string', 'match'], (s: unknown, m: unknown) => {
  if (!isStr(s) || !isStr(m)) return null;
  const i = s.indexOf(m);
  return i < 0 ? '' : s.slice(0, i);
});
def('substring after', ['string', 'match'], (s: unknown, m: unknown) => {
  if (!isStr(s) || !isStr(m)) return null;
  const i = s.indexOf(m);
  return i < 0 ? '' : s.slice(i + m.length);
});
def('contains', ['string', 'match'], (s: unknown, m: unknown) => (isStr(s) && isStr(m) ? s.includes(m) : null));
def('starts with', ['string', 'match'], (s: unknown, m: unknown) => (isStr(s) && isStr(m) ? s.startsWith(m) : null));
def('ends with', ['string', 'match'], (s: unknown, m: unknown) => (isStr(s) && isStr(m) ? s.endsWith(m) : null));

/** XPath regex flags → JS; null when the pattern or flags are not valid. */
function xpathRegex(pattern: string, flags: unknown, global: boolean): RegExp | null {
  if (flags !== null && flags !== undefined && (!isStr(flags) || !/^[smixq]*$/.test(flags))) return null;
  const f = (flags as string | null | undefined) ?? '';
  let p = pattern;
  if (f.includes('q')) p = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (f.includes('x')) p = p.replace(/\s+/g, '');
  // XPath has no lookaround/backreference-by-name; reject JS-only syntax so results match the spec.
  if (/\(\?[=!<]/.test(p)) return null;
  let jsFlags = 'u' + (global ? 'g' : '');
  if (f.includes('s')) jsFlags += 's';
  if (f.includes('m')) jsFlags += 'm';
  if (f.includes('i')) jsFlags += 'i';
  try {
    return new RegExp(p, jsFlags);
  } catch {
    return null;
  }
}
def('matches', ['input', 'pattern', 'flags?'], (s: unknown, p: unknown, f: unknown) => {
  if (!isStr(s) || !isStr(p)) return null;
  const re = xpathRegex(p, f, false);
  return re ? re.test(s) : null;
});
def('replace', ['input', 'pattern', 'replacement', 'flags?'], (s: unknown, p: unknown, r: unknown, f: unknown) => {
  if (!isStr(s) || !isStr(p) || !isStr(r)) return null;
  const re = xpathRegex(p, f, true);
  if (!re || re.test('')) return re && p === '' ? null : re ? s.replace(re, xpathReplacement(r)) : null;
  return s.replace(re, xpathReplacement(r));
});
function xpathReplacement(r: string): string {
  return r.replace(/\\\$|\\\\|\$\$/g, (m) => (m === '\\$' ? '$$' : m === '\\\\' ? '\\' : m));
}
def('split', ['string', 'delimiter'], (s: unknown, d: unknown) => {
  if (!isStr(s) || !isStr(d)) return null;
  const re = xpathRegex(d, null, true);
  return re ? s.split(re) : null;
});
def('string join', ['list', 'delimiter?', 'prefix?', 'suffix?'], (l: unknown, d: unknown, pre: unknown, suf: unknown) => {
  if (!Array.isArray(l) || l.some((x) => x !== null && !isStr(x))) return null;
  if (d !== null && d !== undefined && !isStr(d)) return null;
  const body = l.filter((x) => x !== null).join((d as string | null | undefined) ?? '');
  return `${(pre as string) ?? ''}${body}${(suf as string) ?? ''}`;
});

// ---------- lists ----------
def('list contains', ['list', 'element'], (l: unknown, e: unknown) => (Array.isArray(l) ? l.some((x) => feelEquals(x, e) === true) : null));
def('count', ['list'], (l: unknown) => (Array.isArray(l) ? l.length : null));
function extreme(sign: number): Impl {
  return (...args: unknown[]) => {
    const l = listArg(args);
    if (!l || l.length === 0) return null;
    let best = l[0];
    for (const x of l.slice(1)) {
      const c = compare(x, best);
      if (c === null) return null;
      if (c * sign > 0) best = x;
    }
    if (l.length === 1 && compare(best, best) === null) return null;
    return best;
  };
}
def('min', ['...list'], extreme(-1));
def('max', ['...list'], extreme(1));
const nums = (args: unknown[]): number[] | null => {
  const l = listArg(args);
  return l && l.every(isNum) ? (l as number[]) : null;
};
def('sum', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  if (!l) return null;
  if (l.length === 0) return null;
  return l.reduce((x, y) => x + y, 0);
});
def('product', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  return l && l.length ? l.reduce((x, y) => x * y, 1) : null;
});
def('mean', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  return l && l.length ? l.reduce((x, y) => x + y, 0) / l.length : null;
});
def('median', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  if (!l || !l.length) return null;
  const s = [...l].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
});
def('stddev', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  if (!l || l.length < 2) return null;
  const mean = l.reduce((x, y) => x + y, 0) / l.length;
  return Math.sqrt(l.reduce((x, y) => x + (y - mean) ** 2, 0) / (l.length - 1));
});
def('mode', ['...list'], (...a: unknown[]) => {
  const l = nums(a);
  if (!l) return null;
  const counts = new Map<number, number>();
  for (const x of l) counts.set(x, (counts.get(x) ?? 0) + 1);
  const max = Math.max(0, ...counts.values());
  return [...counts.entries()].filter(([, c]) => c === max).map(([v]) => v).sort((x, y) => x - y);
});
def('all', ['...list'], (...a: unknown[]) => {
  const l = listArg(a);
  if (!l) return null;
  if (l.some((x) => x === false)) return false;
  return l.every((x) => x === true) ? true : null;
});
def('any', ['...list'], (...a: unknown[]) => {
  const l = listArg(a);
  if (!l) return null;
  if (l.some((x) => x === true)) return true;
  return l.every((x) => x === false) ? false : null;
});
def('sublist', ['list', 'start position', 'length?'], (l: unknown, st: unknown, len: unknown) => {
  if (!Array.isArray(l) || !isInt(st) || st === 0) return null;
  const i = st > 0 ? st - 1 : l.length + st;
  if (i < 0 || i >= l.length) return null;
  if (len === null || len === undefined) return l.slice(i);
  if (!isInt(len) || len < 0 || i + len > l.length) return null;
  return l.slice(i, i + len);
});
def('append', ['list', '...item'], (l: unknown, ...items: unknown[]) => (Array.isArray(l) ? [...l, ...items] : null));
def('concatenate', ['...list'], (...ls: unknown[]) => (ls.every(Array.isArray) ? (ls as unknown[][]).flat(1) : null));
def('insert before', ['list', 'position', 'newItem'], (l: unknown, p: unknown, item: unknown) => {
  if (!Array.isArray(l) || !isInt(p) || p === 0) return null;
  const i = p > 0 ? p - 1 : l.length + p;
  if (i < 0 || i >= l.length) return null;
  return [...l.slice(0, i), item, ...l.slice(i)];
});
def('remove', ['list', 'position'], (l: unknown, p: unknown) => {
  if (!Array.isArray(l) || !isInt(p) || p === 0) return null;
  const i = p > 0 ? p - 1 : l.length + p;
  if (i < 0 || i >= l.length) return null;
  return [...l.slice(0, i), ...l.slice(i + 1)];
});
def('reverse', ['list'], (l: unknown) => (Array.isArray(l) ? [...l].reverse() : null));
def('index of', ['list', 'match'], (l: unknown, m: unknown) =>
  Array.isArray(l) ? l.flatMap((x, i) => (feelEquals(x, m) === true ? [i + 1] : [])) : null);
const distinct = (l: unknown[]): unknown[] => {
  const out: unknown[] = [];
  for (const x of l) if (!out.some((y) => feelEquals(x, y) === true)) out.push(x);
  return out;
};
def('union', ['...list'], (...ls: unknown[]) => (ls.every(Array.isArray) ? distinct((ls as unknown[][]).flat(1)) : null));
def('distinct values', ['list'], (l: unknown) => (Array.isArray(l) ? distinct(l) : null));
def('duplicate values', ['list'], (l: unknown) =>
  Array.isArray(l) ? distinct(l.filter((x, i) => l.some((y, j) => j !== i && feelEquals(x, y) === true))) : null);
const flat = (l: unknown[]): unknown[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
def('flatten', ['list'], (l: unknown) => (Array.isArray(l) ? flat(l) : null));
def('list replace', ['list', 'position', 'newItem'], (l: unknown, p: unknown, item: unknown) => {
  if (!Array.isArray(l)) return null;
  if (p instanceof FeelFunction) return l.map((x) => (invokeFunction(p, [x, item], null) === true ? item : x));
  if (!isInt(p) || p === 0) return null;
  const i = p > 0 ? p - 1 : l.length + p;
  if (i < 0 || i >= l.length) return null;
  const out = [...l];
  out[i] = item;
  return out;
});
BUILTINS.get('list replace')!.params[1]!.name = 'position';
const listReplace = BUILTINS.get('list replace')!;
BUILTINS.set('list replace', new FeelFunction(listReplace.params, listReplace.invoke, 'list replace', [
  listReplace,
  new FeelFunction(params(['list', 'match', 'newItem']), listReplace.invoke, 'list replace'),
]));
def('sort', ['list', 'precedes?'], (l: unknown, f: unknown) => {
  if (!Array.isArray(l)) return null;
  if (f === null || f === undefined) {
    let bad = false;
    const out = [...l].sort((a, b) => {
      const c = compare(a, b);
      if (c === null) bad = true;
      return c ?? 0;
    });
    return bad ? null : out;
  }
  if (!(f instanceof FeelFunction)) return null;
  return [...l].sort((a, b) => (invokeFunction(f, [a, b], null) === true ? -1 : invokeFunction(f, [b, a], null) === true ? 1 : 0));
});

// ---------- numbers ----------
/** Rounds to `scale` decimals in decimal (not binary) terms; mode picks the direction. */
function roundScaled(n: unknown, scale: unknown, mode: 'even' | 'floor' | 'ceiling' | 'up' | 'down' | 'half up' | 'half down'): number | null {
  if (!isNum(n) || !isInt(scale) || scale < -6111 || scale > 6176) return null;
  const shifted = Number(`${formatNumber(Math.abs(n))}e${scale}`);
  const neg = n < 0;
  const int = Math.floor(shifted);
  const frac = shifted - int;
  let r: number;
  switch (mode) {
    case 'floor': r = neg ? (frac > 0 ? int + 1 : int) : int; break;
    case 'ceiling': r = neg ? int : frac > 0 ? int + 1 : int; break;
    case 'up': r = frac > 0 ? int + 1 : int; break;
    case 'down': r = int; break;
    case 'half up': r = frac >= 0.5 ? int + 1 : int; break;
    case 'half down': r = frac > 0.5 ? int + 1 : int; break;
    default: r = frac > 0.5 || (frac === 0.5 && int % 2 === 1) ? int + 1 : int;
  }
  const out = Number(`${r}e${-scale}`);
  return neg ? (out === 0 ? 0 : -out) : out;
}
def('decimal', ['n', 'scale'], (n: unknown, s: unknown) => roundScaled(n, s, 'even'));
def('floor', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'floor'));
def('ceiling', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'ceiling'));
def('round up', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'up'));
def('round down', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'down'));
def('round half up', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'half up'));
def('round half down', ['n', 'scale?'], (n: unknown, s: unknown) => roundScaled(n, s ?? 0, 'half down'));
def('abs', ['n'], (n: unknown) => {
  if (isNum(n)) return Math.abs(n);
  if (n instanceof YmDuration) return new YmDuration(Math.abs(n.months));
  if (n instanceof DtDuration) return new DtDuration(Math.abs(n.seconds));
  return null;
});
def('modulo', ['dividend', 'divisor'], (a: unknown, b: unknown) => {
  if (!isNum(a) || !isNum(b) || b === 0) return null;
  const r = a - b * Math.floor(a / b);
  return Math.round(r * 1e12) / 1e12;
});
def('sqrt', ['number'], (n: unknown) => (isNum(n) && n >= 0 ? Math.sqrt(n) : null));
def('log', ['number'], (n: unknown) => (isNum(n) && n > 0 ? Math.log(n) : null));
def('exp', ['number'], (n: unknown) => (isNum(n) ? Math.exp(n) : null));
def('odd', ['number'], (n: unknown) => (isNum(n) ? (Number.isInteger(n) ? Math.abs(n % 2) === 1 : false) : null));
def('even', ['number'], (n: unknown) => (isNum(n) ? (Number.isInteger(n) ? n % 2 === 0 : false) : null));

// ---------- dates ----------
const asDate = (v: unknown): FeelDate | null => (v instanceof FeelDate ? v : v instanceof FeelDateTime ? v.date : null);
def('day of year', ['date'], (v: unknown) => {
  const d = asDate(v);
  return d ? d.epochDays - daysFromCivil(d.year, 1, 1) + 1 : null;
});
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const isoWeekday = (d: FeelDate): number => ((((d.epochDays + 3) % 7) + 7) % 7) + 1;
def('day of week', ['date'], (v: unknown) => {
  const d = asDate(v);
  return d ? DAY_NAMES[isoWeekday(d) - 1] : null;
});
def('month of year', ['date'], (v: unknown) => {
  const d = asDate(v);
  return d ? MONTH_NAMES[d.month - 1] : null;
});
def('week of year', ['date'], (v: unknown) => {
  const d = asDate(v);
  if (!d) return null;
  const thursday = d.epochDays - isoWeekday(d) + 4;
  const ty = FeelDate.fromDays(thursday).year;
  return Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
});
def('now', [], () => {
  const ms = Date.now();
  return FeelDateTime.fromLocal(ms / 1000, 0, null);
});
def('today', [], () => FeelDate.fromDays(Math.floor(Date.now() / 86400000)));
def('is', ['value1', 'value2'], (a: unknown, b: unknown) => {
  if (a instanceof FeelTime || a instanceof FeelDateTime) {
    if (a.constructor !== (b as object)?.constructor) return false;
    const x = a as FeelTime;
    const y = b as FeelTime;
    return x.offset === y.offset && x.zone === y.zone && feelEquals(a, b) === true;
  }
  if (a === null || b === null) return a === b;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  return feelEquals(a, b) === true;
});

// ---------- ranges (DMN 1.4 §10.3.4.9) ----------
interface R { s: unknown; e: unknown; si: boolean; ei: boolean }
const asR = (v: unknown): R | null =>
  v instanceof FeelRange ? { s: v.start, e: v.end, si: v.startIncluded, ei: v.endIncluded } : v === null || v === undefined ? null : { s: v, e: v, si: true, ei: true };
const lt = (a: unknown, b: unknown) => (compare(a, b) ?? NaN) < 0;
const eq = (a: unknown, b: unknown) => compare(a, b) === 0;
const gt = (a: unknown, b: unknown) => (compare(a, b) ?? NaN) > 0;
function rangeFn(name: string, f: (a: R, b: R, aIsPoint: boolean, bIsPoint: boolean) => boolean, names: [string, string][]): void {
  const impl = (a: unknown, b: unknown) => {
    const x = asR(a);
    const y = asR(b);
    if (!x || !y) return null;
    const vals = [x.s, x.e, y.s, y.e].filter((v) => v !== null);
    for (const v of vals) if (compare(v, vals[0]) === null) return null;
    return f(x, y, !(a instanceof FeelRange), !(b instanceof FeelRange));
  };
  defOver(name, ...names.map(([p, q]) => [[p, q], impl] as [string[], Impl]));
}
const PR: [string, string][] = [['point1', 'point2'], ['point', 'range'], ['range', 'point'], ['range1', 'range2']];
rangeFn('before', (a, b) => lt(a.e, b.s) || (eq(a.e, b.s) && (!a.ei || !b.si)), PR);
rangeFn('after', (a, b) => gt(a.s, b.e) || (eq(a.s, b.e) && (!a.si || !b.ei)), PR);
rangeFn('meets', (a, b) => a.ei && b.si && eq(a.e, b.s), [['range1', 'range2']]);
rangeFn('met by', (a, b) => b.ei && a.si && eq(b.e, a.s), [['range1', 'range2']]);
const overlaps = (a: R, b: R) =>
  (gt(a.e, b.s) || (eq(a.e, b.s) && a.ei && b.si)) && (lt(a.s, b.e) || (eq(a.s, b.e) && a.si && b.ei));
rangeFn('overlaps', overlaps, [['range1', 'range2']]);
const overlapsBefore = (a: R, b: R) =>
  (lt(a.s, b.s) || (eq(a.s, b.s) && a.si && !b.si)) && (gt(a.e, b.s) || (eq(a.e, b.s) && a.ei && b.si)) &&
  (lt(a.e, b.e) || (eq(a.e, b.e) && (!a.ei || b.ei)));
rangeFn('overlaps before', overlapsBefore, [['range1', 'range2']]);
rangeFn('overlaps after', (a, b) => overlapsBefore(b, a), [['range1', 'range2']]);
const finishes = (a: R, b: R, ap: boolean) =>
  ap ? b.ei && eq(b.e, a.s) : a.ei === b.ei && eq(a.e, b.e) && (gt(a.s, b.s) || (eq(a.s, b.s) && (!a.si || b.si)));
rangeFn('finishes', (a, b, ap) => finishes(a, b, ap), [['point', 'range'], ['range1', 'range2']]);
rangeFn('finished by', (a, b, _ap, bp) => finishes(b, a, bp), [['range', 'point'], ['range1', 'range2']]);
const includes = (a: R, b: R, bp: boolean) =>
  bp
    ? (lt(a.s, b.s) && gt(a.e, b.s)) || (eq(a.s, b.s) && a.si) || (eq(a.e, b.s) && a.ei)
    : (lt(a.s, b.s) || (eq(a.s, b.s) && (a.si || !b.si))) && (gt(a.e, b.e) || (eq(a.e, b.e) && (a.ei || !b.ei)));
rangeFn('includes', (a, b, _ap, bp) => includes(a, b, bp), [['range', 'point'], ['range1', 'range2']]);
rangeFn('during', (a, b, ap) => includes(b, a, ap), [['point', 'range'], ['range1', 'range2']]);
const starts = (a: R, b: R, ap: boolean) =>
  ap ? b.si && eq(b.s, a.s) : a.si === b.si && eq(a.s, b.s) && (lt(a.e, b.e) || (eq(a.e, b.e) && (!a.ei || b.ei)));
rangeFn('starts', (a, b, ap) => starts(a, b, ap), [['point', 'range'], ['range1', 'range2']]);
rangeFn('started by', (a, b, _ap, bp) => starts(b, a, bp), [['range', 'point'], ['range1', 'range2']]);
rangeFn('coincides', (a, b) => eq(a.s, b.s) && eq(a.e, b.e) && a.si === b.si && a.ei === b.ei, [['point1', 'point2'], ['range1', 'range2']]);

def('range', ['from'], (from: unknown) => {
  if (!isStr(from)) return null;
  try {
    const v = compileExpression(from)(new Scope(new Map()));
    if (!(v instanceof FeelRange)) return null;
    const ok = (x: unknown) => x === null || isNum(x) || isStr(x) || x instanceof FeelDate || x instanceof FeelDateTime || x instanceof FeelTime || x instanceof YmDuration || x instanceof DtDuration;
    return ok(v.start) && ok(v.end) ? v : null;
  } catch {
    return null;
  }
});

// ---------- contexts ----------
def('get value', ['m', 'key'], (m: unknown, k: unknown) => (isContext(m) && isStr(k) ? (m[k] ?? null) : null));
def('get entries', ['m'], (m: unknown) => (isContext(m) ? Object.entries(m).map(([key, value]) => ({ key, value })) : null));
def('context', ['entries'], (l: unknown) => {
  const list = Array.isArray(l) ? l : isContext(l) ? [l] : null;
  if (!list) return null;
  const out: Record<string, unknown> = {};
  for (const e of list) {
    if (!isContext(e) || !isStr(e.key) || !('value' in e)) return null;
    if (e.key in out) return null;
    out[e.key] = e.value;
  }
  return out;
});
function put(ctx: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> | null {
  const [k, ...rest] = keys;
  if (k === undefined) return null;
  if (rest.length === 0) return { ...ctx, [k]: value };
  const inner = ctx[k];
  if (!isContext(inner)) return null;
  const v = put(inner, rest, value);
  return v ? { ...ctx, [k]: v } : null;
}
defOver(
  'context put',
  [['context', 'key', 'value'], (c: unknown, k: unknown, v: unknown) => {
    if (!isContext(c)) return null;
    if (isStr(k)) return put(c, [k], v);
    if (Array.isArray(k) && k.length && k.every(isStr)) return put(c, k as string[], v);
    return null;
  }],
  [['context', 'keys', 'value'], (c: unknown, k: unknown, v: unknown) =>
    isContext(c) && Array.isArray(k) && k.length && k.every(isStr) ? put(c, k as string[], v) : null],
);
def('context merge', ['contexts'], (l: unknown) => {
  if (!Array.isArray(l) || !l.every(isContext)) return null;
  return Object.assign({}, ...l);
});

/** Timezone-aware "now" pieces for tests; exposed so the TCK runner can check shapes. */
export const _internals = { zoneOffsetAt, isValidZone };
