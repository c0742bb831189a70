import { at, DmnError } from './errors.js';
import { ANY_INPUT, compileExpression, compileUnaryTests, matchTestValue, type CompileOptions, type Evaluator, type UnaryTester } from './feel/compile.js';
import type { EvalContext } from './feel/context.js';
import type { Scope } from './feel/scope.js';
import { compare, feelEquals } from './feel/values.js';
import { DmnTrace, type FiredRule } from './trace.js';
import { child, childrenNamed, type XmlElement } from './xml.js';

export type { FiredRule };

export type HitPolicy = 'UNIQUE' | 'ANY' | 'PRIORITY' | 'FIRST' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';

interface Output {
  name: string;
  /** Allowed output values in priority order, for P and O. */
  priority: Evaluator[] | null;
  defaultValue: Evaluator | null;
}

export interface CompiledTable {
  hitPolicy: HitPolicy;
  aggregation: string | null;
  /** Evaluates the table; problems go to the scope's evaluation, fired rules too when it is a DmnTrace. */
  evaluate(scope: Scope): unknown;
  ruleCount: number;
}

const textOf = (el: XmlElement | undefined): string => (el ? (child(el, 'text')?.text ?? '') : '');

interface Rule {
  /** Only the cells that test something: `-` cells are skipped, not called. */
  checks: { input: number; test: UnaryTester }[];
  outs: Evaluator[];
  fired: FiredRule;
}
interface Match {
  rule: Rule;
  outs: unknown[];
}

function compileInputs(el: XmlElement, owner: string, opts: CompileOptions) {
  return childrenNamed(el, 'input').map((inp, i) => {
    const ie = child(inp, 'inputExpression');
    const expr = at(`input ${i + 1} of decision '${owner}'`, inp.line, owner, () => compileExpression(textOf(ie), opts));
    const iv = child(inp, 'inputValues');
    const allowed = iv ? at(`input values of input ${i + 1} of decision '${owner}'`, iv.line, owner, () => compileUnaryTests(textOf(iv), opts)) : null;
    return { expr, allowed, label: inp.attrs.label ?? textOf(ie) };
  });
}

function compileOutputs(el: XmlElement, owner: string, opts: CompileOptions): Output[] {
  return childrenNamed(el, 'output').map((out, i) => {
    const ov = child(out, 'outputValues');
    const def = child(out, 'defaultOutputEntry');
    const where = `output ${i + 1} of decision '${owner}'`;
    return {
      name: out.attrs.name ?? '',
      priority: ov ? at(where, ov.line, owner, () => splitTests(textOf(ov)).map((t) => compileExpression(t, opts))) : null,
      defaultValue: def ? at(where, def.line, owner, () => compileExpression(textOf(def), opts)) : null,
    };
  });
}

function compileRules(el: XmlElement, owner: string, opts: CompileOptions, nIn: number, nOut: number): Rule[] {
  return childrenNamed(el, 'rule').map((r, i) => {
    const where = `rule ${i + 1} of decision '${owner}'`;
    const tests: UnaryTester[] = childrenNamed(r, 'inputEntry').map((c) => at(where, c.line, owner, () => compileUnaryTests(textOf(c), opts)));
    const outs: Evaluator[] = childrenNamed(r, 'outputEntry').map((c) => at(where, c.line, owner, () => compileExpression(textOf(c), opts)));
    if (tests.length !== nIn) throw new DmnError('dmn-model-invalid', `${where} has ${tests.length} input entries for ${nIn} inputs`, { element: owner, line: r.line });
    if (outs.length !== nOut) throw new DmnError('dmn-model-invalid', `${where} has ${outs.length} output entries for ${nOut} outputs`, { element: owner, line: r.line });
    return {
      checks: tests.flatMap((test, input) => (test === ANY_INPUT ? [] : [{ input, test }])),
      outs,
      fired: { index: i + 1, id: r.attrs.id ?? null, annotations: childrenNamed(r, 'annotationEntry').map((a) => textOf(a)) },
    };
  });
}

