/**
 * Base-register attributes and the skipped-objects report: BAG pand ids and
 * construction years from the attribute names Dutch exports use, normalised; every
 * CityObject that is not a building named with its count, for CityJSON 1.0, 1.1 and 2.0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../src/kernel/paths.js';
import { BAG_ID_ATTRIBUTES, YEAR_ATTRIBUTES, bagIdOf, importCityJson, normaliseBagPandId, yearOf } from '../../../src/twin/cityjson/index.js';

const V10 = join(import.meta.dirname, '../../fixtures/cityjson/v1.0/delft-bag-attributes.city.json');
const v10 = (): Record<string, any> => JSON.parse(readFileSync(V10, 'utf8'));

/** BAG object type codes (digits 5–6 of an identificatie); only 10 is a pand. */
const OBJECT_TYPES = ['01', '02', '03', '10', '20', '30'];

/** CBS municipality codes run below 2000 (so an id written as a number stays under 2^53, exact in JSON). */
const bagId = fc
  .record({ municipality: fc.integer({ min: 1, max: 1999 }), type: fc.constantFrom(...OBJECT_TYPES), serial: fc.integer({ min: 0, max: 9_999_999_999 }) })
  .map(({ municipality, type, serial }) => ({ id: `${String(municipality).padStart(4, '0')}${type}${String(serial).padStart(10, '0')}`, type }));

