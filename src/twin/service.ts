import { randomBytes } from 'node:crypto';
import { getOrganisation, slugify } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { transformBbox, type Bbox } from '../kernel/geo/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import { importCityJson, type CityJsonSource, type ImportProgress } from './cityjson/index.js';
import type { Scenario, ScenarioInput, TwinBuilding, TwinBuildingWithSurfaces } from './model.js';
import { assertNoClash, resolveAddition } from './scenarios/planned.js';
import { checkStorageStretch, fromBuildingRecord, STORAGE_CRS } from './storage-crs.js';
import { buildingStore, scenarioStore, type BuildingQuery } from './store/index.js';
import { tileCacheFor } from './tiles/cache.js';

export { fromBuildingRecord } from './storage-crs.js';

export interface ImportReport {
  source: string;
  format: 'CityJSON' | 'CityJSONSeq';
  /** The file's CRS. */
  crs: string;
  /** The CRS the buildings are kept in, and whether positions were copied unchanged. */
  storedIn: { crs: string; exact: boolean };
  buildings: number;
  /** CityObjects read but not imported (not buildings or parts of one), by type. */
  skipped: Record<string, number>;
  created: number;
  updated: number;
  bboxWgs84: Bbox | null;
  warnings: string[];
}

export interface ImportProgressEvent {
  phase: ImportProgress['phase'] | 'storing';
  done: number;
  total: number | null;
}

/**
 * Imports a CityJSON document or CityJSONSeq: all buildings in one transaction
 * (the CityJSON reader is all-or-nothing too), upserting by object id.
 */
