import { describe, expect, it } from 'vitest';
import { classifyItem, classifyMandates, type MandateFacts, type TraceClass } from '../../src/registers/traceability/classify.js';

/**
 * One row per rule of src/registers/traceability/README.md. Each case is a small set of
 * mandates and the class the first one must get.
 */
const m = (id: string, kind: string, extra: Partial<MandateFacts> = {}): MandateFacts => ({ id, kind, ...extra });

const MANDATE_CASES: Array<{ rule: string; mandates: MandateFacts[]; expected: TraceClass; electedId?: string }> = [
  { rule: 'D1 kind geen', mandates: [m('x', 'geen')], expected: 'd' },
  { rule: 'D1 geen wins over an elected decidedBy', mandates: [m('x', 'geen', { decidedBy: { elected: true } })], expected: 'd' },
  { rule: 'D1 geen wins over an elected chain', mandates: [m('x', 'geen', { basedOn: 'r' }), m('r', 'raadsbesluit')], expected: 'd' },
  { rule: 'A1 raadsbesluit', mandates: [m('x', 'raadsbesluit')], expected: 'a', electedId: 'x' },
  { rule: 'A1 statenbesluit', mandates: [m('x', 'statenbesluit')], expected: 'a', electedId: 'x' },
  { rule: 'A1 wet-of-regeling', mandates: [m('x', 'wet-of-regeling')], expected: 'a', electedId: 'x' },
  { rule: 'A1 raadsbesluit with decidedBy.elected false is still a council decision', mandates: [m('x', 'raadsbesluit', { decidedBy: { elected: false } })], expected: 'a', electedId: 'x' },
  { rule: 'A1 convenant approved by an elected body', mandates: [m('x', 'convenant', { decidedBy: { elected: true } })], expected: 'a', electedId: 'x' },
  { rule: 'B1 collegebesluit under a raadsbesluit', mandates: [m('x', 'collegebesluit', { basedOn: 'r' }), m('r', 'raadsbesluit')], expected: 'b', electedId: 'r' },
  { rule: 'B1 contract under a collegebesluit under a raadsbesluit', mandates: [m('x', 'contract', { basedOn: 'c' }), m('c', 'collegebesluit', { basedOn: 'r' }), m('r', 'raadsbesluit')], expected: 'b', electedId: 'r' },
  { rule: 'B1 the walk passes through a geen record', mandates: [m('x', 'collegebesluit', { basedOn: 'g' }), m('g', 'geen', { basedOn: 'w' }), m('w', 'wet-of-regeling')], expected: 'b', electedId: 'w' },
  { rule: 'B1 nearest elected ancestor is named', mandates: [m('x', 'collegebesluit', { basedOn: 'r' }), m('r', 'raadsbesluit', { basedOn: 'w' }), m('w', 'wet-of-regeling')], expected: 'b', electedId: 'r' },
  { rule: 'B1 ancestor elected through decidedBy', mandates: [m('x', 'convenant', { basedOn: 'y' }), m('y', 'collegebesluit', { decidedBy: { elected: true } })], expected: 'b', electedId: 'y' },
  { rule: 'C1 collegebesluit alone', mandates: [m('x', 'collegebesluit', { decidedBy: { elected: false } })], expected: 'c' },
  { rule: 'C1 convenant', mandates: [m('x', 'convenant')], expected: 'c' },
  { rule: 'C1 contract under a convenant', mandates: [m('x', 'contract', { basedOn: 'v' }), m('v', 'convenant')], expected: 'c' },
  { rule: 'C1 chain ends at a missing parent', mandates: [m('x', 'collegebesluit', { basedOn: 'gone' })], expected: 'c' },
  { rule: 'C1 a cycle without an elected mandate ends the walk', mandates: [m('x', 'collegebesluit', { basedOn: 'y' }), m('y', 'convenant', { basedOn: 'x' })], expected: 'c' },
  { rule: 'C1 an elected geen ancestor does not count', mandates: [m('x', 'collegebesluit', { basedOn: 'g' }), m('g', 'geen', { decidedBy: { elected: true } })], expected: 'c' },
];

describe('mandate classes (README step 2)', () => {
  for (const c of MANDATE_CASES) {
    it(c.rule, () => {
      // Order must not matter: classify with the list forwards and backwards.
      for (const list of [c.mandates, [...c.mandates].reverse()]) {
        const v = classifyMandates(list).get('x')!;
        expect(v.class).toBe(c.expected);
        expect(v.electedId).toBe(c.electedId);
      }
    });
  }

  it('classifies long shared chains once each and consistently', () => {
    const chain: MandateFacts[] = [m('m0', 'raadsbesluit')];
    for (let i = 1; i < 2000; i++) chain.push(m(`m${i}`, 'collegebesluit', { basedOn: `m${i - 1}` }));
    const v = classifyMandates(chain.reverse());
    expect(v.get('m1999')).toEqual({ class: 'b', electedId: 'm0' });
    expect(v.get('m0')).toEqual({ class: 'a', electedId: 'm0' });
  });
});

const VERDICTS = classifyMandates([
  m('raad', 'raadsbesluit'),
  m('college', 'collegebesluit', { basedOn: 'raad' }),
  m('convenant', 'convenant'),
  m('geen', 'geen'),
]);

const ITEM_CASES: Array<{ rule: string; ids: string[]; expected: TraceClass; via?: string; unknown?: string[] }> = [
  { rule: 'I1 no mandateIds', ids: [], expected: 'd' },
  { rule: 'I2 only geen', ids: ['geen'], expected: 'd', via: 'geen' },
  { rule: 'I2 strongest wins: c and a', ids: ['convenant', 'raad'], expected: 'a', via: 'raad' },
  { rule: 'I2 strongest wins: b over c', ids: ['convenant', 'college'], expected: 'b', via: 'college' },
  { rule: 'I2 c over d', ids: ['geen', 'convenant'], expected: 'c', via: 'convenant' },
  { rule: 'I2 unknown ids are ignored but listed', ids: ['gone', 'college'], expected: 'b', via: 'college', unknown: ['gone'] },
  { rule: 'I3 only unknown ids', ids: ['gone', 'also-gone'], expected: 'd', unknown: ['gone', 'also-gone'] },
];

describe('item classes (README step 3)', () => {
  for (const c of ITEM_CASES) {
    it(c.rule, () => {
      const v = classifyItem(c.ids, VERDICTS);
      expect(v.class).toBe(c.expected);
      expect(v.via).toBe(c.via);
      expect(v.unknownMandateIds).toEqual(c.unknown);
    });
  }
});
