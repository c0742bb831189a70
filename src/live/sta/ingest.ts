import { owns, type Principal } from '../../kernel/auth/index.js';
import { AppError, invalid, type InvalidParam } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/capability.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { dialectFor } from './dialect/index.js';
import type { DatastreamStats, ObservationRow, StaDialect } from './dialect/types.js';
import { Fields, refId, type Obj } from './input.js';
import { parseTime } from './time.js';
import { declarationOfMeta } from '../privacy/declaration.js';
import { rotationMsOf } from '../privacy/rotation.js';
import { DAY_MS, pseudonymiseRow, pseudonymiserIn, scopeOf } from '../privacy/pseudonymise.js';
import { boundsOfMeta, outOfBounds, type ResultBounds } from './bounds.js';
import { ENTITIES } from './entities.js';
import { forbiddenFor } from './ownership.js';

/** A validated observation, before its FeatureOfInterest is settled. */
export interface ParsedObservation {
  /** datastreamId and featureId are filled in when the observation is stored. */
  row: ObservationRow;
  /** An existing feature by id, a new feature to create, or none (derive it from the Thing's Location). */
  feature: { id: number } | { create: Obj; path: string } | null;
}

const OBSERVATION_FIELDS = ['phenomenonTime', 'result', 'resultTime', 'resultQuality', 'validTime', 'parameters', 'FeatureOfInterest', 'Datastream'];

/** Checks one Observation body; throws a 400 naming the field. `now` fills a missing phenomenonTime, as the spec asks. */
export function parseObservation(value: unknown, path: string, now = Date.now()): ParsedObservation {
  const f = Fields.of(value, path);
  const pt = f.has('phenomenonTime') ? parseTime(f.raw('phenomenonTime'), f.name('phenomenonTime')) : { start: now, end: null };
  if (!('result' in f.obj)) throw invalid(f.name('result'), 'is required');
  const result = f.raw('result');
  const rt = f.raw('resultTime');
  const resultTime = rt === undefined || rt === null ? null : parseTime(rt, f.name('resultTime'));
  if (resultTime && resultTime.end !== null) throw invalid(f.name('resultTime'), 'must be an instant');
  const vt = f.raw('validTime');
  const validTime = vt === undefined || vt === null ? null : parseTime(vt, f.name('validTime'));
  if (validTime && validTime.end === null) throw invalid(f.name('validTime'), 'must be an interval start/end');
  const quality = f.any('resultQuality', false);
  const parameters = f.object('parameters', false);
  const foi = f.raw('FeatureOfInterest');
  f.raw('Datastream');
  f.done(OBSERVATION_FIELDS);
  let feature: ParsedObservation['feature'] = null;
  if (foi !== undefined && foi !== null) {
    const id = refId(foi, f.name('FeatureOfInterest'));
    feature = id !== undefined ? { id } : { create: foi as Obj, path: f.name('FeatureOfInterest') };
  }
  return {
    row: {
      datastreamId: 0,
      featureId: 0,
      phenomenonStart: pt.start,
      phenomenonEnd: pt.end,
      resultTime: resultTime?.start ?? null,
      resultNum: typeof result === 'number' ? result : null,
      resultStr: typeof result === 'string' ? result : null,
      resultJson: typeof result === 'number' || typeof result === 'string' ? null : JSON.stringify(result ?? null),
      resultQuality: quality === undefined ? null : JSON.stringify(quality),
      validStart: validTime?.start ?? null,
      validEnd: validTime?.end ?? null,
      parameters: parameters === undefined ? null : JSON.stringify(parameters),
    },
    feature,
  };
}

export interface DatastreamRef {
  id: number;
  thingId: number;
  /** The owning organisation; null: the platform's (the administrator's). */
  ownerId: string | null;
  /** From the Datastream's privacy declaration: fields replaced by pseudonyms before storage. */
  identifierFields?: readonly string[];
  /** The plausible range of its results (properties.resultBounds). */
  bounds?: ResultBounds;
}

/** Why `principal` may not add observations to the Datastream (403), or why this one is implausible (400); undefined when it may be stored. */
export function refusal(principal: Principal, ds: DatastreamRef, row: ObservationRow, field?: string): AppError | undefined {
  if (!owns(principal, ds.ownerId)) return forbiddenFor(ENTITIES.Datastream, ds.id, ds.ownerId);
  return outOfBounds(ds.bounds, row, field);
}

