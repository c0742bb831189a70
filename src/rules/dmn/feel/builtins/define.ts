import { FeelEvalError } from '../../errors.js';
import type { EvalContext } from '../context.js';
import { ANY, typeFromName } from '../types.js';
import { FeelFunction, type FunctionParam } from '../values.js';

// Implementations receive the converted arguments; `undefined` means an optional one was left out.
export type Impl = (...args: any[]) => unknown;

/**
 * Parameters written as `name: type`, with `?` after the name for an optional one and
 * `...` before it for a variadic one: `'start position: number'`, `'length?: number'`.
 * The invocation converts arguments to the type (singleton lists) or reports them.
 */
function params(spec: string[]): FunctionParam[] {
  return spec.map((s) => {
    const [rawName, rawType] = s.split(/:\s*/) as [string, string | undefined];
    const variadic = rawName.startsWith('...');
    const name = rawName.replace(/^\.\.\./, '').replace(/\?$/, '');
    const type = rawType ? typeFromName(rawType) : ANY;
    return { name, optional: rawName.endsWith('?') || variadic, variadic, ...(type.kind === 'any' ? {} : { type }) };
  });
}

export function builtin(name: string, spec: string[], impl: Impl): FeelFunction {
  return new FeelFunction(params(spec), (args) => impl(...args), name);
}

/** A built-in that calls back into FEEL (sort's precedes): it gets the caller's evaluation first. */
export function callback(name: string, spec: string[], impl: (ctx: EvalContext, ...args: any[]) => unknown): FeelFunction {
  return new FeelFunction(params(spec), (args, ctx) => impl(ctx, ...args), name);
}

/** A built-in with several signatures (date(from) and date(year, month, day)); the call picks by arity, names and types. */
export function overloaded(name: string, ...variants: ([string[], Impl] | FeelFunction)[]): FeelFunction {
  const overloads = variants.map((v) => (v instanceof FeelFunction ? v : builtin(name, v[0], v[1])));
  return new FeelFunction(overloads[0]!.params, overloads[0]!.invoke, name, overloads);
}

/** Raises the FEEL error the call reports (and answers null for). */
export const error = (detail: string): never => {
  throw new FeelEvalError(detail);
};

export const isNum = (v: unknown): v is number => typeof v === 'number';
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
