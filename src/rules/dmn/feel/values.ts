import type { EvalContext } from './context.js';
import { DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration } from './temporal.js';
import type { FeelType, TypeResolver } from './feel-type.js';

export { DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration };

export type FeelContext = Record<string, unknown>;

export class FeelRange {
  constructor(
    /** null = unbounded (e.g. from `< 10`). */
    readonly start: unknown,
    readonly end: unknown,
    readonly startIncluded: boolean,
    readonly endIncluded: boolean,
    /** Unbounded sides are written as `< x` rather than an interval when true. */
    readonly startUnbounded = false,
    readonly endUnbounded = false,
    /** The unary test `= x` as a value: matches what equals x, but is no interval [x..x]. */
    readonly point = false,
  ) {}
  toString(): string {
    if (this.point) return `= ${feelString(this.start, true)}`;
    if (this.startUnbounded) return `${this.endIncluded ? '<=' : '<'} ${feelString(this.end, true)}`;
    if (this.endUnbounded) return `${this.startIncluded ? '>=' : '>'} ${feelString(this.start, true)}`;
    return `${this.startIncluded ? '[' : '('}${feelString(this.start, true)}..${feelString(this.end, true)}${this.endIncluded ? ']' : ')'}`;
  }
}

export interface FunctionParam {
  name: string;
  /** Declared type: arguments are converted to it (singleton lists) or refused. */
  type?: FeelType | undefined;
  optional?: boolean;
  variadic?: boolean;
}

/** A callable FEEL value: a built-in, a user-defined function, a BKM or a decision service. */
export class FeelFunction {
  constructor(
    readonly params: FunctionParam[],
    /**
     * Receives positional arguments, already matched by name and converted to the declared
     * types (see invoke.ts); `ctx` is the caller's evaluation, where problems are reported.
     */
    readonly invoke: (args: unknown[], ctx: EvalContext) => unknown,
    readonly name = 'anonymous',
    /** Built-ins with several signatures (e.g. date(from) and date(year, month, day)). */
    readonly overloads: FeelFunction[] | null = null,
    /** Resolves item-definition names in the parameter types (functions defined in a model). */
    readonly resolve: TypeResolver | undefined = undefined,
  ) {}
  toString(): string {
    return `function(${this.params.map((p) => p.name).join(', ')})`;
  }
}

export const isContext = (v: unknown): v is FeelContext =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export type FeelTypeName =
  | 'Null' | 'number' | 'string' | 'boolean' | 'date' | 'time' | 'date and time'
  | 'years and months duration' | 'days and time duration' | 'list' | 'context' | 'range' | 'function';

export function typeOf(v: unknown): FeelTypeName {
  if (v === null || v === undefined) return 'Null';
  switch (typeof v) {
    case 'number': return 'number';
    case 'string': return 'string';
    case 'boolean': return 'boolean';
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof FeelDate) return 'date';
  if (v instanceof FeelDateTime) return 'date and time';
  if (v instanceof FeelTime) return 'time';
  if (v instanceof YmDuration) return 'years and months duration';
  if (v instanceof DtDuration) return 'days and time duration';
  if (v instanceof FeelRange) return 'range';
  if (v instanceof FeelFunction) return 'function';
  return 'context';
}

/** Number → FEEL string without exponent notation. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expS] = s.split(/e/i) as [string, string];
  const exp = Number(expS);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const pointPos = (mant.replace('-', '').indexOf('.') < 0 ? mant.replace('-', '').length : mant.replace('-', '').indexOf('.')) + exp;
  let out: string;
  if (pointPos <= 0) out = `0.${'0'.repeat(-pointPos)}${digits}`;
  else if (pointPos >= digits.length) out = digits + '0'.repeat(pointPos - digits.length);
  else out = `${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
  return (neg ? '-' : '') + out;
}

/** A context key as FEEL writes it: a name as is, anything a name cannot be as a string literal. */
const contextKey = (k: string): string => (/^[^\s"{}:,\[\]()]+( [^\s"{}:,\[\]()]+)*$/.test(k) ? k : JSON.stringify(k));

