import { Scope } from '../dmn/index.js';
import type { Question, RuleInfo, SttrModel } from './model.js';

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
}

export interface QuestionStep {
  kind: 'question';
  question: Question;
}

export type Step = QuestionStep | ConclusionStep;

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
      const v = model.dmn.evaluate(d, c.answers).result;
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

/** The next question, or the conclusion when no open question can change the outcome. */
export function next(model: SttrModel, c: Conversation): Step {
  const relevant = relevantInputs(model, c);
  const q = model.questions.find((x) => relevant.has(x.input) && !(x.input in c.answers));
  if (q) return { kind: 'question', question: q };
  const r = model.dmn.evaluate(c.decision, c.answers);
  const fired: RuleInfo[] = Object.values(r.firedRules)
    .flat()
    .map((f) => (f.id ? model.ruleById.get(f.id) : undefined))
    .filter((x): x is RuleInfo => x !== undefined);
  const all = r.result;
  const list = Array.isArray(all) ? all : all === null ? [] : [all];
  const order = model.tables.get(c.decision)?.priority ?? [];
  const ranked = [...list].sort((a, b) => rank(order, a) - rank(order, b));
  const provisos = model.questions.filter((x) => x.fixed?.proviso && c.asked.includes(x.id)).map((x) => x.fixed!.proviso!);
  return { kind: 'conclusion', conclusion: (ranked[0] as string | undefined) ?? null, all, firedRules: fired, provisos };
}

const rank = (order: string[], v: unknown): number => {
  const i = order.indexOf(String(v));
  return i < 0 ? order.length : i;
};
