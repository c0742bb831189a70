/**
 * The FEEL compiler: feelin's lezer parse tree → closures, once per text. This file is
 * the dispatcher and the small constructs; unary tests, iteration, functions and paths
 * have their own files, which receive the dispatcher in their `Compiler`.
 */
import type { SyntaxNode } from '@lezer/common';
import { FeelSyntaxError } from '../errors.js';
import { getBuiltin } from './builtins/index.js';
import { text, type CompileOptions, type Compiler, type Evaluator, type UnaryTester } from './compiler.js';
import { compileDateTimeLiteral, compileFunctionDefinition, compileInvocation, compileType } from './functions.js';
import { compileFilter, compileFor, compileQuantified } from './iteration.js';
import { add, divide, multiply, negate, power, subtract } from './ops.js';
import { exprKids, kids, normalizeName, parseFeel, unescapeString } from './parse.js';
import { pathGet } from './path.js';
import { conforms } from './types.js';
import { ANY_INPUT, compareOp, compilePositiveTest, compilePositiveTests, compileUnaryTop } from './unary.js';
import { compare, feelEquals, FeelRange, typeOf } from './values.js';

export type { CompileOptions, Evaluator, UnaryTester };
export { ANY_INPUT, matchTestValue } from './unary.js';
export { normalizeName } from './parse.js';

function compiler(src: string, opts: CompileOptions): Compiler {
  const c: Compiler = { src, resolveType: opts.resolveType, compile: (n) => compileNode(c, n) };
  return c;
}

/** Compiles a FEEL expression once into a closure. Throws FeelSyntaxError on bad syntax. */
export function compileExpression(src: string, opts: CompileOptions = {}): Evaluator {
  if (src.trim() === '') return () => null;
  const top = parseFeel(src, opts.names ?? {}, false);
  const body = exprKids(top);
  if (body.length !== 1) throw new FeelSyntaxError(`expected one expression in '${src}'`, 0);
  return compiler(src, opts).compile(body[0]!);
}

/** Compiles a FEEL unary-tests cell (decision-table input entry, allowed values). */
export function compileUnaryTests(src: string, opts: CompileOptions = {}): UnaryTester {
  const trimmed = src.trim();
  if (trimmed === '' || trimmed === '-') return ANY_INPUT;
  return compileUnaryTop(compiler(src, opts), parseFeel(src, opts.names ?? {}, true));
}

const truthy3 = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

function compileNode(c: Compiler, n: SyntaxNode): Evaluator {
  switch (n.name) {
    case 'Expression':
    case 'ParenthesizedExpression':
    case 'FunctionBody':
    case 'PositiveUnaryTest':
    case 'IterationContext':
      return c.compile(exprKids(n)[0]!);
    case 'NumericLiteral': {
      const v = Number(text(c, n));
      return () => v;
    }
    case 'StringLiteral': {
      const v = unescapeString(text(c, n));
      return () => v;
    }
    case 'BooleanLiteral': {
      const v = text(c, n) === 'true';
      return () => v;
    }
    case 'null':
      return () => null;
    case '?':
      return (s) => s.lookup('?') ?? null;
    case 'VariableName':
    case 'Name':
    case 'QualifiedName':
      return compileName(normalizeName(text(c, n)));
    case 'ArithmeticExpression':
      return compileArith(c, n);
    case 'Comparison':
      return compileComparison(c, n);
    case 'Disjunction':
    case 'Conjunction':
      return compileLogic(c, n);
    case 'IfExpression': {
      const [cond, t, e] = exprKids(n).map((x) => c.compile(x)) as [Evaluator, Evaluator, Evaluator];
      return (s) => (cond(s) === true ? t(s) : e(s));
    }
    case 'List': {
      const items = exprKids(n).map((k) => c.compile(k));
      return (s) => items.map((i) => i(s));
    }
    case 'Context':
      return compileContext(c, n);
    case 'PathExpression': {
      const [objN, keyN] = exprKids(n) as [SyntaxNode, SyntaxNode];
      const obj = c.compile(objN);
      const key = normalizeName(text(c, keyN));
      return (s) => pathGet(obj(s), key);
    }
    case 'FilterExpression':
      return compileFilter(c, n);
    case 'FunctionInvocation':
      return compileInvocation(c, n);
    case 'DateTimeLiteral':
      return compileDateTimeLiteral(c, n);
    case 'ForExpression':
      return compileFor(c, n);
    case 'QuantifiedExpression':
      return compileQuantified(c, n);
    case 'InstanceOfExpression': {
      const [eN, tN] = exprKids(n) as [SyntaxNode, SyntaxNode];
      const e = c.compile(eN);
      const t = compileType(c, tN);
      const resolve = c.resolveType;
      return (s) => conforms(e(s), t, resolve);
    }
    case 'FunctionDefinition':
      return compileFunctionDefinition(c, n);
    case 'SimplePositiveUnaryTest':
      return compileTestAsValue(c, n);
    case 'Interval':
      return compileInterval(c, n);
    case 'PositiveUnaryTests': {
      const items = exprKids(n).map((k) => c.compile(k));
      return (s) => items.map((i) => i(s));
    }
  }
  throw new FeelSyntaxError(`unsupported FEEL construct ${n.name} '${text(c, n)}'`, n.from);
}

