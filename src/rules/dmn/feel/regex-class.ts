/**
 * Character classes of XML Schema / XPath regular expressions, as JavaScript patterns.
 * A class is a union of parts; a part is the content of a JS class (`pos`) or of a
 * negated one (`neg`, for \S, \D, \W, \I, \C, whose XML Schema sets JS has no escape for).
 */
import { FeelEvalError } from '../errors.js';
import { UNICODE_BLOCKS } from './unicode-blocks.js';

export type Part = { pos: string } | { neg: string };

export const cp = (c: number): string => `\\u{${c.toString(16)}}`;

const XSD_SPACE = `${cp(0x20)}${cp(9)}${cp(10)}${cp(13)}`;
// XML 1.0 (5th ed.) NameStartChar and NameChar, which \i and \c stand for.
const NAME_START = `:A-Z_a-z${cp(0xc0)}-${cp(0xd6)}${cp(0xd8)}-${cp(0xf6)}${cp(0xf8)}-${cp(0x2ff)}${cp(0x370)}-${cp(0x37d)}${cp(0x37f)}-${cp(0x1fff)}` +
  `${cp(0x200c)}-${cp(0x200d)}${cp(0x2070)}-${cp(0x218f)}${cp(0x2c00)}-${cp(0x2fef)}${cp(0x3001)}-${cp(0xd7ff)}${cp(0xf900)}-${cp(0xfdcf)}` +
  `${cp(0xfdf0)}-${cp(0xfffd)}${cp(0x10000)}-${cp(0xeffff)}`;
const NAME_CHAR = `${NAME_START}\\-.0-9${cp(0xb7)}${cp(0x300)}-${cp(0x36f)}${cp(0x203f)}-${cp(0x2040)}`;

/** The multi-character escapes of XML Schema (F.1.1), which differ from JavaScript's. */
export const MULTI_CHAR: Record<string, Part> = {
  s: { pos: XSD_SPACE }, S: { neg: XSD_SPACE },
  d: { pos: '\\p{Nd}' }, D: { neg: '\\p{Nd}' },
  w: { neg: '\\p{P}\\p{Z}\\p{C}' }, W: { pos: '\\p{P}\\p{Z}\\p{C}' },
  i: { pos: NAME_START }, I: { neg: NAME_START },
  c: { pos: NAME_CHAR }, C: { neg: NAME_CHAR },
};

const CATEGORIES = new Set(['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe',
  'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn', 'Cs']);

/** Block names compared as Unicode says: ignoring case, spaces, hyphens and underscores. */
const blockKey = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, '');
/** Names XML Schema 1.0 (Unicode 3.1) used for blocks renamed since. */
const OLD_BLOCK_NAMES: Record<string, string> = {
  greek: 'greekandcoptic', combiningmarksforsymbols: 'combiningdiacriticalmarksforsymbols', privateuse: 'privateusearea',
  cyrillicsupplementary: 'cyrillicsupplement',
};
let blocks: Map<string, [number, number]> | null = null;
function block(name: string): [number, number] | undefined {
  if (!blocks) {
    blocks = new Map();
    for (const line of UNICODE_BLOCKS.trim().split('\n')) {
      const [range, n] = line.split(';') as [string, string];
      const [lo, hi] = range.split('..').map((h) => parseInt(h, 16)) as [number, number];
      blocks.set(blockKey(n), [lo, hi]);
    }
  }
  const k = blockKey(name);
  return blocks.get(OLD_BLOCK_NAMES[k] ?? k);
}

/** `\p{…}` / `\P{…}`: a general category or an `Is` block. */
export function categoryEscape(name: string, negated: boolean): Part {
  if (CATEGORIES.has(name)) return { pos: `\\${negated ? 'P' : 'p'}{${name}}` };
  if (name.startsWith('Is')) {
    const b = block(name.slice(2));
    if (!b) throw new FeelEvalError(`unknown Unicode block '${name.slice(2)}' in \\p{${name}}`);
    const range = `${cp(b[0])}-${cp(b[1])}`;
    return negated ? { neg: range } : { pos: range };
  }
  throw new FeelEvalError(`unknown character property \\p{${name}}`);
}

