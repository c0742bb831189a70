import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDmn, compileExpression, compileUnaryTests, DmnError, DmnEvaluationError, EvalContext, FeelSyntaxError, Scope } from '../../../src/rules/dmn/index.js';

const NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const table = (hit: string, rules: [string, string][], extra = '') => `<?xml version="1.0"?>
<definitions xmlns="${NS}" name="t" namespace="urn:t" id="defs">
  <inputData id="age" name="Age"><variable name="Age" typeRef="number"/></inputData>
  <decision id="d" name="Category">
    <variable name="Category" typeRef="${hit.startsWith('COLLECT') && !hit.includes('aggregation') ? 'Any' : 'Any'}"/>
    <informationRequirement><requiredInput href="#age"/></informationRequirement>
    <decisionTable hitPolicy="${hit}" ${extra}>
      <input><inputExpression typeRef="number"><text>Age</text></inputExpression></input>
      <output name="c" typeRef="string"><outputValues><text>"high","mid","low"</text></outputValues></output>
${rules.map(([i, o], n) => `      <rule id="r${n + 1}"><inputEntry><text>${i}</text></inputEntry><outputEntry><text>${o}</text></outputEntry></rule>`).join('\n')}
    </decisionTable>
  </decision>
</definitions>`;

describe('decision tables', () => {
  const rules: [string, string][] = [['&lt; 18', '"low"'], ['[18..65]', '"mid"'], ['&gt;= 40', '"high"']];
  it('UNIQUE returns the one match and reports overlaps as an evaluation error, not a null', () => {
    const m = compileDmn(table('UNIQUE', rules));
    expect(m.evaluate('Category', { Age: 10 }).result).toBe('low');
    expect(() => m.evaluate('Category', { Age: 50 })).toThrow(DmnEvaluationError);
    expect(() => m.evaluate('Category', { Age: 50 })).toThrow("decision 'Category' cannot be evaluated: hit policy UNIQUE: rules 2, 3 all match (line 4)");
  });
  it('FIRST, PRIORITY, RULE ORDER, OUTPUT ORDER and COLLECT aggregations', () => {
    expect(compileDmn(table('FIRST', rules)).evaluate('Category', { Age: 50 }).result).toBe('mid');
    expect(compileDmn(table('PRIORITY', rules)).evaluate('Category', { Age: 50 }).result).toBe('high');
    expect(compileDmn(table('RULE ORDER', rules)).evaluate('Category', { Age: 50 }).result).toEqual(['mid', 'high']);
    expect(compileDmn(table('OUTPUT ORDER', rules)).evaluate('Category', { Age: 50 }).result).toEqual(['high', 'mid']);
    expect(compileDmn(table('COLLECT', rules, 'aggregation="COUNT"')).evaluate('Category', { Age: 50 }).result).toBe(2);
    const sum: [string, string][] = [['&gt; 1', '10'], ['&gt; 5', '5']];
    expect(compileDmn(table('COLLECT', sum, 'aggregation="SUM"')).evaluate('Category', { Age: 6 }).result).toBe(15);
  });
  it('reports the rules that fired', () => {
    const r = compileDmn(table('RULE ORDER', rules)).evaluate('d', { Age: 50 });
    expect(r.firedRules['Category']!.map((f) => f.id)).toEqual(['r2', 'r3']);
  });
  it('lists decisions with their inputs', () => {
    expect(compileDmn(table('FIRST', rules)).listDecisions()).toEqual([
      { id: 'd', name: 'Category', kind: 'decision', typeRef: 'Any', inputs: ['Age'] },
    ]);
  });
});

describe('load-time checking', () => {
  it('names the broken rule and its line', () => {
    const xml = table('FIRST', [['&lt; 18', '"low"'], ['[18..', '"mid"']]);
    try {
      compileDmn(xml);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmnError);
      const err = e as DmnError;
      expect(err.code).toBe('feel-syntax');
      expect(err.detail).toMatch(/^rule 2 of decision 'Category' is broken/);
      expect(err.line).toBe(xml.split('\n').findIndex((l) => l.includes('[18..')) + 1);
    }
  });
  it('names the element for invalid XML and wrong namespaces', () => {
    expect(() => compileDmn('<definitions xmlns="urn:x"><decision></definitions>')).toThrow(/decision/);
    expect(() => compileDmn('<definitions xmlns="urn:x"/>')).toThrow(/not a DMN 1.1-1.5 namespace/);
  });
  it('unknown decision is a typed error', () => {
    expect(() => compileDmn(table('FIRST', [])).evaluate('nope')).toThrow(expect.objectContaining({ code: 'decision-not-found' }));
  });
});

