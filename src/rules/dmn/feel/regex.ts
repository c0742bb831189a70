/**
 * XPath / XML Schema regular expressions (the flavour FEEL's matches, replace and split
 * use, XPath F&O 3.1 §5.6) translated to JavaScript, with their flags: s, m, i, x and q.
 * What XPath forbids (lookaround, \b, back-references to open or missing groups, escapes
 * it does not define) is an error; what it means differently from JS (\d, \w, \s, `.`,
 * character class subtraction, \p{IsBlock}) is rewritten to the XPath meaning.
 */
import { FeelEvalError } from '../errors.js';
import { MULTI_CHAR, SINGLE_CHAR_ESCAPES, categoryEscape, cp, readClass, unionPattern } from './regex-class.js';

export interface XPathRegex {
  re: RegExp;
  /** Number of capturing groups, for $N in replacements. */
  groups: number;
  /** The `q` flag: pattern and replacement are literal text. */
  literal: boolean;
}

const fail = (why: string): never => {
  throw new FeelEvalError(why);
};

/** Compiles an XPath regex; throws FeelEvalError (the FEEL call then yields null) when invalid. */
export function xpathRegex(pattern: string, flags: string | null | undefined, global: boolean): XPathRegex {
  const f = flags ?? '';
  if (!/^[smixq]*$/.test(f)) fail(`invalid regular expression flags '${f}' (allowed: s, m, i, x, q)`);
  const jsFlags = `u${global ? 'g' : ''}${f.includes('i') ? 'i' : ''}`;
  if (f.includes('q')) return { re: new RegExp(pattern.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), jsFlags), groups: 0, literal: true };
  const src = f.includes('x') ? withoutWhitespace(pattern) : pattern;
  const { js, groups } = translate(src, f.includes('s'), f.includes('m'));
  try {
    return { re: new RegExp(js, jsFlags), groups, literal: false };
  } catch (e) {
    return fail(`invalid regular expression '${pattern}': ${(e as Error).message}`);
  }
}

/** The `x` flag: whitespace is removed, except inside character class expressions. */
function withoutWhitespace(p: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && depth > 0) {
      out += c + (p[++i] ?? '');
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']' && depth > 0) depth--;
    if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) continue;
    out += c;
  }
  return out;
}

function translate(src: string, dotAll: boolean, multiline: boolean): { js: string; groups: number } {
  let out = '';
  let i = 0;
  let groups = 0;
  const open: number[] = [];
  const closed = new Set<number>();
  /** Whether the last thing written can take a quantifier. */
  let atom = false;
  while (i < src.length) {
    const c = src[i]!;
    switch (c) {
      case '\\': {
        const r = escape(src, i, groups, closed);
        out += r.js;
        i = r.end;
        atom = true;
        continue;
      }
      case '[': {
        const r = readClass(src, i);
        out += r.pattern;
        i = r.end;
        atom = true;
        continue;
      }
      case '(': {
        if (src.startsWith('(?:', i)) {
          out += '(?:';
          open.push(0);
          i += 3;
        } else if (src[i + 1] === '?') {
          fail(`'(?' at offset ${i}: XPath has no lookaround or inline flags`);
        } else {
          open.push(++groups);
          out += '(';
          i++;
        }
        atom = false;
        continue;
      }
      case ')': {
        const g = open.pop();
        if (g === undefined) fail(`unbalanced ')' at offset ${i}`);
        if (g) closed.add(g);
        out += ')';
        i++;
        atom = true;
        continue;
      }
      case '?': case '*': case '+': case '{': {
        const q = quantifier(src, i);
        if (!atom) fail(`quantifier '${q.text}' at offset ${i} follows nothing it can repeat`);
        out += q.text;
        i = q.end;
        atom = false;
        continue;
      }
      case '}': case ']':
        return fail(`unescaped '${c}' at offset ${i}`);
      case '.':
        out += dotAll ? '[\\s\\S]' : '[^\\n\\r]';
        break;
      case '^':
        out += multiline ? '(?:^|(?<=\\n))' : '^';
        break;
      case '$':
        out += multiline ? '(?:$|(?=\\n))' : '$';
        break;
      case '|':
        out += '|';
        atom = false;
        i++;
        continue;
      default: {
        const code = src.codePointAt(i)!;
        out += String.fromCodePoint(code);
        i += code > 0xffff ? 2 : 1;
        atom = true;
        continue;
      }
    }
    atom = c !== '^' && c !== '$';
    i++;
  }
  if (open.length) fail('unclosed group');
  return { js: out, groups };
}

