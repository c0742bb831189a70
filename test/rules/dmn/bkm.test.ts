/** Business knowledge models, invocations, decision services and imports: parameters, types, scopes, errors. */
import { describe, expect, it } from 'vitest';
import { compileDmn, DmnError, DmnEvaluationError, FeelFunction } from '../../../src/rules/dmn/index.js';

const NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const model = (body: string, ns = 'urn:m', name = 'm') => `<definitions xmlns="${NS}" name="${name}" namespace="${ns}" id="defs">
  <itemDefinition name="tPerson"><itemComponent name="name"><typeRef>string</typeRef></itemComponent><itemComponent name="age"><typeRef>number</typeRef></itemComponent></itemDefinition>
  <itemDefinition name="tNumbers" isCollection="true"><typeRef>number</typeRef></itemDefinition>
${body}
</definitions>`;
const bkm = (name: string, params: string, body: string, extra = '') => `<businessKnowledgeModel id="${name}" name="${name}"><variable name="${name}"/>${extra}
  <encapsulatedLogic>${params}<literalExpression><text>${body}</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>`;
const requires = (...ids: string[]) => ids.map((i) => `<knowledgeRequirement><requiredKnowledge href="#${i}"/></knowledgeRequirement>`).join('');
const literal = (name: string, text: string, extra = '', typeRef = '') =>
  `<decision id="${name}" name="${name}"><variable name="${name}"${typeRef ? ` typeRef="${typeRef}"` : ''}/>${extra}<literalExpression><text>${text}</text></literalExpression></decision>`;
const param = (name: string, typeRef?: string) => `<formalParameter name="${name}"${typeRef ? ` typeRef="${typeRef}"` : ''}/>`;

/** The evaluation error of `decision`, or a failure when it evaluates. */
function failure(m: ReturnType<typeof compileDmn>, decision: string, input: Record<string, unknown> = {}): DmnEvaluationError {
  try {
    const r = m.evaluate(decision, input);
    throw new Error(`expected an evaluation error, got ${JSON.stringify(r.result)}`);
  } catch (e) {
    if (!(e instanceof DmnEvaluationError)) throw e;
    return e;
  }
}

describe('business knowledge models', () => {
  const m = compileDmn(model(`
    ${bkm('greet', param('p', 'tPerson'), '"Hello " + p.name')}
    ${bkm('first', param('xs', 'tNumbers'), 'xs[1]')}
    ${bkm('wrapped', param('x'), '[x]', '')}
    <businessKnowledgeModel id="asNumber" name="asNumber"><variable name="asNumber"/>
      <encapsulatedLogic typeRef="number">${param('x')}<literalExpression><text>[x]</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>
    ${bkm('twice', param('n', 'number'), 'inner(n) * 2', requires('inner'))}
    ${bkm('inner', param('n', 'number'), 'n + 1')}
    ${bkm('fact', param('n', 'number'), 'if n &lt;= 1 then 1 else n * fact(n - 1)')}
    ${bkm('forever', param('n'), 'forever(n + 1)')}
    ${literal('ok', 'greet({name: "Ann", age: 40})', requires('greet'))}
    ${literal('notAPerson', 'greet({name: "Ann"})', requires('greet'))}
    ${literal('singleton', 'first(7)', requires('first'))}
    ${literal('unwrapped', 'asNumber(10)', requires('asNumber'))}
    ${literal('notUnwrapped', 'asNumber("ten")', requires('asNumber'))}
    ${literal('nested', 'twice(twice(1))', requires('twice'))}
    ${literal('notRequired', 'greet({name: "Ann", age: 40})')}
    ${literal('factorial', 'fact(10)', requires('fact'))}
    ${literal('endless', 'forever(1)', requires('forever'))}
    ${literal('named', 'greet(p: {name: "Bo", age: 1})', requires('greet'))}
    ${literal('badName', 'greet(person: {name: "Bo", age: 1})', requires('greet'))}
  `));

  it('binds arguments converted to the parameter types, and the result to the logic type', () => {
    expect(m.evaluate('ok').result).toBe('Hello Ann');
    expect(m.evaluate('named').result).toBe('Hello Bo');
    expect(m.evaluate('singleton').result).toBe(7); // 7 → [7] for a list parameter
    expect(m.evaluate('unwrapped').result).toBe(10); // [10] → 10 for a number result
  });
  it('an argument that does not conform is an error, and the BKM is not run', () => {
    expect(failure(m, 'notAPerson').message).toMatch(/parameter 'p' of 'greet' must be tPerson, got context/);
    expect(failure(m, 'notUnwrapped').message).toMatch(/in 'asNumber', the result of 'asNumber': a list value that does not conform to type 'number'/);
    expect(failure(m, 'badName').message).toMatch(/'greet' has no parameter 'person'/);
  });
  it('a BKM is in scope only where it is a knowledge requirement; BKMs see the BKMs they require', () => {
    expect(m.evaluate('nested').result).toBe(10); // twice(twice(1)) = ((1+1)*2+1)*2
    expect(failure(m, 'notRequired').message).toMatch(/no function named 'greet' is in scope/);
  });
  it('recursion works, and endless recursion is an error instead of a crash', () => {
    expect(m.evaluate('factorial').result).toBe(3628800);
    expect(failure(m, 'endless').message).toMatch(/nest (deeper|too deeply)/);
  });
  it('errors name the element and its line', () => {
    const e = failure(m, 'notAPerson');
    expect(e.element).toBe('notAPerson');
    expect(e.line).toBeGreaterThan(1);
    expect(e).toBeInstanceOf(DmnError);
    expect(e.code).toBe('evaluation-failed');
  });
});

