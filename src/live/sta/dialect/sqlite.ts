import type Database from 'better-sqlite3';
import type { Queryable, SqlValue, Store } from '../../../kernel/storage/port.js';
import { SqliteStore } from '../../../kernel/storage/sqlite.js';
import { bboxOf, distance, GEO_PREDICATES, geometryOf, length, type Geometry } from '../geo.js';
import type { Compiled, Coerce } from '../query/compile.js';
import { badQuery, unsupported } from '../query/errors.js';
import { param, raw, sql, type Frag } from '../sql.js';
import { STATS_ASSIGNMENTS } from './stats-sql.js';
import { OBSERVATION_COLUMNS, type ObservationRow, type StaDialect } from './types.js';

/** Parsed geometries by their JSON text: a filter evaluates the same literal for every row. */
const parsed = new Map<string, Geometry | null>();
function geometryFromText(text: unknown): Geometry | null {
  if (typeof text !== 'string') return null;
  let g = parsed.get(text);
  if (g === undefined) {
    try {
      g = geometryOf(JSON.parse(text));
    } catch {
      g = null;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, g);
  }
  return g;
}

const prepared = new WeakSet<Database.Database>();

/**
 * Geometry functions on SQLite are JS functions registered on the connection
 * (sta_geo, sta_geo_distance, sta_geo_length), so a geo filter pages and counts like any
 * other; a bounding-box pre-filter on indexed min/max columns narrows the rows first.
 */
function registerFunctions(db: Database.Database): void {
  if (prepared.has(db)) return;
  prepared.add(db);
  db.function('sta_geo', { deterministic: true }, (name: unknown, a: unknown, b: unknown) => {
    const ga = geometryFromText(a);
    const gb = geometryFromText(b);
    if (!ga || !gb) return null;
    const fn = GEO_PREDICATES[name as keyof typeof GEO_PREDICATES];
    return fn && fn(ga, gb) ? 1 : 0;
  });
  db.function('sta_geo_distance', { deterministic: true }, (a: unknown, b: unknown) => {
    const ga = geometryFromText(a);
    const gb = geometryFromText(b);
    return ga && gb ? distance(ga, gb) : null;
  });
  db.function('sta_geo_length', { deterministic: true }, (a: unknown) => {
    const g = geometryFromText(a);
    return g ? length(g) : null;
  });
}

const PREDICATE: Record<string, keyof typeof GEO_PREDICATES> = {
  'geo.intersects': 'intersects',
  st_intersects: 'intersects',
  st_equals: 'equals',
  st_disjoint: 'disjoint',
  st_touches: 'touches',
  st_within: 'within',
  st_overlaps: 'overlaps',
  st_crosses: 'crosses',
  st_contains: 'contains',
};

const time = (f: Frag) => sql`(${f}) / 1000.0, 'unixepoch'`;
const part = (fmt: string, f: Frag) => sql`CAST(strftime('${raw(fmt)}', ${time(f)}) AS INTEGER)`;

function fn(name: string, a: Compiled[], c: Coerce): Compiled {
  const [x, y, z] = a as [Compiled, Compiled, Compiled | undefined];
  const num = (frag: Frag): Compiled => ({ type: 'number', frag });
  const str = (frag: Frag): Compiled => ({ type: 'string', frag });
  const bool = (frag: Frag): Compiled => ({ type: 'bool', frag });
  switch (name) {
    case 'substringof':
      return bool(sql`(instr(${c.text(y)}, ${c.text(x)}) > 0)`);
    case 'contains':
      return bool(sql`(instr(${c.text(x)}, ${c.text(y)}) > 0)`);
    case 'startswith':
      return bool(sql`(substr(${c.text(x)}, 1, length(${c.text(y)})) = ${c.text(y)})`);
    case 'endswith':
      return bool(sql`(length(${c.text(y)}) <= length(${c.text(x)}) AND substr(${c.text(x)}, length(${c.text(x)}) - length(${c.text(y)}) + 1) = ${c.text(y)})`);
    case 'length':
      return num(sql`length(${c.text(x)})`);
    case 'indexof':
      return num(sql`(instr(${c.text(x)}, ${c.text(y)}) - 1)`);
    case 'substring':
      return str(z ? sql`substr(${c.text(x)}, ${c.number(y)} + 1, ${c.number(z)})` : sql`substr(${c.text(x)}, ${c.number(y)} + 1)`);
    case 'tolower':
      return str(sql`lower(${c.text(x)})`);
    case 'toupper':
      return str(sql`upper(${c.text(x)})`);
    case 'trim':
      return str(sql`trim(${c.text(x)})`);
    case 'concat':
      return str(sql`(${c.text(x)} || ${c.text(y)})`);
    case 'year':
      return num(part('%Y', c.time(x)));
    case 'month':
      return num(part('%m', c.time(x)));
    case 'day':
      return num(part('%d', c.time(x)));
    case 'hour':
      return num(part('%H', c.time(x)));
    case 'minute':
      return num(part('%M', c.time(x)));
    case 'second':
      return num(part('%S', c.time(x)));
    case 'fractionalseconds':
      return num(sql`((${c.time(x)}) % 1000) / 1000.0`);
    case 'date':
      return { type: 'date', frag: sql`date(${time(c.time(x))})` };
    case 'time':
      return str(sql`strftime('%H:%M:%f', ${time(c.time(x))})`);
    case 'totaloffsetminutes':
      c.time(x);
      return num(raw('0'));
    case 'now':
      return { type: 'time', frag: param(Date.now()) };
    case 'mindatetime':
      return { type: 'time', frag: c.time(x) };
    case 'maxdatetime':
      return { type: 'time', frag: x.type === 'interval' ? sql`COALESCE(${x.end!}, ${x.frag})` : c.time(x) };
    case 'round':
      return num(sql`round(${c.number(x)})`);
    case 'floor':
      return num(sql`floor(${c.number(x)})`);
    case 'ceiling':
      return num(sql`ceil(${c.number(x)})`);
  }
  throw badQuery('$filter', `unknown function '${name}'`);
}

