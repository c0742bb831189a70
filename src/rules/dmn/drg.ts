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
import { FeelFunction, isContext } from './feel/values.js';
import type { BkmDef, DecisionDef, DmnModel, ServiceDef } from './model.js';
import { localName, type ModelTypes } from './typing.js';
import { childrenNamed } from './xml.js';

export type DrgNode =
  | { kind: 'decision'; def: DecisionDef }
  | { kind: 'input'; name: string; typeRef: string | null; line: number }
  | { kind: 'bkm'; def: BkmDef }
  | { kind: 'service'; def: ServiceDef };

/** One evaluation of one model: decision values so far, the input, and decisions whose values were given rather than evaluated. */
export interface Run {
  cache: Map<string, unknown>;
  input: Record<string, unknown>;
  /** Decisions a decision service takes as input: their values come from the input, not from their logic. */
  given: Set<string>;
  /** Runs of imported models, by namespace, shared by every model of the evaluation (an import reached twice is one model). */
  imported: Map<string, Run>;
  /** Input data of imported models, by namespace, as the caller gave them. */
  inputsByNamespace: Record<string, Record<string, unknown>>;
}

export const newRun = (input: Record<string, unknown>, inputsByNamespace: Record<string, Record<string, unknown>> = {}): Run =>
  ({ cache: new Map(), input, given: new Set(), imported: new Map(), inputsByNamespace });

/** An imported model: its DRG, and the name its elements go by here ('' for none). */
export interface Imported {
  name: string;
  drg: Drg;
}

/** Where a reference points: a node of this model or of an imported one (then `via` is the import). */
interface Resolved {
  drg: Drg;
  id: string;
  node: DrgNode;
  via: { namespace: string; name: string } | null;
}


export class Drg {
  readonly byId = new Map<string, DrgNode>();
  private readonly decisionEval = new Map<string, Evaluator>();
  private readonly bkmFns = new Map<string, FeelFunction>();

