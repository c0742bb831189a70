import type { FeelType, NamedType, TypeResolver } from './feel-type.js';
import { FeelFunction, FeelRange, isContext, typeOf } from './values.js';

export type { FeelType, NamedType, TypeResolver };

export const BUILTIN_TYPES = new Set([
  'number', 'string', 'boolean', 'date', 'time', 'date and time', 'days and time duration',
  'years and months duration', 'list', 'context', 'function', 'range', 'Null',
]);

const ALIASES: Record<string, string> = {
  dateTime: 'date and time',
  dayTimeDuration: 'days and time duration',
  yearMonthDuration: 'years and months duration',
};


export const ANY: FeelType = { kind: 'any' };

export function typeFromName(raw: string): FeelType {
  const name = raw.replace(/^feel:/, '').trim();
  if (name === 'Any') return ANY;
  const n = ALIASES[name] ?? name;
  if (BUILTIN_TYPES.has(n)) return { kind: 'builtin', name: n };
  return { kind: 'named', name: raw };
}

/**
 * FEEL `instance of`: null is an instance of Null only. Inside lists and contexts a null
 * entry conforms to any type (a context `{a: null}` is a `context<a: string>`).
 */
export function conforms(v: unknown, t: FeelType, resolve?: TypeResolver): boolean {
  if (v === null || v === undefined) return t.kind === 'builtin' && t.name === 'Null';
  switch (t.kind) {
    case 'any':
      return true;
    case 'builtin':
      return typeOf(v) === t.name;
    case 'list':
      return Array.isArray(v) && v.every((x) => x === null || conforms(x, t.of, resolve));
    case 'range':
      return v instanceof FeelRange && [v.start, v.end].every((x) => x === null || conforms(x, t.of, resolve));
    case 'context':
      return isContext(v) && t.entries.every(([k, et]) => k in v && (v[k] === null || conforms(v[k], et, resolve)));
    case 'function':
      return v instanceof FeelFunction && functionConforms(v, t, resolve);
    case 'named':
      return resolve?.(t.name)?.check(v) ?? false;
  }
}

/** Arity must match; declared parameter types must accept what the type promises (contravariance). */
function functionConforms(f: FeelFunction, t: { params: FeelType[]; ret: FeelType }, resolve?: TypeResolver): boolean {
  if (f.overloads) return f.overloads.some((o) => functionConforms(o, t, resolve));
  if (f.params.some((p) => p.variadic)) return true;
  if (f.params.length !== t.params.length) return false;
  return f.params.every((p, i) => !p.type || p.type.kind === 'any' || sameType(p.type, t.params[i]!));
}

function sameType(a: FeelType, b: FeelType): boolean {
  if (a.kind !== b.kind) return b.kind === 'any';
  switch (a.kind) {
    case 'builtin':
    case 'named':
      return a.name === (b as typeof a).name;
    case 'list':
    case 'range':
      return sameType(a.of, (b as typeof a).of);
    default:
      return true;
  }
}

/** Whether values of this type are lists (so a single value converts to a singleton list). */
export function isListType(t: FeelType, resolve?: TypeResolver): boolean {
  if (t.kind === 'list') return true;
  if (t.kind === 'builtin') return t.name === 'list';
  if (t.kind === 'named') return resolve?.(t.name)?.collection ?? false;
  return false;
}

/** Marks a value that does not conform to the target type, even after conversion. */
export const NONCONFORMING: unique symbol = Symbol('nonconforming');

/**
 * DMN 1.3+ type conversion (10.3.2.9.4): a conforming value as is, a singleton list to
 * its element where one value is expected, a value to a singleton list where a list is
 * expected; anything else does not conform. Null always passes.
 */
export function convert(v: unknown, check: (v: unknown) => boolean, listTarget: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (check(v)) return v;
  if (!listTarget && Array.isArray(v) && v.length === 1 && check(v[0])) return v[0];
  if (listTarget && !Array.isArray(v) && check([v])) return [v];
  return NONCONFORMING;
}

/** `convert` for a FEEL type. */
export function convertToType(v: unknown, t: FeelType, resolve?: TypeResolver): unknown {
  if (t.kind === 'any') return v ?? null;
  return convert(v, (x) => conforms(x, t, resolve), isListType(t, resolve));
}

/** How a type is written in FEEL, for messages. */
export function typeName(t: FeelType): string {
  switch (t.kind) {
    case 'any': return 'Any';
    case 'builtin': case 'named': return t.name;
    case 'list': return `list<${typeName(t.of)}>`;
    case 'range': return `range<${typeName(t.of)}>`;
    case 'context': return `context<${t.entries.map(([k, e]) => `${k}: ${typeName(e)}`).join(', ')}>`;
    case 'function': return `function<${t.params.map(typeName).join(', ')}> -> ${typeName(t.ret)}`;
  }
}
