import { AppError } from '../../kernel/errors.js';
import { transformPoint, type Bbox } from '../../kernel/geo/index.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { Scenario, TwinBuilding, TwinBuildingWithSurfaces } from '../model.js';
import { buildingStore } from '../store/index.js';
import { compareStudies, rdMeridianConvergence, shadowPolygons, solarPosition, toSunStep, type PointChange } from '../sun/index.js';
import { normList, OBSTACLE_REACH, rdBoxOfBuildings, runStudy, type StudyOptions } from './facades.js';
import { amsterdamTime, grow, medianGround, siteOf, toSunBuildings, wgsBoxOf } from './sun-input.js';

/** Default study radius around the planned buildings (m), as most municipalities ask. */
export const DEFAULT_RADIUS = 100;

type Ring = number[][];
const polygonsOf = (b: TwinBuilding): Ring[] => {
  const g = b.footprint?.rd;
  if (!g) return [];
  return g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
};

function segDist(px: number, py: number, a: number[], b: number[]): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]!) * dx + (py - a[1]!) * dy) / len2));
  return Math.hypot(px - a[0]! - t * dx, py - a[1]! - t * dy);
}

/** Smallest distance between two footprints' outlines (0 when they touch). */
export function footprintDistance(a: TwinBuilding, b: TwinBuilding): number {
  let d = Infinity;
  for (const ra of polygonsOf(a)) for (const rb of polygonsOf(b)) {
    for (const p of ra) for (let i = 0; i + 1 < rb.length; i++) d = Math.min(d, segDist(p[0]!, p[1]!, rb[i]!, rb[i + 1]!));
    for (const p of rb) for (let i = 0; i + 1 < ra.length; i++) d = Math.min(d, segDist(p[0]!, p[1]!, ra[i]!, ra[i + 1]!));
  }
  return d;
}

export interface BezonningResult {
  scenario: { id: string; name: string };
  options: StudyOptions & { radius: number };
  norms: ReturnType<typeof normList>;
  planned: Array<{ id: string; name?: string; height: number | null }>;
  removed: string[];
  studied: Array<{ id: string; bagId: string | null; points: number; newlyFailing: Record<string, number>; failingBefore: Record<string, number>; failingAfter: Record<string, number> }>;
  summary: Record<string, Record<PointChange['status'], number>>;
  /** Facade points that meet a norm without the plan and fall below it with it. */
  newlyFailing: Array<{
    pointId: string;
    buildingId: string;
    norm: string;
    storey: number;
    rd: [number, number, number];
    wgs84: [number, number];
    hoursBefore: number;
    hoursAfter: number;
    worstDayAfter: string;
    daysBelowAfter: number;
  }>;
  verdict: string;
}

export interface ReportMap {
  area: Bbox;
  buildings: Array<{ id: string; role: 'planned' | 'studied' | 'removed' | 'other'; rings: Ring[] }>;
  points: Array<{ x: number; y: number; status: 'newly-failing' | 'failing' | 'passing' }>;
  /** Shadows with the plan at a few moments of 21 March (local time). */
  shadows: Array<{ label: string; altitude: number; pieces: Array<{ planned: boolean; rings: Array<Array<readonly [number, number]>> }> }>;
}

const iso = (d: { year: number; month: number; day: number }): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The bezonningsstudie: facades around the plan, each judged without and with it
 * against the TNO norms; what the plan makes fall below a norm.
 */
