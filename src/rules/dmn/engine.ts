import { compileDecisionTable, type EvalTrace, type FiredRule } from './decision-table.js';
import { at, DmnError } from './errors.js';
import { compileExpression, compileUnaryTests, normalizeName, type CompileOptions, type Evaluator } from './feel/compile.js';
import { invokeFunction } from './feel/invoke.js';
import { Scope } from './feel/scope.js';
import { conforms, typeFromName, type TypeResolver } from './feel/types.js';
import { parseDate, parseDateTime, parseDuration, parseTime } from './feel/temporal.js';
import { FeelFunction, isContext, type FunctionParam } from './feel/values.js';
import { expressionChild, readDmn, type BkmDef, type DecisionDef, type DmnModel, type ItemDefinition, type ServiceDef } from './model.js';
import { child, childrenNamed, type XmlElement } from './xml.js';

export type { FiredRule };

export interface DmnMessage {
  level: 'warning' | 'error';
  /** The decision, BKM or element the message is about. */
  element: string;
  text: string;
}

export interface EvaluationResult {
  decision: string;
  result: unknown;
  /** Every decision evaluated on the way, by name. */
  results: Record<string, unknown>;
  /** Rules that fired, per decision table (by decision name). */
  firedRules: Record<string, FiredRule[]>;
  messages: DmnMessage[];
}

export interface DecisionInfo {
  id: string;
  name: string;
  kind: 'decision' | 'decisionService';
  typeRef: string | null;
  /** Input data this decision needs, directly or through other decisions. */
  inputs: string[];
}

export interface CompiledModel {
  readonly name: string;
  readonly namespace: string;
  readonly dmnVersion: string;
  listDecisions(): DecisionInfo[];
  listInputs(): { id: string; name: string; typeRef: string | null }[];
  evaluate(decisionNameOrId: string, input?: Record<string, unknown>): EvaluationResult;
  /** The parsed model, for readers of extension elements (STTR). */
  readonly model: DmnModel;
}

export interface CompileDmnOptions {
  /** Apply typeRef checks/coercion on inputs and decision results (default true). */
  typeCheck?: boolean;
}

/** The trace of the evaluation running now; evaluation is synchronous, so one slot is enough. */
let currentTrace: EvalTrace | null = null;
const trace = (): EvalTrace => (currentTrace ??= { fired: new Map(), messages: [] });

type Node = { kind: 'decision'; def: DecisionDef } | { kind: 'input'; name: string; typeRef: string | null } | { kind: 'bkm'; def: BkmDef } | { kind: 'service'; def: ServiceDef };