describe('FEEL', () => {
  const ev = (s: string, vars: Record<string, unknown> = {}) => compileExpression(s, { names: vars })(Scope.of(vars));
  it('evaluates names with spaces, contexts, filters, temporal arithmetic', () => {
    expect(ev('Applicant Age + 1', { 'Applicant Age': 41 })).toBe(42);
    expect(ev('{a: 1, b: a + 1}.b')).toBe(2);
    expect(ev('[1,2,3][item > 1]')).toEqual([2, 3]);
    expect(String(ev('date("2020-01-31") + duration("P1M")'))).toBe('2020-02-29');
    expect(String(ev('@"2021-01-02T10:00:00Z" - @"2021-01-01T09:00:00Z"'))).toBe('P1DT1H');
  });
  it('unary tests', () => {
    const s = new Scope(new Map());
    expect(compileUnaryTests('[1..5], > 10')(11, s)).toBe(true);
    expect(compileUnaryTests('not("a", "b")')('c', s)).toBe(true);
    expect(compileUnaryTests('? > 3')(2, s)).toBe(false);
  });
  it('random input never crashes the parser with anything but FeelSyntaxError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (src) => {
        for (const compile of [compileExpression, compileUnaryTests]) {
          try {
            compile(src);
          } catch (e) {
            if (!(e instanceof FeelSyntaxError)) throw e;
          }
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('(', ')', '[', ']', '..', '"a"', '1', 'x', '+', 'for', 'in', 'if', 'then', '{', '}', ':', ',', 'not', '@', '-', '?'), { maxLength: 12 }), (parts) => {
        try {
          compileExpression(parts.join(' '));
        } catch (e) {
          if (!(e instanceof FeelSyntaxError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('whatever compiles evaluates without throwing: errors are reported, not raised', () => {
    const tokens = ['(', ')', '[', ']', '..', '"a"', '1', '0', '-1', 'x', 'y', '+', '-', '*', '/', '**', 'for', 'in', 'return', 'if', 'then', 'else',
      '{', '}', ':', ',', 'not', '?', 'null', 'true', '=', '<', '>=', 'and', 'or', 'some', 'every', 'satisfies', 'instance of', 'list<number>',
      '@"2021-01-01"', '@"P1D"', 'date("2020-02-30")', 'count', 'sum', 'substring', 'upper case', 'function', 'between', '.', 'item', 'x.a'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 10 }), (parts) => {
        let ev;
        try {
          ev = compileExpression(parts.join(' '), { names: { x: 1, y: 1 } });
        } catch (e) {
          if (!(e instanceof FeelSyntaxError)) throw e;
          return;
        }
        const ctx = new EvalContext();
        const v = ev(new Scope(new Map<string, unknown>([['x', { a: [1, 2] }], ['y', 'b']]), null, ctx));
        expect(v).not.toBeUndefined();
        if (ctx.errors > 0) expect(ctx.messages.some((m) => m.level === 'error' && m.text.length > 0)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('broken models', () => {
  it('a mangled model is a DmnError when compiled or evaluated, never anything else', () => {
    const xml = table('UNIQUE', [['&lt; 18', '"low"'], ['[18..65]', 'Age * 2'], ['&gt; 65', '"high"']]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: xml.length - 1 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom('', '<', '>', '"', '&', 'x', '#', '[', '..'), (at, cut, insert) => {
        const mangled = xml.slice(0, at) + insert + xml.slice(at + cut);
        try {
          const m = compileDmn(mangled);
          for (const d of m.listDecisions()) m.evaluate(d.id, { Age: 30 });
        } catch (e) {
          if (!(e instanceof DmnError)) throw e;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
