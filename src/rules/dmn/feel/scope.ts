/** Variable scope chain; one Map per level so lookups stay cheap on the hot path. */
export class Scope {
  constructor(
    readonly vars: Map<string, unknown>,
    readonly parent: Scope | null = null,
  ) {}
  /** `undefined` means "no such name" (FEEL then yields null and a warning). */
  lookup(name: string): unknown {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }
  child(vars: Map<string, unknown> = new Map()): Scope {
    return new Scope(vars, this);
  }
  static of(obj: Record<string, unknown>, parent: Scope | null = null): Scope {
    return new Scope(new Map(Object.entries(obj)), parent);
  }
}
