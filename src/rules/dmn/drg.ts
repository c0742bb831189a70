/**
 * The decision requirements graph at run time: decisions evaluated on demand (each once
 * per run), business knowledge models and decision services as FEEL functions in the
 * scope of what requires them.
 */
import { compileBoxed, compileFunctionDefinition, type Names } from './boxed.js';
import { DmnError } from './errors.js';
import type { EvalContext } from './feel/context.js';
import type { Evaluator } from './feel/compile.js';
import { Scope } from './feel/scope.js';
import { parseDate, parseDateTime, parseDuration, parseTime } from './feel/temporal.js';
import { FeelFunction } from './feel/values.js';
import type { BkmDef, DecisionDef, DmnModel, ServiceDef } from './model.js';
import { DmnTrace } from './trace.js';
import { localName, type ModelTypes } from './typing.js';
import { childrenNamed } from './xml.js';

export type DrgNode =
  | { kind: 'decision'; def: DecisionDef }
  | { kind: 'input'; name: string; typeRef: string | null; line: number }
  | { kind: 'bkm'; def: BkmDef }
  | { kind: 'service'; def: ServiceDef };

/** One evaluation: decision values so far, the input, and decisions whose values were given rather than evaluated. */
export interface Run {
  cache: Map<string, unknown>;
  input: Record<string, unknown>;
  /** Decisions a decision service takes as input: their values come from the input, not from their logic. */
  given: Set<string>;
}

export const newRun = (input: Record<string, unknown>): Run => ({ cache: new Map(), input, given: new Set() });

export class Drg {
  readonly byId = new Map<string, DrgNode>();
  private readonly decisionEval = new Map<string, Evaluator>();
  private readonly bkmFns = new Map<string, FeelFunction>();

  constructor(
    readonly model: DmnModel,
    private readonly types: ModelTypes,
  ) {
    for (const d of model.decisions) this.byId.set(d.id, { kind: 'decision', def: d });
    for (const i of model.inputs) this.byId.set(i.id, { kind: 'input', name: i.name, typeRef: i.typeRef, line: i.line });
    for (const b of model.bkms) this.byId.set(b.id, { kind: 'bkm', def: b });
    for (const s of model.services) this.byId.set(s.id, { kind: 'service', def: s });
    for (const b of model.bkms) this.bkmFns.set(b.id, this.bkmFunction(b));
    for (const d of model.decisions) {
      const missing = (s: Scope) => s.ctx.error('the decision has no decision logic (no expression)');
      this.decisionEval.set(d.id, d.expression ? compileBoxed({ types, owner: d.name }, d.expression, this.namesFor(d.requires), 'expression') : missing);
    }
  }

  nameOf(id: string): string {
    const n = this.byId.get(id);
    if (!n) throw new DmnError('dmn-model-invalid', `reference to unknown element '#${id}'`);
    return n.kind === 'input' ? n.name : n.def.name;
  }

  private namesFor(req: { decisions: string[]; inputs: string[]; knowledge: string[] }): Names {
    const names: Names = {};
    for (const id of [...req.decisions, ...req.inputs, ...req.knowledge]) {
      const n = this.byId.get(id);
      if (!n) throw new DmnError('dmn-model-invalid', `reference to unknown element '#${id}'`);
      names[this.nameOf(id)] = this.types.structureOf(n.kind === 'input' ? n.typeRef : n.def.typeRef);
    }
    return names;
  }

  /**
   * A BKM as a function. Its logic sees only the BKMs and services it requires (and
   * itself), so the function is built once, on first call (BKMs may call each other).
   */
  private bkmFunction(b: BkmDef): FeelFunction {
    const logic = b.logic;
    const formal = logic ? childrenNamed(logic, 'formalParameter').map((p) => ({ name: p.attrs.name ?? '', typeRef: p.attrs.typeRef ?? null })) : [];
    const make = logic ? compileFunctionDefinition({ types: this.types, owner: b.name }, logic, { ...this.namesFor(b.requires), [b.name]: 1 }) : null;
    let fn: FeelFunction | null | undefined;
    const build = (): FeelFunction | null => {
      if (fn === undefined) {
        const made = make ? make(new Scope(this.knowledgeVars([...b.requires.knowledge, b.id]))) : null;
        fn = made instanceof FeelFunction ? made : null;
      }
      return fn;
    };
    const resultType = this.resultType(b.typeRef);
    const params = formal.map((p) => ({ name: p.name, ...(p.typeRef && this.types.typeCheck ? { type: this.types.typeNamed(p.typeRef) } : {}) }));
    return new FeelFunction(params, (args, ctx) =>
      ctx.within(b.name, b.line, () => {
        const f = build();
        if (!f) return ctx.error(logic ? 'the business knowledge model cannot be built' : 'the business knowledge model has no encapsulated logic');
        return this.types.coerce(f.invoke(args, ctx), resultType, ctx, 'the result');
      }), b.name, null, this.types.resolve);
  }

  /** The result type a BKM's or service's variable typeRef gives: a function type's output type, or the type itself. */
  private resultType(typeRef: string | null): string | null {
    if (!typeRef) return null;
    const item = this.model.items.get(localName(typeRef));
    return item?.isFunction ? item.functionOutput : typeRef;
  }

  /** The functions a knowledge requirement puts in scope: BKMs and decision services, by name. */
  private knowledgeVars(ids: string[]): Map<string, unknown> {
    const vars = new Map<string, unknown>();
    for (const id of ids) {
      const n = this.byId.get(id);
      if (n?.kind === 'bkm') vars.set(n.def.name, this.bkmFns.get(id));
      else if (n?.kind === 'service') vars.set(n.def.name, this.serviceFn(n.def));
    }
    return vars;
  }