describe('BAG pand ids', () => {
  it('normalises every way exports write a pand id to its 16 digits, and refuses other BAG objects', () => {
    fc.assert(
      fc.property(bagId, fc.constantFrom('plain', 'number', 'imbag', 'spaced'), ({ id, type }, form) => {
        const written = form === 'number' ? Number(id) : form === 'imbag' ? `NL.IMBAG.Pand.${id}` : form === 'spaced' ? `  ${id} ` : id;
        expect(normaliseBagPandId(written)).toBe(type === '10' ? id : null);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['BGT identificatie', 'G0503.032e68f0452b49b5e053'],
    ['too long', '05031000000128690'],
    ['too short', '100000012869'],
    ['municipality 0000', '0000100000012869'],
    ['not a number', 'pand'],
    ['negative', -503100000012869],
    ['fraction', 503100000012869.5],
    ['empty', ''],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(normaliseBagPandId(value as never)).toBeNull();
  });

  it('reads the attributes in order, then an NL.IMBAG.Pand id', () => {
    expect(BAG_ID_ATTRIBUTES).toEqual(['identificatie', 'bagpandid', 'identificatiebagpnd']);
    expect(bagIdOf('x', { identificatie: 'G0503.032e68f0452b49b5e053', bagpandid: 503100000012869 })).toBe('0503100000012869');
    expect(bagIdOf('x', { bagpandid: '0503100000012869', identificatiebagpnd: '0503100000000001' })).toBe('0503100000012869');
    expect(bagIdOf('NL.IMBAG.Pand.0503100000012869', {})).toBe('0503100000012869');
    // A BuildingPart's id is not a pand id.
    expect(bagIdOf('NL.IMBAG.Pand.0503100000012869-0', {})).toBeNull();
    expect(bagIdOf('b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f', {})).toBeNull();
  });
});

describe('construction years', () => {
  it.each([
    [{ oorspronkelijkbouwjaar: 1885 }, 1885],
    [{ bouwjaar: '1923' }, 1923],
    [{ bouwjaar: ' 1923 ' }, 1923],
    [{ yearOfConstruction: 2004 }, 2004],
    [{ oorspronkelijkbouwjaar: 1885, bouwjaar: 1990 }, 1885],
    [{ bouwjaar: 0, yearOfConstruction: 1950 }, 1950],
    [{ bouwjaar: 9999 }, null],
    [{ bouwjaar: 'onbekend' }, null],
    [{ bouwjaar: '1923-05-01' }, null],
    [{ bouwjaar: 1923.5 }, null],
    [{}, null],
  ])('%j → %s', (attributes, year) => {
    expect(yearOf(attributes as never)).toBe(year);
  });

  it('reads the attributes in order', () => {
    expect(YEAR_ATTRIBUTES).toEqual(['oorspronkelijkbouwjaar', 'bouwjaar', 'yearOfConstruction']);
  });
});

/** The 1.0 fixture written as 1.1 and 2.0 would write it: integer vertices with a transform, https CRS URI, string LoDs. */
function asVersion(version: '1.0' | '1.1' | '2.0'): string {
  const doc = v10();
  if (version === '1.0') return JSON.stringify(doc);
  const vertices = doc.vertices as number[][];
  const translate = [0, 1, 2].map((k) => Math.min(...vertices.map((v) => v[k]!)));
  doc.transform = { scale: [0.001, 0.001, 0.001], translate };
  doc.vertices = vertices.map((v) => v.map((c, k) => Math.round((c - translate[k]!) / 0.001)));
  doc.version = version;
  if (version === '2.0') {
    doc.metadata.referenceSystem = 'https://www.opengis.net/def/crs/EPSG/0/7415';
    for (const o of Object.values(doc.CityObjects) as Array<{ geometry?: Array<{ lod: unknown }> }>) for (const g of o.geometry ?? []) g.lod = String(g.lod);
  }
  return JSON.stringify(doc);
}

describe('a CityJSON 1.0 file with BAG attributes (and the same as 1.1 and 2.0)', () => {
  it.each(['1.0', '1.1', '2.0'] as const)('CityJSON %s: base-register ids and years, and every skipped type named with its count', async (version) => {
    const raw = v10();
    const result = await importCityJson(asVersion(version), { target: 'EPSG:7415' });
    expect(result.upgrade.from).toBe(version);
    const byId = new Map(result.buildings.map((b) => [b.id, b]));
    expect([...byId.keys()].sort()).toEqual(['pand-a', 'pand-b', 'pand-c', 'schuur']);
    // bagpandid as a number (leading zero lost), identificatie as NL.IMBAG.Pand.<id>, bagpandid as text.
    expect(byId.get('pand-a')).toMatchObject({ bagId: String(raw.CityObjects['pand-a'].attributes.bagpandid).padStart(16, '0'), yearOfConstruction: Number(raw.CityObjects['pand-a'].attributes.bouwjaar) });
    expect(byId.get('pand-b')).toMatchObject({ bagId: raw.CityObjects['pand-b'].attributes.identificatie.slice('NL.IMBAG.Pand.'.length), yearOfConstruction: raw.CityObjects['pand-b'].attributes.oorspronkelijkbouwjaar });
    expect(byId.get('pand-c')).toMatchObject({ bagId: raw.CityObjects['pand-c'].attributes.bagpandid, yearOfConstruction: null });
    // A BGT id and a verblijfsobject id are no pand ids; "onbekend" is no year.
    expect(byId.get('schuur')).toMatchObject({ bagId: null, yearOfConstruction: null });

    const expected: Record<string, number> = {};
    for (const o of Object.values(raw.CityObjects) as Array<{ type: string }>) if (o.type !== 'Building') expected[o.type] = (expected[o.type] ?? 0) + 1;
    expect(result.skipped).toEqual(expected);
    const line = result.warnings.find((w) => w.includes('were skipped'))!;
    expect(line).toMatch(/^9 CityObject\(s\) that are not buildings or parts of one were skipped: /);
    for (const [type, n] of Object.entries(expected)) expect(line).toContain(`${n} ${type}`);
  });
});

describe('skipped objects in the demo files', () => {
  it('skips nothing of the 3DBAG sequence (its BuildingParts are merged into their buildings)', async () => {
    const r = await importCityJson(readFileSync(repoPath('demo', 'delft', '3dbag-subset.city.jsonl')));
    expect(r.counts.byType['BuildingPart']).toBe(10);
    expect(r.skipped).toEqual({});
    expect(r.warnings.some((w) => w.includes('skipped'))).toBe(false);
  });

  it('counts what The Hague 1.1 file holds besides its buildings and their parts', async () => {
    const raw = JSON.parse(readFileSync(repoPath('demo', 'denhaag', 'denhaag-subset-lod2.city.json'), 'utf8'));
    const r = await importCityJson(readFileSync(repoPath('demo', 'denhaag', 'denhaag-subset-lod2.city.json')), { crs: 'EPSG:7415' });
    const expected: Record<string, number> = {};
    for (const o of Object.values(raw.CityObjects) as Array<{ type: string }>) {
      if (o.type !== 'Building' && o.type !== 'BuildingPart') expected[o.type.replace(/^\+/, '')] = (expected[o.type.replace(/^\+/, '')] ?? 0) + 1;
    }
    expect(r.skipped).toEqual(expected);
  });
});
