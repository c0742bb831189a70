/** XPath regular expressions in matches(), replace() and split(): the XPath meaning, not JavaScript's. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, EvalContext, Scope } from '../../../src/rules/dmn/index.js';
import { xpathRegex } from '../../../src/rules/dmn/feel/regex.js';

/** Calls a FEEL function with JS values as arguments (no FEEL string escaping to get wrong). */
function call(fn: string, ...args: unknown[]): { value: unknown; errors: number } {
  const ctx = new EvalContext();
  const names = args.map((_, i) => `a${i}`);
  const scope = new Scope(new Map(args.map((a, i) => [`a${i}`, a])), null, ctx);
  return { value: compileExpression(`${fn}(${names.join(', ')})`)(scope), errors: ctx.errors };
}
const value = (fn: string, ...args: unknown[]) => call(fn, ...args).value;

describe('XPath regex semantics', () => {
  it.each([
    // [input, pattern, flags, expected]
    ['hello world', 'hello\\ sworld', 'x', true], // x: whitespace goes, \ s becomes \s
    ['hello world', 'he ll o[ ]worl d', 'x', true], // ... but not inside a class
    ['hello world', '\\p{ IsBasicLatin}+', 'x', true],
    ['x', '[A-Z-[OI]]', 'i', true], // class subtraction, caseless
    ['O', '[A-Z-[OI]]', 'i', false],
    ['i', '[A-Z-[OI]]', 'i', false],
    ['aA', '(a)\\1', 'i', true],
    ['a\nb', 'a.b', '', false], // . does not match a newline
    ['a\nb', 'a.b', 's', true],
    ['a\u2028b', 'a.b', '', true], // ... but does match what JS calls a line terminator
    ['x\ny', '^y$', 'm', true],
    ['x\ny', '^y$', '', false],
    ['٣', '^\\d$', '', true], // \d is any Unicode digit
    ['é', '^\\w$', '', true], // \w is every letter, not [A-Za-z0-9_]
    ['\u00a0', '\\s', '', false], // \s is space, tab, CR, LF only
    ['a.b', '.', 'q', true], // q: the pattern is literal text
    ['ab', '.', 'q', false],
    ['Straße', 'STRASSE', 'i', false],
  ] as [string, string, string, boolean][])('matches(%j, %j, %j) = %s', (input, pattern, flags, expected) => {
    expect(value('matches', input, pattern, flags)).toBe(expected);
  });

  it.each([
    ['(.)\\3', 'a back-reference to a group that does not exist'],
    ['\\3', 'a back-reference with no groups'],
    ['(a\\1)', 'a back-reference to a group not yet closed'],
    ['(asd)[\\1]', 'a back-reference in a character class'],
    ['[asd\\0]', '\\0'],
    ['a(?=b)', 'lookahead'],
    ['\\bword', '\\b'],
    ['a{2,1}', 'a quantifier with max < min'],
    ['[b-a]', 'a range that ends before it starts'],
    ['a**', 'two quantifiers'],
    ['[]', 'an empty class'],
    ['x{', 'a lone brace'],
  ])('%j is an error (%s), never a JS reinterpretation', (pattern) => {
    const r = call('matches', 'abc', pattern);
    expect(r.value).toBeNull();
    expect(r.errors).toBe(1);
  });

  it('flags other than s, m, i, x, q are an error', () => {
    expect(call('matches', 'a', 'a', 'g')).toEqual({ value: null, errors: 1 });
    expect(call('matches', 'a', 'a', 'ix')).toEqual({ value: true, errors: 0 });
  });

  it('replace: $N groups (longest number that names one), $0, \\$ and \\\\; other $ and \\ are errors', () => {
    expect(value('replace', '0123456789', '(\\d{3})(\\d{3})(\\d{4})', '($1) $2-$3')).toBe('(012) 345-6789');
    expect(value('replace', 'facetiously', '[iouy]', '[$0]')).toBe('facet[i][o][u]sl[y]');
    expect(value('replace', 'abc', '(b)', '$10')).toBe('a' + 'b0' + 'c'); // one group: $1 then a literal 0
    expect(value('replace', 'abc', 'b', '\\$\\\\')).toBe('a$\\c');
    expect(value('replace', 'abc', 'b', 'x', 'q')).toBe('axc');
    expect(value('replace', 'a.c', '.', '$', 'q')).toBe('a$c'); // q: the replacement is literal too
    for (const bad of ['$', '\\x', 'a$b']) expect(call('replace', 'abc', 'b', bad)).toEqual({ value: null, errors: 1 });
    expect(call('replace', 'abc', 'x*', 'y')).toEqual({ value: null, errors: 1 }); // matches the empty string
  });

  it('split is XPath tokenize: groups add no pieces, an empty input gives no pieces', () => {
    expect(value('split', 'a1b2c', '(\\d)')).toEqual(['a', 'b', 'c']);
    expect(value('split', '', ',')).toEqual([]);
    expect(value('split', ',a,', ',')).toEqual(['', 'a', '']);
    expect(value('split', 'a  b\tc', '\\s+')).toEqual(['a', 'b', 'c']);
    expect(call('split', 'abc', 'x?')).toEqual({ value: null, errors: 1 });
  });
});

describe('XPath regex properties', () => {
  const text = fc.string({ maxLength: 10 });
  it('with q, a pattern matches where its text occurs', () => {
    fc.assert(fc.property(text, fc.string({ minLength: 1, maxLength: 3 }), (s, p) => {
      expect(value('matches', s, p, 'q')).toBe(s.includes(p));
    }));
  });
  it('split undoes string join for pieces without the delimiter', () => {
    const pieces = fc.array(fc.string({ maxLength: 4 }).map((s) => s.replace(/;/g, '')), { minLength: 2, maxLength: 5 });
    fc.assert(fc.property(pieces, (ps) => {
      expect(value('split', ps.join(';'), ';')).toEqual(ps);
    }));
  });
  it('replace with $0 changes nothing', () => {
    fc.assert(fc.property(text, (s) => {
      expect(value('replace', s, '[a-z]+', '$0')).toBe(s);
    }));
  });
  it('where XPath and JavaScript agree (letters, classes, groups, quantifiers, alternation), the translation matches what JS matches', () => {
    const atom = fc.constantFrom('a', 'b', 'c', '[ab]', '[^a]', '(a|b)', '(?:bc)', '[a-c]');
    const quant = fc.constantFrom('', '*', '+', '?', '{2}', '{1,2}', '*?');
    const pattern = fc.array(fc.tuple(atom, quant).map(([a, q]) => a + q), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''));
    fc.assert(fc.property(pattern, fc.stringMatching(/^[abcd]{0,8}$/), (p, s) => {
      expect(xpathRegex(p, '', false).re.test(s)).toBe(new RegExp(p, 'u').test(s));
    }), { numRuns: 500 });
  });
});
