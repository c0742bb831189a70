import type { EvalContext } from '../context.js';
import { invokeFunction } from '../invoke.js';
import { compare, feelEquals, FeelFunction } from '../values.js';
import { builtin, callback, error, isInt, isNum, overloaded } from './define.js';

/** Variadic list functions take one list or the items as arguments: sum([1, 2]) = sum(1, 2). */
const listArg = (args: unknown[]): unknown[] | null =>
  args.length === 1 ? (Array.isArray(args[0]) ? args[0] : args[0] === null ? null : [args[0]]) : args.length === 0 ? null : args;

const numbers = (args: unknown[]): number[] | null => {
  const l = listArg(args);
  if (l === null) return null;
  return l.every(isNum) ? (l as number[]) : error('the list must hold numbers only');
};

function extreme(sign: number) {
  return (...args: unknown[]) => {
    const l = listArg(args);
    if (!l || l.length === 0) return null;
    let best = l[0];
    for (const x of l.slice(1)) {
      const c = compare(x, best);
      if (c === null) return error('the items cannot be compared with each other');
      if (c * sign > 0) best = x;
    }
    if (l.length === 1 && compare(best, best) === null) return error('the item cannot be compared');
    return best;
  };
}

/** A 1-based position (negative from the end) as an index; non-integers are truncated. */
function index(l: unknown[], p: number): number {
  const t = Math.trunc(p);
  if (t === 0) return error('position 0 does not exist (positions start at 1, or -1 from the end)');
  const i = t > 0 ? t - 1 : l.length + t;
  return i < 0 || i >= l.length ? error(`position ${p} lies outside the list of ${l.length}`) : i;
}

