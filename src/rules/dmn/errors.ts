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

/** Raised inside FEEL evaluation where the spec says "error" rather than null. */
export class FeelEvalError extends Error {
  readonly code = 'evaluation-failed' as const;
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'FeelEvalError';
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
