import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multiPolygonArea, pointInGeometry } from '../../../src/rules/check/planar.js';
import { parseImro, type PlanObject } from '../../../src/rules/imro/index.js';
import { toWgs84 } from '../../../src/rules/store/index.js';

const file = join(import.meta.dirname, '..', '..', '..', 'demo', 'goes', 'bestemmingsplan-stationsplein-zuidoost.imro2012.gml');
const text = readFileSync(file, 'utf8');
const plan = parseImro(text);
const byId = (id: string): PlanObject => plan.objects.find((o) => o.id === id)!;
/** Counted in the raw text, independently of the parser. */
const occurrences = (element: string) => (text.match(new RegExp(`<imro:${element} `, 'g')) ?? []).length;

describe('IMRO2012 import of the Goes plan (Stationsomgeving Zuid-Oost)', () => {
  it('reads the plan area: identification, name, status and date', () => {
    expect(plan.version).toBe('IMRO2012');
    expect(plan.plan).toEqual({
      id: 'NL.IMRO.0664.BPBS02-VG99',
      name: 'Stationsomgeving Zuid-Oost',
      type: 'bestemmingsplan',
      status: 'vastgesteld',
      date: '2014-02-13',
      authority: 'Goes',
      authorityCode: '0664',
    });
    expect(plan.metadata?.codeReferentiesysteem).toBe('28992');
  });

  it('keeps every object of every type: 25 bouwvlakken and the counts in the file', () => {
    expect(plan.report.counts).toEqual({
      plangebied: 1,
      enkelbestemming: 11,
      dubbelbestemming: 4,
      bouwvlak: 25,
      maatvoering: 26,
      functieaanduiding: 11,
      bouwaanduiding: 3,
    });
    for (const [kind, element] of [['bouwvlak', 'Bouwvlak'], ['enkelbestemming', 'Enkelbestemming'], ['maatvoering', 'Maatvoering'], ['functieaanduiding', 'Functieaanduiding']] as const) {
      expect(plan.report.counts[kind]).toBe(occurrences(element));
    }
    expect(plan.report.unknownTypes).toEqual([]);
    expect(plan.report.warnings).toEqual([]);
  });

  it('reads bestemmingen with naam, hoofdgroep and artikel, and links bouwvlakken to them', () => {
    expect(byId('NL.IMRO.0664.EP2261149148-00')).toMatchObject({ kind: 'enkelbestemming', name: 'Kantoor', hoofdgroep: 'kantoor', artikelnummer: '6' });
    expect(byId('NL.IMRO.0664.DP4260893814-00')).toMatchObject({ kind: 'dubbelbestemming', name: 'Waarde - Archeologie - 2', hoofdgroep: 'waarde' });
    expect(byId('NL.IMRO.0664.BP20255442525-00').refs.bestemmingsvlak).toEqual(['NL.IMRO.0664.EP3255434989-00']);
    expect(byId('NL.IMRO.0664.FA1278438692-00')).toMatchObject({ kind: 'functieaanduiding', name: 'horeca tot en met categorie 2' });
    expect(plan.objects.filter((o) => o.kind === 'bouwaanduiding').map((o) => o.name).sort()).toEqual(['twee-aaneen', 'twee-aaneen', 'vrijstaand']);
  });

  it('parses maatvoeringen into typed norms with units', () => {
    expect(byId('NL.IMRO.0664.MP9259147840-00').norms).toEqual([
      { label: 'maximum goothoogte (m)', bound: 'max', quantity: 'goothoogte', value: 4, unit: 'm', raw: '4' },
      { label: 'maximum bouwhoogte (m)', bound: 'max', quantity: 'bouwhoogte', value: 7, unit: 'm', raw: '7' },
    ]);
    expect(byId('NL.IMRO.0664.MP5268996471-00').norms.map((n) => [n.quantity, n.value, n.unit])).toEqual([
      ['bouwhoogte', 10, 'm'],
      ['bebouwingspercentage', 80, '%'],
    ]);
    expect(byId('NL.IMRO.0664.MP9259147840-00').refs.aanduiding).toEqual(['NL.IMRO.0664.BP20255442525-00']);
    // Every <imro:waarde> in the file became a numeric norm.
    const norms = plan.objects.flatMap((o) => o.norms);
    expect(norms).toHaveLength((text.match(/<imro:waarde>/g) ?? []).length);
    expect(norms.every((n) => typeof n.value === 'number')).toBe(true);
  });

  it('reads surfaces with arcs and interior rings as closed RD polygons', () => {
    const surfaces = plan.objects.filter((o) => o.geometry?.type === 'MultiPolygon');
    expect(surfaces).toHaveLength(plan.objects.length);
    const interiors = surfaces.reduce((n, o) => n + (o.geometry!.coordinates as unknown[][]).reduce((k: number, poly) => k + poly.length - 1, 0), 0);
    expect(interiors).toBe((text.match(/<gml:interior>/g) ?? []).length);
    for (const o of surfaces) {
      for (const poly of o.geometry!.coordinates as [number, number][][][]) {
        for (const ring of poly) {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [x, y] of ring) {
            expect(x).toBeGreaterThan(49000);
            expect(x).toBeLessThan(53000);
            expect(y).toBeGreaterThan(390000);
            expect(y).toBeLessThan(392000);
          }
        }
      }
    }
    const area = byId('NL.IMRO.0664.BPBS02-VG99').geometry!;
    expect(area.type).toBe('MultiPolygon');
    // Every bouwvlak lies inside the plan area (tested at its first vertex, nudged inward by nothing: boundary counts).
    for (const b of plan.objects.filter((o) => o.kind === 'bouwvlak')) {
      const [x, y] = (b.geometry!.coordinates as [number, number][][][])[0]![0]![0]!;
      expect(pointInGeometry(x, y, area)).toBe(true);
    }
    expect(multiPolygonArea(area.coordinates as never)).toBeGreaterThan(10_000);
  });

  it('transforms to WGS84 around Goes station', () => {
    const g = toWgs84(byId('NL.IMRO.0664.BP20255442525-00').geometry!);
    const [lon, lat] = (g.coordinates as [number, number][][][])[0]![0]![0]!;
    expect(lon).toBeGreaterThan(3.87);
    expect(lon).toBeLessThan(3.92);
    expect(lat).toBeGreaterThan(51.49);
    expect(lat).toBeLessThan(51.51);
  });
});