/** One JS pattern matching one character of the union of `parts` (or, negated, of none of them). */
export function unionPattern(parts: Part[], negated: boolean): string {
  const pos = parts.filter((p): p is { pos: string } => 'pos' in p).map((p) => p.pos).join('');
  const negs = parts.filter((p): p is { neg: string } => 'neg' in p).map((p) => `[^${p.neg}]`);
  if (negs.length === 0) return negated ? `[^${pos}]` : `[${pos}]`;
  const alts = [...(pos ? [`[${pos}]`] : []), ...negs];
  const union = alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  return negated ? `(?:(?!${union})[\\s\\S])` : union;
}

/** Characters that stand for themselves after a backslash (XML Schema SingleCharEsc). */
export const SINGLE_CHAR_ESCAPES: Record<string, number> = {
  n: 10, r: 13, t: 9, '\\': 0x5c, '|': 0x7c, '.': 0x2e, '?': 0x3f, '*': 0x2a, '+': 0x2b, '(': 0x28, ')': 0x29,
  '{': 0x7b, '}': 0x7d, '-': 0x2d, '[': 0x5b, ']': 0x5d, '^': 0x5e, '$': 0x24,
};

/**
 * Reads a character class expression starting at `src[start] === '['`; returns the JS
 * pattern for one character and the position after the closing `]`.
 */
export function readClass(src: string, start: number): { pattern: string; end: number } {
  let i = start + 1;
  const fail = (why: string): never => {
    throw new FeelEvalError(`invalid character class at offset ${start} of the pattern: ${why}`);
  };
  const negated = src[i] === '^';
  if (negated) i++;
  const parts: Part[] = [];
  let subtraction: string | null = null;
  const first = i;
  // One character or escape inside the class: a code point, or a multi-character part.
  const atom = (): number | Part => {
    const c = src.codePointAt(i);
    if (c === undefined) return fail('no closing ]');
    if (c === 0x5c) {
      const e = src[i + 1];
      if (e === undefined) return fail('a backslash ends the pattern');
      if (e in SINGLE_CHAR_ESCAPES) {
        i += 2;
        return SINGLE_CHAR_ESCAPES[e]!;
      }
      if (e in MULTI_CHAR) {
        i += 2;
        return MULTI_CHAR[e]!;
      }
      if (e === 'p' || e === 'P') {
        const close = src.indexOf('}', i);
        if (src[i + 2] !== '{' || close < 0) return fail(`\\${e} needs {name}`);
        const part = categoryEscape(src.slice(i + 3, close), e === 'P');
        i = close + 1;
        return part;
      }
      return fail(`'\\${e}' is not allowed in a character class (back-references are not)`);
    }
    if (c === 0x5b) return fail("an unescaped '[' inside a class");
    i += c > 0xffff ? 2 : 1;
    return c;
  };
  for (;;) {
    const c = src[i];
    if (c === undefined) fail('no closing ]');
    if (c === ']' && i > first) break;
    if (c === ']') fail('an empty class');
    if (c === '-' && src[i + 1] === '[') {
      const sub = readClass(src, i + 1);
      subtraction = sub.pattern;
      i = sub.end;
      if (src[i] !== ']') fail('a subtraction must end the class');
      break;
    }
    if (c === '-' && i > first && src[i + 1] !== ']') fail("'-' may stand for itself only at the start or end of a class");
    const lo = atom();
    if (typeof lo === 'number' && src[i] === '-' && src[i + 1] !== ']' && src[i + 1] !== '[') {
      i++;
      const hi = atom();
      if (typeof hi !== 'number') return fail('a range must end in a single character');
      if (hi < lo) fail('a range ends before it starts');
      parts.push({ pos: `${cp(lo)}-${cp(hi)}` });
    } else {
      parts.push(typeof lo === 'number' ? { pos: cp(lo) } : lo);
    }
  }
  const base = unionPattern(parts, negated);
  return { pattern: subtraction ? `(?:(?!${subtraction})${base})` : base, end: i + 1 };
}
