import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answer, loadSttr, next, start, type Conversation, type Question, type Step, type SttrModel } from '../../../src/rules/sttr/index.js';

export const STTR_DIR = join(import.meta.dirname, '..', '..', '..', 'demo', 'omgevingswet', 'sttr');

/** Every shipped STTR tree, by file name. */
export function shippedTrees(): Array<{ file: string; xml: string }> {
  return readdirSync(STTR_DIR)
    .filter((f) => f.endsWith('.dmn'))
    .sort()
    .map((file) => ({ file, xml: readFileSync(join(STTR_DIR, file), 'utf8') }));
}

/**
 * The inputs a file's location questions feed, read from its text apart from the parser:
 * uitvoeringsregels holding a geoVerwijzing, and the inputData that refer to them.
 */
export function locationInputs(xml: string): Set<string> {
  const regels = new Set(
    [...xml.matchAll(/<(?:\w+:)?uitvoeringsregel\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?uitvoeringsregel>/g)].filter((m) => /geoVerwijzing/.test(m[2]!)).map((m) => m[1]!),
  );
  const names = new Set<string>();
  for (const m of xml.matchAll(/<(?:\w+:)?inputData\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?inputData>/g)) {
    const ref = /uitvoeringsregelRef\s+href="#([^"]+)"/.exec(m[2]!)?.[1];
    if (ref && regels.has(ref)) names.add(m[1]!);
  }
  return names;
}

/** The literals a tree's rule cells test an input against (numbers and strings). */
function literalsFor(model: SttrModel, input: string): { numbers: number[]; strings: string[] } {
  const numbers = new Set<number>();
  const strings = new Set<string>();
  for (const t of model.tables.values()) {
    t.columns.forEach((col, i) => {
      if (col !== input) return;
      for (const r of t.rules) {
        const cell = r.cells?.[i] ?? '';
        for (const m of cell.matchAll(/"([^"]*)"/g)) strings.add(m[1]!);
        for (const m of cell.replace(/"[^"]*"/g, '').matchAll(/-?\d+(?:\.\d+)?/g)) numbers.add(Number(m[0]));
      }
    });
  }
  return { numbers: [...numbers], strings: [...strings] };
}

/**
 * The answers worth trying for a question: every option, both booleans, and for numbers
 * each literal the tables compare with and its neighbours, so every interval a rule
 * distinguishes is visited.
 */
export function answerDomain(model: SttrModel, q: Question): unknown[] {
  if (q.type === 'boolean') return [true, false];
  if (q.type === 'list') {
    const texts = q.options.map((o) => o.text);
    return q.multiple ? [[], ...texts.map((t) => [t]), texts] : texts;
  }
  const { numbers, strings } = literalsFor(model, q.input);
  if (q.type === 'number') return [...new Set([0, ...numbers.flatMap((n) => [n - 1, n, n + 1])])].sort((a, b) => a - b);
  if (q.type === 'date') return [...new Set(['2024-01-01', ...strings])];
  return [...new Set(['een antwoord', ...strings])];
}

export interface AnswerPath {
  answers: Array<{ question: Question; value: unknown }>;
  end: Exclude<Step, { kind: 'question' }>;
}

/** Walks every answer path of a tree depth-first, as the conversation asks it. */
export function* answerPaths(model: SttrModel, limit = 500_000): Generator<AnswerPath> {
  let count = 0;
  function* walk(c: Conversation, answers: AnswerPath['answers']): Generator<AnswerPath> {
    const step = next(model, c);
    if (step.kind !== 'question') {
      if (++count > limit) throw new Error(`more than ${limit} answer paths in '${model.name}'`);
      yield { answers, end: step };
      return;
    }
    for (const value of answerDomain(model, step.question)) {
      yield* walk(answer(model, c, step.question.id, value), [...answers, { question: step.question, value }]);
    }
  }
  yield* walk(start(model), []);
}

export const loadTree = (xml: string): SttrModel => loadSttr(xml);
