import { AppError, invalid } from '../../kernel/errors.js';
import { ringSignedArea, transformer, validateGeometry, type PolygonGeometry } from '../../kernel/geo/index.js';
import type { BuildingSurface, Position3 } from '../cityjson/index.js';
import { importCityJson } from '../cityjson/index.js';
import type { PlannedBuildingInput, TwinBuildingWithSurfaces } from '../model.js';
import { checkStorageStretch, fromBuildingRecord, STORAGE_CRS } from '../storage-crs.js';

const toRd = () => transformer('EPSG:4326', 'EPSG:28992');
const toWgs = () => transformer('EPSG:28992', 'EPSG:4326');

/** Rings without the repeated closing position. */
const open = (ring: number[][]): Array<[number, number]> => {
  const r = ring.map((p) => [p[0]!, p[1]!] as [number, number]);
  const a = r[0]!;
  const b = r[r.length - 1]!;
  if (r.length > 1 && a[0] === b[0] && a[1] === b[1]) r.pop();
  return r;
};

/**
 * An LoD1 block from a footprint and a height: roof and floor faces plus one wall
 * quad per edge, all facing outwards (exterior counter-clockwise seen from outside).
 */
export function prismSurfaces(objectId: string, rings: ReadonlyArray<ReadonlyArray<[number, number]>>, ground: number, roof: number): BuildingSurface[] {
  const oriented = rings.map((r, i) => {
    const ccw = ringSignedArea(r.map((p) => [p[0], p[1]])) > 0;
    // Exterior counter-clockwise, holes clockwise (seen from above).
    return (i === 0) === ccw ? [...r] : [...r].reverse();
  });
  const at = (r: ReadonlyArray<[number, number]>, z: number): Position3[] => r.map(([x, y]) => [x, y, z]);
  const surfaces: BuildingSurface[] = [
    { objectId, semantic: 'RoofSurface', rings: oriented.map((r) => at(r, roof)) },
    { objectId, semantic: 'GroundSurface', rings: oriented.map((r) => at([...r].reverse(), ground)) },
  ];
  for (const r of oriented) {
    for (let i = 0; i < r.length; i++) {
      const [ax, ay] = r[i]!;
      const [bx, by] = r[(i + 1) % r.length]!;
      surfaces.push({ objectId, semantic: 'WallSurface', rings: [[[ax, ay, ground], [bx, by, ground], [bx, by, roof], [ax, ay, roof]]] });
    }
  }
  return surfaces;
}

export interface PlanContext {
  scenarioId: string;
  /** Index of the addition, for generated ids. */
  index: number;
  /** Median ground height (NAP) of the base buildings around a footprint. */
  groundNear(rdRing: ReadonlyArray<[number, number]>): Promise<number>;
}

/** Resolves one addition into planned buildings (a CityJSON document may hold several). */
export async function resolveAddition(input: PlannedBuildingInput, ctx: PlanContext, path: string): Promise<TwinBuildingWithSurfaces[]> {
  if ('cityjson' in input) {
    let imported;
    try {
      imported = await importCityJson(JSON.stringify(input.cityjson), { crs: input.crs, target: STORAGE_CRS });
      checkStorageStretch(imported);
    } catch (error) {
      const e = error as { detail?: string; message?: string };
      throw invalid(`${path}.cityjson`, e.detail ?? e.message ?? 'not a valid CityJSON document');
    }
    if (imported.buildings.length === 0) throw invalid(`${path}.cityjson`, 'the document holds no Building');
    return imported.buildings.map((b) => ({
      ...fromBuildingRecord(b, imported.placement.to.epsg),
      planned: { scenarioId: ctx.scenarioId, ...(input.name ? { name: input.name } : {}) },
    }));
  }
  const issues = validateGeometry(input.footprint as PolygonGeometry, { geographic: input.crs === 'EPSG:4326' });
  if (issues.length > 0) throw invalid(`${path}.footprint`, issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
  const rd = input.footprint.coordinates.map((ring) => open(ring.map((p) => (input.crs === 'EPSG:4326' ? toRd().point([p[0]!, p[1]!]) : [p[0]!, p[1]!]))));
  if (rd.some((r) => r.length < 3)) throw invalid(`${path}.footprint`, 'every ring needs three distinct corners');
  const area = rd.reduce((a, r, i) => a + (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(r)), 0);
  if (!(area > 1)) throw invalid(`${path}.footprint`, 'the footprint must enclose more than 1 m²');
  if (area > 1_000_000) throw invalid(`${path}.footprint`, 'the footprint is larger than 1 km²; give RD metres with crs EPSG:28992, or check the coordinates');
  const ground = input.groundHeight ?? (await ctx.groundNear(rd[0]!));
  const roof = ground + input.height;
  const id = input.id ?? `${ctx.scenarioId}-plan-${ctx.index + 1}`;
  const round = (v: number, d: number): number => Number(v.toFixed(d));
  const closed = (r: Array<[number, number]>) => [...r, r[0]!];
  const rdRings = rd.map((r) => closed(r.map(([x, y]) => [round(x, 3), round(y, 3)] as [number, number])));
  const wgsRings = rdRings.map((r) => r.map(([x, y]) => toWgs().point([x, y]).map((v) => round(v, 9)) as [number, number]));
  const xs = rdRings.flat().map((p) => p[0]);
  const ys = rdRings.flat().map((p) => p[1]);
  const lons = wgsRings.flat().map((p) => p[0]);
  const lats = wgsRings.flat().map((p) => p[1]);
  return [
    {
      id,
      bagId: null,
      yearOfConstruction: null,
      lod: '1',
      groundHeight: round(ground, 3),
      roofHeight: { min: round(roof, 3), p50: round(roof, 3), p70: round(roof, 3), max: round(roof, 3) },
      heightSource: 'planned',
      footprint: { rd: { type: 'Polygon', coordinates: rdRings }, wgs84: { type: 'Polygon', coordinates: wgsRings }, area: round(area, 3) },
      extentRd: [Math.min(...xs), Math.min(...ys), round(ground, 3), Math.max(...xs), Math.max(...ys), round(roof, 3)],
      bboxWgs84: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      attributes: input.name ? { name: input.name } : {},
      planned: { scenarioId: ctx.scenarioId, ...(input.name ? { name: input.name } : {}) },
      surfaces: prismSurfaces(id, rdRings.map((r) => r.slice(0, -1)), round(ground, 3), round(roof, 3)),
    },
  ];
}

export function assertNoClash(planned: readonly TwinBuildingWithSurfaces[], baseIds: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const p of planned) {
    if (baseIds.has(p.id)) throw new AppError('conflict', `A planned building may not reuse the id of an existing building ('${p.id}')`);
    if (seen.has(p.id)) throw new AppError('conflict', `Two planned buildings have the id '${p.id}'`);
    seen.add(p.id);
  }
}