const distinct = (l: unknown[]): unknown[] => {
  const out: unknown[] = [];
  for (const x of l) if (!out.some((y) => feelEquals(x, y) === true)) out.push(x);
  return out;
};
const flat = (l: unknown[]): unknown[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
const lists = (ls: unknown[]): unknown[][] | null =>
  ls.some((l) => l === null) ? null : ls.every(Array.isArray) ? (ls as unknown[][]) : error('every argument must be a list');

/** `list replace(list, match, newItem)`: the match function must take (item, newItem) and answer a boolean. */
function replaceMatching(l: unknown[], match: FeelFunction, item: unknown, ctx: EvalContext): unknown[] {
  if (!match.overloads && match.params.length !== 2) return error('the match function must take two parameters (item, newItem)');
  return l.map((x) => {
    const r = invokeFunction(match, [x, item], ctx);
    if (typeof r !== 'boolean') return error('the match function must answer true or false');
    return r ? item : x;
  });
}

function sorted(l: unknown[], precedes: FeelFunction | null | undefined, ctx: EvalContext): unknown[] {
  if (!precedes) {
    const out = [...l].sort((a, b) => compare(a, b) ?? error('the items cannot be compared with each other'));
    return out;
  }
  return [...l].sort((a, b) => (invokeFunction(precedes, [a, b], ctx) === true ? -1 : invokeFunction(precedes, [b, a], ctx) === true ? 1 : 0));
}

export const LIST_FUNCTIONS: FeelFunction[] = [
  builtin('list contains', ['list: list', 'element'], (l: unknown[] | null, e: unknown) => (l === null ? null : l.some((x) => feelEquals(x, e) === true))),
  builtin('count', ['list: list'], (l: unknown[] | null) => l?.length ?? null),
  builtin('min', ['...list'], extreme(-1)),
  builtin('max', ['...list'], extreme(1)),
  builtin('sum', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    return l && l.length ? l.reduce((x, y) => x + y, 0) : null;
  }),
  builtin('product', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    return l && l.length ? l.reduce((x, y) => x * y, 1) : null;
  }),
  builtin('mean', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    return l && l.length ? l.reduce((x, y) => x + y, 0) / l.length : null;
  }),
  builtin('median', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    if (!l || !l.length) return null;
    const s = [...l].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }),
  builtin('stddev', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    if (!l || l.length < 2) return null;
    const mean = l.reduce((x, y) => x + y, 0) / l.length;
    return Math.sqrt(l.reduce((x, y) => x + (y - mean) ** 2, 0) / (l.length - 1));
  }),
  builtin('mode', ['...list'], (...a: unknown[]) => {
    const l = numbers(a);
    if (!l) return null;
    const counts = new Map<number, number>();
    for (const x of l) counts.set(x, (counts.get(x) ?? 0) + 1);
    const max = Math.max(0, ...counts.values());
    return [...counts.entries()].filter(([, c]) => c === max).map(([v]) => v).sort((x, y) => x - y);
  }),
  builtin('all', ['...list'], (...a: unknown[]) => {
    const l = listArg(a);
    if (!l) return null;
    if (l.some((x) => x === false)) return false;
    return l.every((x) => x === true) ? true : null;
  }),
  builtin('any', ['...list'], (...a: unknown[]) => {
    const l = listArg(a);
    if (!l) return null;
    if (l.some((x) => x === true)) return true;
    return l.every((x) => x === false) ? false : null;
  }),
  builtin('sublist', ['list: list', 'start position: number', 'length?: number'], (l: unknown[] | null, st: number | null, len: number | null | undefined) => {
    if (l === null || st === null || len === null) return null;
    if (!isInt(st) || (len !== undefined && !isInt(len))) return error('start position and length must be whole numbers');
    const i = index(l, st);
    if (len === undefined) return l.slice(i);
    if (len < 0 || i + len > l.length) return error(`length ${len} runs past the end of the list`);
    return l.slice(i, i + len);
  }),
  builtin('append', ['list: list', '...item'], (l: unknown[] | null, ...items: unknown[]) => (l === null ? null : [...l, ...items])),
  builtin('concatenate', ['...list'], (...ls: unknown[]) => lists(ls)?.flat(1) ?? null),
  builtin('insert before', ['list: list', 'position: number', 'newItem'], (l: unknown[] | null, p: number | null, item: unknown) => {
    if (l === null || p === null) return null;
    const i = index(l, p);
    return [...l.slice(0, i), item, ...l.slice(i)];
  }),
  builtin('remove', ['list: list', 'position: number'], (l: unknown[] | null, p: number | null) => {
    if (l === null || p === null) return null;
    const i = index(l, p);
    return [...l.slice(0, i), ...l.slice(i + 1)];
  }),
  builtin('reverse', ['list: list'], (l: unknown[] | null) => (l === null ? null : [...l].reverse())),
  builtin('index of', ['list: list', 'match'], (l: unknown[] | null, m: unknown) => (l === null ? null : l.flatMap((x, i) => (feelEquals(x, m) === true ? [i + 1] : [])))),
  builtin('union', ['...list'], (...ls: unknown[]) => {
    const l = lists(ls);
    return l ? distinct(l.flat(1)) : null;
  }),
  builtin('distinct values', ['list: list'], (l: unknown[] | null) => (l === null ? null : distinct(l))),
  builtin('duplicate values', ['list: list'], (l: unknown[] | null) =>
    l === null ? null : distinct(l.filter((x, i) => l.some((y, j) => j !== i && feelEquals(x, y) === true)))),
  builtin('flatten', ['list: list'], (l: unknown[] | null) => (l === null ? null : flat(l))),
  overloaded(
    'list replace',
    [['list: list', 'position: number', 'newItem'], (l: unknown[] | null, p: number | null, item: unknown) => {
      if (l === null || p === null) return null;
      const out = [...l];
      out[index(l, p)] = item;
      return out;
    }],
    callback('list replace', ['list: list', 'match: function', 'newItem'], (ctx, l: unknown[] | null, m: FeelFunction | null, item: unknown) =>
      l === null || m === null ? null : replaceMatching(l, m, item, ctx)),
  ),
  callback('sort', ['list: list', 'precedes?: function'], (ctx, l: unknown[] | null, p: FeelFunction | null | undefined) => (l === null ? null : sorted(l, p, ctx))),
];
