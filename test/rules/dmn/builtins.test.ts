/**
 * FEEL built-in functions: the type conversions every call makes, and a walk over every
 * built-in with arguments of every kind (never a crash, always a value or a reported error).
 * Their spec examples are in builtin-examples.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, EvalContext, feelEquals, Scope } from '../../../src/rules/dmn/index.js';
import { builtinNames, getBuiltin } from '../../../src/rules/dmn/feel/builtins/index.js';
import { invokeFunction } from '../../../src/rules/dmn/feel/invoke.js';
import { DtDuration, FeelDate, YmDuration } from '../../../src/rules/dmn/feel/temporal.js';

function run(src: string): { value: unknown; ctx: EvalContext } {
  const ctx = new EvalContext();
  return { value: compileExpression(src)(new Scope(new Map(), null, ctx)), ctx };
}
const ev = (src: string): unknown => run(src).value;

/** Equal as FEEL says, numbers within 1e-9 (doubles, not 34-digit decimals). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return feelEquals(a, b) === true;
}

describe('conversion of arguments (DMN 1.3 §10.3.2.9.4)', () => {
  const strings = fc.string({ maxLength: 12 }).map((s) => s.replace(/["\\]/g, ''));
  it('a singleton list stands for its element where one value is expected, in every string function', () => {
    fc.assert(
      fc.property(strings, (s) => {
        for (const f of ['upper case', 'lower case', 'string length']) expect(same(ev(`${f}(["${s}"])`), ev(`${f}("${s}")`))).toBe(true);
        // The filter of a list of names gives a list; upper case takes its one element.
        expect(ev(`upper case(["${s}", "other"][item = "${s}"])`)).toBe(s === 'other' ? null : s.toUpperCase());
      }),
    );
  });
  it('a single value stands for a singleton list where a list is expected', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(ev(`count(${n})`)).toBe(1);
        expect(ev(`list contains(${n}, ${n})`)).toBe(true);
        expect(ev(`string join("${n}", "X")`)).toBe(String(n));
        expect(ev(`list replace(${n}, 1, 0)`)).toEqual([0]);
      }),
    );
  });
  it('arguments that do not fit are reported errors, null in value', () => {
    for (const src of ['upper case(1)', 'substring("abc", "1")', 'string join(["a", 1])', 'floor(1.5, null)', 'string join(["a"], "X", "Y")', 'decimal(1, 7000)', 'date(-1000999999, 12, 1)', 'split("abc", "")', 'matches("a", "(")', 'replace("abc", "b", "$")']) {
      const { value, ctx } = run(src);
      expect(value, src).toBeNull();
      expect(ctx.errors, src).toBeGreaterThan(0);
      expect(ctx.messages[0]!.text.length, src).toBeGreaterThan(5);
    }
  });
  it('null arguments give null without an error (nothing is wrong with an unanswered value)', () => {
    for (const src of ['upper case(null)', 'substring(null, 1)', 'count(null)', 'date(null)', 'floor(null)', 'split(null, ",")']) {
      const { value, ctx } = run(src);
      expect(value, src).toBeNull();
      expect(ctx.errors, src).toBe(0);
    }
  });
});

describe('every built-in, arguments of every kind', () => {
  const value = fc.oneof(
    fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 6 }), fc.boolean(),
    fc.constant(new FeelDate(2020, 2, 29)), fc.constant(new DtDuration(3600)), fc.constant(new YmDuration(14)),
    fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  );
  it.each(builtinNames())('%s never throws: a value or a reported error', (name) => {
    const fn = getBuiltin(name)!;
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (args) => {
        const ctx = new EvalContext();
        const r = invokeFunction(fn, args, ctx);
        expect(r === undefined).toBe(false);
        if (ctx.errors > 0) expect(r).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
