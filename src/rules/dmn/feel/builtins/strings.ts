import { matchesEmpty, xpathRegex, xpathReplacer } from '../regex.js';
import type { FeelFunction } from '../values.js';
import { builtin, error, isStr } from './define.js';

/** Strings count in code points, not UTF-16 units. */
const cps = (s: string): string[] => Array.from(s);

/** A one-string-one-match function, null when either is null. */
const pair = (name: string, f: (s: string, m: string) => unknown): FeelFunction =>
  builtin(name, ['string: string', 'match: string'], (s: string | null, m: string | null) => (s === null || m === null ? null : f(s, m)));

export const STRING_FUNCTIONS: FeelFunction[] = [
  builtin('substring', ['string: string', 'start position: number', 'length?: number'], (s: string | null, start: number | null, len: number | null | undefined) => {
    if (s === null || start === null || len === null) return null;
    const chars = cps(s);
    const st = Math.trunc(start);
    if (st === 0) return error('start position 0 does not exist (positions start at 1, or -1 from the end)');
    const i = st > 0 ? st - 1 : chars.length + st;
    if (i > chars.length || (i < 0 && len !== undefined)) return null;
    const l = len === undefined ? chars.length : Math.trunc(len);
    if (l < 0) return error('length must not be negative');
    return chars.slice(Math.max(0, i), i + l).join('');
  }),
  builtin('string length', ['string: string'], (s: string | null) => (s === null ? null : cps(s).length)),
  builtin('upper case', ['string: string'], (s: string | null) => s?.toUpperCase() ?? null),
  builtin('lower case', ['string: string'], (s: string | null) => s?.toLowerCase() ?? null),
  pair('substring before', (s, m) => {
    const i = s.indexOf(m);
    return i < 0 ? '' : s.slice(0, i);
  }),
  pair('substring after', (s, m) => {
    const i = s.indexOf(m);
    return i < 0 ? '' : s.slice(i + m.length);
  }),
  pair('contains', (s, m) => s.includes(m)),
  pair('starts with', (s, m) => s.startsWith(m)),
  pair('ends with', (s, m) => s.endsWith(m)),
  builtin('matches', ['input: string', 'pattern: string', 'flags?: string'], (s: string | null, p: string | null, f: string | null | undefined) => {
    if (s === null || p === null) return null;
    return xpathRegex(p, f, false).re.test(s);
  }),
  builtin('replace', ['input: string', 'pattern: string', 'replacement: string', 'flags?: string'], (s: string | null, p: string | null, r: string | null, f: string | null | undefined) => {
    if (s === null || p === null || r === null) return null;
    const rx = xpathRegex(p, f, true);
    if (matchesEmpty(rx)) return error(`the pattern '${p}' matches the empty string`);
    return s.replace(rx.re, xpathReplacer(r, rx));
  }),
  builtin('split', ['string: string', 'delimiter: string'], (s: string | null, d: string | null) => {
    if (s === null || d === null) return null;
    // XPath tokenize: the pieces between matches; groups in the pattern add no pieces (unlike String.split).
    const rx = xpathRegex(d, null, true);
    if (matchesEmpty(rx)) return error(`the delimiter '${d}' matches the empty string`);
    if (s === '') return [];
    const out: string[] = [];
    let last = 0;
    for (const m of s.matchAll(rx.re)) {
      out.push(s.slice(last, m.index));
      last = m.index + m[0].length;
    }
    out.push(s.slice(last));
    return out;
  }),
  builtin('string join', ['list: list', 'delimiter?: string'], (l: unknown[] | null, d: string | null | undefined) => {
    if (l === null) return null;
    if (l.some((x) => x !== null && !isStr(x))) return error('the list must hold strings only');
    return l.filter((x) => x !== null).join(d ?? '');
  }),
];
