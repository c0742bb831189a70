/**
 * Runs DMN TCK test cases against our engine. Shared by `npm run tck` and the
 * level-2 regression test. A test case passes when every result node matches.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileDmn, DmnError, DmnEvaluationError, feelEquals, parseXml, type CompiledModel, type XmlElement } from '../../../src/rules/dmn/index.js';
import { DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration, parseDate, parseDateTime, parseDuration, parseTime } from '../../../src/rules/dmn/feel/temporal.js';
import { formatNumber, isContext } from '../../../src/rules/dmn/feel/values.js';

export interface CaseResult {
  level: string;
  folder: string;
  id: string;
  passed: boolean;
  reason: string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function readValue(el: XmlElement): unknown {
  const v = el.children.find((c) => c.name === 'value');
  if (v) return scalar(v);
  const list = el.children.find((c) => c.name === 'list');
  if (list) return readList(list);
  const comps = el.children.filter((c) => c.name === 'component');
  if (comps.length) return Object.fromEntries(comps.map((c) => [c.attrs.name ?? '', readValue(c)]));
  return null;
}
function readList(list: XmlElement): unknown[] {
  return list.children.filter((c) => c.name === 'item').map((item) => readValue(item));
}
function scalar(v: XmlElement): unknown {
  const nil = Object.entries(v.attrs).find(([k]) => k.endsWith(':nil') || k === 'nil');
  if (nil && nil[1] === 'true') return null;
  const typeAttr = Object.entries(v.attrs).find(([k]) => k.endsWith(':type') && v.nsMap[k.split(':')[0]!] === XSI)?.[1] ?? v.attrs.type;
  const type = typeAttr?.includes(':') ? typeAttr.split(':')[1] : typeAttr;
  const t = v.text;
  switch (type) {
    case 'decimal': case 'double': case 'int': case 'integer': case 'long': case 'float': return Number(t.trim());
    case 'boolean': return t.trim() === 'true';
    case 'date': return parseDate(t.trim());
    case 'dateTime': return parseDateTime(t.trim());
    case 'time': return parseTime(t.trim());
    case 'duration': case 'dayTimeDuration': case 'yearMonthDuration': return parseDuration(t.trim());
    case 'string': return t;
    default:
      // Untyped values: components/lists inside <value> are handled by readValue.
      if (v.children.some((c) => c.name === 'component')) return readValue(v);
      if (v.children.some((c) => c.name === 'list')) return readValue(v);
      return t;
  }
}

/**
 * Numbers match as in the TCK's reference runners (Drools, Camunda, QuantumDMN): within
 * 0.00000001 of each other. Our numbers are IEEE doubles and the TCK writes up to 34
 * digits, so large values also match within a relative 1e-12 (a double's 15-16 digits).
 */
function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) < 1e-8 || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'number') return typeof actual === 'number' && sameNumber(expected, actual);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (isContext(expected)) {
    return isContext(actual) && Object.keys(expected).every((k) => matches(expected[k], actual[k]));
  }
  if (expected instanceof FeelDate || expected instanceof FeelDateTime || expected instanceof FeelTime) {
    return actual !== null && actual !== undefined && String(actual) === String(expected);
  }
  if (expected instanceof YmDuration || expected instanceof DtDuration) {
    if (expected instanceof DtDuration && actual instanceof DtDuration) return Math.abs(expected.seconds - actual.seconds) < 1e-9;
    if (expected instanceof YmDuration && actual instanceof YmDuration) return expected.months === actual.months;
    return false;
  }
  return feelEquals(expected, actual) === true;
}

