import { DmnError, DmnEvaluationError, Scope, type EvaluationResult } from '../dmn/index.js';
import { findingOf, LOCATION_ANSWERS, type LocationFinding } from './location.js';
import type { Measure, Question, RuleInfo, SttrModel } from './model.js';

/** The state of one conversation: immutable, so a UI can keep or replay it freely. */
export interface Conversation {
  decision: string;
  answers: Readonly<Record<string, unknown>>;
  /** Question ids answered, in order (fixed values included). */
  asked: readonly string[];
}

export interface ConclusionStep {
  kind: 'conclusion';
  /** The winning conclusion (highest in the table's output-value order), e.g. "Vergunningplicht". */
  conclusion: string | null;
  /** All conclusions the top table collected. */
  all: unknown;
  firedRules: RuleInfo[];
  /** Provisos of fixed values the conclusion rests on. */
  provisos: string[];
  /** Location questions answered "deels": the conclusion holds only for the part inside their area. */
  partlyOutside: LocationFinding[];
  /** The measures (maatregelen) the outcome names by id, with their texts. */
  measures: Measure[];
}

export interface QuestionStep {
  kind: 'question';
  question: Question;
}

/**
 * The place lies outside the area the rules cover (a location question answered "nee"):
 * the tree says nothing about it, whatever its tables would conclude.
 */
export interface OutsideStep {
  kind: 'outside';
  outside: LocationFinding[];
}

/** The engine could not evaluate the rules for these answers (e.g. a construct it does not support). */
export interface FailedStep {
  kind: 'failed';
  /** What the engine said, per element. */
  errors: Array<{ element: string; text: string }>;
}

export type Step = QuestionStep | ConclusionStep | OutsideStep | FailedStep;

export class SttrError extends Error {
  constructor(
    readonly code: 'sttr-no-such-question' | 'sttr-invalid-answer' | 'sttr-no-decision',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SttrError';
  }
}

/** Starts a conversation for a top decision (the activity's conclusion; default: the first). */
export function start(model: SttrModel, decision?: string): Conversation {
  const d = decision ?? model.topDecisions[0];
  if (!d || !model.requires.has(d)) throw new SttrError('sttr-no-decision', `no decision '${decision ?? ''}' in '${model.name}'`);
  return fillFixed(model, { decision: d, answers: {}, asked: [] });
}

function fillFixed(model: SttrModel, c: Conversation): Conversation {
  const answers = { ...c.answers };
  const asked = [...c.asked];
  for (const q of model.questions) {
    if (q.fixed && !(q.input in answers)) {
      answers[q.input] = q.fixed.value;
      asked.push(q.id);
    }
  }
  return { ...c, answers, asked };
}

