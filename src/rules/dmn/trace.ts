import { EvalContext } from './feel/context.js';

export interface FiredRule {
  /** 1-based position in the table. */
  index: number;
  id: string | null;
  annotations: string[];
}

/** One evaluation of a model: FEEL's messages plus the rules that fired, per decision table. */
export class DmnTrace extends EvalContext {
  readonly fired = new Map<string, FiredRule[]>();
}
