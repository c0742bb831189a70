import type { AppContext } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import { RD_NEW, transformPoint, transformer, WGS84 } from '../kernel/geo/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import { scenarioStore } from '../twin/index.js';
import { checkBuilding, type BuildingCheck } from './check/building.js';
import { groupByPlan, type PlanHere } from './check/here.js';
import { multiPolygonArea } from './check/planar.js';
import { ImroError, parseImro, type ImroPlan, type PolygonCoords, type Xy } from './imro/index.js';
import type { CheckBuildingBody, CheckScenarioBody, HereBody, PointQuery } from './model.js';
import { rulesStore, type FoundObject, type PlanRecord } from './store/index.js';

/** Parses an IMRO file; a broken file is the client's mistake (400 naming element and line). */
export function parsePlanOrThrow(xml: string): ImroPlan {
  try {
    return parseImro(xml);
  } catch (e) {
    if (e instanceof ImroError) throw new AppError('validation-failed', e.message, [{ name: e.element ?? '(document)', reason: `${e.detail}${e.line !== undefined ? ` (line ${e.line})` : ''}`, in: 'body' }]);
    throw e;
  }
}

export interface ImportResult {
  plan: PlanRecord;
  replaced: boolean;
  report: ImroPlan['report'];
}

/** Stores a parsed plan in one transaction, replacing an earlier import of the same plan id. */
export async function importPlan(ctx: Pick<AppContext, 'store'>, parsed: ImroPlan, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
  const { plan, replaced } = await ctx.store.transaction((tx) => rulesStore(tx).putPlan(tx, parsed, onProgress));
  return { plan, replaced, report: parsed.report };
}

export interface HereResult {
  location: { type: 'Point'; coordinates: [number, number] } | { type: 'Area'; areaM2: number };
  /** The location in RD New (points only). */
  rd?: [number, number];
  plans: PlanHere[];
}

/** Resolves the query to RD New x/y and WGS84 lon/lat. */
export function pointOf(q: PointQuery): { rd: Xy; wgs84: Xy } {
  if (q.x !== undefined && q.y !== undefined) return { rd: [q.x, q.y], wgs84: transformPoint([q.x, q.y], RD_NEW, WGS84) };
  const wgs84: Xy = [q.lon!, q.lat!];
  return { rd: transformPoint(wgs84, WGS84, RD_NEW), wgs84 };
}

async function plansOf(db: Queryable, found: readonly FoundObject[]): Promise<Map<string, PlanRecord>> {
  return rulesStore(db).getPlans(db, [...new Set(found.map((o) => o.planId))]);
}

export async function whatAppliesAtPoint(db: Queryable, q: PointQuery): Promise<HereResult> {
  const { rd, wgs84 } = pointOf(q);
  if (!rd.every(Number.isFinite)) throw new AppError('invalid-query', 'the point lies outside the area RD New (EPSG:28992) covers', [{ name: 'lon', reason: 'outside the RD New area', in: 'query' }]);
  const found = await rulesStore(db).objectsAtPoint(db, rd[0], rd[1]);
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    location: { type: 'Point', coordinates: [round(wgs84[0], 7), round(wgs84[1], 7)] },
    rd: [round(rd[0], 3), round(rd[1], 3)],
    plans: groupByPlan(found, await plansOf(db, found)),
  };
}

/** GeoJSON (Multi)Polygon in WGS84 or RD to RD polygons. */
export function toRdPolygons(g: HereBody['geometry'], crs: 4326 | 28992 = 4326): PolygonCoords[] {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  const t = crs === 28992 ? null : transformer(WGS84, RD_NEW);
  const out = polys.map((poly) => poly.map((ring) => ring.map((p) => (t ? t.point([p[0]!, p[1]!] as Xy) : ([p[0]!, p[1]!] as Xy)))));
  // Far from the Netherlands the RD projection degenerates; nothing is planned there anyway.
  if (out.some((poly) => poly.some((ring) => ring.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 2e6 || Math.abs(y) > 2e6)))) {
    throw new AppError('validation-failed', 'geometry: lies outside the area RD New (EPSG:28992) covers', [{ name: 'geometry', reason: 'outside the RD New area', in: 'body' }]);
  }
  return out;
}

export async function whatAppliesInArea(db: Queryable, body: HereBody): Promise<HereResult> {
  const area = toRdPolygons(body.geometry, body.crs);
  const areaM2 = multiPolygonArea(area);
  if (areaM2 <= 0) throw new AppError('validation-failed', 'geometry: the area is empty', [{ name: 'geometry', reason: 'the area is empty', in: 'body' }]);
  const found = await rulesStore(db).objectsInArea(db, area);
  return { location: { type: 'Area', areaM2: Math.round(areaM2 * 100) / 100 }, plans: groupByPlan(found, await plansOf(db, found), areaM2) };
}

export async function checkPlannedBuilding(db: Queryable, body: CheckBuildingBody): Promise<BuildingCheck> {
  const footprint = toRdPolygons(body.footprint);
  if (multiPolygonArea(footprint) <= 0) throw new AppError('validation-failed', 'footprint: the area is empty', [{ name: 'footprint', reason: 'the area is empty', in: 'body' }]);
  const found = await rulesStore(db).objectsInArea(db, footprint);
  return checkBuilding({ footprint, height: body.height, ...(body.function ? { function: body.function } : {}) }, found, await plansOf(db, found));
}

/** Every planned building of a twin scenario checked against the plan where it stands. */
export async function checkScenario(db: Queryable, body: CheckScenarioBody) {
  const scenario = await scenarioStore().get(db, body.scenario);
  if (!scenario) throw new AppError('referenced-resource-missing', `scenario: no twin scenario '${body.scenario}'`, [{ name: 'scenario', reason: 'unknown scenario', in: 'body' }]);
  const buildings = [];
  for (const b of scenario.planned) {
    const top = b.roofHeight.max ?? b.roofHeight.p70 ?? b.roofHeight.p50;
    if (!b.footprint || top === null || b.groundHeight === null) continue;
    const g = b.footprint.wgs84;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const coordinates of polygons) {
      const check = await checkPlannedBuilding(db, {
        footprint: { type: 'Polygon', coordinates } as CheckBuildingBody['footprint'],
        height: Math.round((top - b.groundHeight) * 100) / 100,
        ...(body.function ? { function: body.function } : {}),
      });
      buildings.push({ buildingId: b.id, name: b.planned?.name ?? null, height: Math.round((top - b.groundHeight) * 100) / 100, check });
    }
  }
  return { scenario: { id: scenario.id, name: scenario.name }, buildings };
}