  constructor(
    readonly model: DmnModel,
    private readonly types: ModelTypes,
    /** Imported models by namespace. */
    private readonly imports: Map<string, Imported> = new Map(),
    /** Functions the host puts in scope of every expression, under the model's own names (CompileDmnOptions.functions). */
    private readonly host: Scope | null = null,
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

  /** A reference (`id`, or `namespace#id` of an imported model) to its node. */
  private resolve(key: string): Resolved {
    const hash = key.indexOf('#');
    if (hash > 0) {
      const ns = key.slice(0, hash);
      const imp = this.imports.get(ns);
      const id = key.slice(hash + 1);
      const node = imp?.drg.byId.get(id);
      if (!imp || !node) throw new DmnError('dmn-model-invalid', `reference to '${key}': ${imp ? 'no such element in the imported model' : 'no model with that namespace is imported'}`);
      return { drg: imp.drg, id, node, via: { namespace: ns, name: imp.name } };
    }
    const node = this.byId.get(key);
    if (!node) throw new DmnError('dmn-model-invalid', `reference to unknown element '#${key}'`);
    return { drg: this, id: key, node, via: null };
  }

  nameOf(key: string): string {
    const local = this.byId.get(key);
    if (local) return local.kind === 'input' ? local.name : local.def.name;
    const r = this.resolve(key);
    const name = r.node.kind === 'input' ? r.node.name : r.node.def.name;
    return r.via?.name ? `${r.via.name}.${name}` : name;
  }

  /** Puts a required element's value in scope: by its name, or inside the import's context (`Model B.Decision`). */
  private static bind(vars: Map<string, unknown>, r: Resolved, value: unknown): void {
    const name = r.node.kind === 'input' ? r.node.name : r.node.def.name;
    if (!r.via?.name) {
      vars.set(name, value);
      return;
    }
    const ctx = vars.get(r.via.name);
    vars.set(r.via.name, { ...(isContext(ctx) ? ctx : {}), [name]: value });
  }

  private namesFor(req: { decisions: string[]; inputs: string[]; knowledge: string[] }): Names {
    const names = new Map<string, unknown>();
    for (const key of [...req.decisions, ...req.inputs, ...req.knowledge]) {
      const r = this.resolve(key);
      Drg.bind(names, r, r.drg.types.structureOf(r.node.kind === 'input' ? r.node.typeRef : r.node.def.typeRef));
    }
    return Object.fromEntries(names);
  }

  /** The run of an imported model within `run`: its inputs by namespace, or under the import's name. */
  private runOf(run: Run, r: Resolved): Run {
    if (!r.via) return run;
    let sub = run.imported.get(r.via.namespace);
    if (!sub) {
      const nested = r.via.name ? run.input[r.via.name] : run.input;
      const input = { ...(isContext(nested) ? nested : {}), ...(run.inputsByNamespace[r.via.namespace] ?? {}) };
      sub = { ...newRun(input, run.inputsByNamespace), imported: run.imported };
      run.imported.set(r.via.namespace, sub);
    }
    return sub;
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
        const made = make ? make(new Scope(this.knowledgeVars([...b.requires.knowledge, b.id]), this.host)) : null;
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

  /** What a decision needs, resolved once: its inputs, decisions and knowledge (constant functions). */
  private readonly plans = new Map<string, { inputs: Resolved[]; decisions: Resolved[]; knowledge: Map<string, unknown> }>();
  private planOf(d: DecisionDef) {
    let plan = this.plans.get(d.id);
    if (!plan) {
      plan = { inputs: d.requires.inputs.map((k) => this.resolve(k)), decisions: d.requires.decisions.map((k) => this.resolve(k)), knowledge: this.knowledgeVars(d.requires.knowledge) };
      this.plans.set(d.id, plan);
    }
    return plan;
  }

  /** The functions a knowledge requirement puts in scope: BKMs and decision services, by name. */
  private knowledgeVars(keys: string[]): Map<string, unknown> {
    const vars = new Map<string, unknown>();
    for (const key of keys) {
      const r = this.resolve(key);
      if (r.node.kind === 'bkm') Drg.bind(vars, r, r.drg.bkmFns.get(r.id));
      else if (r.node.kind === 'service') Drg.bind(vars, r, r.drg.serviceFn(r.node.def));
    }
    return vars;
  }

  /** An input data value: JSON strings become dates, times and durations where the typeRef says so. */
  private inputValue(run: Run, n: { name: string; typeRef: string | null; line: number }, ctx: EvalContext): unknown {
    const raw = run.input[n.name];
    return this.types.coerce(this.fromJson(raw, n.typeRef), n.typeRef, ctx, `input '${n.name}'`, n);
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
      const v = this.types.coerce(this.fromJson(run.input[d.name], d.typeRef), d.typeRef, ctx, `input decision '${d.name}'`, d);
      run.cache.set(id, v);
      return v;
    }
    if (stack.includes(id)) throw new DmnError('dmn-model-invalid', `decision '${d.name}' depends on itself`, { element: d.name, line: d.line });
    const plan = this.planOf(d);
    // One map, so an import's decisions and its BKMs share its name (`lib.b`, `lib.double`).
    const vars = new Map(plan.knowledge);
    for (const r of plan.inputs) {
      if (r.node.kind === 'input') Drg.bind(vars, r, r.drg.inputValue(this.runOf(run, r), r.node, ctx));
    }
    for (const r of plan.decisions) Drg.bind(vars, r, r.via ? r.drg.evalDecision(this.runOf(run, r), r.id, ctx) : this.evalDecision(run, r.id, ctx, [...stack, id]));
    const scope = new Scope(vars, this.host, ctx);
    // Messages raised from here on are this decision's (saved and restored by hand: this is the hot path).
    const [element, line] = [ctx.element, ctx.line];
    ctx.element = d.name;
    ctx.line = d.line;
    let v: unknown;
    try {
      v = this.types.coerce(this.decisionEval.get(id)!(scope), d.typeRef, ctx, 'the result');
    } finally {
      ctx.element = element;
      ctx.line = line;
    }
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
    if (id.includes('#')) {
      const r = this.resolve(id);
      return r.drg.inputsOf(r.id).map((n) => (r.via?.name ? `${r.via.name}.${n}` : n));
    }
    const n = this.byId.get(id);
    if (!n) return [];
    if (n.kind === 'input') return [n.name];
    if (n.kind === 'decision') return [...new Set([...n.def.requires.inputs, ...n.def.requires.decisions].flatMap((r) => this.inputsOf(r, seen)))];
    if (n.kind === 'service') return this.serviceInputs(n.def).map((i) => this.nameOf(i));
    return [];
  }
}
