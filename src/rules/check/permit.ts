import type { Conversation, FailedStep, LocationFinding, Measure, Question, RuleInfo, Step } from '../sttr/index.js';
import type { Activity } from './activities.js';

export type CheckStatus = 'open' | 'concluded' | 'outside' | 'failed';

/** A permit check as kept in the store: the conversation plus what the client needs to show. */
export interface PermitCheck {
  id: string;
  activityId: string;
  activity: string;
  /** SHA-256 of the rule file the conversation runs on; answers are refused once the file is replaced. */
  rulesSha256: string;
  /**
   * open: a question waits; concluded: the rules decided; outside: the place lies outside
   * the area the rules cover, so they decide nothing; failed: the rules could not be evaluated.
   */
  status: CheckStatus;
  location: { lon: number; lat: number } | null;
  conversation: Conversation;
  answers: Array<{ questionId: string; question: string; value: unknown }>;
  step: StepView;
  createdAt: string;
  updatedAt: string;
  /** When the check is deleted unless answered again (24 hours after the last answer). */
  expiresAt: string;
}

export interface QuestionView {
  id: string;
  text: string;
  type: Question['type'];
  options: Question['options'];
  multiple: boolean;
  explanation: string | null;
  longExplanation: string | null;
  group: string | null;
  /** A location question (is the place inside the area the rules cover?), answered ja / nee / deels. */
  location: boolean;
  /** For a location question: the IMOW area it is about. */
  geo: string | null;
}

export type StepView =
  | { kind: 'question'; question: QuestionView }
  | {
      kind: 'conclusion';
      conclusion: string | null;
      all: unknown;
      firedRules: Array<Pick<RuleInfo, 'decision' | 'index' | 'id' | 'outputs' | 'explanation' | 'annotations'>>;
      provisos: string[];
      /** Location questions answered "deels": the conclusion holds only for the part inside their area. */
      partlyOutside: LocationFinding[];
      /** Measures the outcome names by id (e.g. "m0106"), with their texts. */
      measures: Measure[];
    }
  | {
      kind: 'outside';
      /** The location questions answered "nee": this check does not apply there; the competent authority or the Omgevingsloket does. */
      outside: LocationFinding[];
    }
  | { kind: 'failed'; errors: FailedStep['errors'] };

export const questionView = (q: Question): QuestionView => ({
  id: q.id,
  text: q.text,
  type: q.type,
  options: q.options,
  multiple: q.multiple,
  explanation: q.explanation,
  longExplanation: q.longExplanation,
  group: q.group?.name ?? null,
  location: q.location,
  geo: q.geo,
});

/** The check's status once it has reached `step`. */
export const statusOf = (step: Step): CheckStatus => (step.kind === 'question' ? 'open' : step.kind === 'conclusion' ? 'concluded' : step.kind);

export function stepView(step: Step): StepView {
  if (step.kind === 'question') return { kind: 'question', question: questionView(step.question) };
  if (step.kind === 'outside') return { kind: 'outside', outside: step.outside };
  if (step.kind === 'failed') return { kind: 'failed', errors: step.errors };
  return {
    kind: 'conclusion',
    conclusion: step.conclusion,
    all: step.all,
    firedRules: step.firedRules.map((r) => ({ decision: r.decision, index: r.index, id: r.id, outputs: r.outputs, explanation: r.explanation, annotations: r.annotations })),
    provisos: step.provisos,
    partlyOutside: step.partlyOutside,
    measures: step.measures,
  };
}

/** An activity as listed: what it asks about and where its rules come from (shipped, or imported by whom and when). */
export const activityView = (a: Activity) => ({
  id: a.id,
  name: a.name,
  activity: a.activity,
  decisions: a.decisions,
  questions: a.questions,
  source: a.source,
  sha256: a.sha256,
  ...(a.importedAt ? { importedAt: a.importedAt } : {}),
  ...(a.importedBy ? { importedBy: a.importedBy } : {}),
});
