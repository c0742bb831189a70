import type { SyntaxNode } from '@lezer/common';
import { exprKids, kids, normalizeName, parseFeel, unescapeString } from './parse.js';
import { parseDate, parseDateTime, parseDuration, parseTime } from './temporal.js';
import { FeelRange } from './values.js';

/** The value of `@"…"`: a date, time, date and time or duration, by its shape; null when invalid. */
export function atLiteral(s: string): unknown {
  if (/^-?P/.test(s)) return parseDuration(s);
  if (/^-?\d+-\d\d-\d\dT/.test(s)) return parseDateTime(s);
  if (/^\d\d:/.test(s)) return parseTime(s);
  return parseDate(s);
}

/** The one-string constructors a literal may use: `date("…")` and the like. */
const CONSTRUCTORS: Record<string, (s: string) => unknown> = {
  date: parseDate,
  time: parseTime,
  'date and time': parseDateTime,
  duration: parseDuration,
};

const NOT_LITERAL = Symbol('not a literal');

/** The value of a literal node (number, string, temporal), or NOT_LITERAL for anything else. */
function literalValue(src: string, n: SyntaxNode): unknown {
  const t = src.slice(n.from, n.to);
  switch (n.name) {
    case 'NumericLiteral':
      return Number(t);
    case 'StringLiteral':
      return unescapeString(t);
    case 'DateTimeLiteral': {
      const [head, ...rest] = kids(n);
      if (head?.name === 'AtLiteral') return atLiteral(unescapeString(src.slice(exprKids(head)[0]!.from, exprKids(head)[0]!.to)));
      const make = CONSTRUCTORS[normalizeName(src.slice(head!.from, head!.to))];
      const params = rest.find((p) => p.name === 'PositionalParameters');
      const args = params ? exprKids(params) : [];
      if (!make || args.length !== 1 || args[0]!.name !== 'StringLiteral') return NOT_LITERAL;
      return make(unescapeString(src.slice(args[0]!.from, args[0]!.to)));
    }
  }
  return NOT_LITERAL;
}

/**
 * `range(from)` (DMN 1.5): the range a string writes as an interval with literal
 * endpoints, e.g. "[1..3)" or "]@\"2020-01-01\"..@\"2020-12-31\"]"; null when it writes none.
 */
export function parseRangeLiteral(s: string): FeelRange | null {
  let top: SyntaxNode;
  try {
    top = parseFeel(s, {}, false);
  } catch {
    return null;
  }
  const test = exprKids(top)[0];
  if (test?.name !== 'SimplePositiveUnaryTest') return null;
  const parts = exprKids(test);
  if (parts[0]?.name === 'Interval') {
    const all = kids(parts[0]);
    const ends = exprKids(parts[0]).map((e) => literalValue(s, e));
    if (ends.length !== 2 || ends.some((e) => e === NOT_LITERAL || e === null)) return null;
    const open = s.slice(all[0]!.from, all[0]!.to);
    const close = s.slice(all[all.length - 1]!.from, all[all.length - 1]!.to);
    return new FeelRange(ends[0], ends[1], open === '[', close === ']');
  }
  // A unary comparison such as ">= 10" is no range literal.
  return null;
}