export function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (isContext(v)) return `{${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
  return String(v);
}

const short = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The value of result node `name`: the decision, or a decision of the service evaluated.
 * An evaluation error counts as null, as in the reference runners (the TCK's error
 * results expect null).
 */
function evaluated(model: CompiledModel, target: string, name: string, input: Record<string, unknown>, inputsByNamespace: Record<string, Record<string, unknown>>): unknown {
  try {
    const r = model.evaluate(target, input, { inputsByNamespace });
    return target === name ? r.result : (r.results[name] ?? r.result);
  } catch (e) {
    if (e instanceof DmnEvaluationError) return target === name ? null : (e.partial.results[name] ?? null);
    throw e;
  }
}

export function runFolder(level: string, dir: string): CaseResult[] {
  const folder = dir.split('/').pop()!;
  const files = readdirSync(dir);
  const models = new Map<string, CompiledModel | Error>();
  // Imported models are found by namespace among the folder's other .dmn files.
  const byNamespace = new Map<string, string>();
  for (const f of files.filter((x) => x.endsWith('.dmn'))) {
    const xml = readFileSync(join(dir, f), 'utf8');
    const ns = /<(?:\w+:)?definitions\b[^>]*?\snamespace="([^"]*)"/s.exec(xml)?.[1];
    if (ns) byNamespace.set(ns, xml);
  }
  const imports = (namespace: string) => byNamespace.get(namespace);
  const modelFor = (name: string): CompiledModel | Error => {
    if (!models.has(name)) {
      try {
        models.set(name, compileDmn(readFileSync(join(dir, name), 'utf8'), { imports }));
      } catch (e) {
        models.set(name, e as Error);
      }
    }
    return models.get(name)!;
  };
  const results: CaseResult[] = [];
  for (const f of files.filter((x) => /-test-\d+\.xml$/.test(x)).sort()) {
    const doc = parseXml(readFileSync(join(dir, f), 'utf8'));
    const modelName = doc.children.find((c) => c.name === 'modelName')?.text.trim() ?? files.find((x) => x.endsWith('.dmn'))!;
    for (const tc of doc.children.filter((c) => c.name === 'testCase')) {
      const id = `${f.replace(/\.xml$/, '')}:${tc.attrs.id ?? '?'}`;
      const model = modelFor(modelName);
      const add = (passed: boolean, reason: string) => results.push({ level, folder, id, passed, reason: short(reason) });
      if (model instanceof Error) {
        const expectsError = tc.children.filter((c) => c.name === 'resultNode').every((r) => r.attrs.errorResult === 'true');
        add(expectsError && model instanceof DmnError, `model does not compile: ${model.message}`);
        continue;
      }
      const input: Record<string, unknown> = {};
      const inputsByNamespace: Record<string, Record<string, unknown>> = {};
      for (const n of tc.children.filter((c) => c.name === 'inputNode')) {
        const ns = n.attrs.namespace;
        if (ns) (inputsByNamespace[ns] ??= {})[n.attrs.name ?? ''] = readValue(n);
        else input[n.attrs.name ?? ''] = readValue(n);
      }
      const failures: string[] = [];
      const invocable = tc.attrs.invocableName;
      for (const rn of tc.children.filter((c) => c.name === 'resultNode')) {
        const name = rn.attrs.name ?? '';
        const exp = rn.children.find((c) => c.name === 'expected');
        const expected = exp ? readValue(exp) : null;
        try {
          const target = tc.attrs.type === 'decisionService' && invocable ? invocable : name;
          const actual = evaluated(model, target, name, input, inputsByNamespace);
          if (rn.attrs.errorResult === 'true') {
            if (actual !== null && actual !== undefined) failures.push(`${name}: expected an error, got ${show(actual)}`);
          } else if (!matches(expected, actual)) {
            failures.push(`${name}: expected ${show(expected)}, got ${show(actual)}`);
          }
        } catch (e) {
          if (rn.attrs.errorResult !== 'true') failures.push(`${name}: ${(e as Error).message}`);
        }
      }
      add(failures.length === 0, failures.join('; '));
    }
  }
  return results;
}

export function runLevel(root: string, level: string): CaseResult[] {
  const dir = join(root, level);
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort()
    .flatMap((d) => runFolder(level, join(dir, d)));
}
