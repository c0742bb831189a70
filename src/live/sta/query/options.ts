import type { ExpandItem, QueryOptions } from './ast.js';
import { badQuery, unsupported } from './errors.js';
import { parseFilter, parseOrderBy } from './filter-parser.js';

const KNOWN = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$resultFormat']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits on `sep` outside parentheses and quoted strings. */
function splitTop(text: string, sep: string, option: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) throw badQuery(option, `unbalanced ')' at position ${i}`);
    } else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) throw badQuery(option, 'unterminated string');
  if (depth !== 0) throw badQuery(option, "unbalanced '('");
  parts.push(text.slice(start));
  return parts;
}

function nonNegativeInt(text: string, option: string): number {
  if (!/^\d{1,15}$/.test(text.trim())) throw badQuery(option, `'${text}' is not a non-negative integer`);
  return Number(text.trim());
}

function parseExpand(text: string, option: string, depth: number): ExpandItem[] {
  if (depth > 10) throw badQuery(option, '$expand is nested too deeply');
  const items: ExpandItem[] = [];
  for (const part of splitTop(text, ',', option)) {
    const trimmed = part.trim();
    const open = trimmed.indexOf('(');
    const path = (open < 0 ? trimmed : trimmed.slice(0, open)).trim();
    let inner = '';
    if (open >= 0) {
      if (!trimmed.endsWith(')')) throw badQuery(option, `'${trimmed}' has text after its options`);
      inner = trimmed.slice(open + 1, -1);
    }
    const segments = path.split('/');
    if (segments.some((s) => !NAME.test(s))) throw badQuery(option, `'${path}' is not a navigation path`);
    const pairs = inner.trim() === '' ? [] : splitTop(inner, ';', option).map((p) => {
      const eq = p.indexOf('=');
      if (eq < 0) throw badQuery(option, `'${p}' is not name=value`);
      return [p.slice(0, eq).trim(), p.slice(eq + 1)] as [string, string];
    });
    // A/B(opts) means A($expand=B(opts)).
    let options = parseOptions(pairs, depth + 1);
    for (let k = segments.length - 1; k > 0; k--) {
      options = { expand: [{ nav: segments[k]!, options }], raw: { $expand: segments.slice(k).join('/') + (inner ? `(${inner})` : '') } };
    }
    const nav = segments[0]!;
    const existing = items.find((it) => it.nav === nav);
    if (existing) existing.options.expand = [...(existing.options.expand ?? []), ...(options.expand ?? [])];
    else items.push({ nav, options });
  }
  return items;
}

/** Parses system query options given as (name, value) pairs; unknown `$` options are a 400. */
export function parseOptions(pairs: Iterable<[string, string]>, depth = 0): QueryOptions {
  const out: QueryOptions = { raw: {} };
  for (const [name, value] of pairs) {
    if (!name.startsWith('$')) continue;
    if (!KNOWN.has(name)) {
      if (name === '$search' || name === '$apply' || name === '$format') throw unsupported(`The query option ${name}`);
      throw badQuery(name, 'unknown system query option');
    }
    if (name in out.raw) throw badQuery(name, 'given more than once');
    out.raw[name] = value;
    switch (name) {
      case '$filter':
        out.filter = parseFilter(value);
        break;
      case '$orderby':
        out.orderby = parseOrderBy(value);
        break;
      case '$top':
        out.top = nonNegativeInt(value, name);
        break;
      case '$skip':
        out.skip = nonNegativeInt(value, name);
        break;
      case '$count':
        if (value !== 'true' && value !== 'false') throw badQuery(name, "must be 'true' or 'false'");
        out.count = value === 'true';
        break;
      case '$resultFormat':
        if (value !== 'dataArray') throw badQuery(name, "the only result format offered is 'dataArray'");
        out.resultFormat = 'dataArray';
        break;
      case '$select': {
        const names = value.split(',').map((s) => s.trim());
        if (names.some((n) => n.startsWith('distinct:'))) throw unsupported('$select=distinct');
        if (names.some((n) => !NAME.test(n) && n !== '@iot.id' && n !== '@iot.selfLink')) throw badQuery(name, `'${value}' is not a list of property names`);
        out.select = names;
        break;
      }
      case '$expand':
        out.expand = parseExpand(value, name, depth);
        break;
    }
  }
  return out;
}

/** The top-level options of a request URL's query string. */
export function parseQueryString(search: string): QueryOptions {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  } catch {
    throw badQuery('(query)', 'the query string is not well-formed');
  }
  return parseOptions(params.entries());
}

/** How deep `$expand` nests: `Things?$expand=Datastreams/Observations` is 2. */
export function expandDepth(opts: QueryOptions): number {
  let deepest = 0;
  for (const item of opts.expand ?? []) deepest = Math.max(deepest, 1 + expandDepth(item.options));
  return deepest;
}
