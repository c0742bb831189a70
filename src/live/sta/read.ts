import { AppError } from '../../kernel/errors.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { StaDialect } from './dialect/types.js';
import { ENTITIES, navOf, UNSUPPORTED_NAVS, type EntityDef, type NavDef } from './entities.js';
import { entityJson, isKnownName, propertyValue, selfLink, type Json } from './format.js';
import type { QueryOptions } from './query/ast.js';
import { FilterCompiler, orderClause } from './query/compile.js';
import { badQuery, unsupported } from './query/errors.js';
import { join, raw, sql, type Frag } from './sql.js';

export interface Reader {
  db: Queryable;
  dialect: StaDialect;
  /** Absolute URL of the service root, e.g. https://example.org/sta/v1.1 */
  root: string;
  maxTop: number;
  /** Entities this response may still hold, expanded ones included; a request that needs more is refused. */
  budget?: { left: number; limit: number };
}

/**
 * Counts entities into the response: nested `$expand` grows as the product of the page
 * sizes (depth 6 made 334 MB), so past the budget the request is refused with the limit named.
 */
function spend(r: Reader, n: number): void {
  if (!r.budget) return;
  r.budget.left -= n;
  if (r.budget.left < 0) {
    throw badQuery('$expand', `the response would hold more than ${r.budget.limit} entities (THORBECKE_STA_MAX_ENTITIES); expand less, or page with a smaller $top inside $expand`);
  }
}

/** Which rows of an entity set a request is about, as a condition on a table alias. */
export interface Scope {
  where: ((alias: string) => Frag) | null;
  /** Set when the rows are the Observations of one Datastream: unlocks the maintained count and latest. */
  datastreamId?: number;
}

export interface CollectionResult {
  value: Json[];
  count?: number;
  nextLink?: string;
  /** Raw rows, for the dataArray format. */
  rows: Json[];
}

/** Database errors caused by the query's values (bad cast, bad pattern) are the client's: 400. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^22/.test(code) || code === '42883' || code === '42804' || code === '42725' || code === 'XX000')) {
      throw badQuery('$filter', `the query cannot be evaluated: ${(e as Error).message}`);
    }
    throw e;
  }
}

/** Condition for the children reached from parent row(s) by a navigation property. */
export function childScope(nav: NavDef, parentIds: (alias: string) => Frag, parentIsId?: number): Scope {
  const parent = (a: string) => parentIds(a);
  if (nav.kind === 'one') {
    return { where: null };
  }
  if (nav.link) {
    const link = nav.link;
    if (parentIsId !== undefined) return { where: (a) => sql`${raw(a)}.id IN (SELECT ${raw(link.childCol)} FROM ${raw(link.table)} WHERE ${raw(link.parentCol)} = ${parentIsId})` };
    return { where: (a) => sql`${raw(a)}.id IN (SELECT ${raw(link.childCol)} FROM ${raw(link.table)} WHERE ${raw(link.parentCol)} IN (${parent('p')}))` };
  }
  const fk = nav.fk!;
  if (parentIsId !== undefined) {
    const scope: Scope = { where: (a) => sql`${raw(a)}.${raw(fk)} = ${parentIsId}` };
    if (nav.target === 'Observation' && fk === 'datastream_id') scope.datastreamId = parentIsId;
    return scope;
  }
  return { where: (a) => sql`${raw(a)}.${raw(fk)} IN (${parent('p')})` };
}

function validateSelect(entity: EntityDef, opts: QueryOptions): void {
  for (const name of opts.select ?? []) {
    if (UNSUPPORTED_NAVS.has(name)) throw unsupported(`The navigation property ${name}`);
    if (!isKnownName(entity, name)) throw badQuery('$select', `${entity.name} has no property '${name}'`);
  }
}

