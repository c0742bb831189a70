import { describe, expect, it } from 'vitest';
import { CityJsonError, importCityJson, parseCityJsonDocument, upgradeDocument } from '../../../src/twin/cityjson/index.js';

const v11 = () => ({
  type: 'CityJSON',
  version: '1.1',
  transform: { scale: [0.001, 0.001, 0.001], translate: [84900, 447600, 0] },
  metadata: { referenceSystem: 'urn:ogc:def:crs:EPSG::7415' },
  extensions: { Generic: { url: 'https://www.cityjson.org/extensions/download/generic.ext.json', version: '1.0' } },
  CityObjects: {
    lamp: { type: '+GenericCityObject', geometry: [{ type: 'MultiPoint', lod: 1, boundaries: [0] }] },
    house: {
      type: 'Building',
      address: { thoroughfareName: 'Markt', thoroughfareNumber: '87', locality: 'Delft' },
      geometry: [{ type: 'MultiSurface', lod: 0, boundaries: [[[0, 1, 2, 3]]] }],
    },
  },
  vertices: [[0, 0, 0], [4000, 0, 0], [4000, 3000, 0], [0, 3000, 0]],
});

describe('upgrade to CityJSON 2.0', () => {
  it('rewrites what changed between 1.1 and 2.0 and lists it', () => {
    const doc = v11();
    const report = upgradeDocument(doc);
    expect(report.from).toBe('1.1');
    expect(doc.version).toBe('2.0');
    expect(doc.CityObjects.lamp.type).toBe('GenericCityObject');
    expect(Array.isArray(doc.CityObjects.house.address)).toBe(true);
    expect(doc.CityObjects.house.geometry[0]!.lod).toBe('0');
    expect(doc.metadata.referenceSystem).toBe('https://www.opengis.net/def/crs/EPSG/0/7415');
    expect(doc.extensions).toEqual({});
    expect(report.changes).toHaveLength(6);
  });

  it('imports the upgraded 1.1 file (its numeric lod alone would fail the 2.0 schema)', async () => {
    const result = await importCityJson(JSON.stringify(v11()));
    expect(result.counts.byType).toEqual({ GenericCityObject: 1, Building: 1 });
    expect(result.buildings[0]!.footprint!.area).toBeCloseTo(12, 6);
    expect(result.crs.epsg).toBe(7415);
  });

  it('quantises a 1.0 file without transform to the millimetre', () => {
    const doc = { ...v11(), version: '1.0', transform: undefined, vertices: [[84900.0004, 447600.0016, 1.5], [84904, 447600, 1.5], [84904, 447603, 1.5], [84900, 447603, 1.5]] };
    delete (doc as { transform?: unknown }).transform;
    const parsed = parseCityJsonDocument(doc);
    expect(parsed.upgrade.changes.some((c) => c.includes('quantised'))).toBe(true);
    expect(parsed.document.transform).toEqual({ scale: [0.001, 0.001, 0.001], translate: [84900, 447600, 1.5] });
    expect(parsed.coordinates[0]).toBeCloseTo(84900, 6);
    expect(parsed.coordinates[1]).toBeCloseTo(447600.002, 6);
  });

  it('leaves a 2.0 document alone and refuses versions it does not know', () => {
    const doc = { ...v11(), version: '2.0' };
    expect(upgradeDocument(doc).changes).toEqual([]);
    expect(doc.CityObjects.lamp.type).toBe('+GenericCityObject');
    expect(() => upgradeDocument({ ...v11(), version: '0.9' })).toThrow(CityJsonError);
    expect(upgradeDocument({ ...v11(), version: '1.1.3' }).from).toBe('1.1');
  });
});
