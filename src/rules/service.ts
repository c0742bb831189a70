import { randomUUID } from 'node:crypto';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { RD_NEW, transformPoint, transformer, WGS84 } from '../kernel/geo/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import { scenarioStore } from '../twin/index.js';
import { activitiesFor, allActivities, rememberCompiled, type Activity } from './check/activities.js';
import { checkLifetimeFor } from './check/expiry.js';
import { checkBuilding, type BuildingCheck } from './check/building.js';
import { groupByPlan, type PlanHere } from './check/here.js';
import { activityView, statusOf, stepView, type PermitCheck } from './check/permit.js';
import { multiPolygonArea } from './check/planar.js';
import { ImroError, parseImro, type ImroPlan, type PolygonCoords, type Xy } from './imro/index.js';
import { activityIdSchema, type CheckBuildingBody, type CheckScenarioBody, type HereBody, type PointQuery } from './model.js';
import { rulesStore, type FoundObject, type PlanRecord } from './store/index.js';
import { activityIdOf, answer, next, readSttrFile, SttrError, SttrFileError, start, type Conversation } from './sttr/index.js';
import type { Importer, StoredSttrFile } from './store/index.js';

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

// ---- permit check conversations (STTR) ----

export async function listActivities(ctx: AppContext, db: Queryable) {
  const set = await allActivities(ctx, db);
  return { items: [...set.activities.values()].map(activityView), broken: set.broken };
}

export async function getActivity(ctx: AppContext, db: Queryable, id: string) {
  const a = (await allActivities(ctx, db)).activities.get(id);
  if (!a) throw notFound('Activity', id);
  return activityView(a);
}

async function findActivity(ctx: AppContext, db: Queryable, key: string): Promise<Activity> {
  const set = await allActivities(ctx, db);
  const byId = set.activities.get(key);
  if (byId) return byId;
  const byName = [...set.activities.values()].find((a) => a.activity === key || a.name === key);
  if (byName) return byName;
  const broken = set.broken.find((b) => b.id === key);
  if (broken) throw new AppError('conflict', `rule ${broken.id} is broken: ${broken.error}`);
  throw new AppError('referenced-resource-missing', `No activity '${key}'; GET /api/v1/rules/activities lists them`, [{ name: 'activity', reason: 'unknown activity', in: 'body' }]);
}

export interface SttrImport {
  xml: string;
  /** The activity id; by default made from the model's name ("ConclusieBouwenDakkapel"). */
  id?: string;
  fileName?: string;
  importedBy: Importer;
  via: 'api' | 'cli';
}

/** A refused STTR file as the client's mistake, naming why and where. */
function sttrFileProblem(e: SttrFileError): AppError {
  const reason = `${e.reason}: ${e.detail}${e.line !== undefined ? ` (line ${e.line})` : ''}`;
  if (e.reason === 'too-large') return new AppError('payload-too-large', `The STTR file is refused: ${e.detail}`);
  return new AppError('validation-failed', `The STTR file is refused: ${e.message}`, [{ name: 'body', reason, in: 'body' }]);
}

/**
 * Validates and stores an STTR file as an activity, in one transaction. A file with the id
 * of a shipped activity is refused; one with the id of an imported activity replaces it,
 * if the administrator or the organisation that imported it sends it.
 */
export async function importSttr(ctx: AppContext, input: SttrImport) {
  let read;
  try {
    read = readSttrFile(input.xml);
  } catch (e) {
    if (e instanceof SttrFileError) throw sttrFileProblem(e);
    throw e;
  }
  const id = input.id ?? activityIdOf(read.model.name);
  if (!activityIdSchema.safeParse(id).success) throw new AppError('validation-failed', `id: '${id}' is not an activity id (letters, digits, . _ -; at most 100)`, [{ name: 'id', reason: 'not an activity id', in: 'query' }]);
  if (activitiesFor(ctx).activities.has(id) || activitiesFor(ctx).broken.some((b) => b.id === id)) throw new AppError('conflict', `'${id}' is a shipped activity and cannot be replaced; import under another id (?id=)`);
  const file: StoredSttrFile = {
    id,
    name: read.model.name,
    sha256: read.sha256,
    bytes: read.bytes,
    fileName: input.fileName ?? null,
    importedAt: checkLifetimeFor(ctx).now().toISOString(),
    importedBy: input.importedBy,
    via: input.via,
  };
  const replaced = await ctx.store.transaction(async (tx) => {
    const earlier = (await rulesStore(tx).listSttrFiles(tx)).find((f) => f.id === id);
    if (earlier && !mayChange(input.importedBy, earlier.importedBy)) {
      throw new AppError('forbidden', `Activity '${id}' was imported by another organisation; only it or the administrator may replace it`);
    }
    return rulesStore(tx).putSttrFile(tx, { ...file, xml: input.xml });
  });
  rememberCompiled(ctx, read.sha256, read.model);
  const activity = (await allActivities(ctx, ctx.store)).activities.get(id)!;
  return { activity: activityView(activity), replaced };
}

