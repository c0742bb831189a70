import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { densifyArc, ImroError, parseDutchNumber, parseImro, parseNorm, type Xy } from '../../../src/rules/imro/index.js';

const sample = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'imro', 'imro2008-sample.gml'), 'utf8');

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

function error(xml: string): ImroError {
  try {
    parseImro(xml);
  } catch (e) {
    if (e instanceof ImroError) return e;
    throw e;
  }
  throw new Error('expected an ImroError');
}

describe('IMRO2008 import', () => {
  const plan = parseImro(sample);
  const obj = (id: string) => plan.objects.find((o) => o.id === id)!;

  it('reads the plan with a plain identificatie and planstatus', () => {
    expect(plan.version).toBe('IMRO2008');
    expect(plan.plan).toMatchObject({ id: 'NL.IMRO.9999.BPTEST2008-ON01', name: 'Testplan & omgeving', status: 'ontwerp', date: '2010-06-01', type: 'bestemmingsplan' });
  });

  it('reads GML 3.1 polygons: posList with srsDimension 3, pos lists, GML 2 coordinates, interior rings, MultiSurface', () => {
    expect(obj('NL.IMRO.9999.EB1').geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[
        [[100000, 400000], [100100, 400000], [100100, 400200], [100000, 400200], [100000, 400000]],
        [[100040, 400040], [100060, 400040], [100060, 400060], [100040, 400060], [100040, 400040]],
      ]],
    });
    const bv = obj('NL.IMRO.9999.BV1');
    expect(bv.geometry?.type).toBe('MultiPolygon');
    expect(bv.geometry!.coordinates).toHaveLength(2);
    expect((bv.geometry!.coordinates as Xy[][][])[0]![0]![1]).toEqual([100030, 400010]);
    expect(obj('NL.IMRO.9999.FG1')).toMatchObject({ kind: 'figuur', geometry: { type: 'MultiLineString', coordinates: [[[100000, 400100], [100200, 400100]]] } });
    expect(obj('NL.IMRO.9999.GA1')).toMatchObject({ kind: 'gebiedsaanduiding', hoofdgroep: 'geluidzone' });
  });

  it('parses Dutch decimals and counts into norms', () => {
    expect(obj('NL.IMRO.9999.MV1').norms).toEqual([
      { label: 'maximum bouwhoogte (m)', bound: 'max', quantity: 'bouwhoogte', value: 12.5, unit: 'm', raw: '12,5' },
      { label: 'maximum aantal wooneenheden', bound: 'max', quantity: 'aantal wooneenheden', value: 24, unit: 'count', raw: '24' },
    ]);
  });

  it('keeps an unknown object type with its attributes and lists it in the report', () => {
    expect(obj('NL.IMRO.9999.VK1')).toMatchObject({ kind: 'other', type: 'Verklaring', geometry: null, attributes: { naam: 'toelichting bij de verbeelding', tekst: 'Niet in IMRO gedefinieerd; moet bewaard blijven.' } });
    expect(plan.report.unknownTypes).toEqual([{ type: 'Verklaring', count: 1, ids: ['NL.IMRO.9999.VK1'] }]);
    expect(plan.report.warnings.join('\n')).toMatch(/unknown type <Verklaring>/);
    expect(plan.report.counts.other).toBe(1);
  });
});