describe('boxed invocations', () => {
  const invocation = (name: string, callee: string, bindings: [string, string][], typeRef = '') => `
    <decision id="${name}" name="${name}"><variable name="${name}"/>${requires('add', 'greet')}
      <invocation${typeRef ? ` typeRef="${typeRef}"` : ''}><literalExpression><text>${callee}</text></literalExpression>
        ${bindings.map(([p, e]) => `<binding><parameter name="${p}"/>${e ? `<literalExpression><text>${e}</text></literalExpression>` : ''}</binding>`).join('')}
      </invocation></decision>`;
  const m = compileDmn(model(`
    ${bkm('add', param('a', 'number') + param('b', 'number'), 'if b = null then a else a + b')}
    ${bkm('greet', param('p', 'tPerson'), '"Hello " + p.name')}
    ${invocation('sum', 'add', [['a', '1'], ['b', '2']])}
    ${invocation('missing', 'add', [['a', '1']])}
    ${invocation('empty', 'add', [['a', '1'], ['b', '']])}
    ${invocation('unknown', 'add', [['a', '1'], ['c', '2']])}
    ${invocation('nested', 'add', [['a', 'add(1, 2)'], ['b', '10']])}
    ${invocation('typed', 'add', [['a', '1'], ['b', '2']], 'string')}
    ${invocation('nonConforming', 'greet', [['p', '{name: "x"}']])}
    ${invocation('notAFunction', 'nope', [['x', '"y"']])}
  `));
  it('binds by parameter name; a parameter without binding or expression is null', () => {
    expect(m.evaluate('sum').result).toBe(3);
    expect(m.evaluate('missing').result).toBe(1);
    expect(m.evaluate('empty').result).toBe(1);
    expect(m.evaluate('nested').result).toBe(13);
  });
  it('unknown parameters, non-conforming arguments, the invocation typeRef and unknown callees are errors', () => {
    expect(failure(m, 'unknown').message).toMatch(/'add' has no parameter 'c'/);
    expect(failure(m, 'nonConforming').message).toMatch(/parameter 'p' of 'greet' must be tPerson/);
    expect(failure(m, 'typed').message).toMatch(/a number value that does not conform to type 'string'/);
    expect(failure(m, 'notAFunction').message).toMatch(/invokes 'nope'.*bindings: x = "y"/);
  });
});

