/** `for … in … return`, `some/every … satisfies` and filters `list[…]`. */
import type { SyntaxNode } from '@lezer/common';
import { text, type Compiler, type Evaluator } from './compiler.js';
import { exprKids, kids, normalizeName } from './parse.js';
import type { Scope } from './scope.js';
import { FeelDate } from './temporal.js';
import { FeelRange, isContext } from './values.js';

interface Iteration {
  name: string;
  source: Evaluator;
  to: Evaluator | null;
}

function compileIterations(c: Compiler, n: SyntaxNode): Iteration[] {
  return kids(n).filter((k) => k.name === 'InExpression').map((ie) => {
    const [nameN, iterN] = exprKids(ie) as [SyntaxNode, SyntaxNode];
    const bounds = exprKids(iterN);
    return { name: normalizeName(text(c, nameN)), source: c.compile(bounds[0]!), to: bounds.length > 1 ? c.compile(bounds[1]!) : null };
  });
}

function numericSeq(a: number, b: number): number[] {
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}

/** The values a range iterates over: whole numbers or dates, ascending; a descending range is an error. */
function rangeValues(v: FeelRange, s: Scope): unknown[] | null {
  if (typeof v.start === 'number' && typeof v.end === 'number' && Number.isInteger(v.start) && Number.isInteger(v.end)) {
    if (v.start > v.end) return s.ctx.error(`cannot iterate over ${String(v)}: it starts after it ends`);
    return numericSeq(v.startIncluded ? v.start : v.start + 1, v.endIncluded ? v.end : v.end - 1);
  }
  if (v.start instanceof FeelDate && v.end instanceof FeelDate) {
    if (v.start.epochDays > v.end.epochDays) return s.ctx.error(`cannot iterate over ${String(v)}: it starts after it ends`);
    return numericSeq(v.start.epochDays + (v.startIncluded ? 0 : 1), v.end.epochDays - (v.endIncluded ? 0 : 1)).map((d) => FeelDate.fromDays(d));
  }
  return s.ctx.error(`cannot iterate over ${String(v)}: only ranges of whole numbers or dates can be iterated`);
}

/** The values one `x in …` iterates over; null (reported) when it cannot be iterated. */
function iterationValues(it: Iteration, s: Scope): unknown[] | null {
  const v = it.source(s);
  if (it.to) {
    // `x in a..b`: a sequence, up or down.
    const end = it.to(s);
    if (typeof v === 'number' && typeof end === 'number') return numericSeq(v, end);
    if (v instanceof FeelDate && end instanceof FeelDate) return numericSeq(v.epochDays, end.epochDays).map((d) => FeelDate.fromDays(d));
    return s.ctx.error(`cannot iterate from ${String(v)} to ${String(end)}: only numbers or dates`);
  }
  if (Array.isArray(v)) return v;
  if (v instanceof FeelRange) return rangeValues(v, s);
  return v === null ? null : [v];
}

/** Runs `body` for every combination of the iterations, innermost last; false stops early. */
function iterate(its: Iteration[], vars: Map<string, unknown>, scope: Scope, body: () => boolean): boolean | null {
  const loop = (i: number): boolean | null => {
    if (i === its.length) return body();
    const values = iterationValues(its[i]!, scope);
    if (values === null) return null;
    for (const v of values) {
      vars.set(its[i]!.name, v);
      const r = loop(i + 1);
      if (r !== true) return r;
    }
    return true;
  };
  return loop(0);
}

export function compileFor(c: Compiler, n: SyntaxNode): Evaluator {
  const [inN, bodyN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const its = compileIterations(c, inN);
  const body = c.compile(bodyN);
  return (s) => {
    const out: unknown[] = [];
    const vars = new Map<string, unknown>([['partial', out]]);
    const inner = s.child(vars);
    const r = iterate(its, vars, inner, () => {
      out.push(body(inner));
      return true;
    });
    return r === null ? null : out;
  };
}

export function compileQuantified(c: Compiler, n: SyntaxNode): Evaluator {
  const isSome = kids(n)[0]!.name === 'some';
  const [inN, condN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const its = compileIterations(c, inN);
  const cond = c.compile(condN);
  return (s) => {
    const vars = new Map<string, unknown>();
    const inner = s.child(vars);
    let result: boolean | null = !isSome;
    const r = iterate(its, vars, inner, () => {
      const v = cond(inner);
      if (isSome && v === true) result = true;
      else if (!isSome && v !== true) result = false;
      else return true;
      return false;
    });
    return r === null ? null : result;
  };
}

/** The scope one filter test runs in: the item's entries by name, and the item as `item` unless an entry is so named. */
export function itemScope(s: Scope, item: unknown): Scope {
  const vars = new Map<string, unknown>([['item', item]]);
  if (isContext(item)) for (const k in item) vars.set(k, item[k]);
  return s.child(vars);
}

export function compileFilter(c: Compiler, n: SyntaxNode): Evaluator {
  const [listN, filterN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const list = c.compile(listN);
  const filter = c.compile(filterN);
  return (s) => {
    const raw = list(s);
    const items = Array.isArray(raw) ? raw : raw === null ? [] : [raw];
    // A numeric filter indexes (1-based, negative from the end); anything else is a predicate.
    const first = filter(itemScope(s, items[0] ?? null));
    if (typeof first === 'number') {
      const i = first > 0 ? first - 1 : items.length + first;
      return Number.isInteger(i) && i >= 0 && i < items.length ? items[i] : null;
    }
    const out: unknown[] = [];
    for (let k = 0; k < items.length; k++) {
      const keep = k === 0 ? first : filter(itemScope(s, items[k]));
      if (keep === true) out.push(items[k]);
    }
    return out;
  };
}