export async function bezonning(
  db: Queryable,
  scenario: Scenario,
  chosen: readonly string[] | undefined,
  o: StudyOptions & { radius?: number },
  onProgress?: (done: number, total: number) => void,
): Promise<{ result: BezonningResult; map: ReportMap }> {
  if (scenario.planned.length === 0 && scenario.removals.length === 0) throw new AppError('validation-failed', `Scenario '${scenario.id}' changes nothing: add a planned building or a removal`);
  const radius = o.radius ?? DEFAULT_RADIUS;
  const changed: TwinBuilding[] = [...scenario.planned];
  const store = buildingStore(db);
  if (scenario.removals.length) changed.push(...(await store.getWithSurfaces(db, scenario.removals)));
  const changeBox = rdBoxOfBuildings(changed);
  let targets: TwinBuildingWithSurfaces[];
  if (chosen && chosen.length) {
    targets = await store.getWithSurfaces(db, chosen);
    const missing = chosen.find((id) => !targets.some((t) => t.id === id));
    if (missing) throw new AppError('referenced-resource-missing', `Building '${missing}' is not in the base model`, [{ name: 'buildings', reason: `unknown building ${missing}`, in: 'body' }]);
  } else {
    const near = await store.inBbox(db, wgsBoxOf(grow(changeBox, radius + 5)));
    targets = near.filter((b) => !scenario.removals.includes(b.id) && changed.some((c) => footprintDistance(b, c) <= radius));
  }
  targets = targets.filter((t) => !scenario.removals.includes(t.id));
  const ids = targets.map((t) => t.id);
  const area = rdBoxOfBuildings([...targets, ...changed]);
  const around = await store.inBbox(db, wgsBoxOf(grow(area, OBSTACLE_REACH)));
  const baseObstacles = around;
  const scenarioObstacles = [...around.filter((b) => !scenario.removals.includes(b.id)), ...scenario.planned];
  onProgress?.(0, 2);
  const before = runStudy(baseObstacles, ids, area, o);
  onProgress?.(1, 2);
  const after = runStudy(scenarioObstacles, ids, area, o);
  onProgress?.(2, 2);
  const cmp = compareStudies(before, after);
  const pointsById = new Map(after.results.map((r) => [r.point.id, r.point]));
  const studied = targets.map((t) => {
    const count = (study: typeof before, norm: string) => study.results.filter((r) => r.point.buildingId === t.id && r.point && r.verdicts.some((v) => v.norm === norm && !v.pass)).length;
    const newly: Record<string, number> = {};
    const fb: Record<string, number> = {};
    const fa: Record<string, number> = {};
    for (const n of before.norms) {
      newly[n.name] = cmp.newlyFailing.filter((c) => c.buildingId === t.id && c.norm === n.name).length;
      fb[n.name] = count(before, n.name);
      fa[n.name] = count(after, n.name);
    }
    return { id: t.id, bagId: t.bagId, points: after.results.filter((r) => r.point.buildingId === t.id).length, newlyFailing: newly, failingBefore: fb, failingAfter: fa };
  });
  const r2 = (v: number): number => Number(v.toFixed(2));
  const newlyFailing = cmp.newlyFailing.map((c) => {
    const p = pointsById.get(c.pointId)!;
    const [lon, lat] = transformPoint([p.x, p.y], 'EPSG:28992', 'EPSG:4326');
    return {
      pointId: c.pointId,
      buildingId: c.buildingId,
      norm: c.norm,
      storey: p.storey,
      rd: [r2(p.x), r2(p.y), r2(p.z)] as [number, number, number],
      wgs84: [Number(lon.toFixed(8)), Number(lat.toFixed(8))] as [number, number],
      hoursBefore: r2(c.before.worstHours),
      hoursAfter: r2(c.after.worstHours),
      worstDayAfter: iso(c.after.worstDay),
      daysBelowAfter: c.after.daysBelow,
    };
  });
  const affectedBuildings = new Set(newlyFailing.map((p) => p.buildingId)).size;
  const result: BezonningResult = {
    scenario: { id: scenario.id, name: scenario.name },
    options: { ...o, radius },
    norms: normList(before),
    planned: scenario.planned.map((p) => ({ id: p.id, ...(p.planned?.name ? { name: p.planned.name } : {}), height: p.roofHeight.max !== null && p.groundHeight !== null ? r2(p.roofHeight.max - p.groundHeight) : null })),
    removed: scenario.removals,
    studied,
    summary: cmp.summary,
    newlyFailing,
    verdict:
      newlyFailing.length === 0
        ? `Geen gevel gaat door het plan onder een TNO-norm (${targets.length} gebouwen onderzocht).`
        : `Door het plan gaan ${newlyFailing.length} gevelpunten van ${affectedBuildings} gebouw(en) onder een TNO-norm.`,
  };
  const failingAfter = new Set(after.results.filter((r) => r.verdicts.some((v) => !v.pass)).map((r) => r.point.id));
  const newlyIds = new Set(newlyFailing.map((p) => p.pointId));
  const map: ReportMap = {
    area: grow(area, 20),
    buildings: [
      ...around.map((b) => ({ id: b.id, role: (scenario.removals.includes(b.id) ? 'removed' : ids.includes(b.id) ? 'studied' : 'other') as ReportMap['buildings'][number]['role'], rings: polygonsOf(b) })),
      ...scenario.planned.map((b) => ({ id: b.id, role: 'planned' as const, rings: polygonsOf(b) })),
    ],
    points: after.results.map((r) => ({ x: r.point.x, y: r.point.y, status: newlyIds.has(r.point.id) ? 'newly-failing' : failingAfter.has(r.point.id) ? 'failing' : 'passing' })),
    shadows: shadowDiagrams(scenarioObstacles, area, o.year),
  };
  return { result, map };
}

function shadowDiagrams(buildings: readonly TwinBuildingWithSurfaces[], area: Bbox, year: number): ReportMap['shadows'] {
  const site = siteOf(area);
  const convergence = rdMeridianConvergence(site.latitude, site.longitude);
  const sunBuildings = toSunBuildings(buildings);
  const planned = new Set(buildings.filter((b) => b.planned).map((b) => b.id));
  const plane = medianGround(buildings);
  return [10, 12, 15].map((hour) => {
    const at = amsterdamTime(year, 3, 21, hour);
    const p = solarPosition(at, site);
    const label = `21 maart ${hour}:00`;
    if (p.elevation <= 0) return { label, altitude: p.elevation, pieces: [] };
    const step = toSunStep(at, p.azimuth, p.elevation, convergence, 0);
    const pieces = shadowPolygons(sunBuildings, step, plane).flatMap((s) => s.polygons.map((rings) => ({ planned: planned.has(s.buildingId), rings: rings.map((r) => [...r]) })));
    return { label, altitude: Number(p.elevation.toFixed(1)), pieces };
  });
}
