import { parseRangeLiteral } from '../literals.js';
import { compare, FeelRange, type FeelFunction } from '../values.js';
import { builtin, error, isStr, overloaded, type Impl } from './define.js';

// The range functions of DMN 1.4 §10.3.4.9, on points and ranges alike.
interface R { s: unknown; e: unknown; si: boolean; ei: boolean }
const asR = (v: unknown): R | null =>
  v instanceof FeelRange ? { s: v.start, e: v.end, si: v.startIncluded, ei: v.endIncluded } : v === null || v === undefined ? null : { s: v, e: v, si: true, ei: true };
const lt = (a: unknown, b: unknown) => (compare(a, b) ?? NaN) < 0;
const eq = (a: unknown, b: unknown) => compare(a, b) === 0;
const gt = (a: unknown, b: unknown) => (compare(a, b) ?? NaN) > 0;

function rangeFn(name: string, f: (a: R, b: R, aIsPoint: boolean, bIsPoint: boolean) => boolean, names: [string, string][]): FeelFunction {
  const impl = (a: unknown, b: unknown) => {
    const x = asR(a);
    const y = asR(b);
    if (!x || !y) return null;
    const vals = [x.s, x.e, y.s, y.e].filter((v) => v !== null);
    for (const v of vals) if (compare(v, vals[0]) === null) return error('the points and ranges cannot be compared with each other');
    return f(x, y, !(a instanceof FeelRange), !(b instanceof FeelRange));
  };
  return overloaded(name, ...names.map(([p, q]) => [[p, q], impl] as [string[], Impl]));
}

const PR: [string, string][] = [['point1', 'point2'], ['point', 'range'], ['range', 'point'], ['range1', 'range2']];
const RR: [string, string][] = [['range1', 'range2']];
const overlaps = (a: R, b: R) =>
  (gt(a.e, b.s) || (eq(a.e, b.s) && a.ei && b.si)) && (lt(a.s, b.e) || (eq(a.s, b.e) && a.si && b.ei));
const overlapsBefore = (a: R, b: R) =>
  (lt(a.s, b.s) || (eq(a.s, b.s) && a.si && !b.si)) && (gt(a.e, b.s) || (eq(a.e, b.s) && a.ei && b.si)) &&
  (lt(a.e, b.e) || (eq(a.e, b.e) && (!a.ei || b.ei)));
const finishes = (a: R, b: R, ap: boolean) =>
  ap ? b.ei && eq(b.e, a.s) : a.ei === b.ei && eq(a.e, b.e) && (gt(a.s, b.s) || (eq(a.s, b.s) && (!a.si || b.si)));
const includes = (a: R, b: R, bp: boolean) =>
  bp
    ? (lt(a.s, b.s) && gt(a.e, b.s)) || (eq(a.s, b.s) && a.si) || (eq(a.e, b.s) && a.ei)
    : (lt(a.s, b.s) || (eq(a.s, b.s) && (a.si || !b.si))) && (gt(a.e, b.e) || (eq(a.e, b.e) && (a.ei || !b.ei)));
const starts = (a: R, b: R, ap: boolean) =>
  ap ? b.si && eq(b.s, a.s) : a.si === b.si && eq(a.s, b.s) && (lt(a.e, b.e) || (eq(a.e, b.e) && (!a.ei || b.ei)));

const isEndpoint = (x: unknown) => x === null || typeof x === 'number' || isStr(x) || (typeof x === 'object' && !Array.isArray(x) && compare(x, x) === 0);

export const RANGE_FUNCTIONS: FeelFunction[] = [
  rangeFn('before', (a, b) => lt(a.e, b.s) || (eq(a.e, b.s) && (!a.ei || !b.si)), PR),
  rangeFn('after', (a, b) => gt(a.s, b.e) || (eq(a.s, b.e) && (!a.si || !b.ei)), PR),
  rangeFn('meets', (a, b) => a.ei && b.si && eq(a.e, b.s), RR),
  rangeFn('met by', (a, b) => b.ei && a.si && eq(b.e, a.s), RR),
  rangeFn('overlaps', overlaps, RR),
  rangeFn('overlaps before', overlapsBefore, RR),
  rangeFn('overlaps after', (a, b) => overlapsBefore(b, a), RR),
  rangeFn('finishes', (a, b, ap) => finishes(a, b, ap), [['point', 'range'], ['range1', 'range2']]),
  rangeFn('finished by', (a, b, _ap, bp) => finishes(b, a, bp), [['range', 'point'], ['range1', 'range2']]),
  rangeFn('includes', (a, b, _ap, bp) => includes(a, b, bp), [['range', 'point'], ['range1', 'range2']]),
  rangeFn('during', (a, b, ap) => includes(b, a, ap), [['point', 'range'], ['range1', 'range2']]),
  rangeFn('starts', (a, b, ap) => starts(a, b, ap), [['point', 'range'], ['range1', 'range2']]),
  rangeFn('started by', (a, b, _ap, bp) => starts(b, a, bp), [['range', 'point'], ['range1', 'range2']]),
  rangeFn('coincides', (a, b) => eq(a.s, b.s) && eq(a.e, b.e) && a.si === b.si && a.ei === b.ei, [['point1', 'point2'], ['range1', 'range2']]),
  builtin('range', ['from: string'], (from: string | null) => {
    if (from === null) return null;
    const r = parseRangeLiteral(from);
    if (!r) return error(`'${from}' is no range with literal endpoints`);
    if (!isEndpoint(r.start) || !isEndpoint(r.end)) return error(`'${from}' has endpoints that cannot be ordered`);
    const order = r.start !== null && r.end !== null ? compare(r.start, r.end) : 0;
    if (order === null) return error(`the endpoints of '${from}' are of different kinds`);
    if (order > 0) return error(`'${from}' starts after it ends`);
    return r;
  }),
];
