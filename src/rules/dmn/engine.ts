import { Drg, newRun, type Imported } from './drg.js';
import { DmnError, DmnEvaluationError, EvaluationAborted } from './errors.js';
import type { DmnMessage } from './feel/context.js';
import { readDmn, type DmnModel } from './model.js';
import { DmnTrace, type FiredRule } from './trace.js';
import { ModelTypes } from './typing.js';
import { Scope } from './feel/scope.js';
import type { FeelFunction } from './feel/values.js';

export type { DmnMessage, FiredRule };

export interface EvaluationResult {
  decision: string;
  result: unknown;
  /** Every decision evaluated on the way, by name. */
  results: Record<string, unknown>;
  /** Rules that fired, per decision table (by decision name). */
  firedRules: Record<string, FiredRule[]>;
  /** Warnings, and errors of decisions on the way whose failure did not make the result null. */
  messages: DmnMessage[];
}

export interface DecisionInfo {
  id: string;
  name: string;
  kind: 'decision' | 'decisionService';
  typeRef: string | null;
  /** Input data this decision needs, directly or through other decisions (a service: its parameters). */
  inputs: string[];
}

export interface CompiledModel {
  readonly name: string;
  readonly namespace: string;
  readonly dmnVersion: string;
  listDecisions(): DecisionInfo[];
  listInputs(): { id: string; name: string; typeRef: string | null }[];
  /**
   * Evaluates a decision or decision service. When the result is null because of an
   * evaluation error (on the way or in the decision itself), throws DmnEvaluationError
   * naming what failed where: never a silent null.
   */
  evaluate(decisionNameOrId: string, input?: Record<string, unknown>, options?: EvaluateOptions): EvaluationResult;
  /** The parsed model, for readers of extension elements (STTR). */
  readonly model: DmnModel;
}

export interface CompileDmnOptions {
  /** Apply typeRef checks/coercion on inputs and decision results (default true). */
  typeCheck?: boolean;
  /**
   * The XML of a model this one imports (DMN `<import>`), by its namespace (and
   * locationURI, when the import gives one); undefined when there is none.
   */
  imports?: (namespace: string, locationURI: string | null) => string | undefined;
  /**
   * Functions the host offers every expression of the model (and of models it imports),
   * by name, e.g. an `invoke` that evaluates a decision of another loaded model. Model
   * names (requirements, BKMs) shadow them; they shadow the built-ins.
   */
  functions?: Record<string, FeelFunction>;
}

export interface EvaluateOptions {
  /** Input data of imported models, by model namespace (instead of under the import's name in `input`). */
  inputsByNamespace?: Record<string, Record<string, unknown>>;
}

interface Part {
  model: DmnModel;
  types: ModelTypes;
  drg: Drg;
}

/** Reads a model and, first, the models it imports (each namespace once; import cycles are refused). */
function build(xml: string, opts: CompileDmnOptions, built: Map<string, Part>, chain: string[]): Part {
  const model = readDmn(xml);
  const imports = new Map<string, Imported>();
  const importTypes = new Map<string, ModelTypes>();
  for (const imp of model.imports) {
    const where = { element: imp.name || imp.namespace };
    if ([...chain, model.namespace].includes(imp.namespace)) throw new DmnError('dmn-model-invalid', `model '${model.name}' imports '${imp.namespace}', which imports it back`, where);
    let part = built.get(imp.namespace);
    if (!part) {
      const text = opts.imports?.(imp.namespace, imp.locationURI);
      if (text === undefined) throw new DmnError('dmn-model-invalid', `model '${model.name}' imports namespace '${imp.namespace}' as '${imp.name}', but no such model was given`, where);
      part = build(text, opts, built, [...chain, model.namespace]);
      if (part.model.namespace !== imp.namespace) throw new DmnError('dmn-model-invalid', `the model given for '${imp.namespace}' has namespace '${part.model.namespace}'`, where);
      built.set(imp.namespace, part);
    }
    imports.set(imp.namespace, { name: imp.name, drg: part.drg });
    importTypes.set(imp.name, part.types);
  }
  const types = new ModelTypes(model, opts.typeCheck ?? true, importTypes);
  types.checkAll();
  const host = opts.functions ? new Scope(new Map(Object.entries(opts.functions))) : null;
  return { model, types, drg: new Drg(model, types, imports, host) };
}

/** Compiles a DMN 1.1–1.5 document (and the models it imports): parses XML and every FEEL text once, checking them. */
export function compileDmn(xml: string, opts: CompileDmnOptions = {}): CompiledModel {
  const { model, drg } = build(xml, opts, new Map(), []);
  const find = (key: string) =>
    drg.byId.get(key) ?? [...drg.byId.values()].find((n) => (n.kind === 'decision' || n.kind === 'service') && n.def.name === key);

  function evaluate(key: string, input: Record<string, unknown> = {}, options: EvaluateOptions = {}): EvaluationResult {
    const node = find(key);
    if (!node || (node.kind !== 'decision' && node.kind !== 'service')) {
      throw new DmnError('decision-not-found', `no decision or decision service '${key}' in model '${model.name}'`);
    }
    const trace = new DmnTrace();
    const run = newRun(input, options.inputsByNamespace);
    let result: unknown;
    try {
      result = node.kind === 'decision' ? drg.evalDecision(run, node.def.id, trace) : drg.evalService(node.def, input, trace, run);
    } catch (e) {
      if (e instanceof EvaluationAborted) trace.error(e.detail);
      else throw e;
      result = null;
    }
    const results: Record<string, unknown> = {};
    for (const [id, v] of run.cache) results[drg.nameOf(id)] = v;
    if (result === null && trace.errors > 0) {
      throw new DmnEvaluationError(node.def.name, trace.messages.filter((m) => m.level === 'error'), { results, messages: trace.messages });
    }
    return { decision: node.def.name, result, results, firedRules: Object.fromEntries(trace.fired), messages: trace.messages };
  }

  return {
    name: model.name,
    namespace: model.namespace,
    dmnVersion: model.version,
    model,
    listDecisions: () => [
      ...model.decisions.map((d) => ({ id: d.id, name: d.name, kind: 'decision' as const, typeRef: d.typeRef, inputs: drg.inputsOf(d.id) })),
      ...model.services.map((s) => ({ id: s.id, name: s.name, kind: 'decisionService' as const, typeRef: s.typeRef, inputs: drg.inputsOf(s.id) })),
    ],
    listInputs: () => model.inputs.map((i) => ({ id: i.id, name: i.name, typeRef: i.typeRef })),
    evaluate,
  };
}