export async function importBuildings(
  ctx: AppContext,
  source: CityJsonSource,
  options: { name: string; crs?: string; onProgress?: (p: ImportProgressEvent) => void },
): Promise<ImportReport> {
  const imported = await importCityJson(source, { crs: options.crs, target: STORAGE_CRS, onProgress: (p) => options.onProgress?.(p) });
  const stretch = checkStorageStretch(imported);
  const buildings = imported.buildings.map((b) => fromBuildingRecord(b, imported.placement.to.epsg));
  const store = buildingStore(ctx.store);
  const BATCH = 250;
  const counts = await ctx.store.transaction(async (tx) => {
    let created = 0;
    for (let i = 0; i < buildings.length; i += BATCH) {
      const r = await store.putMany(tx, buildings.slice(i, i + BATCH), options.name);
      created += r.created;
      options.onProgress?.({ phase: 'storing', done: Math.min(i + BATCH, buildings.length), total: buildings.length });
    }
    return { created, updated: buildings.length - created };
  });
  tileCacheFor(ctx).clear();
  return {
    source: options.name,
    format: imported.format,
    crs: `EPSG:${imported.crs.epsg}`,
    storedIn: { crs: `EPSG:${imported.placement.to.epsg}`, exact: imported.placement.exact },
    buildings: buildings.length,
    skipped: imported.skipped,
    ...counts,
    bboxWgs84: imported.bboxWgs84,
    warnings: [...imported.warnings, ...stretch],
  };
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function resolvePlanned(db: Queryable, scenarioId: string, input: ScenarioInput): Promise<TwinBuildingWithSurfaces[]> {
  const store = buildingStore(db);
  const planned: TwinBuildingWithSurfaces[] = [];
  for (const [index, addition] of input.additions.entries()) {
    planned.push(
      ...(await resolveAddition(
        addition,
        {
          scenarioId,
          index,
          async groundNear(ring) {
            const xs = ring.map((p) => p[0]);
            const ys = ring.map((p) => p[1]);
            const box = transformBbox([Math.min(...xs) - 50, Math.min(...ys) - 50, Math.max(...xs) + 50, Math.max(...ys) + 50], 'EPSG:28992', 'EPSG:4326');
            const near = await store.search(db, { bbox: box, limit: 200, offset: 0 });
            return median(near.items.map((b) => b.groundHeight).filter((g): g is number => g !== null)) ?? 0;
          },
        },
        `additions.${index}`,
      )),
    );
  }
  const clashes = await store.exists(db, planned.map((p) => p.id));
  assertNoClash(planned, clashes);
  return planned;
}

async function checkScenarioRefs(db: Queryable, input: ScenarioInput): Promise<void> {
  if (!(await getOrganisation(db, input.ownerId))) {
    throw new AppError('referenced-resource-missing', `Organisation '${input.ownerId}' does not exist`, [{ name: 'ownerId', reason: 'unknown organisation', in: 'body' }]);
  }
  const removals = [...new Set(input.removals)];
  const found = await buildingStore(db).exists(db, removals);
  const missing = removals.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'referenced-resource-missing',
      `Cannot remove buildings that are not in the model: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      missing.slice(0, 20).map((id) => ({ name: `removals.${input.removals.indexOf(id)}`, reason: 'no such building', in: 'body' as const })),
    );
  }
}

async function newScenarioId(db: Queryable, name: string): Promise<string> {
  const base = slugify(name).slice(0, 50) || 'scenario';
  const padded = base.length < 2 ? `scenario-${base}` : base;
  if (!(await scenarioStore().get(db, padded))) return padded;
  return `${padded}-${randomBytes(3).toString('hex')}`;
}

export async function createScenario(ctx: AppContext, input: ScenarioInput, id?: string): Promise<Scenario> {
  const scenario = await ctx.store.transaction(async (tx) => {
    await checkScenarioRefs(tx, input);
    const sid = id ?? (await newScenarioId(tx, input.name));
    if (await scenarioStore().get(tx, sid)) throw new AppError('conflict', `Scenario '${sid}' already exists`);
    const now = new Date().toISOString();
    const s: Scenario = {
      id: sid,
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      ownerId: input.ownerId,
      additions: input.additions,
      removals: [...new Set(input.removals)],
      planned: await resolvePlanned(tx, sid, input),
      createdAt: now,
      updatedAt: now,
    };
    await scenarioStore().put(tx, s);
    return s;
  });
  tileCacheFor(ctx).clear(scenario.id);
  return scenario;
}

export async function replaceScenario(ctx: AppContext, id: string, input: ScenarioInput): Promise<Scenario> {
  const scenario = await ctx.store.transaction(async (tx) => {
    const old = await scenarioStore().get(tx, id);
    if (!old) throw notFound('Scenario', id);
    await checkScenarioRefs(tx, input);
    const s: Scenario = {
      id,
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      ownerId: input.ownerId,
      additions: input.additions,
      removals: [...new Set(input.removals)],
      planned: await resolvePlanned(tx, id, input),
      createdAt: old.createdAt,
      updatedAt: new Date().toISOString(),
    };
    await scenarioStore().put(tx, s);
    return s;
  });
  tileCacheFor(ctx).clear(id);
  return scenario;
}

export async function deleteScenario(ctx: AppContext, id: string): Promise<void> {
  const gone = await ctx.store.transaction((tx) => scenarioStore().delete(tx, id));
  if (!gone) throw notFound('Scenario', id);
  tileCacheFor(ctx).clear(id);
}

export async function requireScenario(db: Queryable, id: string | undefined): Promise<Scenario | null> {
  if (!id) return null;
  const s = await scenarioStore().get(db, id);
  if (!s) throw notFound('Scenario', id);
  return s;
}

/** A scenario summary for lists: without the planned buildings' surfaces. */
export function scenarioView(s: Scenario): Omit<Scenario, 'planned'> & { planned: Array<Omit<TwinBuildingWithSurfaces, 'surfaces'>> } {
  return { ...s, planned: s.planned.map(({ surfaces: _s, ...rest }) => rest) };
}

const intersects = (a: Bbox, b: Bbox): boolean => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/**
 * The scenario's effective buildings meeting a WGS84 box, with surfaces: the base
 * minus its demolitions plus its planned buildings. The base is never changed.
 */
export async function effectiveInBbox(db: Queryable, scenario: Scenario | null, bbox: Bbox): Promise<TwinBuildingWithSurfaces[]> {
  const base = await buildingStore(db).inBbox(db, bbox, scenario?.removals ?? []);
  const planned = (scenario?.planned ?? []).filter((p) => p.bboxWgs84 && intersects(p.bboxWgs84, bbox));
  return [...base, ...planned];
}

/** Whether a building (base or planned) meets the filters the store applies in SQL. */
function meets(b: TwinBuilding, q: Pick<BuildingQuery, 'bbox' | 'rdBox' | 'builtBy'>): boolean {
  if (q.bbox && !(b.bboxWgs84 && intersects(b.bboxWgs84, q.bbox))) return false;
  if (q.rdBox) {
    const e = b.extentRd;
    if (!e || !intersects([e[0], e[1], e[3], e[4]], q.rdBox)) return false;
  }
  return q.builtBy === undefined || b.yearOfConstruction === null || b.yearOfConstruction <= q.builtBy;
}

/** One page of the effective set: base buildings (id order) first, then planned ones. */
export async function effectivePage(
  db: Queryable,
  scenario: Scenario | null,
  query: Omit<BuildingQuery, 'exclude'>,
): Promise<{ items: TwinBuilding[]; total: number }> {
  const store = buildingStore(db);
  const planned = (scenario?.planned ?? []).filter((p) => meets(p, query));
  const base = await store.search(db, { ...query, exclude: scenario?.removals ?? [] });
  const items: TwinBuilding[] = [...base.items];
  const plannedFrom = Math.max(0, query.offset - base.total);
  for (const p of planned.slice(plannedFrom, plannedFrom + query.limit - items.length)) {
    const { surfaces: _s, ...rest } = p;
    items.push(rest);
  }
  return { items, total: base.total + planned.length };
}
