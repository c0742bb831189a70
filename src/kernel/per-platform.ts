import type { AppContext } from './capability.js';

/**
 * One `T` per running platform, made on first use: two platforms in one process (tests,
 * benchmarks) never share it, and it goes when the platform's context does.
 */
export function perPlatform<T>(make: (ctx: AppContext) => T): (ctx: AppContext) => T {
  const made = new WeakMap<AppContext, T>();
  return (ctx) => {
    if (!made.has(ctx)) made.set(ctx, make(ctx));
    return made.get(ctx)!;
  };
}
