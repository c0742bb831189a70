import { notFound } from '../../kernel/errors.js';
import { transformPoint, type Bbox } from '../../kernel/geo/index.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { Scenario, TwinBuilding, TwinBuildingWithSurfaces } from '../model.js';
import { effectiveInBbox } from '../service.js';
import { buildingStore } from '../store/index.js';
import { facadePoints, facadeSunStudy, prepareSunModel, TNO_LIGHT, TNO_STRICT, type FacadeStudy } from '../sun/index.js';
import { grow, siteOf, toSunBuildings, wgsBoxOf } from './sun-input.js';

/** Obstacles this far around the studied buildings are taken into account. */
export const OBSTACLE_REACH = 300;

export interface StudyOptions {
  year: number;
  stepMinutes: number;
  minAltitude: number;
  spacing: number;
}

export function rdBoxOfBuildings(buildings: readonly TwinBuilding[]): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const x of buildings) {
    if (!x.extentRd) continue;
    b[0] = Math.min(b[0], x.extentRd[0]);
    b[1] = Math.min(b[1], x.extentRd[1]);
    b[2] = Math.max(b[2], x.extentRd[3]);
    b[3] = Math.max(b[3], x.extentRd[4]);
  }
  return b;
}

export function runStudy(obstacles: readonly TwinBuildingWithSurfaces[], targets: readonly string[], area: Bbox, o: StudyOptions): FacadeStudy {
  const sunBuildings = toSunBuildings(obstacles);
  const points = facadePoints(sunBuildings, targets, { spacing: o.spacing });
  return facadeSunStudy(prepareSunModel(sunBuildings), points, siteOf(area), { year: o.year, stepMinutes: o.stepMinutes, minAltitude: o.minAltitude, norms: [TNO_LIGHT, TNO_STRICT] });
}

export interface FacadeResult {
  scenario: string | null;
  options: StudyOptions;
  norms: Array<{ name: string; from: string; to: string; minHours: number }>;
  buildings: Array<{ id: string; points: number; failing: Record<string, number> }>;
  points: Array<{
    id: string;
    buildingId: string;
    storey: number;
    rd: [number, number, number];
    wgs84: [number, number];
    verdicts: Array<{ norm: string; pass: boolean; worstHours: number; worstDay: string; daysBelow: number }>;
  }>;
}

const iso = (d: { year: number; month: number; day: number }): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const md = (d: { month: number; day: number }): string => `--${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function normList(study: FacadeStudy): FacadeResult['norms'] {
  return study.norms.map((n) => ({ name: n.name, from: md(n.from), to: md(n.to), minHours: n.minHours }));
}

/** Facade points of the chosen buildings judged against the TNO light and strict norms. */
export async function facadeStudy(db: Queryable, scenario: Scenario | null, ids: readonly string[], o: StudyOptions): Promise<FacadeResult> {
  const planned = new Map((scenario?.planned ?? []).map((p) => [p.id, p]));
  const stored = await buildingStore(db).getWithSurfaces(db, ids.filter((id) => !planned.has(id)));
  const found = new Map<string, TwinBuilding>([...stored.map((b) => [b.id, b] as const), ...[...planned].filter(([id]) => ids.includes(id))]);
  const missing = ids.find((id) => !found.has(id) || scenario?.removals.includes(id));
  if (missing) throw notFound('Building', missing);
  const area = rdBoxOfBuildings([...found.values()]);
  const obstacles = await effectiveInBbox(db, scenario, wgsBoxOf(grow(area, OBSTACLE_REACH)));
  const study = runStudy(obstacles, ids, area, o);
  const perBuilding = new Map<string, { id: string; points: number; failing: Record<string, number> }>();
  const r3 = (v: number): number => Number(v.toFixed(3));
  const points = study.results.map((r) => {
    const b = perBuilding.get(r.point.buildingId) ?? { id: r.point.buildingId, points: 0, failing: {} };
    b.points++;
    for (const v of r.verdicts) if (!v.pass) b.failing[v.norm] = (b.failing[v.norm] ?? 0) + 1;
    perBuilding.set(b.id, b);
    const [lon, lat] = transformPoint([r.point.x, r.point.y], 'EPSG:28992', 'EPSG:4326');
    return {
      id: r.point.id,
      buildingId: r.point.buildingId,
      storey: r.point.storey,
      rd: [r3(r.point.x), r3(r.point.y), r3(r.point.z)] as [number, number, number],
      wgs84: [Number(lon.toFixed(8)), Number(lat.toFixed(8))] as [number, number],
      verdicts: r.verdicts.map((v) => ({ norm: v.norm, pass: v.pass, worstHours: Number(v.worstHours.toFixed(2)), worstDay: iso(v.worstDay), daysBelow: v.daysBelow })),
    };
  });
  return { scenario: scenario?.id ?? null, options: o, norms: normList(study), buildings: [...perBuilding.values()], points };
}