describe('invalid GML names the element and the line', () => {
  it('a tag that is not closed', () => {
    const bad = sample.replace('</imro:naamOverheid>', '');
    const e = error(bad);
    expect(e.code).toBe('imro-xml-invalid');
    expect(e.line).toBeGreaterThan(1);
    expect(e.message).toMatch(/line \d+/);
  });
  it('a document that is not IMRO', () => {
    const e = error('<?xml version="1.0"?>\n<FeatureCollection xmlns="http://www.opengis.net/wfs"/>');
    expect(e).toMatchObject({ code: 'imro-not-imro', element: 'FeatureCollection', line: 2 });
  });
  it('a posList with an odd number of coordinates', () => {
    const bad = sample.replace('100000 400100 100200 400100', '100000 400100 100200');
    const e = error(bad);
    expect(e).toMatchObject({ code: 'imro-geometry-invalid', element: 'posList', line: lineOf(bad, '100000 400100 100200<') });
  });
  it('a ring that is not closed', () => {
    const bad = sample.replace('100150 400200 100150 400000</gml:posList>', '100150 400200 100140 400100</gml:posList>');
    expect(error(bad)).toMatchObject({ code: 'imro-geometry-invalid', element: 'LinearRing', detail: 'the ring is not closed' });
  });
  it('a coordinate that is not a number', () => {
    const bad = sample.replace('<gml:pos>100060 400040</gml:pos>', '<gml:pos>100060 4OOO40</gml:pos>');
    expect(error(bad)).toMatchObject({ code: 'imro-geometry-invalid', element: 'pos', line: lineOf(bad, '4OOO40') });
  });
  it('a CRS other than RD New', () => {
    const bad = sample.replace('<gml:LineString srsName="EPSG:28992">', '<gml:LineString srsName="EPSG:4326">');
    expect(error(bad)).toMatchObject({ code: 'imro-geometry-invalid', element: 'LineString', line: lineOf(bad, 'EPSG:4326') });
  });
  it('a file without a plan area', () => {
    const start = sample.indexOf('<gml:featureMember>');
    const end = sample.indexOf('</gml:featureMember>') + '</gml:featureMember>'.length;
    expect(error(sample.slice(0, start) + sample.slice(end)).code).toBe('imro-no-plan');
  });
  it('the same gml:id twice', () => {
    const bad = sample.replace('gml:id="NL.IMRO.9999.GA1"', 'gml:id="NL.IMRO.9999.EB1"');
    expect(error(bad)).toMatchObject({ code: 'imro-xml-invalid', element: 'Gebiedsaanduiding' });
  });
  it('any truncation of a valid file parses or fails with an ImroError, never anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sample.length - 1 }), (cut) => {
        try {
          parseImro(sample.slice(0, cut));
        } catch (e) {
          expect(e).toBeInstanceOf(ImroError);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('norms and arcs', () => {
  it('reads units from the bracket', () => {
    expect(parseNorm('minimum dakhelling (°)', '30')).toMatchObject({ bound: 'min', quantity: 'dakhelling', unit: 'deg', value: 30 });
    expect(parseNorm('maximum oppervlakte (m²)', '1.250')).toMatchObject({ unit: 'm2', value: 1250 });
    expect(parseNorm('maximum bebouwingspercentage', '60')).toMatchObject({ unit: '%', value: 60 });
    expect(parseNorm('bouwhoogte', 'zie regels')).toMatchObject({ bound: 'exact', value: null, raw: 'zie regels' });
  });
  it('Dutch numbers round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const v = whole + Math.sign(whole || 1) * cents / 100;
        expect(parseDutchNumber(v.toFixed(2).replace('.', ','))).toBeCloseTo(v, 6);
      }),
      { seed: 3 },
    );
  });
  it('densifies an arc within tolerance, through its middle point, either direction', () => {
    const r = 10;
    const c: Xy = [51000, 390000];
    const at = (t: number): Xy => [c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)];
    for (const [a, b, d] of [[0, Math.PI / 4, Math.PI / 2], [Math.PI, Math.PI / 2, 0]] as const) {
      const pts = densifyArc(at(a), at(b), at(d));
      expect(pts.length).toBeGreaterThan(5);
      expect(pts[0]).toEqual(at(a));
      expect(pts[pts.length - 1]).toEqual(at(d));
      for (const p of pts) expect(Math.hypot(p[0] - c[0], p[1] - c[1])).toBeCloseTo(r, 6);
      // Chords stay within the tolerance of the arc.
      for (let i = 1; i < pts.length; i++) {
        const m: Xy = [(pts[i]![0] + pts[i - 1]![0]) / 2, (pts[i]![1] + pts[i - 1]![1]) / 2];
        expect(r - Math.hypot(m[0] - c[0], m[1] - c[1])).toBeLessThanOrEqual(0.0201);
      }
      // The arc passes the side of its middle point: all points within 90° of it.
      const mid = at(b);
      for (const p of pts) expect((p[0] - c[0]) * (mid[0] - c[0]) + (p[1] - c[1]) * (mid[1] - c[1])).toBeGreaterThanOrEqual(-1e-6);
    }
  });
});
