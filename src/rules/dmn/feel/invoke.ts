import { FeelFunction } from './values.js';

/** Calls a FEEL function with positional or named arguments; null when they do not fit. */
export function invokeFunction(fn: FeelFunction, positional: unknown[] | null, named: Map<string, unknown> | null): unknown {
  if (fn.overloads) {
    const pick = fn.overloads.find((o) =>
      positional
        ? positional.length >= o.params.filter((p) => !p.optional).length && (o.params.at(-1)?.variadic || positional.length <= o.params.length)
        : [...named!.keys()].every((k) => o.params.some((p) => p.name === k)) && o.params.every((p) => p.optional || named!.has(p.name)),
    );
    return pick ? invokeFunction(pick, positional, named) : null;
  }
  const params = fn.params;
  let args: unknown[];
  if (positional) {
    const variadic = params.length > 0 && params[params.length - 1]!.variadic;
    if (!variadic) {
      const required = params.filter((p) => !p.optional).length;
      if (positional.length < required || positional.length > params.length) return null;
    }
    args = positional;
  } else {
    args = [];
    for (const k of named!.keys()) if (!params.some((p) => p.name === k)) return null;
    let last = -1;
    params.forEach((p, i) => {
      if (named!.has(p.name)) {
        args[i] = named!.get(p.name);
        last = i;
      } else if (!p.optional) {
        args[i] = undefined;
      }
    });
    if (params.some((p, i) => !p.optional && args[i] === undefined && !named!.has(p.name))) return null;
    args.length = Math.max(last + 1, params.filter((p) => !p.optional).length);
    for (let i = 0; i < args.length; i++) if (args[i] === undefined) args[i] = null;
  }
  try {
    const r = fn.invoke(args);
    return r === undefined ? null : r;
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