/** FEEL `string()` rendering; `nested` quotes strings inside lists/contexts. */
export function feelString(v: unknown, nested = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return nested ? JSON.stringify(v) : v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => feelString(x, true)).join(', ')}]`;
  if (isContext(v)) return `{${Object.entries(v).map(([k, x]) => `${contextKey(k)}: ${feelString(x, true)}`).join(', ')}}`;
  return String(v);
}

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/*
 * Times and dates and times compare at a resolution of one second: the TCK (0068
 * time_005, datetime_003_a) has 10:30:00.0001 = 10:30:00.0002. Fractions still print
 * and still count in arithmetic.
 */
function timeKey(t: FeelTime): number {
  return Math.floor(t.secondsOfDay) - (t.effectiveOffset() ?? 0);
}
const instantKey = (d: FeelDateTime): number => Math.floor(d.instant);

/** Total order where FEEL defines one; null when not comparable. */
export function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return cmpNum(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof FeelDate) {
    if (b instanceof FeelDate) return cmpNum(a.epochDays, b.epochDays);
    if (b instanceof FeelDateTime) return compare(new FeelDateTime(a.year, a.month, a.day, 0, 0, 0, 0, null), b);
    return null;
  }
  if (a instanceof FeelDateTime) {
    if (b instanceof FeelDateTime) {
      if (a.hasZone !== b.hasZone) return null;
      return cmpNum(instantKey(a), instantKey(b));
    }
    if (b instanceof FeelDate) return compare(a, new FeelDateTime(b.year, b.month, b.day, 0, 0, 0, 0, null));
    return null;
  }
  if (a instanceof FeelTime && b instanceof FeelTime) {
    if ((a.offset === null && a.zone === null) !== (b.offset === null && b.zone === null)) return null;
    return cmpNum(timeKey(a), timeKey(b));
  }
  if (a instanceof YmDuration && b instanceof YmDuration) return cmpNum(a.months, b.months);
  if (a instanceof DtDuration && b instanceof DtDuration) return cmpNum(a.seconds, b.seconds);
  return null;
}

/** FEEL `=`: true/false, or null when the operands are of different kinds. */
export function feelEquals(a: unknown, b: unknown): boolean | null {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return typeof a === typeof b ? a === b : null;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return null;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const e = feelEquals(a[i], b[i]);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof FeelDateTime) {
    if (!(b instanceof FeelDateTime)) return null;
    if (a.hasZone !== b.hasZone) return false;
    return instantKey(a) === instantKey(b);
  }
  if (a instanceof FeelDate) return b instanceof FeelDate ? a.epochDays === b.epochDays : null;
  if (a instanceof FeelTime) {
    if (!(b instanceof FeelTime)) return null;
    if ((a.offset === null && a.zone === null) !== (b.offset === null && b.zone === null)) return false;
    return timeKey(a) === timeKey(b);
  }
  if (a instanceof YmDuration) return b instanceof YmDuration ? a.months === b.months : null;
  if (a instanceof DtDuration) return b instanceof DtDuration ? a.seconds === b.seconds : null;
  if (a instanceof FeelRange) {
    if (!(b instanceof FeelRange)) return null;
    return (
      a.startIncluded === b.startIncluded && a.endIncluded === b.endIncluded &&
      a.startUnbounded === b.startUnbounded && a.endUnbounded === b.endUnbounded && a.point === b.point &&
      feelEquals(a.start, b.start) === true && feelEquals(a.end, b.end) === true
    );
  }
  if (a instanceof FeelFunction) return a === b;
  if (isContext(a)) {
    if (!isContext(b)) return null;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!(k in b)) return false;
      if (feelEquals(a[k], b[k]) !== true) return false;
    }
    return true;
  }
  return null;
}

/** Whether `v` is in range `r`; null when not comparable. */
export function inRange(r: FeelRange, v: unknown): boolean | null {
  if (r.point) return feelEquals(v, r.start);
  if (v === null || v === undefined) return null;
  if (!r.startUnbounded) {
    if (r.start === null) return null;
    const c = compare(v, r.start);
    if (c === null) return null;
    if (c < 0 || (c === 0 && !r.startIncluded)) return false;
  }
  if (!r.endUnbounded) {
    if (r.end === null) return null;
    const c = compare(v, r.end);
    if (c === null) return null;
    if (c > 0 || (c === 0 && !r.endIncluded)) return false;
  }
  return true;
}
