import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorityOf, loadSttr } from '../../../src/rules/sttr/index.js';
import { OUTCOMES, treeXml, type TreeSpec } from './generated-tree.js';
import { answerPaths, locationInputs, shippedTrees, type AnswerPath } from './paths.js';

/**
 * A question tree covers a place only where its location questions say the place lies
 * inside: on a path where one was answered "nee" (outside), no conclusion may be drawn,
 * least of all "no permit needed". Every answer path of every shipped tree is walked.
 */
/** The answers to a location question, as STTR writes them. */
const LOCATION_ANSWERS = { outside: 'nee', partly: 'deels' } as const;

function checkPaths(paths: Iterable<AnswerPath>, locations: Set<string>): { total: number; outside: number } {
  const outsideOn = (p: AnswerPath) => p.answers.filter((a) => locations.has(a.question.input) && a.value === LOCATION_ANSWERS.outside);
  let total = 0;
  let outside = 0;
  for (const p of paths) {
    total++;
    const out = outsideOn(p);
    if (out.length > 0) {
      outside++;
      expect(p.end.kind, `answers ${JSON.stringify(p.answers.map((a) => [a.question.input, a.value]))}`).toBe('outside');
      if (p.end.kind === 'outside') expect(p.end.outside.map((f) => f.questionId)).toEqual(out.map((a) => a.question.id));
    } else {
      expect(p.end.kind).not.toBe('outside');
    }
    // Location questions are asked before any other: the tree's scope is settled first.
    const firstOther = p.answers.findIndex((a) => !locations.has(a.question.input));
    if (firstOther >= 0) expect(p.answers.slice(firstOther).some((a) => locations.has(a.question.input))).toBe(false);
    if (p.end.kind === 'failed') expect(p.end.errors.every((e) => e.text.trim().length > 0)).toBe(true);
  }
  return { total, outside };
}

describe('location questions decide whether a tree applies', () => {
  const trees = shippedTrees();

  it.each(trees.map((t) => [t.file, t.xml]))('%s: no path answered "outside" ends in a conclusion', (_file, xml) => {
    const locations = locationInputs(xml);
    const { total, outside } = checkPaths(answerPaths(loadSttr(xml)), locations);
    expect(total).toBeGreaterThan(0);
    // A tree with a location question has a path through its "nee".
    if (locations.size > 0) expect(outside).toBeGreaterThan(0);
  });

  it('the shipped trees do have location questions to test', () => {
    expect(trees.filter((t) => locationInputs(t.xml).size > 0).map((t) => t.file)).toEqual(['ConclusieBouwenDakkapel.dmn', 'geo.dmn']);
    // The parser sees the same location questions.
    for (const t of trees) expect(new Set(loadSttr(t.xml).questions.filter((q) => q.location).map((q) => q.input))).toEqual(locationInputs(t.xml));
  });

  it('the dormer check outside Veenendaal: does not apply, says whose rules they are', () => {
    const dakkapel = loadSttr(trees.find((t) => t.file === 'ConclusieBouwenDakkapel.dmn')!.xml);
    const paths = [...answerPaths(dakkapel)].filter((p) => p.answers.some((a) => a.value === LOCATION_ANSWERS.outside && a.question.input === 'Locatie binnen gemeentegrens'));
    expect(paths).toHaveLength(1);
    expect(paths[0]!.end).toEqual({
      kind: 'outside',
      outside: [{ questionId: 'UitvId0034', question: 'Ligt het pand binnen de gemeentegrens van Veenendaal?', area: 'nl.imow-gm0345.gebied.gemeentegrens', authority: { kind: 'gemeente', code: '0345' } }],
    });
  });

  it('"deels" (partly inside) still concludes, and the conclusion says it holds only for the part inside', () => {
    const dakkapel = loadSttr(trees.find((t) => t.file === 'ConclusieBouwenDakkapel.dmn')!.xml);
    const partly = [...answerPaths(dakkapel)].filter((p) => p.answers.some((a) => a.question.location && a.value === LOCATION_ANSWERS.partly));
    expect(partly.length).toBeGreaterThan(0);
    for (const p of partly) {
      expect(p.end.kind).toBe('conclusion');
      if (p.end.kind === 'conclusion') expect(p.end.partlyOutside.map((f) => f.area)).toEqual(['nl.imow-gm0345.gebied.gemeentegrens']);
    }
  });

  it('holds for any tree: generated trees whose rules conclude anything for "nee"', () => {
    const cell = (location: boolean) => (location ? fc.constantFrom('"ja"', '"nee"', '"deels"', '-', '"ja","deels"') : fc.constantFrom('true', 'false', '-'));
    const spec = fc
      .record({ locations: fc.integer({ min: 1, max: 2 }), booleans: fc.integer({ min: 0, max: 3 }) })
      .chain(({ locations, booleans }) =>
        fc.record({
          locations: fc.constant(locations),
          booleans: fc.constant(booleans),
          rules: fc.array(
            fc.record({
              cells: fc.tuple(...Array.from({ length: locations + booleans }, (_, i) => cell(i < locations))),
              outcome: fc.constantFrom(...OUTCOMES),
            }),
            { minLength: 1, maxLength: 8 },
          ),
        }),
      ) as fc.Arbitrary<TreeSpec>;
    fc.assert(
      fc.property(spec, (s) => {
        const xml = treeXml(s);
        const { outside } = checkPaths(answerPaths(loadSttr(xml)), locationInputs(xml));
        expect(outside).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('authorityOf', () => {
  it.each([
    ['nl.imow-gm0345.gebied.gemeentegrens', { kind: 'gemeente', code: '0345' }],
    ['nl.imow-pv26.gebied.x', { kind: 'provincie', code: '26' }],
    ['nl.imow-ws0155.gebied.x', { kind: 'waterschap', code: '0155' }],
    ['nl.imow-mnre1034.gebied.x', { kind: 'rijk', code: 're1034' }],
    ['NL.IMOW-GM0363.gebied.4', { kind: 'gemeente', code: '0363' }],
    ['gebied-zonder-code', null],
    [null, null],
  ])('%s', (id, expected) => {
    expect(authorityOf(id)).toEqual(expected);
  });
});