/** Compiles a DMN 1.1–1.5 document: parses XML and every FEEL text once, checking them. */
export function compileDmn(xml: string, opts: CompileDmnOptions = {}): CompiledModel {
  const model = readDmn(xml);
  const typeCheck = opts.typeCheck ?? true;
  const byId = new Map<string, Node>();
  for (const d of model.decisions) byId.set(d.id, { kind: 'decision', def: d });
  for (const i of model.inputs) byId.set(i.id, { kind: 'input', name: i.name, typeRef: i.typeRef });
  for (const b of model.bkms) byId.set(b.id, { kind: 'bkm', def: b });
  for (const s of model.services) byId.set(s.id, { kind: 'service', def: s });
  const nameOf = (id: string): string => {
    const n = byId.get(id);
    if (!n) throw new DmnError('dmn-model-invalid', `reference to unknown element '#${id}'`);
    return n.kind === 'input' ? n.name : n.def.name;
  };

  // ---- types ----
  const checkers = new Map<string, (v: unknown) => boolean>();
  const localName = (t: string): string => (t.includes(':') && !t.startsWith('feel:') ? t.slice(t.indexOf(':') + 1) : t.replace(/^feel:/, ''));
  const resolveType: TypeResolver = (name) => {
    const key = localName(name);
    const cached = checkers.get(key);
    if (cached) return cached;
    const item = model.items.get(key);
    if (!item) return undefined;
    const check = itemChecker(item);
    checkers.set(key, check);
    return check;
  };
  function typeCheckerFor(typeRef: string): (v: unknown) => boolean {
    const t = typeFromName(localName(typeRef));
    if (t.kind === 'named') return resolveType(typeRef) ?? (() => true);
    return (v) => conforms(v, t, resolveType);
  }
  function itemChecker(item: ItemDefinition): (v: unknown) => boolean {
    const base = itemBaseChecker(item);
    if (!item.isCollection) return base;
    return (v) => Array.isArray(v) && v.every((x) => x === null || base(x));
  }
  function itemBaseChecker(item: ItemDefinition): (v: unknown) => boolean {
    if (item.isFunction) return (v) => v instanceof FeelFunction;
    let base: (v: unknown) => boolean = () => true;
    if (item.components.length) {
      const comps = item.components.map((c) => [c.name, itemChecker(c)] as const);
      base = (v) => isContext(v) && comps.every(([k, ch]) => !(k in v) || v[k] === null || ch(v[k]));
    } else if (item.typeRef) {
      base = typeCheckerFor(item.typeRef);
    }
    if (item.allowedValues !== null) {
      const allowed = at(`allowed values of item definition '${item.name}'`, item.line, item.name, () => compileUnaryTests(item.allowedValues!));
      const b = base;
      const empty = new Scope(new Map());
      return (v) => b(v) && (v === null || allowed(v, empty) === true);
    }
    return base;
  }
  const isCollectionType = (typeRef: string): boolean => {
    const it = model.items.get(localName(typeRef));
    return !!it?.isCollection;
  };
  /** DMN 1.3+ conversion: wrong type → null; singleton list ↔ element where the type says so. */
  function coerce(v: unknown, typeRef: string | null, element: string): unknown {
    if (!typeCheck || v === null || v === undefined || !typeRef) return v ?? null;
    const check = typeCheckerFor(typeRef);
    if (check(v)) return v;
    if (Array.isArray(v) && v.length === 1 && check(v[0])) return v[0];
    if (!Array.isArray(v) && isCollectionType(typeRef) && check([v])) return [v];
    trace().messages.push({ level: 'warning', element, text: `value does not conform to type '${typeRef}', using null` });
    return null;
  }

  /** Parser name hints: nested item components let paths like `Applicant.Monthly Income` parse. */
  function structureOf(typeRef: string | null, depth = 0): unknown {
    if (!typeRef || depth > 5) return 1;
    const it = model.items.get(localName(typeRef));
    if (!it || !it.components.length) return it?.typeRef ? structureOf(it.typeRef, depth + 1) : 1;
    const o: Record<string, unknown> = {};
    for (const c of it.components) o[c.name] = c.components.length ? structureOf(null, depth + 1) || 1 : structureOf(c.typeRef, depth + 1);
    return o;
  }
  function namesFor(req: { decisions: string[]; inputs: string[]; knowledge: string[] }): Record<string, unknown> {
    const names: Record<string, unknown> = {};
    for (const id of [...req.decisions, ...req.inputs, ...req.knowledge]) {
      const n = byId.get(id);
      if (!n) continue;
      const tr = n.kind === 'input' ? n.typeRef : n.def.typeRef;
      names[nameOf(id)] = structureOf(tr);
    }
    return names;
  }

  // ---- boxed expressions ----
  const copts = (names: Record<string, unknown>): CompileOptions => ({ names, resolveType });

  function compileBoxed(el: XmlElement | null, owner: string, names: Record<string, unknown>, what: string): Evaluator {
    if (!el) return () => null;
    switch (el.name) {
      case 'literalExpression': {
        const src = child(el, 'text')?.text ?? '';
        return at(`${what} of '${owner}'`, el.line, owner, () => compileExpression(src, copts(names)));
      }
      case 'decisionTable': {
        const table = compileDecisionTable(el, owner, copts(names));
        return (s) => table.evaluate(s, trace());
      }
      case 'context': {
        const entries: { name: string | null; typeRef: string | null; ev: Evaluator }[] = [];
        const inner = { ...names };
        for (const ce of childrenNamed(el, 'contextEntry')) {
          const v = child(ce, 'variable');
          const name = v?.attrs.name ?? null;
          const ev = compileBoxed(expressionChild(ce), owner, inner, name ? `context entry '${name}'` : 'context result');
          entries.push({ name, typeRef: v?.attrs.typeRef ?? null, ev });
          if (name) inner[name] = structureOf(v?.attrs.typeRef ?? null);
        }
        return (s) => {
          const vars = new Map<string, unknown>();
          const sc = s.child(vars);
          const out: Record<string, unknown> = {};
          for (const e of entries) {
            const val = coerce(e.ev(sc), e.typeRef, owner);
            if (e.name === null) return val;
            out[e.name] = val;
            vars.set(e.name, val);
          }
          return out;
        };
      }
      case 'relation': {
        const cols = childrenNamed(el, 'column').map((c) => c.attrs.name ?? '');
        const rows = childrenNamed(el, 'row').map((r, i) =>
          r.children.filter((c) => expressionChild({ ...r, children: [c] })).map((c) => compileBoxed(c, owner, names, `row ${i + 1}`)));
        return (s) => rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ? r[i]!(s) : null])));
      }
      case 'list': {
        const items = el.children.filter((c) => expressionChild({ ...el, children: [c] })).map((c, i) => compileBoxed(c, owner, names, `list item ${i + 1}`));
        return (s) => items.map((i) => i(s));
      }
      case 'invocation': {
        const calleeEl = expressionChild(el);
        const calleeName = normalizeName(calleeEl ? (child(calleeEl, 'text')?.text ?? '') : '');
        const callee = at(`invocation in '${owner}'`, el.line, owner, () => compileExpression(calleeName, copts(names)));
        const bindings = childrenNamed(el, 'binding').map((b) => ({
          name: child(b, 'parameter')?.attrs.name ?? '',
          ev: compileBoxed(expressionChild(b), owner, names, `binding '${child(b, 'parameter')?.attrs.name}'`),
        }));
        return (s) => {
          const fn = callee(s);
          if (!(fn instanceof FeelFunction)) {
            trace().messages.push({ level: 'error', element: owner, text: `'${calleeName}' is not a function` });
            return null;
          }
          const args = new Map<string, unknown>();
          for (const b of bindings) args.set(b.name, b.ev(s));
          for (const p of fn.params) if (!args.has(p.name)) args.set(p.name, null);
          return invokeFunction(fn, null, args);
        };
      }
      case 'functionDefinition':
        return compileFunctionDef(el, owner, names);
      case 'conditional': {
        const part = (n: string) => {
          const p = child(el, n);
          return compileBoxed(p ? expressionChild(p) : null, owner, names, n);
        };
        const [c, t, e] = [part('if'), part('then'), part('else')];
        return (s) => (c(s) === true ? t(s) : e(s));
      }
      case 'filter': {
        const inP = child(el, 'in');
        const mP = child(el, 'match');
        const list = compileBoxed(inP ? expressionChild(inP) : null, owner, names, 'filter in');
        const match = compileBoxed(mP ? expressionChild(mP) : null, owner, { ...names, item: 1 }, 'filter match');
        return (s) => {
          const l = list(s);
          if (!Array.isArray(l)) return null;
          return l.filter((item) => {
            const vars = new Map<string, unknown>(isContext(item) ? Object.entries(item) : []);
            vars.set('item', item);
            return match(s.child(vars)) === true;
          });
        };
      }
      case 'for':
      case 'every':
      case 'some': {
        const v = el.attrs.iteratorVariable ?? 'item';
        const inP = child(el, 'in');
        const bodyP = child(el, el.name === 'for' ? 'return' : 'satisfies');
        const list = compileBoxed(inP ? expressionChild(inP) : null, owner, names, `${el.name} in`);
        const body = compileBoxed(bodyP ? expressionChild(bodyP) : null, owner, { ...names, [v]: 1, partial: 1 }, `${el.name} body`);
        const kind = el.name;
        return (s) => {
          const l = list(s);
          if (!Array.isArray(l)) return null;
          const out: unknown[] = [];
          const vars = new Map<string, unknown>([['partial', out]]);
          const sc = s.child(vars);
          for (const x of l) {
            vars.set(v, x);
            const r = body(sc);
            if (kind === 'every' && r !== true) return false;
            if (kind === 'some' && r === true) return true;
            out.push(r);
          }
          return kind === 'for' ? out : kind === 'every';
        };
      }
    }
    throw new DmnError('dmn-model-invalid', `unsupported expression <${el.name}> in '${owner}'`, { element: owner, line: el.line });
  }

  function compileFunctionDef(el: XmlElement, owner: string, names: Record<string, unknown>): Evaluator {
    const params = childrenNamed(el, 'formalParameter').map((p) => ({ name: p.attrs.name ?? '', typeRef: p.attrs.typeRef ?? null }));
    const kind = (el.attrs.kind ?? 'FEEL').toUpperCase();
    const inner = { ...names };
    for (const p of params) inner[p.name] = structureOf(p.typeRef);
    const body = compileBoxed(expressionChild(el), owner, inner, 'function body');
    const fparams: FunctionParam[] = params.map((p) => ({ name: p.name, type: p.typeRef ?? undefined }));
    if (kind === 'JAVA') {
      return (s) => {
        const spec = body(s);
        const wrapped = compileExpression('function(x) external spec')(Scope.of({ spec: isContext(spec) ? { java: spec } : spec }));
        if (!(wrapped instanceof FeelFunction)) return null;
        return new FeelFunction(fparams, (args) => wrapped.invoke(args), owner);
      };
    }
    if (kind !== 'FEEL') return () => null;
    return (s) =>
      new FeelFunction(fparams, (args) => {
        const vars = new Map<string, unknown>();
        params.forEach((p, i) => vars.set(p.name, coerce(args[i] ?? null, p.typeRef, owner)));
        return body(s.child(vars));
      }, owner);
  }

  // ---- DRG ----
  const bkmFns = new Map<string, FeelFunction>();
  const bkmScopes = new Map<string, () => Scope>();
  for (const b of model.bkms) {
    const names = namesFor(b.requires);
    const logic = b.logic;
    const makeFn = logic ? compileFunctionDef(logic, b.name, names) : () => null;
    let fn: FeelFunction | null = null;
    // BKMs only see other BKMs, so their function values are fixed: build once, lazily (they may be recursive).
    bkmScopes.set(b.id, () => knowledgeScope(b.requires.knowledge));
    const resultType = b.typeRef;
    const stub = new FeelFunction(
      logic ? childrenNamed(logic, 'formalParameter').map((p) => ({ name: p.attrs.name ?? '' })) : [],
      (args) => {
        fn ??= makeFn(bkmScopes.get(b.id)!()) as FeelFunction | null;
        if (!fn) return null;
        return coerce(fn.invoke(args), resultType, b.name);
      },
      b.name,
    );
    bkmFns.set(b.id, stub);
  }
  function knowledgeScope(ids: string[]): Scope {
    const vars = new Map<string, unknown>();
    for (const id of ids) {
      const n = byId.get(id);
      if (n?.kind === 'bkm') vars.set(n.def.name, bkmFns.get(id));
      else if (n?.kind === 'service') vars.set(n.def.name, serviceFunction(n.def));
    }
    return new Scope(vars);
  }

  const decisionEval = new Map<string, Evaluator>();
  for (const d of model.decisions) {
    const names = namesFor(d.requires);
    decisionEval.set(d.id, compileBoxed(d.expression, d.name, names, 'expression'));
  }

  interface Run {
    cache: Map<string, unknown>;
    input: Record<string, unknown>;
  }
  function inputValue(run: Run, n: { name: string; typeRef: string | null }): unknown {
    const raw = run.input[n.name];
    return coerce(fromJson(raw, n.typeRef), n.typeRef, n.name);
  }
  function fromJson(v: unknown, typeRef: string | null): unknown {
    if (v === undefined) return null;
    if (typeof v !== 'string' || !typeRef) return v;
    const t = typeFromName(localName(typeRef));
    const base = t.kind === 'builtin' ? t.name : t.kind === 'named' ? model.items.get(localName(typeRef))?.typeRef : null;
    switch (base && localName(base)) {
      case 'date': return parseDate(v) ?? v;
      case 'time': return parseTime(v) ?? v;
      case 'date and time': case 'dateTime': return parseDateTime(v) ?? v;
      case 'days and time duration': case 'years and months duration': case 'dayTimeDuration': case 'yearMonthDuration': return parseDuration(v) ?? v;
    }
    return v;
  }
  function evalDecision(run: Run, id: string, stack: string[]): unknown {
    if (run.cache.has(id)) return run.cache.get(id);
    const node = byId.get(id);
    if (!node || node.kind !== 'decision') return null;
    const d = node.def;
    if (stack.includes(id)) throw new DmnError('dmn-model-invalid', `decision '${d.name}' depends on itself`, { element: d.name, line: d.line });
    const vars = new Map<string, unknown>();
    for (const rid of d.requires.inputs) {
      const n = byId.get(rid);
      if (n?.kind === 'input') vars.set(n.name, inputValue(run, n));
    }
    for (const rid of d.requires.decisions) vars.set(nameOf(rid), evalDecision(run, rid, [...stack, id]));
    const scope = new Scope(vars, knowledgeScope(d.requires.knowledge));
    const v = coerce(decisionEval.get(id)!(scope), d.typeRef, d.name);
    run.cache.set(id, v);
    return v;
  }

  function serviceFunction(s: ServiceDef): FeelFunction {
    const inputIds = [...s.inputDecisions, ...s.inputData];
    return new FeelFunction(inputIds.map((id) => ({ name: nameOf(id) })), (args) => {
      const run: Run = { cache: new Map(), input: {} };
      inputIds.forEach((id, i) => {
        const n = byId.get(id);
        if (n?.kind === 'input') run.input[n.name] = args[i] ?? null;
        else run.cache.set(id, args[i] ?? null);
      });
      return serviceOutputs(s, run);
    }, s.name);
  }
  function serviceOutputs(s: ServiceDef, run: Run): unknown {
    const outs = s.outputDecisions.map((id) => [nameOf(id), evalDecision(run, id, [])] as const);
    const r = outs.length === 1 ? outs[0]![1] : Object.fromEntries(outs);
    return coerce(r, s.typeRef, s.name);
  }

  const find = (key: string): Node | undefined =>
    byId.get(key) ?? [...byId.values()].find((n) => (n.kind === 'decision' || n.kind === 'service') && n.def.name === key);

  function inputsOf(id: string, seen = new Set<string>()): string[] {
    if (seen.has(id)) return [];
    seen.add(id);
    const n = byId.get(id);
    if (!n) return [];
    if (n.kind === 'input') return [n.name];
    if (n.kind === 'decision') return [...new Set([...n.def.requires.inputs, ...n.def.requires.decisions].flatMap((r) => inputsOf(r, seen)))];
    if (n.kind === 'service') return [...new Set([...n.def.inputData, ...n.def.outputDecisions].flatMap((r) => inputsOf(r, seen)))];
    return [];
  }

  return {
    name: model.name,
    namespace: model.namespace,
    dmnVersion: model.version,
    model,
    listDecisions: () => [
      ...model.decisions.map((d) => ({ id: d.id, name: d.name, kind: 'decision' as const, typeRef: d.typeRef, inputs: inputsOf(d.id) })),
      ...model.services.map((s) => ({ id: s.id, name: s.name, kind: 'decisionService' as const, typeRef: s.typeRef, inputs: inputsOf(s.id) })),
    ],
    listInputs: () => model.inputs.map((i) => ({ id: i.id, name: i.name, typeRef: i.typeRef })),
    evaluate(key, input = {}) {
      const node = find(key);
      if (!node || (node.kind !== 'decision' && node.kind !== 'service')) {
        throw new DmnError('decision-not-found', `no decision or decision service '${key}' in model '${model.name}'`);
      }
      const outer = currentTrace;
      const t: EvalTrace = { fired: new Map(), messages: [] };
      currentTrace = t;
      try {
        const run: Run = { cache: new Map(), input };
        const result = node.kind === 'decision' ? evalDecision(run, node.def.id, []) : serviceOutputs(node.def, run);
        const results: Record<string, unknown> = {};
        for (const [id, v] of run.cache) results[nameOf(id)] = v;
        return {
          decision: node.def.name,
          result,
          results,
          firedRules: Object.fromEntries(t.fired),
          messages: t.messages,
        };
      } finally {
        currentTrace = outer;
      }
    },
  };
}
