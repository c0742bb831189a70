import { FeelFunction, FeelRange, isContext, typeOf } from './values.js';

/** A FEEL type as written in `instance of`, function parameters or a typeRef. */
export type FeelType =
  | { kind: 'any' }
  | { kind: 'builtin'; name: string }
  | { kind: 'list'; of: FeelType }
  | { kind: 'range'; of: FeelType }
  | { kind: 'context'; entries: [string, FeelType][] }
  | { kind: 'function'; params: FeelType[]; ret: FeelType }
  /** An item definition or other named type resolved through the model. */
  | { kind: 'named'; name: string };

export const BUILTIN_TYPES = new Set([
  'number', 'string', 'boolean', 'date', 'time', 'date and time', 'dateTime', 'days and time duration',
  'dayTimeDuration', 'years and months duration', 'yearMonthDuration', 'list', 'context', 'function', 'range', 'Any', 'Null',
]);

const ALIASES: Record<string, string> = {
  dateTime: 'date and time',
  dayTimeDuration: 'days and time duration',
  yearMonthDuration: 'years and months duration',
};

/** Resolves a named (item definition) type to a checker; undefined when unknown. */
export type TypeResolver = (name: string) => ((v: unknown) => boolean) | undefined;

export function typeFromName(raw: string): FeelType {
  const name = raw.replace(/^feel:/, '').trim();
  if (name === 'Any') return { kind: 'any' };
  const n = ALIASES[name] ?? name;
  if (BUILTIN_TYPES.has(n)) return { kind: 'builtin', name: n };
  return { kind: 'named', name: raw };
}

/** FEEL `instance of`: null is an instance of Null only (and of Any). */
export function conforms(v: unknown, t: FeelType, resolve?: TypeResolver): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'builtin': {
      const actual = typeOf(v);
      if (t.name === 'Null') return actual === 'Null';
      return actual === t.name;
    }
    case 'list':
      return Array.isArray(v) && v.every((x) => conforms(x, t.of, resolve));
    case 'range':
      return v instanceof FeelRange && [v.start, v.end].every((x) => x === null || conforms(x, t.of, resolve));
    case 'context':
      return isContext(v) && t.entries.every(([k, et]) => k in v && conforms(v[k], et, resolve));
    case 'function':
      return v instanceof FeelFunction;
    case 'named': {
      const check = resolve?.(t.name);
      return check ? check(v) : false;
    }
  }
}
