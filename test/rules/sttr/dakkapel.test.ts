import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer, loadSttr, next, start, type Conversation, type SttrModel } from '../../../src/rules/sttr/index.js';

const file = join(import.meta.dirname, '..', '..', '..', 'demo', 'omgevingswet', 'sttr', 'ConclusieBouwenDakkapel.dmn');
const model = loadSttr(readFileSync(file, 'utf8'));

/** Answers from `given` (by input name) or a default, until a conclusion. */
function walk(m: SttrModel, given: Record<string, unknown>) {
  let c: Conversation = start(m);
  const asked: string[] = [];
  for (let i = 0; i < 50; i++) {
    const step = next(m, c);
    if (step.kind !== 'question') return { step, asked };
    const q = step.question;
    asked.push(q.input);
    const v = q.input in given ? given[q.input] : q.type === 'boolean' ? false : q.type === 'number' ? 10 : q.options[0]!.text;
    c = answer(m, c, q.id, v);
  }
  throw new Error('no conclusion');
}

describe('STTR dormer (dakkapel)', () => {
  it('reads questions, groups, options and fixed values', () => {
    expect(model.topDecisions).toEqual(['Conclusie Dakkapel']);
    const dakvlak = model.questions.find((q) => q.input === 'Dakvlak')!;
    expect(dakvlak.type).toBe('list');
    expect(dakvlak.options.map((o) => o.text)).toEqual(['Voorkant', 'Zijkant', 'Achterkant']);
    expect(dakvlak.group?.name).toBe('Afmetingen');
    expect(model.questions.find((q) => q.input === 'Illegaal gebouw')!.fixed?.value).toBe(false);
    expect(model.questions.find((q) => q.input === 'Hoogte dakkapel')!.explanation).toMatch(/hoogte/);
  });
  it('outside the municipality: the check does not apply there (the table would say Toestemmingsvrij)', () => {
    const { step, asked } = walk(model, { 'Locatie binnen gemeentegrens': 'nee' });
    expect(asked).toEqual(['Locatie binnen gemeentegrens']);
    expect(step.kind).toBe('outside');
    // The file's own table maps "nee" to Toestemmingsvrij: exactly what must not reach the resident.
    expect(model.dmn.evaluate('Conclusie Dakkapel', { 'Locatie binnen gemeentegrens': 'nee' }).result).toEqual(['Toestemmingsvrij']);
  });
  it('a monument with a pitched roof: Verbod, skipping irrelevant questions', () => {
    const { step, asked } = walk(model, { 'Locatie binnen gemeentegrens': 'ja', Monument: true, 'Plat dak': false });
    expect(step.kind === 'conclusion' && step.conclusion).toBe('Verbod');
    expect(asked).toEqual(['Locatie binnen gemeentegrens', 'Monument', 'Plat dak']);
  });
  it('rejects an answer of the wrong type', () => {
    const c = start(model);
    expect(() => answer(model, c, 'UitvId0001', 'yes')).toThrow(expect.objectContaining({ code: 'sttr-invalid-answer' }));
  });
});
