import type { AppContext } from '../kernel/capability.js';

/**
 * Providers other capabilities plug in (processing records, traceability items). The
 * registry is per running platform, like the authenticator, so two platforms in one
 * process (tests) never see each other's sources. Built-in providers come first.
 */
export class SourceRegistry<S extends { name: string }> {
  private readonly added = new WeakMap<AppContext, S[]>();

  constructor(private readonly builtins: readonly S[]) {}

  /** Adds a source for this platform; a second source with the same name replaces the first. */
  add(ctx: AppContext, source: S): void {
    const list = (this.added.get(ctx) ?? []).filter((s) => s.name !== source.name);
    list.push(source);
    this.added.set(ctx, list);
  }

  list(ctx: AppContext): S[] {
    const extra = this.added.get(ctx) ?? [];
    return [...this.builtins.filter((b) => !extra.some((e) => e.name === b.name)), ...extra];
  }
}
