/**
 * Imports of the real files in demo/: Delft (LoD1 2016 base map and a 3DBAG
 * CityJSONSeq), The Hague (CityJSON 1.1) and Rotterdam. Expected values come from
 * the files themselves (their own attributes, raw JSON counted here) or from
 * independent sums, never from the importer's earlier output.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformBbox, validateGeometry, ringSignedArea, type Bbox } from '../../../src/kernel/geo/index.js';
import { importCityJson, type BuildingRecord, type CityJsonImport, type ImportProgress } from '../../../src/twin/cityjson/index.js';

const DEMO = join(import.meta.dirname, '../../../demo');
const path = (p: string): string => join(DEMO, p);
const text = (p: string): string => readFileSync(path(p), 'utf8');

type Raw = { CityObjects: Record<string, { type: string; attributes?: Record<string, unknown>; children?: string[]; geometry?: Array<{ lod: string; type: string; boundaries: unknown }> }>; metadata?: { geographicalExtent?: number[] } };

/** Area of the projection of a 3D ring on the horizontal plane. */
const planArea = (ring: number[][]): number => Math.abs(ringSignedArea(ring));

function footprintIsValid(b: BuildingRecord, within: Bbox): void {
  expect(b.footprint, `${b.id} has a footprint`).not.toBeNull();
  expect(validateGeometry(b.footprint!.wgs84), b.id).toEqual([]);
  expect(validateGeometry(b.footprint!.source, { geographic: false }), b.id).toEqual([]);
  const polygons = b.footprint!.wgs84!.type === 'Polygon' ? [b.footprint!.wgs84!.coordinates] : b.footprint!.wgs84!.coordinates;
  for (const polygon of polygons) {
    // RFC 7946: exterior counter-clockwise.
    expect(ringSignedArea(polygon[0]!)).toBeGreaterThan(0);
    for (const [lon, lat] of polygon.flat()) {
      expect(lon).toBeGreaterThanOrEqual(within[0]);
      expect(lon).toBeLessThanOrEqual(within[2]);
      expect(lat).toBeGreaterThanOrEqual(within[1]);
      expect(lat).toBeLessThanOrEqual(within[3]);
    }
  }
}

