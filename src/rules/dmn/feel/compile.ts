import { parseExpression, parseUnaryTests } from '@bpmn-io/feelin';
import type { SyntaxNode } from '@lezer/common';
import { FeelSyntaxError } from '../errors.js';
import { add, divide, multiply, negate, power, subtract } from './ops.js';
import { Scope } from './scope.js';
import { conforms, typeFromName, type FeelType, type TypeResolver } from './types.js';
import {
  DtDuration, FeelDate, FeelDateTime, FeelFunction, FeelRange, FeelTime, YmDuration,
  compare, feelEquals, inRange, isContext, type FunctionParam,
} from './values.js';
import { getBuiltin } from './builtins.js';
import { invokeFunction } from './invoke.js';

export type Evaluator = (scope: Scope) => unknown;
/** A compiled unary test: input value + scope → true/false/null. */
export type UnaryTester = (input: unknown, scope: Scope) => boolean | null;

export interface CompileOptions {
  /** Names in scope, so the parser can read names with spaces ("Applicant Age"); nested objects give path names. */
  names?: Record<string, unknown>;
  resolveType?: TypeResolver;
}

interface Ctx {
  src: string;
  resolveType: TypeResolver | undefined;
  /** Set while compiling a unary test, where `?` is the input. */
  usesInput: boolean;
}

const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.type.isSkipped || c.name === 'LineComment' || c.name === 'BlockComment') continue;
    out.push(c);
  }
  return out;
};

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every',
  'satisfies', 'or', 'and', 'between', 'instance', 'of', 'function', 'external', 'not', '..', ':', '.']);
const exprKids = (n: SyntaxNode): SyntaxNode[] => kids(n).filter((c) => !PUNCT.has(c.name));

function findError(n: SyntaxNode): SyntaxNode | null {
  if (n.type.isError) return n;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const e = findError(c);
    if (e) return e;
  }
  return null;
}

const text = (ctx: Ctx, n: SyntaxNode): string => ctx.src.slice(n.from, n.to);
export const normalizeName = (s: string): string => s.trim().replace(/\s+/g, ' ');

