import type { Question, RuleInfo, Step, Conversation } from '../sttr/index.js';
import type { Activity } from './activities.js';

/** A permit check as kept in the store: the conversation plus what the client needs to show. */
export interface PermitCheck {
  id: string;
  activityId: string;
  activity: string;
  status: 'open' | 'concluded';
  location: { lon: number; lat: number } | null;
  conversation: Conversation;
  answers: Array<{ questionId: string; question: string; value: unknown }>;
  step: StepView;
  createdAt: string;
  updatedAt: string;
}

export interface QuestionView {
  id: string;
  text: string;
  type: Question['type'];
  options: Question['options'];
  multiple: boolean;
  explanation: string | null;
  group: string | null;
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
    };

export const questionView = (q: Question): QuestionView => ({
  id: q.id,
  text: q.text,
  type: q.type,
  options: q.options,
  multiple: q.multiple,
  explanation: q.explanation,
  group: q.group?.name ?? null,
  geo: q.geo,
});

export function stepView(step: Step): StepView {
  if (step.kind === 'question') return { kind: 'question', question: questionView(step.question) };
  return {
    kind: 'conclusion',
    conclusion: step.conclusion,
    all: step.all,
    firedRules: step.firedRules.map((r) => ({ decision: r.decision, index: r.index, id: r.id, outputs: r.outputs, explanation: r.explanation, annotations: r.annotations })),
    provisos: step.provisos,
  };
}

export const activityView = (a: Activity) => ({ id: a.id, name: a.name, activity: a.activity, decisions: a.decisions, questions: a.questions });
