/** A problem found while evaluating: where (the decision, BKM or element) and what. */
export interface DmnMessage {
  level: 'warning' | 'error';
  /** The decision, BKM or element the message is about. */
  element: string;
  text: string;
  /** 1-based line in the DMN XML of that element, where known. */
  line?: number;
}

/** How deep FEEL and BKM calls may nest before the evaluation is stopped as runaway recursion. */
export const MAX_CALL_DEPTH = 400;

/**
 * What one evaluation collects on its way: messages, and the element being evaluated so
 * each message says where. Passed along with the scope (never kept in a module variable),
 * so nested and concurrent evaluations each keep their own.
 */
export class EvalContext {
  readonly messages: DmnMessage[] = [];
  /** Count of error-level messages: a null result with errors is a failed evaluation. */
  errors = 0;
  element = '';
  line: number | undefined = undefined;
  /** Current nesting of function calls, against MAX_CALL_DEPTH. */
  depth = 0;

  error(text: string): null {
    this.errors++;
    this.messages.push(this.message('error', text));
    return null;
  }
  /** An error of another element than the one being evaluated (an input data, say). */
  errorAt(element: string, line: number | undefined, text: string): null {
    this.errors++;
    this.messages.push(line === undefined ? { level: 'error', element, text } : { level: 'error', element, text, line });
    return null;
  }
  warn(text: string): void {
    this.messages.push(this.message('warning', text));
  }
  /** Runs `f` with `element` (and its line) as the place messages are reported at. */
  within<T>(element: string, line: number | undefined, f: () => T): T {
    const [e, l] = [this.element, this.line];
    this.element = element;
    this.line = line;
    try {
      return f();
    } finally {
      this.element = e;
      this.line = l;
    }
  }
  private message(level: DmnMessage['level'], text: string): DmnMessage {
    return this.line === undefined ? { level, element: this.element, text } : { level, element: this.element, text, line: this.line };
  }
}

/** The context of evaluations nobody follows (a bare compiled expression): it keeps nothing. */
class Discarding extends EvalContext {
  override error(): null {
    return null;
  }
  override errorAt(): null {
    return null;
  }
  override warn(): void {}
}

export const DISCARD: EvalContext = new Discarding();