describe('Delft, LoD1 2016 (CityJSON 2.0)', () => {
  let result: CityJsonImport;
  let raw: Raw;
  const progress: ImportProgress[] = [];
  beforeAll(async () => {
    raw = JSON.parse(text('delft/buildings-lod1-2016.city.json'));
    result = await importCityJson(text('delft/buildings-lod1-2016.city.json'), { onProgress: (p) => progress.push({ ...p }) });
  });

  it('reads all 570 objects and the 160 buildings, in EPSG:7415 from the file', () => {
    expect(result.format).toBe('CityJSON');
    expect(result.counts.cityObjects).toBe(Object.keys(raw.CityObjects).length);
    expect(result.counts.cityObjects).toBe(570);
    expect(result.buildings).toHaveLength(160);
    expect(result.counts.byType['Building']).toBe(160);
    expect(result.crs).toMatchObject({ epsg: 7415, fromFile: true });
  });

  it('names every CityObject type it skipped, with counts taken from the file itself', () => {
    const expected: Record<string, number> = {};
    for (const o of Object.values(raw.CityObjects)) if (o.type !== 'Building') expected[o.type] = (expected[o.type] ?? 0) + 1;
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(result.skipped).toEqual(expected);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(new RegExp(`^${total} CityObject\\(s\\) that are not buildings or parts of one were skipped: `));
    for (const [type, n] of Object.entries(expected)) expect(result.warnings[0]).toContain(`${n} ${type}`);
  });

  it('reports progress up to the total', () => {
    const objects = progress.filter((p) => p.phase === 'objects');
    expect(objects.map((p) => p.done)).toEqual([...objects.map((p) => p.done)].sort((a, b) => a - b));
    expect(objects.at(-1)).toEqual({ phase: 'objects', done: 570, total: 570 });
    expect(objects.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ phase: 'buildings', done: 160, total: 160 });
  });

  it('takes BAG ids from identificatiebagpnd, restoring the 16 digits', () => {
    for (const b of result.buildings) {
      const fromFile = String(raw.CityObjects[b.id]!.attributes!['identificatiebagpnd']);
      expect(b.bagId).toMatch(/^0503\d{12}$/);
      expect(b.bagId).toBe(fromFile.padStart(16, '0'));
      expect(b.yearOfConstruction).toBeNull();
    }
  });

  it('reads measuredHeight as this file writes it: the absolute roof level (top of each solid)', () => {
    for (const b of result.buildings) {
      const attributes = raw.CityObjects[b.id]!.attributes!;
      expect(b.heightSource).toBe('measuredHeight');
      expect(b.roofHeight.max).toBeCloseTo(attributes['measuredHeight'] as number, 6);
      expect(b.roofHeight.max).toBeCloseTo(b.extent![5], 3);
      // The ground is the lowest vertex; the file's own min-height-surface attribute agrees.
      expect(b.groundHeight).toBeCloseTo(attributes['min-height-surface'] as number, 3);
    }
  });

  it('keeps every triangle of the LoD1 solids as a surface in world coordinates', () => {
    const rawTriangles = result.buildings.reduce((n, b) => n + (raw.CityObjects[b.id]!.geometry![0]!.boundaries as unknown[][]).flat().length, 0);
    expect(result.buildings.reduce((n, b) => n + b.surfaces.length, 0)).toBe(rawTriangles);
    const extent = raw.metadata!.geographicalExtent!;
    for (const b of result.buildings) {
      expect(b.lod).toBe('1');
      for (const p of b.surfaces.flatMap((s) => s.rings.flat())) {
        expect(p[0]).toBeGreaterThanOrEqual(extent[0]!);
        expect(p[0]).toBeLessThanOrEqual(extent[3]!);
        expect(p[2]).toBeGreaterThanOrEqual(extent[2]!);
        expect(p[2]).toBeLessThanOrEqual(extent[5]!);
      }
    }
  });

  it('derives footprints whose area equals the sum of the roof triangles (the solids are open below)', () => {
    const extent = raw.metadata!.geographicalExtent!;
    const wgsBox = transformBbox([extent[0]!, extent[1]!, extent[3]!, extent[4]!], 7415, 4326);
    for (const b of result.buildings) {
      footprintIsValid(b, wgsBox);
      const top = b.surfaces.filter((s) => s.rings[0]!.every((p) => p[2] >= b.extent![5] - 0.001));
      const roofArea = top.reduce((a, s) => a + planArea(s.rings[0]!), 0);
      // Outline points within a millimetre of a straight edge are dropped: allow 1 mm along the perimeter.
      const outline = (b.footprint!.source.type === 'Polygon' ? [b.footprint!.source.coordinates] : b.footprint!.source.coordinates).flat();
      const perimeter = outline.reduce((sum, ring) => sum + ring.slice(1).reduce((d, p, i) => d + Math.hypot(p[0]! - ring[i]![0]!, p[1]! - ring[i]![1]!), 0), 0);
      expect(Math.abs(b.footprint!.area - roofArea), b.id).toBeLessThan(0.001 * perimeter);
    }
  });

  it('gives the same result streamed from disk in small chunks', async () => {
    const streamed = await importCityJson(createReadStream(path('delft/buildings-lod1-2016.city.json'), { highWaterMark: 4096 }));
    expect(streamed.buildings).toEqual(result.buildings);
  });

  it('stops when aborted', async () => {
    await expect(importCityJson(text('delft/buildings-lod1-2016.city.json'), { signal: AbortSignal.abort(), progressEvery: 50 })).rejects.toThrow(/abort/i);
  });

  it('gives a WGS 84 box around Delft east of the Markt', () => {
    const [w, s, e, n] = result.bboxWgs84!;
    expect(w).toBeGreaterThan(4.36);
    expect(e).toBeLessThan(4.37);
    expect(s).toBeGreaterThan(52.01);
    expect(n).toBeLessThan(52.013);
  });
});

describe('Delft, 3DBAG CityJSONSeq', () => {
  let result: CityJsonImport;
  let features: Array<{ id: string; CityObjects: Raw['CityObjects'] }>;
  const progress: ImportProgress[] = [];
  beforeAll(async () => {
    const lines = text('delft/3dbag-subset.city.jsonl').trim().split('\n');
    features = lines.slice(1).map((l) => JSON.parse(l));
    result = await importCityJson(createReadStream(path('delft/3dbag-subset.city.jsonl'), { highWaterMark: 1024 }), {
      progressEvery: 3,
      onProgress: (p) => progress.push({ ...p }),
    });
  });

  it('reads every feature line as one building with its part', () => {
    expect(result.format).toBe('CityJSONSeq');
    expect(result.counts.features).toBe(features.length);
    expect(result.buildings.map((b) => b.id)).toEqual(features.map((f) => f.id));
    for (const b of result.buildings) {
      const feature = features.find((f) => f.id === b.id)!;
      expect(b.parts).toEqual(feature.CityObjects[b.id]!.children);
    }
    expect(progress.map((p) => p.done)).toEqual([3, 6, 9, 10]);
    expect(progress.at(-1)!.total).toBe(10);
  });

  it('takes BAG id, year and heights from the 3DBAG attributes', () => {
    for (const b of result.buildings) {
      const a = features.find((f) => f.id === b.id)!.CityObjects[b.id]!.attributes!;
      expect(`NL.IMBAG.Pand.${b.bagId}`).toBe(a['identificatie']);
      expect(b.yearOfConstruction).toBe(a['oorspronkelijkbouwjaar']);
      expect(b.heightSource).toBe('3dbag');
      expect(b.groundHeight).toBeCloseTo(a['b3_h_maaiveld'] as number, 3);
      expect(b.roofHeight.max).toBeCloseTo(a['b3_h_dak_max'] as number, 3);
      expect(b.roofHeight.p70).toBeCloseTo(a['b3_h_dak_70p'] as number, 3);
      expect(b.roofHeight.p50).toBeCloseTo(a['b3_h_dak_50p'] as number, 3);
      expect(b.roofHeight.min).toBeCloseTo(a['b3_h_dak_min'] as number, 3);
    }
  });

  it('keeps the highest LoD (2.2) and takes the footprint from LoD0, matching 3DBAG ground areas', () => {
    const metadata = JSON.parse(text('delft/3dbag-subset.city.jsonl').split('\n')[0]!).metadata;
    const extent = metadata.geographicalExtent as number[];
    const wgsBox = transformBbox([extent[0]!, extent[1]!, extent[3]!, extent[4]!], 7415, 4326);
    for (const b of result.buildings) {
      expect(b.lod).toBe('2.2');
      footprintIsValid(b, wgsBox);
      const a = features.find((f) => f.id === b.id)!.CityObjects[b.id]!.attributes!;
      // b3_opp_grond is 3DBAG's own ground area (of the LoD2.2 model): within 0.1 %.
      expect(Math.abs(b.footprint!.area - (a['b3_opp_grond'] as number)) / (a['b3_opp_grond'] as number)).toBeLessThan(0.001);
    }
  });
});

