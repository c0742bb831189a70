import { parseWkt, WktError } from '../geo.js';
import { parseDate, parseInstant } from '../time.js';
import type { Literal } from './ast.js';
import { badQuery, unsupported } from './errors.js';

export type Token =
  | { t: 'lit'; lit: Literal; pos: number }
  | { t: 'ident'; value: string; pos: number }
  | { t: '(' | ')' | ','; pos: number }
  | { t: 'end'; pos: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT:])/;
const NUMBER = /^-?(\d+(\.\d+)?([eE][-+]?\d+)?)/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\/[A-Za-z_$@][A-Za-z0-9_@.]*)*/;

/** Splits a $filter/$orderby expression into tokens; `option` names the query option in errors. */
export function tokenize(input: string, option: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (reason: string) => badQuery(option, `${reason} at position ${i}`);
  const prevAllowsSign = () => {
    const prev = out[out.length - 1];
    return !prev || prev.t === '(' || prev.t === ',' || (prev.t === 'ident' && /^(eq|ne|gt|ge|lt|le|and|or|not|add|sub|mul|div|mod)$/.test(prev.value));
  };
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const rest = input.slice(i);
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw fail('unterminated string');
        if (input[j] === "'") {
          if (input[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += input[j];
        j++;
      }
      out.push({ t: 'lit', lit: { k: 'lit', type: 'string', value }, pos: i });
      i = j + 1;
      continue;
    }
    const geo = /^(geography|geometry)'([^']*)'/i.exec(rest);
    if (geo) {
      let geojson: string;
      try {
        geojson = JSON.stringify(parseWkt(geo[2]!));
      } catch (e) {
        if (e instanceof WktError) throw fail(`invalid WKT (${e.message})`);
        throw e;
      }
      out.push({ t: 'lit', lit: { k: 'lit', type: 'geo', value: geo[2]!.trim(), geojson }, pos: i });
      i += geo[0].length;
      continue;
    }
    if (/^duration'/i.test(rest)) throw unsupported('Duration literals in $filter');
    const dt = DATETIME.exec(rest);
    if (dt) {
      const ms = parseInstant(dt[0]);
      if (ms === null) throw fail(`'${dt[0]}' is not a valid date-time`);
      out.push({ t: 'lit', lit: { k: 'lit', type: 'datetime', value: ms }, pos: i });
      i += dt[0].length;
      continue;
    }
    const d = DATE.exec(rest);
    if (d) {
      if (parseDate(d[0]) === null) throw fail(`'${d[0]}' is not a valid date`);
      out.push({ t: 'lit', lit: { k: 'lit', type: 'date', value: d[0] }, pos: i });
      i += d[0].length;
      continue;
    }
    const n = NUMBER.exec(rest);
    if (n && (c !== '-' || prevAllowsSign())) {
      const value = Number(n[0]);
      const integer = !/[.eE]/.test(n[0]);
      if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) throw fail(`number ${n[0]} is out of range`);
      out.push({ t: 'lit', lit: { k: 'lit', type: 'number', value, integer }, pos: i });
      i += n[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      const word = id[0];
      if (word === 'true' || word === 'false') out.push({ t: 'lit', lit: { k: 'lit', type: 'bool', value: word === 'true' }, pos: i });
      else if (word === 'null') out.push({ t: 'lit', lit: { k: 'lit', type: 'null', value: null }, pos: i });
      else out.push({ t: 'ident', value: word, pos: i });
      i += word.length;
      continue;
    }
    throw fail(`unexpected character '${c}'`);
  }
  out.push({ t: 'end', pos: input.length });
  return out;
}
