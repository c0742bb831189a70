import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeNorm, parseImro, parseNorm, type Norm } from '../../../src/rules/imro/index.js';

/**
 * A maatvoering is shown as the plan states it: its own words (never a rebuilt or
 * half-replaced bound such as "maximum imaal"), the value as written and its unit.
 * Checked over every maatvoering of every shipped plan and IMRO fixture.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const PLAN_FILES = [
  ...readdirSync(join(root, 'demo', 'goes')).filter((f) => f.endsWith('.gml')).map((f) => join(root, 'demo', 'goes', f)),
  ...readdirSync(join(root, 'test', 'fixtures', 'imro')).filter((f) => f.endsWith('.gml')).map((f) => join(root, 'test', 'fixtures', 'imro', f)),
];
const UNIT_SIGNS = new Set(['m', '%', 'm²', 'm³', '°']);

/** The words a label states, without IMRO's "other:" marker and the unit brackets. */
const labelWords = (label: string): string[] => label.replace(/^other\s*:\s*/i, '').replace(/\([^)]*\)/g, ' ').split(/\s+/).filter(Boolean);

function expectAsStated(n: Norm): void {
  const text = describeNorm(n);
  const words = labelWords(n.label);
  // The plan's words, in order, first; then the value exactly as written.
  expect(text.startsWith(words.join(' ')), `${text} <- ${n.label}`).toBe(true);
  expect(text).toContain(n.raw);
  expect(text).not.toMatch(/other\s*:/i);
  // Nothing added: every token is the plan's word, its value or a unit sign.
  const unitText = /\(([^)]*)\)\s*$/.exec(n.label)?.[1];
  const allowed = new Set([...words, ...n.raw.split(/\s+/), ...UNIT_SIGNS, ...(unitText ? [unitText] : [])]);
  for (const token of text.split(/\s+/)) {
    expect(allowed.has(token) || allowed.has(token.replace(/[%°]$/, '')), `'${token}' in '${text}' (label '${n.label}')`).toBe(true);
  }
  // The bound is the label's first word, read whole; the quantity is what follows it.
  if (n.bound !== 'exact') expect(words[0]!.toLowerCase().startsWith(n.bound === 'max' ? 'max' : 'min')).toBe(true);
  expect(words.join(' ').toLowerCase().endsWith(n.quantity)).toBe(true);
  if (n.bound !== 'exact') expect(words.slice(1).join(' ').toLowerCase()).toBe(n.quantity);
}

describe('maatvoeringen as the plan states them', () => {
  const all = PLAN_FILES.flatMap((file) => parseImro(readFileSync(file, 'utf8')).objects.filter((o) => o.kind === 'maatvoering').map((o) => ({ file, o })));

  it('every plan file has maatvoeringen to check', () => {
    for (const file of PLAN_FILES.filter((f) => !f.endsWith('imro2008-sample.gml'))) expect(all.some((x) => x.file === file), file).toBe(true);
    expect(all.reduce((sum, x) => sum + x.o.norms.length, 0)).toBeGreaterThan(40);
  });

  it.each(PLAN_FILES.map((f) => [f.slice(root.length + 1)]))('%s: each norm in its own words', (rel) => {
    for (const { o } of all.filter((x) => x.file.endsWith(rel))) {
      expect(o.norms.length, o.id).toBeGreaterThan(0);
      for (const n of o.norms) expectAsStated(n);
    }
  });

  it('reads "maximaal" and "max." as a maximum and free-text values as written', () => {
    const texts = Object.fromEntries(all.flatMap(({ o }) => o.norms).map((n) => [n.label, describeNorm(n)]));
    expect(texts['maximaal bouwhoogte (m)']).toBe('maximaal bouwhoogte 9,5 m');
    expect(texts['other: vrije tekst']).toBe('vrije tekst 370');
    expect(texts['other: kapvorm']).toBe('kapvorm zadeldak');
    expect(texts['max. bebouwingspercentage (%)']).toBe('max. bebouwingspercentage 60%');
    expect(texts['maximum bouwhoogte (m)']).toMatch(/^maximum bouwhoogte \d+(,\d+)? m$/);
    // The building check finds the height limit however the bound is worded.
    expect(parseNorm('maximaal bouwhoogte (m)', '9,5')).toMatchObject({ bound: 'max', quantity: 'bouwhoogte', value: 9.5, unit: 'm' });
    expect(parseNorm('other: maximum aantal bouwlagen', '3')).toMatchObject({ bound: 'max', quantity: 'aantal bouwlagen', value: 3, unit: 'count' });
  });

  it('holds for any wording: bound words, quantities, units and "other:"', () => {
    const word = fc.stringMatching(/^[a-z]{2,10}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('', 'maximum ', 'maximale ', 'maximaal ', 'max. ', 'minimum ', 'minimale ', 'minimaal ', 'min. '),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('', ' (m)', ' (%)', ' (m2)', ' (°)', ' (stuks)'),
        fc.boolean(),
        fc.constantFrom('3', '9,5', '1.250', 'zadeldak', '370'),
        (bound, words, unit, other, raw) => {
          const n = parseNorm(`${other ? 'other: ' : ''}${bound}${words.join(' ')}${unit}`, raw);
          expectAsStated(n);
          expect(n.bound).toBe(bound.startsWith('max') ? 'max' : bound.startsWith('min') ? 'min' : 'exact');
        },
      ),
      { numRuns: 300 },
    );
  });
});