/** The rules whose every tested cell holds for the input values (only the first, for FIRST). */
function matchRules(rules: Rule[], values: unknown[], scope: Scope, firstOnly: boolean): Match[] {
  const matched: Match[] = [];
  for (const rule of rules) {
    let ok = true;
    const checks = rule.checks;
    for (let k = 0; k < checks.length; k++) {
      const c = checks[k]!;
      if (c.test(values[c.input], scope) !== true) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    matched.push({ rule, outs: rule.outs.map((o) => o(scope)) });
    if (firstOnly) break;
  }
  return matched;
}

export function compileDecisionTable(el: XmlElement, owner: string, opts: CompileOptions): CompiledTable {
  const hitPolicy = (el.attrs.hitPolicy ?? 'UNIQUE').replace('_', ' ') as HitPolicy;
  const aggregation = el.attrs.aggregation ?? null;
  const inputs = compileInputs(el, owner, opts);
  const outputs = compileOutputs(el, owner, opts);
  const rules = compileRules(el, owner, opts, inputs.length, outputs.length);
  const nIn = inputs.length;
  const rowValue = (outs: unknown[]): unknown => {
    if (outputs.length === 1) return outs[0];
    const o: Record<string, unknown> = {};
    outputs.forEach((out, i) => (o[out.name] = outs[i]));
    return o;
  };
  const policy: HitPolicyEnv = { hitPolicy, aggregation, outputs, rowValue, owner };
  return {
    hitPolicy,
    aggregation,
    ruleCount: rules.length,
    evaluate(scope) {
      const values = new Array<unknown>(nIn);
      for (let i = 0; i < nIn; i++) {
        const inp = inputs[i]!;
        const v = inp.expr(scope);
        values[i] = v;
        if (inp.allowed && v !== null && inp.allowed(v, scope) !== true) return scope.ctx.error(`input '${inp.label}' value is not among the input values`);
      }
      const matched = matchRules(rules, values, scope, hitPolicy === 'FIRST');
      return matched.length === 0 ? noMatch(policy, scope) : applyHitPolicy(policy, matched, scope);
    },
  };
}

interface HitPolicyEnv {
  hitPolicy: HitPolicy;
  aggregation: string | null;
  outputs: Output[];
  rowValue: (outs: unknown[]) => unknown;
  owner: string;
}

/** No rule matched: the default output entries, else the empty result of the hit policy. */
function noMatch(p: HitPolicyEnv, scope: Scope): unknown {
  firedList(scope.ctx, p.owner);
  const multiple = p.hitPolicy === 'RULE ORDER' || p.hitPolicy === 'OUTPUT ORDER' || (p.hitPolicy === 'COLLECT' && !p.aggregation);
  if (p.outputs.some((o) => o.defaultValue)) {
    const d = p.rowValue(p.outputs.map((o) => (o.defaultValue ? o.defaultValue(scope) : null)));
    return multiple ? [d] : d;
  }
  if (p.hitPolicy === 'COLLECT' && p.aggregation === 'COUNT') return 0;
  return multiple ? [] : null;
}

/** The output positions of a row in the outputs' priority lists (outputValues), for P and O. */
function priorityOf(p: HitPolicyEnv, vals: unknown[], scope: Scope): number[] {
  return p.outputs.map((o, i) => {
    if (!o.priority) return 0;
    const idx = o.priority.findIndex((x) => matchTestValue(vals[i], x(scope)) === true);
    return idx < 0 ? Number.MAX_SAFE_INTEGER : idx;
  });
}

function applyHitPolicy(p: HitPolicyEnv, matched: Match[], scope: Scope): unknown {
  const ctx = scope.ctx;
  const fired = firedList(ctx, p.owner);
  switch (p.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) return ctx.error(`hit policy UNIQUE: rules ${indexes(matched)} all match`);
      fired?.push(matched[0]!.rule.fired);
      return p.rowValue(matched[0]!.outs);
    case 'FIRST':
      fired?.push(matched[0]!.rule.fired);
      return p.rowValue(matched[0]!.outs);
    case 'ANY': {
      const first = p.rowValue(matched[0]!.outs);
      for (const m of matched) if (feelEquals(p.rowValue(m.outs), first) !== true) return ctx.error(`hit policy ANY: rules ${indexes(matched)} match with different outputs`);
      record(fired, matched);
      return first;
    }
    case 'PRIORITY':
    case 'OUTPUT ORDER': {
      const keyed = matched.map((m) => ({ m, key: priorityOf(p, m.outs, scope) }));
      keyed.sort((a, b) => {
        for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
        return 0;
      });
      if (p.hitPolicy === 'PRIORITY') {
        fired?.push(keyed[0]!.m.rule.fired);
        return p.rowValue(keyed[0]!.m.outs);
      }
      record(fired, keyed.map((k) => k.m));
      return keyed.map((k) => p.rowValue(k.m.outs));
    }
    case 'RULE ORDER':
      record(fired, matched);
      return matched.map((m) => p.rowValue(m.outs));
    case 'COLLECT':
      record(fired, matched);
      return aggregate(p.aggregation, matched.map((m) => p.rowValue(m.outs)), ctx);
  }
  return ctx.error(`unknown hit policy '${String(p.hitPolicy)}'`);
}

function record(fired: FiredRule[] | null, matched: Match[]): void {
  if (fired) for (const m of matched) fired.push(m.rule.fired);
}

function indexes(matched: Match[]): string {
  return matched.map((m) => m.rule.fired.index).join(', ');
}

/** The list fired rules of `owner` are recorded in, when the evaluation keeps them. */
function firedList(ctx: EvalContext, owner: string): FiredRule[] | null {
  if (!(ctx instanceof DmnTrace)) return null;
  const fired = ctx.fired.get(owner) ?? [];
  ctx.fired.set(owner, fired);
  return fired;
}

function aggregate(agg: string | null, vals: unknown[], ctx: EvalContext): unknown {
  if (!agg) return vals;
  const present = vals.filter((v) => v !== null);
  switch (agg) {
    case 'COUNT': {
      const distinct: unknown[] = [];
      for (const v of present) if (!distinct.some((d) => feelEquals(d, v) === true)) distinct.push(v);
      return distinct.length;
    }
    case 'SUM':
      if (!present.every((v) => typeof v === 'number')) break;
      return present.length ? (present as number[]).reduce((a, b) => a + b, 0) : null;
    case 'MIN':
    case 'MAX': {
      if (!present.length) return null;
      let best = present[0];
      for (const v of present.slice(1)) {
        const c = compare(v, best);
        if (c === null) return ctx.error(`cannot aggregate ${agg}: the outputs cannot be compared`);
        if ((agg === 'MIN' && c < 0) || (agg === 'MAX' && c > 0)) best = v;
      }
      return best;
    }
  }
  return ctx.error(`cannot aggregate ${agg} over these outputs`);
}

/** Splits "a","b",c on top-level commas (outputValues lists). */
export function splitTests(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inStr) {
      cur += c;
      if (c === '\\') cur += src[++i] ?? '';
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
