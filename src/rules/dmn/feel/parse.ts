import { parseExpression, parseUnaryTests } from '@bpmn-io/feelin';
import type { SyntaxNode } from '@lezer/common';
import { FeelSyntaxError } from '../errors.js';

/** The children of a node that carry meaning (no comments, no skipped tokens). */
export const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.type.isSkipped || c.name === 'LineComment' || c.name === 'BlockComment') continue;
    out.push(c);
  }
  return out;
};

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every',
  'satisfies', 'or', 'and', 'between', 'instance', 'of', 'function', 'external', 'not', '..', ':', '.']);
/** The children that are sub-expressions (keywords and punctuation left out). */
export const exprKids = (n: SyntaxNode): SyntaxNode[] => kids(n).filter((c) => !PUNCT.has(c.name));

export const normalizeName = (s: string): string => s.trim().replace(/\s+/g, ' ');

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/**
 * The value of a FEEL string literal. Escapes FEEL does not define stay as written, so a
 * regular expression such as "\d{3}" keeps its backslash.
 */
export function unescapeString(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{6}|.)/gs, (m, e: string) => {
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'U')) return String.fromCodePoint(parseInt(e.slice(1).replace(/[{}]/g, ''), 16));
    return ESCAPES[e] ?? m;
  });
}

function findError(n: SyntaxNode): SyntaxNode | null {
  if (n.type.isError) return n;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const e = findError(c);
    if (e) return e;
  }
  return null;
}

function syntaxError(src: string, err: SyntaxNode): never {
  const near = src.slice(Math.max(0, err.from - 10), err.to + 10);
  throw new FeelSyntaxError(
    err.from >= src.length ? `unexpected end of expression '${src}'` : `unexpected '${src.slice(err.from, Math.max(err.to, err.from + 1))}' at offset ${err.from} near '${near}'`,
    err.from,
  );
}

/**
 * feelin's grammar has list<T>, context<…> and function<…> types but not range<T>: after
 * `instance of`, `range<` is handed to the parser as `list <` (same length, so offsets and
 * node texts still point into the original) and told apart again by its text.
 */
function withRangeTypes(src: string): string {
  if (!src.includes('range')) return src;
  return src.replace(/("(?:[^"\\]|\\.)*")|\binstance\s+of\s+[^"]*/g, (m, str: string | undefined) =>
    str ? m : m.replace(/\brange(\s*)</g, (_r, ws: string) => `list${ws} <`));
}

/** Parses FEEL (an expression, or unary tests) given the names in scope; throws FeelSyntaxError. */
export function parseFeel(src: string, names: Record<string, unknown>, unary: boolean): SyntaxNode {
  const text = withRangeTypes(src);
  let tree;
  try {
    tree = unary ? parseUnaryTests(text, names, undefined) : parseExpression(text, names, undefined);
  } catch (e) {
    throw new FeelSyntaxError(`cannot parse '${src}': ${(e as Error).message}`, 0);
  }
  const top = tree.topNode;
  const err = findError(top);
  if (err) syntaxError(src, err);
  return top;
}

/** Whether the subtree uses `?` (the input value of a unary test). */
export function usesQuestionMark(n: SyntaxNode): boolean {
  if (n.name === '?') return true;
  for (let c = n.firstChild; c; c = c.nextSibling) if (usesQuestionMark(c)) return true;
  return false;
}
