import type { DmnMessage } from './feel/context.js';

/** Stable codes so callers (routes, CLI) can map an error without parsing its message. */
export type DmnErrorCode =
  | 'dmn-xml-invalid'
  | 'dmn-model-invalid'
  | 'feel-syntax'
  | 'feel-semantic'
  | 'decision-not-found'
  | 'evaluation-failed';

export interface DmnErrorInfo {
  /** Name of the decision/BKM/element the problem is in, where known. */
  element?: string;
  /** 1-based line in the DMN XML, where known. */
  line?: number;
}

export class DmnError extends Error {
  readonly element: string | undefined;
  readonly line: number | undefined;
  constructor(
    readonly code: DmnErrorCode,
    readonly detail: string,
    info: DmnErrorInfo = {},
  ) {
    super(info.line !== undefined ? `${detail} (line ${info.line})` : detail);
    this.name = 'DmnError';
    this.element = info.element;
    this.line = info.line;
  }
}

/**
 * A decision (or decision service) could not be evaluated: its result would be null
 * because of the errors listed, each naming the element (and line) it arose in.
 * `partial` holds what did evaluate, for a caller that wants to show it.
 */
export class DmnEvaluationError extends DmnError {
  constructor(
    readonly decision: string,
    readonly errors: DmnMessage[],
    readonly partial: { results: Record<string, unknown>; messages: DmnMessage[] },
  ) {
    const first = errors[0];
    const what = first ? `: ${first.element && first.element !== decision ? `in '${first.element}', ` : ''}${first.text}` : '';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    super('evaluation-failed', `decision '${decision}' cannot be evaluated${what}${more}`, {
      element: first?.element ?? decision,
      ...(first?.line !== undefined ? { line: first.line } : {}),
    });
    this.name = 'DmnEvaluationError';
  }
}

/** The only error FEEL parsing may throw; `offset` is into the expression text. */
export class FeelSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly offset: number,
  ) {
    super(detail);
    this.name = 'FeelSyntaxError';
  }
  readonly code = 'feel-syntax' as const;
}

/** Thrown by a built-in where the spec says "error": the call reports it and yields null. */
export class FeelEvalError extends Error {
  readonly code = 'evaluation-failed' as const;
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'FeelEvalError';
  }
}

/** Stops a whole evaluation (runaway recursion): nothing sensible can be returned from it. */
export class EvaluationAborted extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'EvaluationAborted';
  }
}

/** Runs `f`, wrapping a FEEL syntax error with where it is, so a broken model names its rule. */
export function at<T>(where: string, line: number, element: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FeelSyntaxError) throw new DmnError('feel-syntax', `${where} is broken: ${e.detail}`, { element, line });
    throw e;
  }
}
