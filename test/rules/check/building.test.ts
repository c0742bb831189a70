import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuilding } from '../../../src/rules/check/building.js';
import { MIN_OVERLAP_M2, overlapWith } from '../../../src/rules/check/planar.js';
import { parseImro, type PolygonCoords } from '../../../src/rules/imro/index.js';
import type { FoundObject, PlanRecord } from '../../../src/rules/store/index.js';

const plan = parseImro(readFileSync(join(import.meta.dirname, '..', '..', '..', 'demo', 'goes', 'bestemmingsplan-stationsplein-zuidoost.imro2012.gml'), 'utf8'));
const record = { ...plan.plan, version: plan.version } as PlanRecord;
const plans = new Map([[record.id, record]]);

/** What the store would answer for the footprint, computed from the parsed plan directly. */
function found(footprint: PolygonCoords[]): FoundObject[] {
  return plan.objects.flatMap((o) => {
    const overlap = o.geometry ? overlapWith(o.geometry, footprint) : false;
    if (overlap === false || (typeof overlap === 'number' && overlap < MIN_OVERLAP_M2)) return [];
    return [{ ...o, planId: record.id, ...(typeof overlap === 'number' ? { overlapM2: overlap } : {}) }];
  });
}
const square = (x0: number, y0: number, x1: number, y1: number): PolygonCoords[] => [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]];

// Inside bouwvlak NL.IMRO.0664.BP20255442525-00 (Wonen), read off its posList: the bouwvlak
// runs between x 51642.3..51655.2 at these y values.
const INSIDE = square(51646, 390826, 51652, 390832);
const ACROSS = square(51650, 390826, 51660, 390832);

describe('check a planned building (pure)', () => {
  it('inside a bouwvlak and under the maximum: no conflicts', () => {
    const r = checkBuilding({ footprint: INSIDE, height: 7.5, function: 'wonen' }, found(INSIDE), plans);
    expect(r.conflicts).toEqual([]);
    expect(r.footprintAreaM2).toBe(36);
    expect(r.uncoveredAreaM2).toBe(0);
    expect(r.plans.map((p) => p.id)).toEqual(['NL.IMRO.0664.BPBS02-VG99']);
    expect(r.notes.join(' ')).toMatch(/Archeologie/);
  });

  it('too tall: the maximum bouwhoogte of the maatvoering that covers it', () => {
    const r = checkBuilding({ footprint: INSIDE, height: 12 }, found(INSIDE), plans);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({
      kind: 'too-high',
      actual: 12,
      maximum: 8,
      plan: { id: 'NL.IMRO.0664.BPBS02-VG99', name: 'Stationsomgeving Zuid-Oost', status: 'vastgesteld', date: '2014-02-13' },
      rule: { objectId: 'NL.IMRO.0664.MP7259147701-00', kind: 'maatvoering', norm: { quantity: 'bouwhoogte', value: 8, unit: 'm' } },
    });
  });

  it('crossing the bouwvlak edge: the part outside in m²', () => {
    const r = checkBuilding({ footprint: ACROSS, height: 6 }, found(ACROSS), plans);
    const outside = r.conflicts.filter((c) => c.kind === 'outside-bouwvlak');
    expect(outside).toHaveLength(1);
    // The edge runs from (51657.384, 390820.769) to (51652.7, 390840.2): x = 51654.68..55.16 over y 390826..390832.
    const edgeX = (y: number) => 51657.384 + ((y - 390820.769) / (390840.2 - 390820.769)) * (51652.7 - 51657.384);
    const expected = 60 - ((edgeX(390826) + edgeX(390832)) / 2 - 51650) * 6;
    expect(outside[0]!.areaM2).toBeCloseTo(expected, 1);
    expect(outside[0]!.plan.id).toBe('NL.IMRO.0664.BPBS02-VG99');
  });

  it('a function the bestemming does not allow', () => {
    const r = checkBuilding({ footprint: INSIDE, height: 6, function: 'kantoor' }, found(INSIDE), plans);
    expect(r.conflicts).toEqual([expect.objectContaining({ kind: 'function-not-allowed', rule: expect.objectContaining({ objectId: 'NL.IMRO.0664.EP3255434989-00', name: 'Wonen', allowed: ['wonen'] }) })]);
  });

  it('outside every plan: nothing to conflict with, and it says so', () => {
    const far = square(100000, 400000, 100010, 400010);
    const r = checkBuilding({ footprint: far, height: 100 }, found(far), plans);
    expect(r.conflicts).toEqual([]);
    expect(r.uncoveredAreaM2).toBe(100);
    expect(r.notes.join(' ')).toMatch(/outside every imported plan/);
  });
});