function geoArg(c: Compiled): Frag {
  if (c.type !== 'geo') throw badQuery('$filter', `expected a geometry, found a ${c.type}`);
  return c.frag;
}

/** Bounding-box test on a row's indexed min/max columns against a literal's box. */
function bboxFilter(kind: 'intersects' | 'within' | 'contains', column: Compiled, literal: Compiled): Frag | null {
  if (!column.bboxAlias || !literal.geojson) return null;
  const box = bboxOf(JSON.parse(literal.geojson));
  if (!box) return null;
  const [minx, miny, maxx, maxy] = box;
  const a = column.bboxAlias;
  if (kind === 'intersects') return sql`${raw(a)}.minx <= ${maxx} AND ${raw(a)}.maxx >= ${minx} AND ${raw(a)}.miny <= ${maxy} AND ${raw(a)}.maxy >= ${miny} AND `;
  if (kind === 'within') return sql`${raw(a)}.minx >= ${minx} AND ${raw(a)}.maxx <= ${maxx} AND ${raw(a)}.miny >= ${miny} AND ${raw(a)}.maxy <= ${maxy} AND `;
  return sql`${raw(a)}.minx <= ${minx} AND ${raw(a)}.maxx >= ${maxx} AND ${raw(a)}.miny <= ${miny} AND ${raw(a)}.maxy >= ${maxy} AND `;
}

