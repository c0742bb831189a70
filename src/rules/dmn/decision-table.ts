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

export function compileDecisionTable(el: XmlElement, owner: string, opts: CompileOptions): CompiledTable {
  const hitPolicy = (el.attrs.hitPolicy ?? 'UNIQUE').replace('_', ' ') as HitPolicy;
  const aggregation = el.attrs.aggregation ?? null;
  const inputs = childrenNamed(el, 'input').map((inp, i) => {
    const ie = child(inp, 'inputExpression');
    const expr = at(`input ${i + 1} of decision '${owner}'`, inp.line, owner, () => compileExpression(textOf(ie), opts));
    const iv = child(inp, 'inputValues');
    const allowed = iv ? at(`input values of input ${i + 1} of decision '${owner}'`, iv.line, owner, () => compileUnaryTests(textOf(iv), opts)) : null;
    return { expr, allowed, label: inp.attrs.label ?? textOf(ie) };
  });
  const outputs: Output[] = childrenNamed(el, 'output').map((out, i) => {
    const ov = child(out, 'outputValues');
    const def = child(out, 'defaultOutputEntry');
    const where = `output ${i + 1} of decision '${owner}'`;
    return {
      name: out.attrs.name ?? '',
      priority: ov ? at(where, ov.line, owner, () => splitTests(textOf(ov)).map((t) => compileExpression(t, opts))) : null,
      defaultValue: def ? at(where, def.line, owner, () => compileExpression(textOf(def), opts)) : null,
    };
  });
  const rules = childrenNamed(el, 'rule').map((r, i) => {
    const where = `rule ${i + 1} of decision '${owner}'`;
    const tests: UnaryTester[] = childrenNamed(r, 'inputEntry').map((c) => at(where, c.line, owner, () => compileUnaryTests(textOf(c), opts)));
    const outs: Evaluator[] = childrenNamed(r, 'outputEntry').map((c) => at(where, c.line, owner, () => compileExpression(textOf(c), opts)));
    if (tests.length !== inputs.length) throw new DmnError('dmn-model-invalid', `${where} has ${tests.length} input entries for ${inputs.length} inputs`, { element: owner, line: r.line });
    if (outs.length !== outputs.length) throw new DmnError('dmn-model-invalid', `${where} has ${outs.length} output entries for ${outputs.length} outputs`, { element: owner, line: r.line });
    // Only the cells that test something: `-` cells are skipped, not called.
    const checks = tests.flatMap((test, input) => (test === ANY_INPUT ? [] : [{ input, test }]));
    return {
      tests,
      checks,
      outs,
      fired: { index: i + 1, id: r.attrs.id ?? null, annotations: childrenNamed(r, 'annotationEntry').map((a) => textOf(a)) } as FiredRule,
    };
  });
  const single = outputs.length === 1;
  const nIn = inputs.length;

  const rowValue = (outs: unknown[]): unknown => {
    if (single) return outs[0];
    const o: Record<string, unknown> = {};
    outputs.forEach((out, i) => (o[out.name] = outs[i]));
    return o;
  };

  const priorityOf = (vals: unknown[], scope: Scope): number[] =>
    outputs.map((o, i) => {
      if (!o.priority) return 0;
      const idx = o.priority.findIndex((p) => matchTestValue(vals[i], p(scope)) === true);
      return idx < 0 ? Number.MAX_SAFE_INTEGER : idx;
    });

  return {
    hitPolicy,
    aggregation,
    ruleCount: rules.length,
    evaluate(scope) {
      const ctx = scope.ctx;
      const values = new Array<unknown>(nIn);
      for (let i = 0; i < nIn; i++) {
        const inp = inputs[i]!;
        const v = inp.expr(scope);
        values[i] = v;
        if (inp.allowed && v !== null && inp.allowed(v, scope) !== true) {
          return ctx.error(`input '${inp.label}' value is not among the input values`);
        }
      }
      const matched: { rule: (typeof rules)[number]; outs: unknown[] }[] = [];
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
        if (hitPolicy === 'FIRST') break;
      }
      const fired = firedList(ctx, owner);
      const fire = (m: (typeof matched)[number]) => fired?.push(m.rule.fired);

      if (matched.length === 0) {
        if (outputs.some((o) => o.defaultValue)) {
          const d = outputs.map((o) => (o.defaultValue ? o.defaultValue(scope) : null));
          if (hitPolicy === 'COLLECT' && !aggregation) return [rowValue(d)];
          if (hitPolicy === 'RULE ORDER' || hitPolicy === 'OUTPUT ORDER') return [rowValue(d)];
          return rowValue(d);
        }
        if (hitPolicy === 'COLLECT' && aggregation === 'COUNT') return 0;
        if (hitPolicy === 'COLLECT' && !aggregation) return [];
        if (hitPolicy === 'RULE ORDER' || hitPolicy === 'OUTPUT ORDER') return [];
        return null;
      }
      switch (hitPolicy) {
        case 'UNIQUE':
          if (matched.length > 1) {
            return ctx.error(`hit policy UNIQUE: rules ${matched.map((m) => m.rule.fired.index).join(', ')} all match`);
          }
          fire(matched[0]!);
          return rowValue(matched[0]!.outs);
        case 'FIRST':
          fire(matched[0]!);
          return rowValue(matched[0]!.outs);
        case 'ANY': {
          const first = matched[0]!;
          if (matched.some((m) => feelEquals(rowValue(m.outs), rowValue(first.outs)) !== true)) {
            return ctx.error(`hit policy ANY: rules ${matched.map((m) => m.rule.fired.index).join(', ')} match with different outputs`);
          }
          matched.forEach(fire);
          return rowValue(first.outs);
        }
        case 'PRIORITY':
        case 'OUTPUT ORDER': {
          const keyed = matched.map((m) => ({ m, key: priorityOf(m.outs, scope) }));
          keyed.sort((a, b) => {
            for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
            return 0;
          });
          if (hitPolicy === 'PRIORITY') {
            fire(keyed[0]!.m);
            return rowValue(keyed[0]!.m.outs);
          }
          keyed.forEach((k) => fire(k.m));
          return keyed.map((k) => rowValue(k.m.outs));
        }
        case 'RULE ORDER':
          matched.forEach(fire);
          return matched.map((m) => rowValue(m.outs));
        case 'COLLECT': {
          matched.forEach(fire);
          const vals = matched.map((m) => rowValue(m.outs));
          return aggregate(aggregation, vals, ctx);
        }
      }
      return null;
    },
  };
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
