/** Unary tests (decision-table input entries, allowed values, `x in …`) and comparison. */
import type { SyntaxNode } from '@lezer/common';
import { FeelSyntaxError } from '../errors.js';
import { text, type Compiler, type Evaluator, type UnaryTester } from './compiler.js';
import { exprKids, kids, usesQuestionMark } from './parse.js';
import { Scope } from './scope.js';
import { compare, feelEquals, FeelRange, inRange } from './values.js';

/** The tester of `-` (and empty) cells; decision tables skip it instead of calling it. */
export const ANY_INPUT: UnaryTester = () => true;

/** `a op b` for the FEEL comparison operators; null when the operands cannot be compared. */
export function compareOp(op: string, a: unknown, b: unknown): boolean | null {
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

/**
 * Matches an input against what a positive unary test evaluated to: a range holds it, a
 * list contains it (DMN 1.4: also when the input is itself a list), a boolean is the
 * test's own answer, anything else must equal it.
 */
export function matchTestValue(input: unknown, v: unknown): boolean | null {
  if (v instanceof FeelRange) return inRange(v, input);
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = x instanceof FeelRange ? inRange(x, input) : feelEquals(input, x);
      if (r === true) return true;
    }
    return false;
  }
  if (typeof v === 'boolean' && typeof input !== 'boolean') return v;
  return feelEquals(input, v);
}

/** The value of a numeric literal node (optionally negated), or undefined for anything else. */
export function numericLiteral(c: Compiler, n: SyntaxNode): number | undefined {
  if (n.name === 'NumericLiteral') return Number(text(c, n));
  if (n.name === 'ArithmeticExpression') {
    const k = kids(n);
    if (k.length === 2 && text(c, k[0]!) === '-' && k[1]!.name === 'NumericLiteral') return -Number(text(c, k[1]!));
  }
  return undefined;
}

const EMPTY = new Scope(new Map());

/** A comparison cell (`< 20`, `= "x"`, `!= y`); against a numeric literal, numbers skip FEEL's generic comparison. */
function compileComparisonTest(c: Compiler, parts: SyntaxNode[]): UnaryTester {
  const op = text(c, parts[0]!);
  const rhs = c.compile(parts[1]!);
  const b = numericLiteral(c, parts[1]!);
  if (b !== undefined && op !== '=' && op !== '!=') {
    return (input) => {
      if (typeof input !== 'number') return compareOp(op, input, b);
      return op === '<' ? input < b : op === '<=' ? input <= b : op === '>' ? input > b : input >= b;
    };
  }
  return (input, scope) => compareOp(op, input, rhs(scope));
}

/** `[10..40]` with literal ends: numbers are compared directly, no range is built per call. */
function compileLiteralInterval(c: Compiler, interval: SyntaxNode, e: Evaluator): UnaryTester | null {
  const all = kids(interval);
  const [lo, hi] = exprKids(interval).map((x) => numericLiteral(c, x));
  if (lo === undefined || hi === undefined) return null;
  const loIn = text(c, all[0]!) === '[';
  const hiIn = text(c, all[all.length - 1]!) === ']';
  return (input, scope) =>
    typeof input === 'number' ? (loIn ? input >= lo : input > lo) && (hiIn ? input <= hi : input < hi) : matchTestValue(input, e(scope));
}

export function compilePositiveTest(c: Compiler, n: SyntaxNode): UnaryTester {
  const inner = exprKids(n)[0]!;
  if (usesQuestionMark(inner)) {
    const e = c.compile(inner);
    return (input, scope) => {
      const v = e(scope.child(new Map([['?', input]])));
      return typeof v === 'boolean' ? v : matchTestValue(input, v);
    };
  }
  if (inner.name === 'SimplePositiveUnaryTest') {
    const parts = exprKids(inner);
    if (parts[0]?.name === 'CompareOp') return compileComparisonTest(c, parts);
    if (parts[0]?.name === 'Interval') {
      const fast = compileLiteralInterval(c, parts[0], c.compile(parts[0]));
      if (fast) return fast;
    }
  }
  const e = c.compile(inner);
  // Constant-fold simple literal tests: the common decision-table cell.
  if (inner.name === 'NumericLiteral' || inner.name === 'StringLiteral' || inner.name === 'BooleanLiteral') {
    const lit = e(EMPTY);
    return (input) => (input === lit ? true : feelEquals(input, lit) === null ? null : false);
  }
  return (input, scope) => matchTestValue(input, e(scope));
}

/** A comma-separated list of positive tests: true if any is, else null if any is null. */
export function compilePositiveTests(c: Compiler, n: SyntaxNode): UnaryTester {
  const tests = kids(n).filter((k) => k.name === 'PositiveUnaryTest').map((k) => compilePositiveTest(c, k));
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

/** The top node of parsed unary tests: `-`, `not(…)` or positive tests. */
export function compileUnaryTop(c: Compiler, top: SyntaxNode): UnaryTester {
  const parts = kids(top);
  if (parts[0]?.name === 'Wildcard') return ANY_INPUT;
  const pos = parts.find((p) => p.name === 'PositiveUnaryTests');
  if (parts[0]?.name === 'not' && pos) {
    const inner = compilePositiveTests(c, pos);
    return (input, scope) => {
      const r = inner(input, scope);
      return r === null ? null : !r;
    };
  }
  if (!pos) throw new FeelSyntaxError(`not a unary test: '${c.src}'`, 0);
  return compilePositiveTests(c, pos);
}