  /** An input data value: JSON strings become dates, times and durations where the typeRef says so. */
  private inputValue(run: Run, n: { name: string; typeRef: string | null; line: number }, ctx: EvalContext): unknown {
    const raw = run.input[n.name];
    return ctx.within(n.name, n.line, () => this.types.coerce(this.fromJson(raw, n.typeRef), n.typeRef, ctx, `input '${n.name}'`));
  }

  private fromJson(v: unknown, typeRef: string | null): unknown {
    if (v === undefined) return null;
    if (typeof v !== 'string' || !typeRef) return v;
    const t = this.types.typeNamed(typeRef);
    const base = t.kind === 'builtin' ? t.name : t.kind === 'named' ? this.model.items.get(localName(typeRef))?.typeRef : null;
    switch (base && localName(base)) {
      case 'date': return parseDate(v) ?? v;
      case 'time': return parseTime(v) ?? v;
      case 'date and time': case 'dateTime': return parseDateTime(v) ?? v;
      case 'days and time duration': case 'years and months duration': case 'dayTimeDuration': case 'yearMonthDuration': return parseDuration(v) ?? v;
    }
    return v;
  }

  evalDecision(run: Run, id: string, ctx: EvalContext, stack: string[] = []): unknown {
    if (run.cache.has(id)) return run.cache.get(id);
    const node = this.byId.get(id);
    if (!node || node.kind !== 'decision') return null;
    const d = node.def;
    if (run.given.has(id)) {
      const v = ctx.within(d.name, d.line, () => this.types.coerce(this.fromJson(run.input[d.name], d.typeRef), d.typeRef, ctx, `input decision '${d.name}'`));
      run.cache.set(id, v);
      return v;
    }
    if (stack.includes(id)) throw new DmnError('dmn-model-invalid', `decision '${d.name}' depends on itself`, { element: d.name, line: d.line });
    const vars = new Map<string, unknown>();
    for (const rid of d.requires.inputs) {
      const n = this.byId.get(rid);
      if (n?.kind === 'input') vars.set(n.name, this.inputValue(run, n, ctx));
    }
    for (const rid of d.requires.decisions) vars.set(this.nameOf(rid), this.evalDecision(run, rid, ctx, [...stack, id]));
    const scope = new Scope(vars, new Scope(this.knowledgeVars(d.requires.knowledge), null, ctx), ctx);
    const before = ctx.errors;
    const v = ctx.within(d.name, d.line, () => this.types.coerce(this.decisionEval.get(id)!(scope), d.typeRef, ctx, 'the result'));
    if (ctx.errors > before && ctx instanceof DmnTrace) ctx.failed.add(id);
    run.cache.set(id, v);
    return v;
  }

  /**
   * A decision service as a function (DMN 1.3 §10.4): its parameters are the input data,
   * then the input decisions, in the order the service lists them; it evaluates its output
   * decisions in a run of its own.
   */
  private readonly serviceFns = new Map<string, FeelFunction>();
  private serviceFn(s: ServiceDef): FeelFunction {
    let f = this.serviceFns.get(s.id);
    if (!f) this.serviceFns.set(s.id, (f = this.serviceFunction(s)));
    return f;
  }

  private serviceFunction(s: ServiceDef): FeelFunction {
    const inputIds = this.serviceInputs(s);
    const params = inputIds.map((id) => {
      const n = this.byId.get(id);
      const typeRef = n?.kind === 'input' ? n.typeRef : n?.kind === 'decision' ? n.def.typeRef : null;
      return { name: this.nameOf(id), ...(typeRef && this.types.typeCheck ? { type: this.types.typeNamed(typeRef) } : {}) };
    });
    return new FeelFunction(params, (args, ctx) => {
      const input: Record<string, unknown> = {};
      inputIds.forEach((id, i) => (input[this.nameOf(id)] = args[i] ?? null));
      return this.evalService(s, input, ctx);
    }, s.name, null, this.types.resolve);
  }

  serviceInputs(s: ServiceDef): string[] {
    return [...s.inputData, ...s.inputDecisions];
  }

  /** Evaluates a decision service: its input decisions take their values from `input` (by name). */
  evalService(s: ServiceDef, input: Record<string, unknown>, ctx: EvalContext, run = newRun(input)): unknown {
    for (const id of s.inputDecisions) run.given.add(id);
    const outs = s.outputDecisions.map((id) => [this.nameOf(id), this.evalDecision(run, id, ctx)] as const);
    const r = outs.length === 1 ? outs[0]![1] : Object.fromEntries(outs);
    const v = ctx.within(s.name, s.line, () => this.types.coerce(r, this.resultType(s.typeRef), ctx, 'the result of the decision service'));
    // One output decision is the service's result: what the service's type makes of it is its value.
    if (outs.length === 1) run.cache.set(s.outputDecisions[0]!, v);
    return v;
  }

  /** Input data names a decision or service needs, directly or through other decisions. */
  inputsOf(id: string, seen = new Set<string>()): string[] {
    if (seen.has(id)) return [];
    seen.add(id);
    const n = this.byId.get(id);
    if (!n) return [];
    if (n.kind === 'input') return [n.name];
    if (n.kind === 'decision') return [...new Set([...n.def.requires.inputs, ...n.def.requires.decisions].flatMap((r) => this.inputsOf(r, seen)))];
    if (n.kind === 'service') return this.serviceInputs(n.def).map((i) => this.nameOf(i));
    return [];
  }
}