/** A name: a variable in scope, else a built-in function used as a value, else null with a warning. */
function compileName(name: string): Evaluator {
  return (s) => {
    const v = s.lookup(name);
    if (v !== undefined) return v;
    const b = getBuiltin(name);
    if (b) return b;
    s.ctx.warn(`the name '${name}' is not in scope`);
    return null;
  };
}

function compileArith(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  if (parts.length === 2) {
    const e = c.compile(parts[1]!);
    if (text(c, parts[0]!) === '-') {
      return (s) => {
        const v = e(s);
        const r = negate(v);
        return r === null && v !== null ? s.ctx.error(`cannot negate ${typeOf(v)}`) : r;
      };
    }
    return (s) => {
      const v = e(s);
      return typeof v === 'number' ? v : v === null ? null : s.ctx.error(`unary + needs a number, got ${typeOf(v)}`);
    };
  }
  const a = c.compile(parts[0]!);
  const b = c.compile(parts[2]!);
  const opText = text(c, parts[1]!);
  const op = { '+': add, '-': subtract, '*': multiply, '/': divide, '**': power }[opText];
  if (!op) throw new FeelSyntaxError(`unknown operator '${opText}'`, parts[1]!.from);
  return (s) => {
    const x = a(s);
    const y = b(s);
    const r = op(x, y);
    // Null in, null out; two values the operator does not combine (or no finite number) are an error.
    if (r === null && x !== null && y !== null) return s.ctx.error(arithmeticError(x, opText, y));
    return r;
  };
}

function arithmeticError(x: unknown, op: string, y: unknown): string {
  if (typeof x === 'number' && typeof y === 'number') return op === '/' && y === 0 ? `${x} / 0: division by zero` : `${x} ${op} ${y} is not a finite number`;
  return `cannot compute ${typeOf(x)} ${op} ${typeOf(y)}`;
}

function compileLogic(c: Compiler, n: SyntaxNode): Evaluator {
  const [a, b] = exprKids(n).map((k) => c.compile(k)) as [Evaluator, Evaluator];
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

function compileComparison(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const second = parts[1]!;
  const lhs = c.compile(parts[0]!);
  if (second.name === 'CompareOp') {
    const op = text(c, second);
    const rhs = c.compile(parts[2]!);
    return (s) => compareOp(op, lhs(s), rhs(s));
  }
  if (second.name === 'between') {
    const [lo, hi] = exprKids(n).slice(1).map((k) => c.compile(k)) as [Evaluator, Evaluator];
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
  const tester = testsNode.name === 'PositiveUnaryTests' ? compilePositiveTests(c, testsNode) : compilePositiveTest(c, testsNode);
  return (s) => tester(lhs(s), s);
}

/** A context literal; entries see the ones before them; a key written twice is an error (DMN14-178). */
function compileContext(c: Compiler, n: SyntaxNode): Evaluator {
  const entries = kids(n).filter((k) => k.name === 'ContextEntry').map((e) => {
    const [keyN, valN] = exprKids(e) as [SyntaxNode, SyntaxNode];
    const k = exprKids(keyN)[0]!;
    const key = k.name === 'StringLiteral' ? unescapeString(text(c, k)) : normalizeName(text(c, k));
    return { key, value: c.compile(valN) };
  });
  const twice = entries.find((e, i) => entries.findIndex((x) => x.key === e.key) !== i);
  if (twice) return (s) => s.ctx.error(`the context key '${twice.key}' occurs twice`);
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

/** A unary test used as a value (DMN 1.4): `< 10` is a range, `= x` the point test. */
function compileTestAsValue(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = exprKids(n);
  if (parts[0]?.name === 'Interval') return c.compile(parts[0]);
  const op = text(c, parts[0]!);
  const e = c.compile(parts[1]!);
  return (s) => {
    const v = e(s);
    switch (op) {
      case '<': return new FeelRange(null, v, false, false, true, false);
      case '<=': return new FeelRange(null, v, false, true, true, false);
      case '>': return new FeelRange(v, null, false, false, false, true);
      case '>=': return new FeelRange(v, null, true, false, false, true);
      case '=': return new FeelRange(v, v, true, true, false, false, true);
    }
    return s.ctx.error(`'${op} …' is no range`);
  };
}

function compileInterval(c: Compiler, n: SyntaxNode): Evaluator {
  const all = kids(n);
  const open = text(c, all[0]!);
  const close = text(c, all[all.length - 1]!);
  const [a, b] = exprKids(n).map((k) => c.compile(k)) as [Evaluator, Evaluator];
  return (s) => {
    const x = a(s);
    const y = b(s);
    if (x !== null && y !== null && compare(x, y) === null && feelEquals(x, y) !== true) return s.ctx.error(`a range from ${typeOf(x)} to ${typeOf(y)}`);
    return new FeelRange(x, y, open === '[', close === ']');
  };
}