/** Records an answer; validates it against the question's type and options. */
export function answer(model: SttrModel, c: Conversation, questionId: string, value: unknown): Conversation {
  const q = model.questions.find((x) => x.id === questionId);
  if (!q) throw new SttrError('sttr-no-such-question', `no question '${questionId}'`);
  const ok =
    (q.type === 'boolean' && typeof value === 'boolean') ||
    (q.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (q.type === 'string' && typeof value === 'string') ||
    (q.type === 'list' && (q.multiple ? Array.isArray(value) && value.every((v) => q.options.some((o) => o.text === v)) : q.options.some((o) => o.text === value))) ||
    (q.type === 'date' && typeof value === 'string');
  if (!ok) throw new SttrError('sttr-invalid-answer', `answer ${JSON.stringify(value)} does not fit question '${q.text}' (${q.type})`);
  return { ...c, answers: { ...c.answers, [q.input]: value }, asked: [...c.asked, q.id] };
}

const EMPTY = new Scope(new Map());

/**
 * Which inputs can still change the outcome: walk down from the decision through the
 * tables, keeping rules that known values do not rule out, and collect their unknown columns.
 */
function relevantInputs(model: SttrModel, c: Conversation): Set<string> {
  const known = new Map<string, unknown>(Object.entries(c.answers));
  const relevant = new Set<string>();
  const visited = new Set<string>();
  const decisionValue = (d: string): { known: boolean; value: unknown } => {
    if (known.has(d)) return { known: true, value: known.get(d) };
    if (!needsUnknown(d, new Set())) {
      const v = evaluate(model, d, c.answers).result;
      known.set(d, v);
      return { known: true, value: v };
    }
    return { known: false, value: null };
  };
  const needsUnknown = (d: string, seen: Set<string>): boolean => {
    if (seen.has(d)) return false;
    seen.add(d);
    const t = model.tables.get(d);
    if (!t) return false;
    return t.columns.some((col) => (model.tables.has(col) || model.requires.has(col) ? needsUnknown(col, seen) : !known.has(col)));
  };
  const visit = (d: string) => {
    if (visited.has(d)) return;
    visited.add(d);
    const t = model.tables.get(d);
    if (!t) return;
    const colVals = t.columns.map((col) => (model.requires.has(col) ? decisionValue(col) : { known: known.has(col), value: known.get(col) }));
    for (const r of t.rules) {
      const possible = r.tests.every((test, i) => !colVals[i]!.known || test(colVals[i]!.value ?? null, EMPTY) === true);
      if (!possible) continue;
      r.tests.forEach((_, i) => {
        const col = t.columns[i]!;
        if (colVals[i]!.known || r.wildcard[i]) return;
        if (model.requires.has(col)) visit(col);
        else relevant.add(col);
      });
    }
  };
  visit(c.decision);
  return relevant;
}

/** An engine failure while evaluating, carried out of the walk to become a FailedStep. */
class EvaluationFailed extends Error {
  constructor(readonly errors: FailedStep['errors']) {
    super(errors.map((e) => `${e.element}: ${e.text}`).join('; '));
  }
}

/** Evaluates a decision; an engine error (thrown, or reported as an error message) stops the conversation. */
function evaluate(model: SttrModel, decision: string, answers: Readonly<Record<string, unknown>>): EvaluationResult {
  let r: EvaluationResult;
  try {
    r = model.dmn.evaluate(decision, answers);
  } catch (e) {
    // The engine's evaluation error lists each error with the element it arose in.
    if (e instanceof DmnEvaluationError) throw new EvaluationFailed(e.errors.map((m) => ({ element: m.element, text: m.text })));
    if (e instanceof DmnError || (e instanceof Error && (e as { code?: unknown }).code === 'evaluation-failed')) {
      throw new EvaluationFailed([{ element: (e as DmnError).element ?? decision, text: e.message }]);
    }
    throw e;
  }
  const errors = r.messages.filter((m) => m.level === 'error').map((m) => ({ element: m.element, text: m.text }));
  if (errors.length > 0) throw new EvaluationFailed(errors);
  return r;
}

/**
 * The next step. Location questions come first and decide whether the tree applies: a
 * place outside its area ends the conversation as "outside", never with a conclusion of
 * the tables (which may read "nee" as "nothing to do"). Otherwise the next question that
 * can still change the outcome, or the conclusion.
 */
export function next(model: SttrModel, c: Conversation): Step {
  const locations = model.questions.filter((x) => x.location);
  const openLocation = locations.find((x) => !(x.input in c.answers));
  if (openLocation) return { kind: 'question', question: openLocation };
  const outside = locations.filter((x) => c.answers[x.input] === LOCATION_ANSWERS.outside);
  if (outside.length > 0) return { kind: 'outside', outside: outside.map(findingOf) };
  try {
    return decide(model, c, locations.filter((x) => c.answers[x.input] === LOCATION_ANSWERS.partly).map(findingOf));
  } catch (e) {
    if (e instanceof EvaluationFailed) return { kind: 'failed', errors: e.errors };
    throw e;
  }
}

function decide(model: SttrModel, c: Conversation, partlyOutside: LocationFinding[]): Step {
  const relevant = relevantInputs(model, c);
  const q = model.questions.find((x) => relevant.has(x.input) && !(x.input in c.answers));
  if (q) return { kind: 'question', question: q };
  const r = evaluate(model, c.decision, c.answers);
  const fired: RuleInfo[] = Object.values(r.firedRules)
    .flat()
    .map((f) => (f.id ? model.ruleById.get(f.id) : undefined))
    .filter((x): x is RuleInfo => x !== undefined);
  const all = r.result;
  const list = Array.isArray(all) ? all : all === null ? [] : [all];
  const order = model.tables.get(c.decision)?.priority ?? [];
  const ranked = [...list].sort((a, b) => rank(order, a) - rank(order, b));
  const provisos = model.questions.filter((x) => x.fixed?.proviso && c.asked.includes(x.id)).map((x) => x.fixed!.proviso!);
  return { kind: 'conclusion', conclusion: (ranked[0] as string | undefined) ?? null, all, firedRules: fired, provisos, partlyOutside, measures: measuresNamed(model, all) };
}

/** Measures whose id appears as a value anywhere in the outcome, in their order in the file. */
function measuresNamed(model: SttrModel, outcome: unknown): Measure[] {
  const named = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const id of v.split(/[\s,;]+/)) named.add(id);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(outcome);
  return [...model.measures.values()].filter((m) => named.has(m.id));
}

const rank = (order: string[], v: unknown): number => {
  const i = order.indexOf(String(v));
  return i < 0 ? order.length : i;
};
