/** The permit-check API's answers, typed from the server's definitions (type-only). */
export type { PermitCheck, QuestionView, StepView } from '../../../../src/rules/check/permit.js';
export type { BrokenRule } from '../../../../src/rules/check/activities.js';

export interface ActivityView {
  id: string;
  name: string;
  activity: string;
  decisions: string[];
  questions: number;
  source: 'shipped' | 'imported';
  importedAt?: string;
  importedBy?: { kind: 'admin' } | { kind: 'organisation'; organisationId: string };
}

export interface ActivityList {
  items: ActivityView[];
  broken: Array<{ id: string; file: string; error: string }>;
}
