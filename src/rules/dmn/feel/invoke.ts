import { MAX_CALL_DEPTH, type EvalContext } from './context.js';
import { EvaluationAborted, FeelEvalError } from '../errors.js';
import { convertToType, NONCONFORMING, typeName } from './types.js';
import { FeelFunction, typeOf, type FunctionParam } from './values.js';

/** Positional arguments, or named ones (FEEL `f(a: 1, b: 2)`). */
export type Arguments = unknown[] | Map<string, unknown>;

const isStackOverflow = (e: unknown): boolean => e instanceof RangeError && /call stack/i.test(e.message);

/**
 * Calls a FEEL function: picks the overload that fits, binds named arguments to their
 * positions, converts each argument to its declared type (DMN 1.3 10.3.2.9.4: singleton
 * lists) and runs it. Arguments that do not fit are an evaluation error (null, reported
 * in `ctx`); so is an error the function raises.
 */
export function invokeFunction(fn: FeelFunction, args: Arguments, ctx: EvalContext): unknown {
  const target = fn.overloads ? pickOverload(fn.overloads, args) : fn;
  if (!target) return ctx.error(`${describe(fn)}: no form of it takes ${describeArgs(args)}`);
  const bound = bind(target, args, ctx);
  if (bound === null) return null;
  if (ctx.depth >= MAX_CALL_DEPTH) throw new EvaluationAborted(`calls nest deeper than ${MAX_CALL_DEPTH} levels (endless recursion?) in ${describe(fn)}`);
  ctx.depth++;
  try {
    const r = target.invoke(bound, ctx);
    return r === undefined ? null : r;
  } catch (e) {
    if (e instanceof FeelEvalError) return ctx.error(`${describe(fn)}: ${e.detail}`);
    if (isStackOverflow(e)) throw new EvaluationAborted(`calls nest too deeply (endless recursion?) in ${describe(fn)}`);
    throw e;
  } finally {
    ctx.depth--;
  }
}

const describe = (fn: FeelFunction): string => (fn.name === 'anonymous' ? 'function' : `'${fn.name}'`);
const describeArgs = (args: Arguments): string =>
  Array.isArray(args) ? `${args.length} argument${args.length === 1 ? '' : 's'}` : `the arguments ${[...args.keys()].map((k) => `'${k}'`).join(', ')}`;

const required = (params: FunctionParam[]): number => params.filter((p) => !p.optional).length;
const variadic = (params: FunctionParam[]): boolean => params.length > 0 && params[params.length - 1]!.variadic === true;

function fits(f: FeelFunction, args: Arguments): boolean {
  const ps = f.params;
  if (Array.isArray(args)) return args.length >= required(ps) && (variadic(ps) || args.length <= ps.length);
  return [...args.keys()].every((k) => ps.some((p) => p.name === k)) && ps.every((p) => p.optional || args.has(p.name));
}

/** The first overload whose arity (or names) fit and whose typed parameters accept the arguments. */
function pickOverload(overloads: FeelFunction[], args: Arguments): FeelFunction | undefined {
  const candidates = overloads.filter((o) => fits(o, args));
  return candidates.find((o) => argumentsConvert(o, args)) ?? candidates[0];
}

function argumentsConvert(f: FeelFunction, args: Arguments): boolean {
  return f.params.every((p, i) => {
    if (!p.type || p.variadic) return true;
    const v = Array.isArray(args) ? args[i] : args.get(p.name);
    return v === undefined || convertToType(v, p.type, f.resolve) !== NONCONFORMING;
  });
}

/** Positional arguments in parameter order, converted; null (reported) when they do not fit. */
function bind(f: FeelFunction, args: Arguments, ctx: EvalContext): unknown[] | null {
  const ps = f.params;
  let out: unknown[];
  if (Array.isArray(args)) {
    if (!variadic(ps) && args.length > ps.length) return ctx.error(`${describe(f)} takes at most ${ps.length} argument${ps.length === 1 ? '' : 's'}, got ${args.length}`);
    if (args.length < required(ps)) return ctx.error(`${describe(f)} needs ${required(ps)} argument${required(ps) === 1 ? '' : 's'}, got ${args.length}`);
    out = [...args];
  } else {
    for (const k of args.keys()) if (!ps.some((p) => p.name === k)) return ctx.error(`${describe(f)} has no parameter '${k}'`);
    // A named parameter left out is null (an optional one stays absent, so its default applies).
    out = ps.map((p) => (args.has(p.name) ? args.get(p.name) : p.optional ? undefined : null));
    while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  }
  for (let i = 0; i < ps.length && i < out.length; i++) {
    const p = ps[i]!;
    if (!p.type || p.variadic || out[i] === undefined) continue;
    const v = convertToType(out[i], p.type, f.resolve);
    if (v === NONCONFORMING) return ctx.error(`parameter '${p.name}' of ${describe(f)} must be ${typeName(p.type)}, got ${typeOf(out[i])}`);
    out[i] = v;
  }
  return out;
}