/** How ingest pseudonymises: the key rotation period (THORBECKE_PSEUDONYM_ROTATION). */
export interface IngestPrivacy {
  rotationMs: number;
}

export async function findDatastream(db: Queryable, id: number, field: string): Promise<DatastreamRef> {
  const ds = (await findDatastreams(db, [id])).get(id);
  if (!ds) throw invalid(field, `Datastream ${id} does not exist`);
  return ds;
}

/** Large batches look up their Datastreams and features in one query each, not one per item. */
const LOOKUP_CHUNK = 500;

/** The Datastreams among `ids` that exist, by id, in one query per 500 ids. */
export async function findDatastreams(db: Queryable, ids: Iterable<number>): Promise<Map<number, DatastreamRef>> {
  const out = new Map<number, DatastreamRef>();
  for (const chunk of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
    const rows = await db.all<{ id: number; thing_id: number; meta: unknown; owner_org: string | null }>(`SELECT id, thing_id, meta, owner_org FROM sta_datastreams WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const ds of rows) {
      const ref: DatastreamRef = { id: Number(ds.id), thingId: Number(ds.thing_id), ownerId: ds.owner_org ?? null, identifierFields: declarationOfMeta(ds.meta).identifierFields };
      const bounds = boundsOfMeta(ds.meta);
      if (bounds) ref.bounds = bounds;
      out.set(ref.id, ref);
    }
  }
  return out;
}

/** The FeatureOfInterest ids among `ids` that exist. */
export async function existingFeatures(db: Queryable, ids: Iterable<number>): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
    const rows = await db.all<{ id: number }>(`SELECT id FROM sta_features WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const r of rows) out.add(Number(r.id));
  }
  return out;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The FeatureOfInterest for observations sent without one: generated from the Thing's
 * current Location (one feature per Location, reused), as the spec describes.
 */
export async function featureFromThing(db: Queryable, d: StaDialect, thingId: number, field: string, onCreated?: FeatureDerived): Promise<number> {
  // One query in the common case (the feature exists); runs once per batch and Datastream.
  const current = await db.one<{ location_id: number; fid: number | null; owner: string | null }>(
    `SELECT tl.location_id, (SELECT f.id FROM sta_features f WHERE f.source_location_id = tl.location_id ORDER BY f.id LIMIT 1) AS fid, t.owner_org AS owner
     FROM sta_thing_locations tl JOIN sta_things t ON t.id = tl.thing_id WHERE tl.thing_id = ? ORDER BY tl.location_id DESC LIMIT 1`,
    [thingId],
  );
  if (!current) throw invalid(field, "is required: the Datastream's Thing has no Location to derive it from");
  if (current.fid !== null && current.fid !== undefined) return Number(current.fid);
  const loc = (await db.one<Obj>('SELECT * FROM sta_locations WHERE id = ?', [current.location_id]))!;
  const location = typeof loc.location === 'string' ? loc.location : JSON.stringify(loc.location);
  const id = await d.insert(db, 'sta_features', {
    name: loc.name as string,
    description: loc.description as string,
    encoding_type: loc.encoding_type as string,
    feature: location,
    properties: loc.properties === null || loc.properties === undefined ? null : typeof loc.properties === 'string' ? loc.properties : JSON.stringify(loc.properties),
    source_location_id: loc.id as number,
    // Derived from the Thing's Location, so it is the Thing owner's.
    owner_org: current.owner ?? null,
  });
  const parsed = JSON.parse(location);
  await d.indexGeometry(db, 'sta_features', id, parsed?.type === 'Feature' ? parsed.geometry : parsed);
  onCreated?.(id);
  return id;
}

/** Told the id of each FeatureOfInterest ingest derives from a Thing's Location, so MQTT subscribers hear of it. */
export type FeatureDerived = (featureId: number) => void;

/** Creates a FeatureOfInterest from a nested body; supplied by the writer to avoid a cycle. */
export type FeatureCreator = (db: Queryable, body: Obj, path: string) => Promise<number>;

/**
 * Inserts validated observations of one Datastream and keeps its count, latest observation
 * and phenomenon/result time extents up to date. Returns the new ids in input order.
 */
export async function insertObservations(db: Queryable, d: StaDialect, ds: DatastreamRef, items: ParsedObservation[], opts: InsertOptions): Promise<number[]> {
  return (await insertGroups(db, d, [{ ds, items, principal: opts.principal }], opts))[0]!;
}

/** How observations are inserted: what to do with nested features, where errors point, privacy. */
export interface InsertOptions {
  /** Who adds them (insertObservations; insertGroups takes it per group). */
  principal: Principal;
  createFeature: FeatureCreator;
  /** The field a FeatureOfInterest error names (default `FeatureOfInterest`). */
  featurePath?: string;
  privacy?: IngestPrivacy;
  /** Told of each FeatureOfInterest derived from a Thing's Location. */
  onFeatureDerived?: FeatureDerived;
  /** Feature ids the caller has already seen exist in this transaction: not looked up again. */
  knownFeatures?: ReadonlySet<number>;
}

export interface ObservationGroup {
  ds: DatastreamRef;
  items: ParsedObservation[];
  /** Who adds them: checked against the Datastream's owner in insertGroups, the one place every ingest path passes. */
  principal: Principal;
}

/**
 * Inserts the observations of several Datastreams with one bulk insert, then updates each
 * Datastream's maintained count, latest observation and time extents. Ids per group, in order.
 */
export async function insertGroups(db: Queryable, d: StaDialect, groups: ObservationGroup[], opts: Omit<InsertOptions, 'principal'>): Promise<number[][]> {
  const { createFeature, featurePath = 'FeatureOfInterest', privacy = { rotationMs: DAY_MS }, onFeatureDerived } = opts;
  const rows: ObservationRow[] = [];
  const referenced: number[] = [];
  for (const { items } of groups) {
    for (const item of items) if (item.feature && 'id' in item.feature && !opts.knownFeatures?.has(item.feature.id)) referenced.push(item.feature.id);
  }
  const found = referenced.length ? await existingFeatures(db, referenced) : new Set<number>();
  const known = (id: number) => found.has(id) || opts.knownFeatures?.has(id) === true;
  let pseudonymiser: ReturnType<typeof pseudonymiserIn> | undefined;
  for (const { ds, items, principal } of groups) {
    // Callers refuse items one by one first (per-item answers); this is the guarantee behind them.
    for (const item of items) {
      const refused = refusal(principal, ds, item.row);
      if (refused) throw refused;
    }
    // Every ingest path ends here, so this is the one place identifiers are replaced.
    const fields = ds.identifierFields ?? [];
    if (fields.length) {
      pseudonymiser ??= pseudonymiserIn(db, privacy.rotationMs);
      const scope = scopeOf(ds.id);
      const p = pseudonymiser;
      for (const item of items) await pseudonymiseRow(item.row, fields, (v) => p.pseudonymise(v, scope));
    }
    let derived: number | undefined;
    for (const item of items) {
      let featureId: number;
      if (!item.feature) featureId = derived ??= await featureFromThing(db, d, ds.thingId, featurePath, onFeatureDerived);
      else if ('id' in item.feature) {
        featureId = item.feature.id;
        if (!known(featureId)) throw invalid(featurePath, `FeatureOfInterest ${featureId} does not exist`);
      } else featureId = await createFeature(db, item.feature.create, item.feature.path);
      // Filled in place: a copy per observation costs more than the insert itself on SQLite.
      item.row.datastreamId = ds.id;
      item.row.featureId = featureId;
      rows.push(item.row);
    }
  }
  const allIds = await d.insertObservations(db, rows);
  const out: number[][] = [];
  const stats: DatastreamStats[] = [];
  let offset = 0;
  for (const { ds, items } of groups) {
    const ids = allIds.slice(offset, offset + items.length);
    if (items.length) stats.push(statsOf(ds.id, rows, offset, items.length, ids));
    offset += items.length;
    out.push(ids);
  }
  await d.updateDatastreamStats(db, mergeByDatastream(stats));
  return out;
}

/** One entry per Datastream (a request may hold several blocks of the same one): a joined UPDATE applies only one. */
function mergeByDatastream(stats: DatastreamStats[]): DatastreamStats[] {
  const byId = new Map<number, DatastreamStats>();
  for (const s of stats) {
    const m = byId.get(s.datastreamId);
    if (!m) {
      byId.set(s.datastreamId, { ...s });
      continue;
    }
    m.added += s.added;
    if (s.latestTime >= m.latestTime) {
      m.latestTime = s.latestTime;
      m.latestId = s.latestId;
    }
    m.phenomenonStart = Math.min(m.phenomenonStart, s.phenomenonStart);
    m.phenomenonEnd = Math.max(m.phenomenonEnd, s.phenomenonEnd);
    if (s.resultStart !== null) m.resultStart = m.resultStart === null ? s.resultStart : Math.min(m.resultStart, s.resultStart);
    if (s.resultEnd !== null) m.resultEnd = m.resultEnd === null ? s.resultEnd : Math.max(m.resultEnd, s.resultEnd);
  }
  return [...byId.values()];
}

/** What one batch adds to a Datastream's maintained count, latest observation and time extents. */
function statsOf(datastreamId: number, rows: ObservationRow[], from: number, n: number, ids: number[]): DatastreamStats {
  let latest = from;
  let minStart = Infinity;
  let maxEnd = -Infinity;
  let minResult = Infinity;
  let maxResult = -Infinity;
  for (let i = from; i < from + n; i++) {
    const r = rows[i]!;
    if (r.phenomenonStart >= rows[latest]!.phenomenonStart) latest = i;
    if (r.phenomenonStart < minStart) minStart = r.phenomenonStart;
    const end = r.phenomenonEnd ?? r.phenomenonStart;
    if (end > maxEnd) maxEnd = end;
    if (r.resultTime !== null) {
      if (r.resultTime < minResult) minResult = r.resultTime;
      if (r.resultTime > maxResult) maxResult = r.resultTime;
    }
  }
  const hasResult = Number.isFinite(minResult);
  return {
    datastreamId,
    added: n,
    latestId: ids[latest - from]!,
    latestTime: rows[latest]!.phenomenonStart,
    phenomenonStart: minStart,
    phenomenonEnd: maxEnd,
    resultStart: hasResult ? minResult : null,
    resultEnd: hasResult ? maxResult : null,
  };
}

export interface IngestOutcome {
  /** The new Observation's id, or the reason this one was refused. */
  results: ({ id: number } | { error: InvalidParam })[];
}

export interface IngestOptions {
  /** Who adds the observations (the Datastream's owner or the administrator). */
  principal: Principal;
  /** All or nothing: the first invalid observation refuses the whole batch (400). Default false: valid ones are stored. */
  atomic?: boolean;
  createFeature?: FeatureCreator;
}

/** The ingest privacy settings of a running platform. */
export function ingestPrivacy(ctx: AppContext): IngestPrivacy {
  return { rotationMs: rotationMsOf(ctx.config.pseudonymRotation) };
}

/**
 * The one ingest path: HTTP (POST Observations, CreateObservations) and, later, MQTT call it.
 * Validates each observation, then stores the valid ones of the batch in one transaction.
 */
export async function ingestObservations(ctx: AppContext, datastreamId: number, observations: readonly unknown[], options: IngestOptions): Promise<IngestOutcome> {
  const d = dialectFor(ctx.store);
  const now = Date.now();
  const parsed: (ParsedObservation | InvalidParam)[] = observations.map((o, i) => {
    try {
      return parseObservation(o, `${i}`, now);
    } catch (e) {
      if (e instanceof AppError && (options.atomic || e.invalidParams.length === 0)) throw e;
      if (e instanceof AppError) return e.invalidParams[0]!;
      throw e;
    }
  });
  const valid = parsed.filter((p): p is ParsedObservation => 'row' in p);
  await d.ensureObservationStorage(ctx.store, valid.map((p) => p.row.phenomenonStart));
  const createFeature = options.createFeature ?? refuseNestedFeature;
  const { ids, refused } = await ctx.store.transaction(async (tx) => {
    const ds = await findDatastream(tx, datastreamId, 'Datastream');
    if (!owns(options.principal, ds.ownerId)) throw forbiddenFor(ENTITIES.Datastream, ds.id, ds.ownerId);
    // Implausible results are refused one by one, like any other invalid observation.
    const refused = new Map<ParsedObservation, InvalidParam>();
    for (const [i, p] of parsed.entries()) {
      if (!('row' in p)) continue;
      const bad = outOfBounds(ds.bounds, p.row, `${i}.result`);
      if (bad && options.atomic) throw bad;
      if (bad) refused.set(p, bad.invalidParams[0]!);
    }
    const stored = valid.filter((p) => !refused.has(p));
    return { ids: await insertObservations(tx, d, ds, stored, { principal: options.principal, createFeature, privacy: ingestPrivacy(ctx) }), refused };
  });
  let k = 0;
  return { results: parsed.map((p) => ('row' in p ? (refused.has(p) ? { error: refused.get(p)! } : { id: ids[k++]! }) : { error: p })) };
}

const refuseNestedFeature: FeatureCreator = async (_db, _body, path) => {
  throw invalid(path, 'give an existing FeatureOfInterest as {"@iot.id": n} or leave it out');
};
