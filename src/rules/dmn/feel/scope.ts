import { DISCARD, type EvalContext } from './context.js';

/** Variable scope chain; one Map per level so lookups stay cheap on the hot path. */
export class Scope {
  /** The evaluation this scope belongs to: where messages go. Children inherit it. */
  readonly ctx: EvalContext;
  constructor(
    readonly vars: Map<string, unknown>,
    readonly parent: Scope | null = null,
    ctx?: EvalContext,
  ) {
    this.ctx = ctx ?? parent?.ctx ?? DISCARD;
  }
  /** `undefined` means "no such name" (FEEL then yields null and a warning). */
  lookup(name: string): unknown {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }
  /** A nested scope; `ctx` replaces the evaluation (a function body runs in its caller's). */
  child(vars: Map<string, unknown> = new Map(), ctx?: EvalContext): Scope {
    return new Scope(vars, this, ctx ?? this.ctx);
  }
  static of(obj: Record<string, unknown>, parent: Scope | null = null, ctx?: EvalContext): Scope {
    return new Scope(new Map(Object.entries(obj)), parent, ctx);
  }
}