/** `? * + {n} {n,} {n,m}`, each optionally reluctant (`?` after it). */
function quantifier(src: string, i: number): { text: string; end: number } {
  let end = i + 1;
  if (src[i] === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return fail(`'{' at offset ${i} does not start a quantifier {n}, {n,} or {n,m}`);
    if (m[3] && Number(m[3]) < Number(m[1])) fail(`quantifier ${m[0]} at offset ${i} has its maximum below its minimum`);
    end = i + m[0].length;
  }
  if (src[end] === '?') end++;
  if (src[end] !== undefined && '?*+{'.includes(src[end]!)) fail(`two quantifiers in a row at offset ${i}`);
  return { text: src.slice(i, end), end };
}

/** An escape outside a character class: a character, a class, or a back-reference. */
function escape(src: string, i: number, groups: number, closed: Set<number>): { js: string; end: number } {
  const e = src[i + 1];
  if (e === undefined) return fail('a backslash ends the pattern');
  if (e in SINGLE_CHAR_ESCAPES) return { js: cp(SINGLE_CHAR_ESCAPES[e]!), end: i + 2 };
  if (e in MULTI_CHAR) return { js: unionPattern([MULTI_CHAR[e]!], false), end: i + 2 };
  if (e === 'p' || e === 'P') {
    const close = src.indexOf('}', i);
    if (src[i + 2] !== '{' || close < 0) fail(`\\${e} at offset ${i} needs {name}`);
    return { js: unionPattern([categoryEscape(src.slice(i + 3, close), e === 'P')], false), end: close + 1 };
  }
  if (e >= '1' && e <= '9') {
    // \N, and further digits only while they still name a group opened before (F&O 5.6.1).
    let n = Number(e);
    let end = i + 2;
    while (end < src.length && /\d/.test(src[end]!) && n * 10 + Number(src[end]) <= groups) n = n * 10 + Number(src[end++]);
    if (!closed.has(n)) fail(`back-reference \\${n} at offset ${i} refers to no group closed before it`);
    return { js: `(?:\\${n})`, end };
  }
  return fail(`'\\${e}' at offset ${i} is not an escape XPath regular expressions have`);
}

/**
 * An XPath replacement string as a JS replacer: $N is group N ($0 the match), \$ and \\
 * are literal; any other $ or \ is an error (F&O fn:replace).
 */
export function xpathReplacer(replacement: string, rx: XPathRegex): (match: string, ...rest: unknown[]) => string {
  if (rx.literal) return () => replacement;
  const pieces: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      const n = replacement[i + 1];
      if (n !== '\\' && n !== '$') fail(`'\\' in the replacement must be followed by \\ or $`);
      lit += n;
      i++;
    } else if (c === '$') {
      let j = i + 1;
      while (j < replacement.length && /\d/.test(replacement[j]!)) j++;
      if (j === i + 1) fail(`'$' in the replacement must be followed by a group number`);
      // The longest number that names a group (or is at most 9); digits beyond are literal.
      let digits = replacement.slice(i + 1, j);
      while (digits.length > 1 && Number(digits) > rx.groups && Number(digits) > 9) digits = digits.slice(0, -1);
      if (lit) pieces.push(lit);
      lit = '';
      pieces.push(Number(digits));
      i += digits.length;
    } else {
      lit += c;
    }
  }
  if (lit) pieces.push(lit);
  return (match, ...rest) => pieces.map((p) => (typeof p === 'string' ? p : p === 0 ? match : p <= rx.groups ? ((rest[p - 1] as string | undefined) ?? '') : '')).join('');
}

/** Whether the regex can match a zero-length string (replace and split refuse those). */
export const matchesEmpty = (rx: XPathRegex): boolean => new RegExp(rx.re.source, rx.re.flags.replace('g', '')).test('');