function unescapeString(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{?[0-9a-fA-F]{4,6}\}?|U[0-9a-fA-F]{6}|.)/g, (_m, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') {
      const hex = e.slice(1).replace(/[{}]/g, '');
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return ({ n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

function syntaxError(src: string, tree: SyntaxNode): never {
  const err = findError(tree)!;
  const near = src.slice(Math.max(0, err.from - 10), err.to + 10);
  throw new FeelSyntaxError(
    err.from >= src.length ? `unexpected end of expression '${src}'` : `unexpected '${src.slice(err.from, Math.max(err.to, err.from + 1))}' at offset ${err.from} near '${near}'`,
    err.from,
  );
}

function parse(src: string, names: Record<string, unknown>, unary: boolean): SyntaxNode {
  let tree;
  try {
    tree = unary ? parseUnaryTests(src, names, undefined) : parseExpression(src, names, undefined);
  } catch (e) {
    throw new FeelSyntaxError(`cannot parse '${src}': ${(e as Error).message}`, 0);
  }
  const top = tree.topNode;
  if (findError(top)) syntaxError(src, top);
  return top;
}

/** Compiles a FEEL expression once into a closure. Throws FeelSyntaxError on bad syntax. */
export function compileExpression(src: string, opts: CompileOptions = {}): Evaluator {
  if (src.trim() === '') return () => null;
  const top = parse(src, opts.names ?? {}, false);
  const ctx: Ctx = { src, resolveType: opts.resolveType, usesInput: false };
  const body = exprKids(top);
  if (body.length !== 1) throw new FeelSyntaxError(`expected one expression in '${src}'`, 0);
  return compile(ctx, body[0]!);
}

/** Compiles a FEEL unary-tests cell (decision-table input entry, allowed values). */
/** The tester of `-` (and empty) cells; decision tables skip it instead of calling it. */
export const ANY_INPUT: UnaryTester = () => true;

export function compileUnaryTests(src: string, opts: CompileOptions = {}): UnaryTester {
  const trimmed = src.trim();
  if (trimmed === '' || trimmed === '-') return ANY_INPUT;
  const top = parse(src, opts.names ?? {}, true);
  const ctx: Ctx = { src, resolveType: opts.resolveType, usesInput: false };
  const parts = kids(top);
  if (parts[0]?.name === 'Wildcard') return ANY_INPUT;
  if (parts[0]?.name === 'not') {
    const inner = compilePositiveTests(ctx, parts.find((p) => p.name === 'PositiveUnaryTests')!);
    return (input, scope) => {
      const r = inner(input, scope);
      return r === null ? null : !r;
    };
  }
  const pos = parts.find((p) => p.name === 'PositiveUnaryTests');
  if (!pos) throw new FeelSyntaxError(`not a unary test: '${src}'`, 0);
  return compilePositiveTests(ctx, pos);
}

function compilePositiveTests(ctx: Ctx, n: SyntaxNode): UnaryTester {
  const tests = kids(n).filter((c) => c.name === 'PositiveUnaryTest').map((c) => compilePositiveTest(ctx, c));
  if (tests.length === 1) return tests[0]!;
  return (input, scope) => {
    let sawNull = false;
    for (const t of tests) {
      const r = t(input, scope);
      if (r === true) return true;
      if (r === null) sawNull = true;
    }
    return sawNull ? null : false;
  };
}

function usesQuestionMark(n: SyntaxNode): boolean {
  if (n.name === '?') return true;
  for (let c = n.firstChild; c; c = c.nextSibling) if (usesQuestionMark(c)) return true;
  return false;
}

/** Matches an input against a value that a positive unary test evaluated to. */
export function matchTestValue(input: unknown, v: unknown): boolean | null {
  if (v instanceof FeelRange) return inRange(v, input);
  if (Array.isArray(v)) {
    if (Array.isArray(input)) return feelEquals(input, v);
    for (const x of v) {
      const r = x instanceof FeelRange ? inRange(x, input) : feelEquals(input, x);
      if (r === true) return true;
    }
    return false;
  }
  if (typeof v === 'boolean' && typeof input !== 'boolean') return v;
  const eq = feelEquals(input, v);
  return eq;
}

function compilePositiveTest(ctx: Ctx, n: SyntaxNode): UnaryTester {
  const inner = exprKids(n)[0]!;
  const e = compile(ctx, inner);
  if (usesQuestionMark(inner)) {
    return (input, scope) => {
      const v = e(scope.child(new Map([['?', input]])));
      return typeof v === 'boolean' ? v : matchTestValue(input, v);
    };
  }
  // Constant-fold simple literal tests: the common decision-table cell.
  if (inner.name === 'NumericLiteral' || inner.name === 'StringLiteral' || inner.name === 'BooleanLiteral') {
    const lit = e(new Scope(new Map()));
    return (input) => (input === lit ? true : feelEquals(input, lit) === null ? null : false);
  }
  if (inner.name === 'SimplePositiveUnaryTest') {
    const parts = exprKids(inner);
    if (parts[0]?.name === 'CompareOp') {
      const op = text(ctx, parts[0]);
      const rhs = compile(ctx, parts[1]!);
      const b = numericLiteral(ctx, parts[1]!);
      // The common cell `< 20`: a number against a number needs none of FEEL's generic comparison.
      if (b !== undefined && op !== '=' && op !== '!=') {
        return (input, scope) => {
          if (typeof input !== 'number') return compareOp(op, input, b);
          return op === '<' ? input < b : op === '<=' ? input <= b : op === '>' ? input > b : input >= b;
        };
      }
      return (input, scope) => compareOp(op, input, rhs(scope));
    }
    if (parts[0]?.name === 'Interval') {
      const all = kids(parts[0]);
      const [lo, hi] = exprKids(parts[0]).map((c) => numericLiteral(ctx, c));
      if (lo !== undefined && hi !== undefined) {
        const loIn = text(ctx, all[0]!) === '[';
        const hiIn = text(ctx, all[all.length - 1]!) === ']';
        // `[10..40]` with literal ends: compare numbers directly, build no range per call.
        return (input, scope) =>
          typeof input === 'number'
            ? (loIn ? input >= lo : input > lo) && (hiIn ? input <= hi : input < hi)
            : matchTestValue(input, e(scope));
      }
    }
  }
  return (input, scope) => matchTestValue(input, e(scope));
}

/** The value of a numeric literal node (optionally negated), or undefined for anything else. */
function numericLiteral(ctx: Ctx, n: SyntaxNode): number | undefined {
  if (n.name === 'NumericLiteral') return Number(text(ctx, n));
  if (n.name === 'ArithmeticExpression') {
    const k = kids(n);
    if (k.length === 2 && text(ctx, k[0]!) === '-' && k[1]!.name === 'NumericLiteral') return -Number(text(ctx, k[1]!));
  }
  return undefined;
}

function compareOp(op: string, a: unknown, b: unknown): boolean | null {
  switch (op) {
    case '=':
      return feelEquals(a, b);
    case '!=': {
      const r = feelEquals(a, b);
      return r === null ? null : !r;
    }
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
    }
  }
  const c = compare(a, b);
  if (c === null) {
    if ((op === '<=' || op === '>=') && feelEquals(a, b) === true) return true;
    return null;
  }
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
  return null;
}

function truthy3(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

function compile(ctx: Ctx, n: SyntaxNode): Evaluator {
  switch (n.name) {
    case 'Expression':
    case 'ParenthesizedExpression':
    case 'FunctionBody':
    case 'PositiveUnaryTest':
    case 'IterationContext':
      return compile(ctx, exprKids(n)[0]!);
    case 'NumericLiteral': {
      const v = Number(text(ctx, n));
      return () => v;
    }
    case 'StringLiteral': {
      const v = unescapeString(text(ctx, n));
      return () => v;
    }
    case 'BooleanLiteral': {
      const v = text(ctx, n) === 'true';
      return () => v;
    }
    case 'null':
      return () => null;
    case '?':
      return (s) => s.lookup('?') ?? null;
    case 'VariableName':
    case 'Name':
    case 'QualifiedName': {
      const name = normalizeName(text(ctx, n));
      return (s) => {
        const v = s.lookup(name);
        return v === undefined ? getBuiltin(name) ?? null : v;
      };
    }
    case 'ArithmeticExpression':
      return compileArith(ctx, n);
    case 'Comparison':
      return compileComparison(ctx, n);
    case 'Disjunction':
    case 'Conjunction': {
      const [a, b] = exprKids(n).map((c) => compile(ctx, c)) as [Evaluator, Evaluator];
      const isOr = n.name === 'Disjunction';
      return (s) => {
        const x = truthy3(a(s));
        if (isOr && x === true) return true;
        if (!isOr && x === false) return false;
        const y = truthy3(b(s));
        if (isOr) return y === true ? true : x === null || y === null ? null : false;
        return y === false ? false : x === null || y === null ? null : true;
      };
    }
    case 'IfExpression': {
      const [c, t, e] = exprKids(n).map((x) => compile(ctx, x)) as [Evaluator, Evaluator, Evaluator];
      return (s) => (c(s) === true ? t(s) : e(s));
    }
    case 'List': {
      const items = exprKids(n).map((c) => compile(ctx, c));
      return (s) => items.map((i) => i(s));
    }
    case 'Context':
      return compileContext(ctx, n);
    case 'PathExpression': {
      const [objN, keyN] = exprKids(n) as [SyntaxNode, SyntaxNode];
      const obj = compile(ctx, objN);
      const key = normalizeName(text(ctx, keyN));
      return (s) => pathGet(obj(s), key);
    }
    case 'FilterExpression':
      return compileFilter(ctx, n);
    case 'FunctionInvocation':
      return compileInvocation(ctx, n);
    case 'DateTimeLiteral':
      return compileDateTimeLiteral(ctx, n);
    case 'ForExpression':
      return compileFor(ctx, n);
    case 'QuantifiedExpression':
      return compileQuantified(ctx, n);
    case 'InstanceOfExpression': {
      const [eN, tN] = exprKids(n) as [SyntaxNode, SyntaxNode];
      const e = compile(ctx, eN);
      const t = compileType(ctx, tN);
      const resolve = ctx.resolveType;
      return (s) => conforms(e(s), t, resolve);
    }
    case 'FunctionDefinition':
      return compileFunctionDefinition(ctx, n);
    case 'SimplePositiveUnaryTest': {
      const parts = exprKids(n);
      if (parts[0]?.name === 'Interval') return compile(ctx, parts[0]);
      const op = text(ctx, parts[0]!);
      const e = compile(ctx, parts[1]!);
      return (s) => {
        const v = e(s);
        switch (op) {
          case '<': return new FeelRange(null, v, false, false, true, false);
          case '<=': return new FeelRange(null, v, false, true, true, false);
          case '>': return new FeelRange(v, null, false, false, false, true);
          case '>=': return new FeelRange(v, null, true, false, false, true);
          case '=': return new FeelRange(v, v, true, true);
          case '!=': return null;
        }
        return null;
      };
    }
    case 'Interval': {
      const all = kids(n);
      const open = text(ctx, all[0]!);
      const close = text(ctx, all[all.length - 1]!);
      const [a, b] = exprKids(n).map((c) => compile(ctx, c)) as [Evaluator, Evaluator];
      return (s) => {
        const x = a(s);
        const y = b(s);
        if (x !== null && y !== null && compare(x, y) === null && feelEquals(x, y) !== true) return null;
        return new FeelRange(x, y, open === '[', close === ']');
      };
    }
    case 'PositiveUnaryTests': {
      const items = exprKids(n).map((c) => compile(ctx, c));
      return (s) => items.map((i) => i(s));
    }
  }
  throw new FeelSyntaxError(`unsupported FEEL construct ${n.name} '${text(ctx, n)}'`, n.from);
}

function compileArith(ctx: Ctx, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  if (parts.length === 2) {
    const e = compile(ctx, parts[1]!);
    const op = text(ctx, parts[0]!);
    return op === '-' ? (s) => negate(e(s)) : (s) => { const v = e(s); return typeof v === 'number' ? v : null; };
  }
  const a = compile(ctx, parts[0]!);
  const b = compile(ctx, parts[2]!);
  switch (text(ctx, parts[1]!)) {
    case '+': return (s) => add(a(s), b(s));
    case '-': return (s) => subtract(a(s), b(s));
    case '*': return (s) => multiply(a(s), b(s));
    case '/': return (s) => divide(a(s), b(s));
    case '**': return (s) => power(a(s), b(s));
  }
  throw new FeelSyntaxError(`unknown operator '${text(ctx, parts[1]!)}'`, parts[1]!.from);
}

function compileComparison(ctx: Ctx, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const second = parts[1]!;
  const lhs = compile(ctx, parts[0]!);
  if (second.name === 'CompareOp') {
    const op = text(ctx, second);
    const rhs = compile(ctx, parts[2]!);
    return (s) => compareOp(op, lhs(s), rhs(s));
  }
  if (second.name === 'between') {
    const [lo, hi] = exprKids(n).slice(1).map((c) => compile(ctx, c)) as [Evaluator, Evaluator];
    return (s) => {
      const v = lhs(s);
      const a = compareOp('>=', v, lo(s));
      const b = compareOp('<=', v, hi(s));
      if (a === false || b === false) return false;
      return a === null || b === null ? null : true;
    };
  }
  // `x in ...`: the right side is one positive unary test or a parenthesised list of them.
  const testsNode = parts.find((p) => p.name === 'PositiveUnaryTests' || p.name === 'PositiveUnaryTest')!;
  const tester = testsNode.name === 'PositiveUnaryTests' ? compilePositiveTests(ctx, testsNode) : compilePositiveTest(ctx, testsNode);
  return (s) => tester(lhs(s), s);
}

function compileContext(ctx: Ctx, n: SyntaxNode): Evaluator {
  const entries = kids(n).filter((c) => c.name === 'ContextEntry').map((e) => {
    const [keyN, valN] = exprKids(e) as [SyntaxNode, SyntaxNode];
    const k = exprKids(keyN)[0]!;
    const key = k.name === 'StringLiteral' ? unescapeString(text(ctx, k)) : normalizeName(text(ctx, k));
    return { key, value: compile(ctx, valN) };
  });
  return (s) => {
    const out: Record<string, unknown> = {};
    const vars = new Map<string, unknown>();
    const inner = s.child(vars);
    for (const { key, value } of entries) {
      const v = value(inner);
      out[key] = v;
      vars.set(key, v);
    }
    return out;
  };
}

const TEMPORAL_PROPS: Record<string, (v: any) => unknown> = {
  year: (v) => v.year, month: (v) => v.month, day: (v) => v.day,
  hour: (v) => v.hour, minute: (v) => v.minute, second: (v) => Math.floor(v.second),
};

export function pathGet(obj: unknown, key: string): unknown {
  if (obj === null || obj === undefined) return null;
  if (Array.isArray(obj)) return obj.map((x) => pathGet(x, key));
  if (isContext(obj)) return key in obj ? (obj[key] ?? null) : null;
  if (obj instanceof FeelDate || obj instanceof FeelDateTime) {
    if (key === 'weekday') {
      const days = obj instanceof FeelDate ? obj.epochDays : Math.floor(obj.localSeconds / 86400);
      return ((((days + 3) % 7) + 7) % 7) + 1;
    }
    if (obj instanceof FeelDate) return key in TEMPORAL_PROPS && ['year', 'month', 'day'].includes(key) ? TEMPORAL_PROPS[key]!(obj) : null;
  }
  if (obj instanceof FeelDateTime || obj instanceof FeelTime) {
    if (key === 'time offset') {
      const off = obj.offset;
      return off === null ? null : new DtDuration(off);
    }
    if (key === 'timezone') return obj.zone ?? null;
    if (obj instanceof FeelTime && ['year', 'month', 'day'].includes(key)) return null;
    const f = TEMPORAL_PROPS[key];
    return f ? f(obj) : null;
  }
  if (obj instanceof YmDuration) {
    const sign = obj.months < 0 ? -1 : 1;
    if (key === 'years') return sign * Math.floor(Math.abs(obj.months) / 12) + 0;
    if (key === 'months') return sign * (Math.abs(obj.months) % 12) + 0;
    return null;
  }
  if (obj instanceof DtDuration) {
    const a = Math.abs(obj.seconds);
    const sign = obj.seconds < 0 ? -1 : 1;
    switch (key) {
      case 'days': return sign * Math.floor(a / 86400) + 0;
      case 'hours': return sign * Math.floor((a % 86400) / 3600) + 0;
      case 'minutes': return sign * Math.floor((a % 3600) / 60) + 0;
      case 'seconds': return sign * Math.floor(a % 60) + 0;
    }
    return null;
  }
  if (obj instanceof FeelRange) {
    switch (key) {
      case 'start': return obj.start;
      case 'end': return obj.end;
      case 'start included': return obj.startIncluded;
      case 'end included': return obj.endIncluded;
    }
  }
  return null;
}

function compileFilter(ctx: Ctx, n: SyntaxNode): Evaluator {
  const [listN, filterN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const list = compile(ctx, listN);
  const filter = compile(ctx, filterN);
  return (s) => {
    const raw = list(s);
    const items = Array.isArray(raw) ? raw : raw === null ? [] : [raw];
    // A numeric filter indexes (1-based, negative from the end); anything else is a predicate.
    const probe = filter(s.child(new Map<string, unknown>([['item', items[0] ?? null]])));
    if (typeof probe === 'number') {
      const i = probe > 0 ? probe - 1 : items.length + probe;
      return Number.isInteger(i) && i >= 0 && i < items.length ? items[i] : null;
    }
    const out: unknown[] = [];
    for (const item of items) {
      const vars = new Map<string, unknown>(isContext(item) ? Object.entries(item) : []);
      vars.set('item', item);
      if (filter(s.child(vars)) === true) out.push(item);
    }
    return out;
  };
}

function compileArgs(ctx: Ctx, n: SyntaxNode | undefined): { positional?: Evaluator[]; named?: [string, Evaluator][] } {
  if (!n) return { positional: [] };
  if (n.name === 'NamedParameters') {
    return {
      named: kids(n).filter((c) => c.name === 'NamedParameter').map((p) => {
        const [nameN, valN] = exprKids(p) as [SyntaxNode, SyntaxNode];
        return [normalizeName(text(ctx, nameN)), compile(ctx, valN)] as [string, Evaluator];
      }),
    };
  }
  return { positional: exprKids(n).map((c) => compile(ctx, c)) };
}

function compileInvocation(ctx: Ctx, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const calleeN = parts[0]!;
  const argsN = parts.find((p) => p.name === 'PositionalParameters' || p.name === 'NamedParameters');
  const { positional, named } = compileArgs(ctx, argsN);
  const callee: Evaluator =
    calleeN.name === 'SpecialFunctionName' ? ((name) => () => getBuiltin(name) ?? null)(normalizeName(text(ctx, calleeN))) : compile(ctx, calleeN);
  return (s) => {
    const fn = callee(s);
    if (!(fn instanceof FeelFunction)) return null;
    if (positional) return invokeFunction(fn, positional.map((a) => a(s)), null);
    const args = new Map<string, unknown>();
    for (const [k, v] of named!) args.set(k, v(s));
    return invokeFunction(fn, null, args);
  };
}

function compileDateTimeLiteral(ctx: Ctx, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  if (parts[0]!.name === 'AtLiteral') {
    const lit = unescapeString(text(ctx, exprKids(parts[0]!)[0]!));
    const v = atLiteral(lit);
    // An invalid literal is an evaluation error (null) per the spec, not a syntax error.
    return () => v;
  }
  const name = normalizeName(text(ctx, parts[0]!));
  const argsN = parts.find((p) => p.name === 'PositionalParameters' || p.name === 'NamedParameters');
  const { positional, named } = compileArgs(ctx, argsN);
  const fn = getBuiltin(name)!;
  return (s) => {
    if (positional) return invokeFunction(fn, positional.map((a) => a(s)), null);
    const args = new Map<string, unknown>();
    for (const [k, v] of named!) args.set(k, v(s));
    return invokeFunction(fn, null, args);
  };
}

function atLiteral(s: string): unknown {
  const { parseDate, parseDateTime, parseDuration, parseTime } = temporalParsers;
  if (/^-?P/.test(s)) return parseDuration(s);
  if (/^-?\d+-\d\d-\d\dT/.test(s)) return parseDateTime(s);
  if (/^\d\d:/.test(s)) return parseTime(s);
  return parseDate(s);
}
import * as temporalParsers from './temporal.js';

interface Iteration {
  name: string;
  source: Evaluator;
  to: Evaluator | null;
}

function compileIterations(ctx: Ctx, n: SyntaxNode): Iteration[] {
  return kids(n).filter((c) => c.name === 'InExpression').map((ie) => {
    const [nameN, iterN] = exprKids(ie) as [SyntaxNode, SyntaxNode];
    const bounds = exprKids(iterN);
    return {
      name: normalizeName(text(ctx, nameN)),
      source: compile(ctx, bounds[0]!),
      to: bounds.length > 1 ? compile(ctx, bounds[1]!) : null,
    };
  });
}

/** The values one `x in ...` iterates over; null when it cannot be iterated. */
function iterationValues(it: Iteration, s: Scope): unknown[] | null {
  const v = it.source(s);
  if (it.to) {
    const end = it.to(s);
    if (typeof v === 'number' && typeof end === 'number') return numericSeq(v, end);
    if (v instanceof FeelDate && end instanceof FeelDate) {
      return numericSeq(v.epochDays, end.epochDays).map((d) => FeelDate.fromDays(d));
    }
    return null;
  }
  if (Array.isArray(v)) return v;
  if (v instanceof FeelRange) {
    if (typeof v.start === 'number' && typeof v.end === 'number' && Number.isInteger(v.start) && Number.isInteger(v.end)) {
      const a = v.startIncluded ? v.start : v.start + (v.start <= v.end ? 1 : -1);
      const b = v.endIncluded ? v.end : v.end - (v.start <= v.end ? 1 : -1);
      return numericSeq(a, b);
    }
    if (v.start instanceof FeelDate && v.end instanceof FeelDate) {
      const a = v.start.epochDays + (v.startIncluded ? 0 : 1);
      const b = v.end.epochDays - (v.endIncluded ? 0 : 1);
      return numericSeq(a, b).map((d) => FeelDate.fromDays(d));
    }
    return null;
  }
  return v === null ? null : [v];
}

function numericSeq(a: number, b: number): number[] {
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}

function compileFor(ctx: Ctx, n: SyntaxNode): Evaluator {
  const [inN, bodyN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const its = compileIterations(ctx, inN);
  const body = compile(ctx, bodyN);
  return (s) => {
    const out: unknown[] = [];
    const vars = new Map<string, unknown>([['partial', out]]);
    const inner = s.child(vars);
    const loop = (i: number): boolean => {
      if (i === its.length) {
        out.push(body(inner));
        return true;
      }
      const values = iterationValues(its[i]!, inner);
      if (values === null) return false;
      for (const v of values) {
        vars.set(its[i]!.name, v);
        if (!loop(i + 1)) return false;
      }
      return true;
    };
    return loop(0) ? out : null;
  };
}

function compileQuantified(ctx: Ctx, n: SyntaxNode): Evaluator {
  const isSome = kids(n)[0]!.name === 'some';
  const [inN, condN] = exprKids(n) as [SyntaxNode, SyntaxNode];
  const its = compileIterations(ctx, inN);
  const cond = compile(ctx, condN);
  return (s) => {
    const vars = new Map<string, unknown>();
    const inner = s.child(vars);
    let result: boolean | null = !isSome;
    const loop = (i: number): boolean => {
      if (i === its.length) {
        const r = cond(inner);
        if (isSome && r === true) {
          result = true;
          return false;
        }
        if (!isSome && r !== true) {
          result = false;
          return false;
        }
        return true;
      }
      const values = iterationValues(its[i]!, inner);
      if (values === null) {
        result = null;
        return false;
      }
      for (const v of values) {
        vars.set(its[i]!.name, v);
        if (!loop(i + 1)) return false;
      }
      return true;
    };
    loop(0);
    return result;
  };
}

function compileType(ctx: Ctx, n: SyntaxNode): FeelType {
  const inner = n.name === 'Type' ? exprKids(n)[0]! : n;
  switch (inner.name) {
    case 'ListType':
      return { kind: 'list', of: compileType(ctx, exprKids(inner).find((c) => c.name === 'Type')!) };
    case 'ContextType': {
      const entries = kids(exprKids(inner).find((c) => c.name === 'ContextEntryTypes')!).filter((c) => c.name === 'ContextEntryType');
      return {
        kind: 'context',
        entries: entries.map((e) => {
          const [nameN, typeN] = exprKids(e) as [SyntaxNode, SyntaxNode];
          return [normalizeName(text(ctx, nameN)), compileType(ctx, typeN)];
        }),
      };
    }
    case 'FunctionType':
      return { kind: 'function', params: [], ret: { kind: 'any' } };
    default:
      return typeFromName(normalizeName(text(ctx, inner)));
  }
}

function compileFunctionDefinition(ctx: Ctx, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const paramsN = parts.find((p) => p.name === 'FormalParameters');
  const params: FunctionParam[] = [];
  const types: (FeelType | null)[] = [];
  for (const p of paramsN ? kids(paramsN).filter((c) => c.name === 'FormalParameter') : []) {
    const [nameN, typeN] = exprKids(p);
    params.push({ name: normalizeName(text(ctx, nameN!)) });
    types.push(typeN ? compileType(ctx, typeN) : null);
  }
  const bodyN = parts.find((p) => p.name === 'FunctionBody')!;
  if (parts.some((p) => p.name === 'external')) {
    const spec = compile(ctx, bodyN);
    return (s) => externalFunction(spec(s), params);
  }
  const body = compile(ctx, bodyN);
  const resolve = ctx.resolveType;
  return (s) =>
    new FeelFunction(params, (args) => {
      const vars = new Map<string, unknown>();
      for (let i = 0; i < params.length; i++) {
        const t = types[i];
        const v = args[i] ?? null;
        if (t && v !== null && !conforms(v, t, resolve)) return null;
        vars.set(params[i]!.name, v);
      }
      return body(s.child(vars));
    });
}

/** `external` functions: only the java.lang.Math subset the TCK uses is offered; no host code runs. */
function externalFunction(spec: unknown, params: FunctionParam[]): FeelFunction | null {
  if (!isContext(spec) || !isContext(spec.java)) return null;
  const cls = spec.java['class'];
  const sig = String(spec.java['method signature'] ?? '');
  const method = sig.slice(0, sig.indexOf('('));
  if (cls !== 'java.lang.Math') return null;
  const f = (Math as unknown as Record<string, unknown>)[method];
  if (typeof f !== 'function') return null;
  return new FeelFunction(params, (args) => {
    if (args.some((a) => typeof a !== 'number')) return null;
    const r = (f as (...a: number[]) => number)(...(args as number[]));
    return Number.isFinite(r) ? r : null;
  });
}

export { DtDuration, YmDuration, FeelTime };
