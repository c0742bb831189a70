/**
 * FEEL built-in functions: the examples of the DMN 1.5 built-in function tables (§10.3.4),
 * the type conversions every call makes, and a walk over every built-in with arguments of
 * every kind (never a crash, always a value or a reported error).
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

// [expression, expected as FEEL]: the examples of the spec's built-in function tables.
const EXAMPLES: [string, string][] = [
  // conversion
  ['date("2012-12-25") - date("2012-12-24")', 'duration("P1D")'],
  ['date(date and time("2012-12-25T11:00:00Z"))', 'date("2012-12-25")'],
  ['date(2012, 12, 25)', 'date("2012-12-25")'],
  ['date and time("2012-12-24T23:59:00") + duration("PT1M")', 'date and time("2012-12-25T00:00:00")'],
  ['date and time(date("2012-12-24"), time("23:59:00"))', 'date and time("2012-12-24T23:59:00")'],
  ['time(date and time("2012-12-25T11:00:00Z"))', 'time("11:00:00Z")'],
  ['time(23, 59, 0, duration("PT2H"))', 'time("23:59:00+02:00")'],
  ['number("1 000,0", " ", ",")', 'number("1,000.0", ",", ".")'],
  ['number("12,345.6", ",", ".")', '12345.6'],
  ['string(1.1)', '"1.1"'],
  ['string(null)', 'null'],
  ['duration("P1DT2H")', 'duration("P1D") + duration("PT2H")'],
  ['years and months duration(date("2011-12-22"), date("2013-08-24"))', 'duration("P1Y8M")'],
  // boolean
  ['not(true)', 'false'],
  ['not(null)', 'null'],
  // strings
  ['substring("foobar", 3)', '"obar"'],
  ['substring("foobar", 3, 3)', '"oba"'],
  ['substring("foobar", -2, 1)', '"a"'],
  ['substring("\\U01F40Abc", 2)', '"bc"'],
  ['string length("foo")', '3'],
  ['string length("\\U01F40Abc")', '3'],
  ['upper case("aBc4")', '"ABC4"'],
  ['lower case("aBc4")', '"abc4"'],
  ['substring before("foobar", "bar")', '"foo"'],
  ['substring before("foobar", "xyz")', '""'],
  ['substring after("foobar", "ob")', '"ar"'],
  ['substring after("", "a")', '""'],
  ['replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', '"[1=ab][2=]cd"'],
  ['contains("foobar", "of")', 'false'],
  ['starts with("foobar", "fo")', 'true'],
  ['ends with("foobar", "r")', 'true'],
  ['matches("foobar", "^fo*b")', 'true'],
  ['split("John Doe", "\\s")', '["John", "Doe"]'],
  ['split("a;b;c;;", ";")', '["a", "b", "c", "", ""]'],
  ['string join(["a", "b", "c"], "_and_")', '"a_and_b_and_c"'],
  ['string join(["a", "b", "c"], "")', '"abc"'],
  ['string join(["a", "b", "c"], null)', '"abc"'],
  ['string join(["a"], "X")', '"a"'],
  ['string join(["a", null, "c"], "X")', '"aXc"'],
  ['string join([], "X")', '""'],
  ['string join(["a", "b", "c"])', '"abc"'],
  // lists
  ['list contains([1, 2, 3], 2)', 'true'],
  ['count([1, 2, 3])', '3'],
  ['count([])', '0'],
  ['count([1, [2, 3]])', '2'],
  ['min([1, 2, 3])', '1'],
  ['min(1)', '1'],
  ['min([1])', '1'],
  ['max(1, 2, 3)', '3'],
  ['max([])', 'null'],
  ['sum([1, 2, 3])', '6'],
  ['sum(1, 2, 3)', '6'],
  ['sum(1)', '1'],
  ['sum([])', 'null'],
  ['mean([1, 2, 3])', '2'],
  ['mean(1, 2, 3)', '2'],
  ['mean(1)', '1'],
  ['mean([])', 'null'],
  ['all([false, null, true])', 'false'],
  ['all(true)', 'true'],
  ['all([true])', 'true'],
  ['all([])', 'true'],
  ['all(0)', 'null'],
  ['any([false, null, true])', 'true'],
  ['any(false)', 'false'],
  ['any([])', 'false'],
  ['any(0)', 'null'],
  ['sublist([4, 5, 6], 1, 2)', '[4, 5]'],
  ['append([1], 2, 3)', '[1, 2, 3]'],
  ['concatenate([1, 2], [3])', '[1, 2, 3]'],
  ['insert before([1, 3], 1, 2)', '[2, 1, 3]'],
  ['remove([1, 2, 3], 2)', '[1, 3]'],
  ['reverse([1, 2, 3])', '[3, 2, 1]'],
  ['index of([1, 2, 3, 2], 2)', '[2, 4]'],
  ['union([1, 2], [2, 3])', '[1, 2, 3]'],
  ['distinct values([1, 2, 3, 2, 1])', '[1, 2, 3]'],
  ['duplicate values([1, 2, 3, 2, 1])', '[1, 2]'],
  ['flatten([[1, 2], [[3]], 4])', '[1, 2, 3, 4]'],
  ['product([2, 3, 4])', '24'],
  ['product(2, 3, 4)', '24'],
  ['median(8, 2, 5, 3, 4)', '4'],
  ['median([6, 1, 2, 3])', '2.5'],
  ['median([])', 'null'],
  ['stddev(2, 4, 7, 5)', '2.0816659994661326'],
  ['stddev([47])', 'null'],
  ['stddev(47)', 'null'],
  ['stddev([])', 'null'],
  ['mode(6, 3, 9, 6, 6)', '[6]'],
  ['mode([6, 1, 9, 6, 1])', '[1, 6]'],
  ['mode([])', '[]'],
  ['sort(list: [3, 1, 4, 5, 2], precedes: function(x, y) x < y)', '[1, 2, 3, 4, 5]'],
  ['list replace([2, 4, 7, 8], 3, 6)', '[2, 4, 6, 8]'],
  ['list replace([2, 4, 7, 8], function(item, newItem) item < newItem, 5)', '[5, 5, 7, 8]'],
  // numbers
  ['decimal(1/3, 2)', '.33'],
  ['decimal(1.5, 0)', '2'],
  ['decimal(2.5, 0)', '2'],
  ['decimal(1.035, 2)', '1.04'],
  ['decimal(1.045, 2)', '1.04'],
  ['decimal(1.055, 2)', '1.06'],
  ['decimal(1.065, 2)', '1.06'],
  ['floor(1.5)', '1'],
  ['floor(-1.5)', '-2'],
  ['floor(-1.56, 1)', '-1.6'],
  ['ceiling(1.5)', '2'],
  ['ceiling(-1.5)', '-1'],
  ['ceiling(-1.56, 1)', '-1.5'],
  ['round up(5.5)', '6'],
  ['round up(-5.5)', '-6'],
  ['round up(1.121, 2)', '1.13'],
  ['round up(-1.126, 2)', '-1.13'],
  ['round down(5.5)', '5'],
  ['round down(-5.5)', '-5'],
  ['round down(1.121, 2)', '1.12'],
  ['round down(-1.126, 2)', '-1.12'],
  ['round half up(5.5)', '6'],
  ['round half up(-5.5)', '-6'],
  ['round half up(1.121, 2)', '1.12'],
  ['round half up(-1.126, 2)', '-1.13'],
  ['round half down(5.5)', '5'],
  ['round half down(-5.5)', '-5'],
  ['round half down(1.121, 2)', '1.12'],
  ['round half down(-1.126, 2)', '-1.13'],
  ['abs(10)', '10'],
  ['abs(-10)', '10'],
  ['abs(@"PT5H")', '@"PT5H"'],
  ['abs(@"-PT5H")', '@"PT5H"'],
  ['modulo(12, 5)', '2'],
  ['modulo(-12, 5)', '3'],
  ['modulo(12, -5)', '-3'],
  ['modulo(-12, -5)', '-2'],
  ['modulo(10.1, 4.5)', '1.1'],
  ['modulo(-10.1, 4.5)', '3.4'],
  ['modulo(10.1, -4.5)', '-3.4'],
  ['modulo(-10.1, -4.5)', '-1.1'],
  ['sqrt(16)', '4'],
  ['log(10)', '2.302585092994046'],
  ['exp(5)', '148.4131591025766'],
  ['odd(5)', 'true'],
  ['odd(2)', 'false'],
  ['even(5)', 'false'],
  ['even(2)', 'true'],
  // dates
  ['is(date("2012-12-25"), time("23:00:50"))', 'false'],
  ['is(date("2012-12-25"), date("2012-12-25"))', 'true'],
  ['is(time("23:00:50z"), time("23:00:50"))', 'false'],
  ['is(time("23:00:50z"), time("23:00:50+00:00"))', 'true'],
  ['day of year(date(2019, 9, 17))', '260'],
  ['day of week(date(2019, 9, 17))', '"Tuesday"'],
  ['month of year(date(2019, 9, 17))', '"September"'],
  ['week of year(date(2019, 9, 17))', '38'],
  ['week of year(date(2003, 12, 29))', '1'],
  ['week of year(date(2004, 1, 4))', '1'],
  ['week of year(date(2005, 1, 1))', '53'],
  ['week of year(date(2005, 1, 3))', '1'],
  ['week of year(date(2005, 1, 9))', '1'],
  // ranges
  ['before(1, 10)', 'true'],
  ['before(10, 1)', 'false'],
  ['before(1, [2..5])', 'true'],
  ['before([1..5], 10)', 'true'],
  ['before([1..5], [6..10])', 'true'],
  ['before([1..5), [5..10])', 'true'],
  ['after(10, 5)', 'true'],
  ['after(5, 10)', 'false'],
  ['after(12, [2..5])', 'true'],
  ['after([11..20], 12)', 'false'],
  ['after([11..20], [1..10])', 'true'],
  ['after((11..20], [1..11))', 'true'],
  ['meets([1..5], [5..10])', 'true'],
  ['met by([5..10], [1..5])', 'true'],
  ['overlaps([1..5], [3..8])', 'true'],
  ['overlaps([3..8], [1..5])', 'true'],
  ['overlaps([1..8], [3..5])', 'true'],
  ['overlaps([3..5], [1..8])', 'true'],
  ['overlaps([1..5], [6..8])', 'false'],
  ['overlaps([1..5], [5..8])', 'true'],
  ['overlaps([1..5], (5..8])', 'false'],
  ['overlaps before([1..5], [3..8])', 'true'],
  ['overlaps after([3..8], [1..5])', 'true'],
  ['finishes(10, [1..10])', 'true'],
  ['finished by([1..10], 10)', 'true'],
  ['includes([1..10], 5)', 'true'],
  ['during(5, [1..10])', 'true'],
  ['starts(1, [1..5])', 'true'],
  ['started by([1..10], 1)', 'true'],
  ['coincides(5, 5)', 'true'],
  ['coincides([1..5], [1..5])', 'true'],
  ['range("[18..21)")', '[18..21)'],
  ['range("[@\\"2020-01-01\\"..@\\"2020-12-31\\"]")', '[@"2020-01-01"..@"2020-12-31"]'],
  // contexts
  ['get value({key1: "value1"}, "key1")', '"value1"'],
  ['get value({key1: "value1"}, "unexistent-key")', 'null'],
  ['get entries({key1: "value1", key2: "value2"})', '[{key: "key1", value: "value1"}, {key: "key2", value: "value2"}]'],
  ['context([{key: "a", value: 1}, {key: "b", value: 2}])', '{a: 1, b: 2}'],
  ['context([{key: "a", value: 1}, {key: "b", value: 2, something: "else"}])', '{a: 1, b: 2}'],
  ['context([{key: "a", value: 1}, {key: "b"}])', 'null'],
  ['context put({x: 1}, "y", 2)', '{x: 1, y: 2}'],
  ['context put({x: 1, y: 0}, "y", 2)', '{x: 1, y: 2}'],
  ['context put({x: 1, y: 0, z: 0}, "y", 2)', '{x: 1, y: 2, z: 0}'],
  ['context put({x: 1, y: {a: 0}}, ["y", "a"], 2)', '{x: 1, y: {a: 2}}'],
  ['context put({x: 1, y: {a: 0}}, [], 2)', 'null'],
  ['context merge([{x: 1}, {y: 2}])', '{x: 1, y: 2}'],
  ['context merge([{x: 1, y: 0}, {y: 2}])', '{x: 1, y: 2}'],
];

describe('the built-in function examples of DMN 1.5 §10.3.4', () => {
  it.each(EXAMPLES)('%s = %s', (src, expected) => {
    const got = ev(src);
    const want = ev(expected);
    expect(same(got, want), `${src}: got ${String(got)}, expected ${String(want)}`).toBe(true);
  });
});

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