export const sqliteDialect: StaDialect = {
  name: 'sqlite',
  literal(l) {
    switch (l.type) {
      case 'number':
        return { type: 'number', frag: param(l.value) };
      case 'string':
        return { type: 'string', frag: param(l.value) };
      case 'bool':
        return { type: 'bool', frag: raw(l.value ? '1' : '0') };
      case 'datetime':
        return { type: 'time', frag: param(l.value) };
      case 'date':
        return { type: 'date', frag: param(l.value) };
      case 'geo':
        return { type: 'geo', frag: param(l.geojson), geojson: l.geojson };
    }
  },
  jsonValue(column, path, as) {
    const p = '$' + path.map((s) => `."${s.replace(/"/g, '')}"`).join('');
    if (as === 'number') return sql`(CASE WHEN json_type(${column}, ${p}) IN ('integer', 'real') THEN json_extract(${column}, ${p}) END)`;
    if (as === 'bool') return sql`(CASE json_type(${column}, ${p}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
    return path.length ? sql`(CASE WHEN json_type(${column}, ${p}) = 'text' THEN json_extract(${column}, ${p}) ELSE json_extract(${column}, ${p}) END)` : column;
  },
  geoColumn(alias, column) {
    return { type: 'geo', frag: raw(`${alias}.${column}`), bboxAlias: alias };
  },
  geo(name, args) {
    if (name === 'st_relate') throw unsupported('st_relate on the embedded (SQLite) store');
    if (name === 'geo.distance') return { type: 'number', frag: sql`sta_geo_distance(${geoArg(args[0]!)}, ${geoArg(args[1]!)})` };
    if (name === 'geo.length') return { type: 'number', frag: sql`sta_geo_length(${geoArg(args[0]!)})` };
    const pred = PREDICATE[name];
    if (!pred) throw badQuery('$filter', `unknown function '${name}'`);
    const [a, b] = args as [Compiled, Compiled];
    let pre: Frag | null = null;
    if (pred === 'intersects') pre = bboxFilter('intersects', a, b) ?? bboxFilter('intersects', b, a);
    else if (pred === 'within') pre = bboxFilter('within', a, b) ?? bboxFilter('contains', b, a);
    else if (pred === 'contains') pre = bboxFilter('contains', a, b) ?? bboxFilter('within', b, a);
    const test = sql`sta_geo('${raw(pred)}', ${geoArg(a)}, ${geoArg(b)}) = 1`;
    return { type: 'bool', frag: pre ? sql`(${pre}${test})` : sql`(${test})` };
  },
  fn,
  arithmetic(op, l, r) {
    switch (op) {
      case 'add':
        return sql`(${l} + ${r})`;
      case 'sub':
        return sql`(${l} - ${r})`;
      case 'mul':
        return sql`(${l} * ${r})`;
      case 'div':
        return sql`((${l}) * 1.0 / (${r}))`;
      case 'mod':
        return sql`mod(${l}, ${r})`;
    }
  },
  boolTrue: (f) => sql`(${f} = 1)`,
  resultBool: (json, value) => sql`(${json} = ${value ? 'true' : 'false'})`,

  time: (ms) => ms,
  async insert(tx, table, values) {
    const cols = Object.keys(values);
    const res = await tx.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(values));
    return res.insertId!;
  },
  async insertObservations(tx, rows) {
    if (rows.length === 0) return [];
    for (const [statement, values] of multiRowInserts(rows)) await tx.runMany(statement, values);
    // Within one write transaction SQLite gives new rows consecutive rowids (max + 1, no AUTOINCREMENT).
    const last = (await tx.one<{ id: number }>('SELECT last_insert_rowid() AS id'))!.id;
    return rows.map((_, i) => last - rows.length + 1 + i);
  },
  async updateDatastreamStats(tx, stats) {
    // One prepared statement per Datastream: on SQLite a statement costs microseconds.
    for (const st of stats) {
      await tx.run(STATS_UPDATE, [st.added, st.latestId, st.latestTime, st.phenomenonStart, st.phenomenonEnd, st.resultStart, st.resultEnd, st.datastreamId]);
    }
  },
  async indexGeometry(tx, table, id, geometry) {
    const box = geometry ? bboxOf(geometry) : null;
    await tx.run(`UPDATE ${table} SET minx = ?, miny = ?, maxx = ?, maxy = ? WHERE id = ?`, [box?.[0] ?? null, box?.[1] ?? null, box?.[2] ?? null, box?.[3] ?? null, id]);
  },
  prepare(store) {
    if (store instanceof SqliteStore) registerFunctions(store.raw);
  },
  async ensureObservationStorage() {},
};

const STATS_UPDATE = `UPDATE sta_datastreams SET ${STATS_ASSIGNMENTS}
  FROM (SELECT ? AS n, ? AS lid, ? AS lt, ? AS ps, ? AS pe, ? AS rs, ? AS re) AS v WHERE sta_datastreams.id = ?`;

/** Rows per INSERT statement: one statement per row spends more in the call than in SQLite. */
const ROWS_PER_INSERT = 32;
const rowPlaceholders = `(${OBSERVATION_COLUMNS.map(() => '?').join(', ')})`;
const insertSql = (n: number) => `INSERT INTO sta_observations (${OBSERVATION_COLUMNS.join(', ')}) VALUES ${Array(n).fill(rowPlaceholders).join(', ')}`;
const INSERT_CHUNK = insertSql(ROWS_PER_INSERT);

/**
 * The observations as full multi-row INSERTs plus one for the remainder, flattened in input
 * order, so rowids stay consecutive in that order. Both statements stay in the prepared cache.
 */
function multiRowInserts(rows: readonly ObservationRow[]): [string, SqlValue[][]][] {
  const width = OBSERVATION_COLUMNS.length;
  const full = Math.floor(rows.length / ROWS_PER_INSERT);
  const chunks: SqlValue[][] = [];
  for (let c = 0; c < full; c++) {
    const flat: SqlValue[] = new Array(ROWS_PER_INSERT * width);
    for (let k = 0; k < ROWS_PER_INSERT; k++) writeValues(rows[c * ROWS_PER_INSERT + k]!, flat, k * width);
    chunks.push(flat);
  }
  const rest = rows.length - full * ROWS_PER_INSERT;
  const out: [string, SqlValue[][]][] = full ? [[INSERT_CHUNK, chunks]] : [];
  if (rest) {
    const flat: SqlValue[] = new Array(rest * width);
    for (let k = 0; k < rest; k++) writeValues(rows[full * ROWS_PER_INSERT + k]!, flat, k * width);
    out.push([insertSql(rest), [flat]]);
  }
  return out;
}

function writeValues(r: ObservationRow, out: SqlValue[], at: number): void {
  out[at] = r.datastreamId;
  out[at + 1] = r.phenomenonStart;
  out[at + 2] = r.phenomenonEnd;
  out[at + 3] = r.resultTime;
  out[at + 4] = r.resultNum;
  out[at + 5] = r.resultStr;
  out[at + 6] = r.resultJson;
  out[at + 7] = r.resultQuality;
  out[at + 8] = r.validStart;
  out[at + 9] = r.validEnd;
  out[at + 10] = r.parameters;
  out[at + 11] = r.featureId;
}


export type { Queryable, Store };
