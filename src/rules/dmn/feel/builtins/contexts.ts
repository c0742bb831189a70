import { isContext, type FeelFunction } from '../values.js';
import { builtin, error, isStr, overloaded } from './define.js';

function put(ctx: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const [k, ...rest] = keys;
  if (k === undefined) return error('keys must not be empty');
  if (rest.length === 0) return { ...ctx, [k]: value };
  const inner = ctx[k];
  if (!isContext(inner)) return error(`'${k}' is no context to put '${rest.join('.')}' into`);
  return { ...ctx, [k]: put(inner, rest, value) };
}

const keysOf = (k: unknown[]): string[] => (k.length && k.every(isStr) ? (k as string[]) : error('keys must be a non-empty list of strings'));

export const CONTEXT_FUNCTIONS: FeelFunction[] = [
  builtin('get value', ['m: context', 'key: string'], (m: Record<string, unknown> | null, k: string | null) => (m === null || k === null ? null : (m[k] ?? null))),
  builtin('get entries', ['m: context'], (m: Record<string, unknown> | null) => (m === null ? null : Object.entries(m).map(([key, value]) => ({ key, value })))),
  builtin('context', ['entries: list'], (l: unknown[] | null) => {
    if (l === null) return null;
    const out: Record<string, unknown> = {};
    for (const e of l) {
      if (!isContext(e) || !isStr(e.key) || !('value' in e)) return error('each entry must be a context {key: string, value: …}');
      if (e.key in out) return error(`the key '${e.key}' occurs twice`);
      out[e.key] = e.value;
    }
    return out;
  }),
  overloaded(
    'context put',
    [['context: context', 'key: string', 'value'], (c: Record<string, unknown> | null, k: string | null, v: unknown) => (c === null || k === null ? null : put(c, [k], v))],
    [['context: context', 'keys: list', 'value'], (c: Record<string, unknown> | null, k: unknown[] | null, v: unknown) => (c === null || k === null ? null : put(c, keysOf(k), v))],
  ),
  builtin('context merge', ['contexts: list'], (l: unknown[] | null) => {
    if (l === null) return null;
    if (!l.every(isContext)) return error('contexts must be a list of contexts');
    return Object.assign({}, ...l);
  }),
];