function encodeOptions(raw: Record<string, string>): string {
  return Object.entries(raw)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

function isLatestRequest(opts: QueryOptions, top: number): boolean {
  const o = opts.orderby;
  return (
    top === 1 && !opts.filter && !opts.skip && !!o && o.length === 1 && o[0]!.desc &&
    o[0]!.expr.k === 'path' && o[0]!.expr.segments.length === 1 && o[0]!.expr.segments[0] === 'phenomenonTime'
  );
}

/** Reads one page of an entity collection with the SensorThings query options. */
export async function readCollection(r: Reader, entity: EntityDef, scope: Scope, opts: QueryOptions, linkBase: string): Promise<CollectionResult> {
  validateSelect(entity, opts);
  const top = Math.min(opts.top ?? r.maxTop, r.maxTop);
  const skip = opts.skip ?? 0;
  let rows: Json[];
  let more: boolean;
  let count: number | undefined;

  if (entity.name === 'Observation' && scope.datastreamId !== undefined && isLatestRequest(opts, top)) {
    // The maintained latest observation: one primary-key lookup instead of an index scan.
    const ds = await r.db.one<Json>('SELECT latest_observation_id AS id, latest_phenomenon_time AS t, observation_count AS n FROM sta_datastreams WHERE id = ?', [scope.datastreamId]);
    rows = ds?.id == null ? [] : await r.db.all<Json>('SELECT t0.* FROM sta_observations t0 WHERE t0.id = ? AND t0.phenomenon_time = ?', [ds.id as number, ds.t as number]);
    more = Number(ds?.n ?? 0) > 1;
    if (opts.count) count = Number(ds?.n ?? 0);
  } else {
    const compiler = new FilterCompiler(r.dialect);
    const where: Frag[] = [];
    if (scope.where) where.push(scope.where('t0'));
    if (opts.filter) where.push(compiler.condition(opts.filter, entity, 't0'));
    const whereSql = where.length ? sql` WHERE ${join(where, ' AND ')}` : raw('');
    const terms = opts.orderby ? compiler.orderBy(opts.orderby, entity, 't0') : [];
    const lastDesc = opts.orderby?.[opts.orderby.length - 1]?.desc ?? false;
    const q = sql`SELECT t0.* FROM ${raw(entity.table)} t0${whereSql} ORDER BY ${orderClause(terms, 't0', lastDesc)} LIMIT ${top + 1} OFFSET ${skip}`;
    rows = top === 0 ? [] : await guarded(() => r.db.all<Json>(q.text, q.params));
    more = top === 0 ? false : rows.length > top;
    if (more) rows = rows.slice(0, top);
    if (opts.count) count = await countRows(r, entity, scope, whereSql, !opts.filter);
    if (top === 0 && count !== undefined) more = count > skip;
  }

  spend(r, rows.length);
  const value = rows.map((row) => entityJson(r.root, entity, row, opts.select));
  await expandAll(r, entity, rows, value, opts);
  const result: CollectionResult = { value, rows };
  if (count !== undefined) result.count = count;
  if (more) result.nextLink = `${linkBase}?${encodeOptions({ ...opts.raw, $top: String(top), $skip: String(skip + top) })}`;
  return result;
}

async function countRows(r: Reader, entity: EntityDef, scope: Scope, whereSql: Frag, unfiltered: boolean): Promise<number> {
  if (entity.name === 'Observation' && unfiltered) {
    // Maintained per-Datastream counters: no scan of the observations.
    if (scope.datastreamId !== undefined) {
      const row = await r.db.one<{ n: number }>('SELECT observation_count AS n FROM sta_datastreams WHERE id = ?', [scope.datastreamId]);
      return Number(row?.n ?? 0);
    }
    if (!scope.where) {
      const row = await r.db.one<{ n: number }>('SELECT COALESCE(SUM(observation_count), 0) AS n FROM sta_datastreams');
      return Number(row?.n ?? 0);
    }
  }
  const q = sql`SELECT COUNT(*) AS n FROM ${raw(entity.table)} t0${whereSql}`;
  const row = await guarded(() => r.db.one<{ n: number }>(q.text, q.params));
  return Number(row?.n ?? 0);
}

/** Reads one entity (or null) matching the scope, with $select and $expand. */
export async function readOne(r: Reader, entity: EntityDef, scope: Scope, opts: QueryOptions): Promise<{ json: Json; row: Json } | null> {
  validateSelect(entity, opts);
  const where = scope.where ? sql` WHERE ${scope.where('t0')}` : raw('');
  const q = sql`SELECT t0.* FROM ${raw(entity.table)} t0${where} ORDER BY t0.id LIMIT 1`;
  const rows = await guarded(() => r.db.all<Json>(q.text, q.params));
  const row = rows[0];
  if (!row) return null;
  spend(r, 1);
  const json = entityJson(r.root, entity, row, opts.select);
  await expandAll(r, entity, [row], [json], opts);
  return { json, row };
}

async function expandAll(r: Reader, entity: EntityDef, rows: Json[], values: Json[], opts: QueryOptions): Promise<void> {
  for (const item of opts.expand ?? []) {
    const nav = navOf(entity, item.nav);
    if (!nav) {
      if (UNSUPPORTED_NAVS.has(item.nav)) throw unsupported(`The navigation property ${item.nav}`);
      throw badQuery('$expand', `${entity.name} has no navigation property '${item.nav}'`);
    }
    const target = ENTITIES[nav.target];
    if (entity.name === 'Datastream' && nav.name === 'Observations' && rows.length > 1 && isLatestRequest(item.options, Math.min(item.options.top ?? r.maxTop, r.maxTop))) {
      await expandLatest(r, rows, values, item.options);
      continue;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const out = values[i]!;
      const parentSelf = selfLink(r.root, entity, row.id);
      if (nav.kind === 'one') {
        const fk = row[nav.fk!];
        const one = fk === null || fk === undefined ? null : await readOne(r, target, { where: (a) => sql`${raw(a)}.id = ${Number(fk)}` }, item.options);
        out[nav.name] = one?.json ?? null;
      } else {
        const scope = childScope(nav, (a) => sql`SELECT ${Number(row.id)}`, Number(row.id));
        const res = await readCollection(r, target, scope, item.options, `${parentSelf}/${nav.name}`);
        if (res.count !== undefined) out[`${nav.name}@iot.count`] = res.count;
        out[nav.name] = res.value;
        if (res.nextLink) out[`${nav.name}@iot.nextLink`] = res.nextLink;
      }
    }
  }
}

/**
 * The latest Observation of many Datastreams at once (the live map's question): one query
 * for the maintained pointers instead of one per Datastream.
 */
async function expandLatest(r: Reader, rows: Json[], values: Json[], opts: QueryOptions): Promise<void> {
  const entity = ENTITIES.Observation;
  validateSelect(entity, opts);
  const withLatest = rows.filter((row) => row.latest_observation_id !== null && row.latest_observation_id !== undefined);
  const found = new Map<number, Json>();
  if (withLatest.length) {
    const idList = join(withLatest.map((row) => sql`${Number(row.latest_observation_id)}`), ', ');
    // The times let PostgreSQL prune partitions.
    const timeList = join(withLatest.map((row) => sql`${row.latest_phenomenon_time as number}`), ', ');
    const q = sql`SELECT t0.* FROM sta_observations t0 WHERE t0.id IN (${idList}) AND t0.phenomenon_time IN (${timeList})`;
    for (const o of await r.db.all<Json>(q.text, q.params)) found.set(Number(o.id), o);
  }
  spend(r, found.size);
  const obsRows: Json[] = [];
  const obsValues: Json[] = [];
  rows.forEach((row, i) => {
    const out = values[i]!;
    const o = found.get(Number(row.latest_observation_id));
    const n = Number(row.observation_count ?? 0);
    if (opts.count) out['Observations@iot.count'] = n;
    if (o) {
      const json = entityJson(r.root, entity, o, opts.select);
      obsRows.push(o);
      obsValues.push(json);
      out.Observations = [json];
    } else out.Observations = [];
    if (n > 1) out['Observations@iot.nextLink'] = `${selfLink(r.root, ENTITIES.Datastream, row.id)}/Observations?${encodeOptions({ ...opts.raw, $top: '1', $skip: '1' })}`;
  });
  await expandAll(r, entity, obsRows, obsValues, opts);
}

/** The dataArray representation of Observations (one block per Datastream). */
export function toDataArray(r: Reader, result: CollectionResult, opts: QueryOptions): Json {
  const entity = ENTITIES.Observation;
  const components = opts.select?.filter((s) => entity.props.some((p) => p.name === s)) ?? ['id', 'phenomenonTime', 'resultTime', 'result'];
  if (opts.select && components.length !== opts.select.length) throw badQuery('$select', 'with $resultFormat=dataArray only Observation properties can be selected');
  const groups = new Map<number, unknown[][]>();
  for (const row of result.rows) {
    const ds = Number(row.datastream_id);
    let list = groups.get(ds);
    if (!list) groups.set(ds, (list = []));
    list.push(components.map((c) => propertyValue(entity, c, row)));
  }
  const value = [...groups.entries()].map(([ds, dataArray]) => ({
    'Datastream@iot.navigationLink': selfLink(r.root, ENTITIES.Datastream, ds),
    components,
    'dataArray@iot.count': dataArray.length,
    dataArray,
  }));
  const out: Json = {};
  if (result.count !== undefined) out['@iot.count'] = result.count;
  out.value = value;
  if (result.nextLink) out['@iot.nextLink'] = result.nextLink;
  return out;
}

export { AppError };