describe('The Hague, CityJSON 1.1 with building parts', () => {
  let result: CityJsonImport;
  let raw: Raw;
  beforeAll(async () => {
    raw = JSON.parse(text('denhaag/denhaag-subset-lod2.city.json'));
    result = await importCityJson(text('denhaag/denhaag-subset-lod2.city.json'), { crs: 'EPSG:7415' });
  });

  it('needs the CRS the file does not name', async () => {
    await expect(importCityJson(text('denhaag/denhaag-subset-lod2.city.json'))).rejects.toThrow(/names no coordinate reference system/);
  });

  it('upgrades to 2.0 and says so', () => {
    expect(result.upgrade.from).toBe('1.1');
    expect(result.upgrade.changes).toContain('"version" 1.1 became "2.0"');
    expect(result.warnings.some((w) => w.includes('upgraded from CityJSON 1.1'))).toBe(true);
  });

  it('merges the 8 parts under their 4 buildings', () => {
    expect(result.buildings).toHaveLength(4);
    const partCount = Object.values(raw.CityObjects).filter((o) => o.type === 'BuildingPart').length;
    expect(result.buildings.reduce((n, b) => n + b.parts.length, 0)).toBe(partCount);
    for (const b of result.buildings) expect(b.parts).toEqual(raw.CityObjects[b.id]!.children ?? []);
  });

  it('unites the parts\' ground surfaces into one polygon per building with their summed area', () => {
    for (const b of result.buildings) {
      expect(b.footprint!.source.type).toBe('Polygon');
      const ground = b.surfaces.filter((s) => s.semantic === 'GroundSurface');
      const sum = ground.reduce((a, s) => a + planArea(s.rings[0]!), 0);
      expect(Math.abs(b.footprint!.area - sum)).toBeLessThan(0.05);
    }
  });

  it('puts the roof top at the highest AbsoluteRidgeHeight of the parts', () => {
    for (const b of result.buildings) {
      const ridges = b.parts.map((p) => raw.CityObjects[p]!.attributes!['AbsoluteRidgeHeight'] as number);
      if (ridges.length === 0) continue;
      expect(b.heightSource).toBe('geometry');
      expect(b.roofHeight.max).toBeCloseTo(Math.max(...ridges), 2);
      expect(b.roofHeight.min!).toBeLessThanOrEqual(b.roofHeight.max!);
    }
  });
});

describe('Rotterdam, textured LoD2 (CityJSON 2.0, no metadata)', () => {
  let result: CityJsonImport;
  beforeAll(async () => {
    result = await importCityJson(readFileSync(path('rotterdam/rotterdam-subset-lod2.city.json')), { crs: 7415 });
  });

  it('reads the 16 buildings from bytes', () => {
    expect(result.buildings).toHaveLength(16);
    expect(result.metadata).toEqual({});
  });

  it('derives footprints from the GroundSurfaces and heights from the geometry', () => {
    const [w, s, e, n] = result.bboxWgs84!;
    for (const b of result.buildings) {
      footprintIsValid(b, [w, s, e, n]);
      const ground = b.surfaces.filter((x) => x.semantic === 'GroundSurface');
      expect(ground.length).toBeGreaterThan(0);
      const sum = ground.reduce((a, x) => a + planArea(x.rings[0]!), 0);
      expect(Math.abs(b.footprint!.area - sum)).toBeLessThan(0.05);
      expect(b.lod).toBe('2');
      expect(b.heightSource).toBe('geometry');
      // The models stand at 0 m; the terrain level is only an attribute (TerrainHeight).
      expect(b.groundHeight).toBe(b.extent![2]);
      const roofZ = b.surfaces.filter((x) => x.semantic === 'RoofSurface').flatMap((x) => x.rings.flat().map((p) => p[2]));
      expect(b.roofHeight.min).toBe(Math.min(...roofZ));
      expect(b.roofHeight.max).toBe(b.extent![5]);
    }
    // Rotterdam centre, about 4.45 E 51.9 N.
    expect(w).toBeGreaterThan(4.44);
    expect(n).toBeLessThan(51.92);
  });
});
