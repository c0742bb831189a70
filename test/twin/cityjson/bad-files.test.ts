import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/kernel/errors.js';
import { UnknownCrsError } from '../../../src/kernel/geo/index.js';
import { CityJsonError, importCityJson, parseCityJsonDocument } from '../../../src/twin/cityjson/index.js';

const BAD = join(import.meta.dirname, '../../fixtures/cityjson/bad');
const read = (name: string): string => readFileSync(join(BAD, name), 'utf8');

async function refusal(source: string, options = {}): Promise<CityJsonError> {
  const progress: unknown[] = [];
  try {
    const result = await importCityJson(source, { ...options, onProgress: (p) => progress.push(p) });
    throw new Error(`import should have failed but returned ${result.buildings.length} buildings`);
  } catch (e) {
    if (!(e instanceof CityJsonError)) throw e;
    return e;
  }
}

const minimal = (objects: Record<string, unknown>, vertices: number[][], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [0.001, 0.001, 0.001], translate: [84900, 447600, 0] },
    metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/7415' },
    CityObjects: objects,
    vertices,
    ...extra,
  });
const square = [[0, 0, 0], [1000, 0, 0], [1000, 1000, 0], [0, 1000, 0]];

describe('files the importer refuses', () => {
  it('names the object whose vertex index is out of range, and returns nothing', async () => {
    const e = await refusal(read('index-out-of-range.city.json'));
    expect(e.kind).toBe('geometry');
    expect(e.objectId).toBe('broken-house');
    expect(e.detail).toMatch(/broken-house/);
    expect(e.detail).toMatch(/99 is out of range \(4 vertexs?\)/);
    expect(e.status).toBe(400);
    expect(e.invalidParams[0]?.name).toBe('CityObjects.broken-house.geometry.0');
  });

  it('refuses a CityJSONSeq whose first line has no transform', async () => {
    const e = await refusal(read('seq-missing-transform.city.jsonl'));
    expect(e.kind).toBe('missing-transform');
    expect(e.line).toBe(1);
  });

  it('refuses an EPSG code it does not know, naming it', async () => {
    await expect(importCityJson(read('unknown-epsg.city.json'))).rejects.toThrow(UnknownCrsError);
    await expect(importCityJson(read('unknown-epsg.city.json'))).rejects.toThrow(/EPSG:99999/);
  });

  it('refuses every shipped bad file with a 400 whose detail names what is wrong, never a crash', async () => {
    const files = readdirSync(BAD);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      for (const options of [{}, { target: 'EPSG:7415' }]) {
        let error: unknown;
        try {
          await importCityJson(read(file), options);
        } catch (e) {
          error = e;
        }
        expect(error, file).toBeInstanceOf(AppError);
        expect((error as AppError).status, file).toBe(400);
        expect(((error as AppError).detail ?? '').length, file).toBeGreaterThan(20);
      }
    }
  });

  it('refuses an unknown CityObject type with the types it knows', async () => {
    const e = await refusal(read('unknown-type.city.json'));
    expect(e.kind).toBe('schema');
    expect(e.objectId).toBe('typo');
    expect(e.detail).toMatch(/unknown CityObject type 'Buidling'/);
    expect(e.detail).toMatch(/BuildingPart/);
  });

  it('refuses the whole sequence when a later feature is bad, naming its line', async () => {
    const e = await refusal(read('seq-bad-feature.city.jsonl'));
    expect(e.objectId).toBe('bad');
    expect(e.line).toBe(3);
    expect(e.detail).toMatch(/^line 3, CityObject 'bad'/);
  });

  it('refuses a file without a CRS unless one is given', async () => {
    const text = JSON.stringify({ ...JSON.parse(minimal({ b: { type: 'Building' } }, [])), metadata: {} });
    const e = await refusal(text);
    expect(e.kind).toBe('missing-crs');
    expect((await importCityJson(text, { crs: 'EPSG:7415' })).crs.epsg).toBe(7415);
  });

  it('refuses a given CRS that contradicts the file', async () => {
    const e = await refusal(minimal({}, []), { crs: 25831 });
    expect(e.detail).toMatch(/EPSG:7415.*EPSG:25831/);
  });

  it.each([
    ['semantic value out of range', { type: 'MultiSurface', lod: '2', boundaries: [[[0, 1, 2, 3]]], semantics: { surfaces: [{ type: 'RoofSurface' }], values: [3] } }, /semantics\.values\.0/],
    ['misnested boundaries', { type: 'Solid', lod: '1', boundaries: [[0, 1, 2, 3]] }, /schema|expected an array/],
    ['ring of two vertices', { type: 'MultiSurface', lod: '1', boundaries: [[[0, 1]]] }, /at least 3 vertices/],
    ['negative index', { type: 'MultiSurface', lod: '1', boundaries: [[[0, 1, -2]]] }, /schema|not a vertex index/],
    ['missing template', { type: 'GeometryInstance', template: 0, boundaries: [0], transformationMatrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }, /template 0 does not exist/],
  ])('refuses %s', async (_what, geometry, message) => {
    const e = await refusal(minimal({ thing: { type: 'GenericCityObject', geometry: [geometry] } }, square));
    expect(e.objectId).toBe('thing');
    expect(e.detail).toMatch(message);
  });

  it('refuses a broken hierarchy', async () => {
    const e = await refusal(minimal({ part: { type: 'BuildingPart', parents: ['ghost'] } }, []));
    expect(e.kind).toBe('hierarchy');
    expect(e.detail).toMatch(/parent 'ghost' does not exist/);
  });

  it('refuses what is not CityJSON', async () => {
    expect((await refusal('{"type":"FeatureCollection","features":[]}')).kind).toBe('not-cityjson');
    expect((await refusal('{"type": "CityJSON",\n "version": ')).kind).toBe('not-json');
    expect((await refusal('')).kind).toBe('not-json');
    expect((await refusal(minimal({}, [], { version: '3.0' }))).kind).toBe('unsupported-version');
  });

  it('refuses a sequence that repeats an id', async () => {
    const lines = read('seq-bad-feature.city.jsonl').trim().split('\n');
    const e = await refusal([lines[0], lines[1], lines[1]].join('\n'));
    expect(e.objectId).toBe('ok');
    expect(e.line).toBe(3);
  });

  it('checks documents parsed without import the same way', () => {
    expect(() => parseCityJsonDocument(JSON.parse(read('index-out-of-range.city.json')))).toThrow(/broken-house/);
  });
});