describe('decision services', () => {
  const m = compileDmn(model(`
    <inputData id="i1" name="i1"><variable name="i1" typeRef="string"/></inputData>
    <inputData id="i2" name="i2"><variable name="i2" typeRef="string"/></inputData>
    ${literal('d3', '"(d3)"', '', 'string')}
    ${literal('d4', '"(d4)"', '', 'string')}
    <decision id="out" name="out"><variable name="out" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d3"/></informationRequirement><informationRequirement><requiredDecision href="#d4"/></informationRequirement>
      <informationRequirement><requiredInput href="#i1"/></informationRequirement><informationRequirement><requiredInput href="#i2"/></informationRequirement>
      <literalExpression><text>i1 + " " + i2 + " " + d3 + " " + d4</text></literalExpression></decision>
    <decisionService id="svc" name="svc"><variable name="svc"/>
      <outputDecision href="#out"/><inputDecision href="#d3"/><inputDecision href="#d4"/><inputData href="#i1"/><inputData href="#i2"/></decisionService>
    ${literal('positional', 'svc("A", "B", "C", "D")', requires('svc'))}
    ${literal('byName', 'svc(d3: "C", i1: "A", d4: "D", i2: "B")', requires('svc'))}
    ${literal('wrongType', 'svc(1, "B", "C", "D")', requires('svc'))}
  `));
  it('takes the input data first, then the input decisions, in the order it lists them', () => {
    expect(m.evaluate('positional').result).toBe('A B C D');
    expect(m.evaluate('byName').result).toBe('A B C D');
    expect(m.listDecisions().find((d) => d.name === 'svc')!.inputs).toEqual(['i1', 'i2', 'd3', 'd4']);
  });
  it('evaluated directly, its input decisions come from the input instead of their logic', () => {
    expect(m.evaluate('svc', { i1: 'A', i2: 'B', d3: 'C', d4: 'D' }).result).toBe('A B C D');
    expect(m.evaluate('out', { i1: 'A', i2: 'B' }).result).toBe('A B (d3) (d4)');
  });
  it('an argument of the wrong type is an error: the service is not invoked', () => {
    expect(failure(m, 'wrongType').message).toMatch(/parameter 'i1' of 'svc' must be string, got number/);
  });
});

describe('imports and host functions', () => {
  const imported = model(`${bkm('double', param('x', 'number'), 'x * 2')}
    <inputData id="base" name="base"><variable name="base" typeRef="number"/></inputData>
    <decision id="b" name="b"><variable name="b" typeRef="number"/><informationRequirement><requiredInput href="#base"/></informationRequirement><literalExpression><text>base + 1</text></literalExpression></decision>`, 'urn:lib', 'lib');
  const main = model(`<import namespace="urn:lib" name="lib" importType="${NS}"/>
    <decision id="top" name="top"><variable name="top" typeRef="lib.tPerson"/>
      <informationRequirement><requiredDecision href="urn:lib#b"/></informationRequirement>
      <knowledgeRequirement><requiredKnowledge href="urn:lib#double"/></knowledgeRequirement>
      <literalExpression><text>{name: "n", age: lib.double(lib.b)}</text></literalExpression></decision>
    ${literal('host', 'lookup("k")')}`);
  it('reaches decisions, BKMs and item definitions of an imported model through the import name', () => {
    const m = compileDmn(main, { imports: (ns) => (ns === 'urn:lib' ? imported : undefined) });
    expect(m.evaluate('top', { lib: { base: 4 } }).result).toEqual({ name: 'n', age: 10 });
    expect(m.evaluate('top', {}, { inputsByNamespace: { 'urn:lib': { base: 1 } } }).result).toEqual({ name: 'n', age: 4 });
  });
  it('an import that is not given is a model error naming it', () => {
    expect(() => compileDmn(main)).toThrow(/imports namespace 'urn:lib' as 'lib', but no such model was given/);
  });
  it('host functions are in scope of every expression', () => {
    const lookup = new FeelFunction([{ name: 'key' }], ([k]) => `value of ${String(k)}`, 'lookup');
    const m = compileDmn(main, { imports: () => imported, functions: { lookup } });
    expect(m.evaluate('host').result).toBe('value of k');
  });
});