const mayChange = (who: Importer, owner: Importer): boolean =>
  who.kind === 'admin' || (owner.kind === 'organisation' && who.kind === 'organisation' && owner.organisationId === who.organisationId);

/** Removes an imported activity (the administrator, or the organisation that imported it). */
export async function removeSttr(ctx: AppContext, id: string, who: Importer): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const file = (await rulesStore(tx).listSttrFiles(tx)).find((f) => f.id === id);
    if (!file) {
      if (activitiesFor(ctx).activities.has(id) || activitiesFor(ctx).broken.some((b) => b.id === id)) throw new AppError('conflict', `'${id}' is a shipped activity and cannot be removed`);
      throw notFound('Activity', id);
    }
    if (!mayChange(who, file.importedBy)) throw new AppError('forbidden', `Activity '${id}' was imported by another organisation; only it or the administrator may remove it`);
    await rulesStore(tx).deleteSttrFile(tx, id);
  });
}

const sttrProblem = (e: unknown): never => {
  if (e instanceof SttrError) {
    const field = e.code === 'sttr-no-such-question' ? 'questionId' : 'value';
    throw new AppError('validation-failed', e.detail, [{ name: field, reason: e.detail, in: 'body' }]);
  }
  throw e;
};

export async function startPermitCheck(ctx: AppContext, db: Queryable, input: { activity: string; location?: { lon: number; lat: number } }): Promise<PermitCheck> {
  const a = await findActivity(ctx, db, input.activity);
  let c: Conversation;
  try {
    c = start(a.model, a.activity);
  } catch (e) {
    return sttrProblem(e);
  }
  const step = next(a.model, c);
  const lifetime = checkLifetimeFor(ctx);
  const now = lifetime.now().toISOString();
  const check: PermitCheck = {
    id: randomUUID(),
    activityId: a.id,
    activity: a.activity,
    rulesSha256: a.sha256,
    status: statusOf(step),
    location: input.location ?? null,
    conversation: c,
    answers: [],
    step: stepView(step),
    createdAt: now,
    updatedAt: now,
    expiresAt: lifetime.expiresAt(now),
  };
  await rulesStore(db).putCheck(db, check.id, a.id, check, true, now);
  return check;
}

/** A stored check; one untouched for its lifetime is refused as expired, even before the sweep deletes it. */
export async function getPermitCheck(ctx: AppContext, db: Queryable, id: string): Promise<PermitCheck> {
  const row = await rulesStore(db).getCheck<PermitCheck>(db, id);
  const hours = checkLifetimeFor(ctx).ttlMs / 3_600_000;
  if (!row) throw new AppError('not-found', `No check '${id}': it does not exist, or it expired (a check is kept ${hours} hours after its last answer)`);
  if (checkLifetimeFor(ctx).isExpired(row.updatedAt)) {
    throw new AppError('not-found', `Check '${id}' expired: it was not answered for ${hours} hours; start a new check`);
  }
  return { ...row.doc, expiresAt: checkLifetimeFor(ctx).expiresAt(row.updatedAt) };
}

export async function answerPermitCheck(ctx: AppContext, db: Queryable, id: string, input: { questionId: string; value: unknown }): Promise<PermitCheck> {
  const check = await getPermitCheck(ctx, db, id);
  if (check.status !== 'open') throw new AppError('conflict', `Check '${id}' has ended (${check.status}); start a new check to change answers`);
  const a = await findActivity(ctx, db, check.activityId);
  if (check.rulesSha256 && a.sha256 !== check.rulesSha256) {
    throw new AppError('conflict', `The rules of '${a.id}' were replaced after this check started; start a new check`);
  }
  let c: Conversation;
  try {
    c = answer(a.model, check.conversation, input.questionId, input.value);
  } catch (e) {
    return sttrProblem(e);
  }
  const step = next(a.model, c);
  const q = a.model.questions.find((x) => x.id === input.questionId)!;
  const lifetime = checkLifetimeFor(ctx);
  const now = lifetime.now().toISOString();
  const updated: PermitCheck = {
    ...check,
    conversation: c,
    answers: [...check.answers, { questionId: q.id, question: q.text, value: input.value }],
    step: stepView(step),
    status: statusOf(step),
    updatedAt: now,
    expiresAt: lifetime.expiresAt(now),
  };
  await rulesStore(db).putCheck(db, id, a.id, updated, false, now);
  return updated;
}
