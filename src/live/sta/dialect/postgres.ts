import type { SqlValue, Store } from '../../../kernel/storage/port.js';
import type { Compiled, Coerce } from '../query/compile.js';
import { badQuery } from '../query/errors.js';
import { param, raw, sql, type Frag } from '../sql.js';
import { iso } from '../time.js';
import { STATS_ASSIGNMENTS } from './stats-sql.js';
import { OBSERVATION_COLUMNS, type StaDialect } from './types.js';

const PREDICATE: Record<string, string> = {
  'geo.intersects': 'ST_Intersects',
  st_intersects: 'ST_Intersects',
  st_equals: 'ST_Equals',
  st_disjoint: 'ST_Disjoint',
  st_touches: 'ST_Touches',
  st_within: 'ST_Within',
  st_overlaps: 'ST_Overlaps',
  st_crosses: 'ST_Crosses',
  st_contains: 'ST_Contains',
};

const utc = (f: Frag) => sql`((${f}) AT TIME ZONE 'UTC')`;
const part = (field: string, f: Frag) => sql`extract(${raw(field)} from ${utc(f)})::int`;
const jsonPath = (path: string[]) => param(`{${path.map((s) => `"${s.replace(/["\\]/g, '')}"`).join(',')}}`, '::text[]');

function fn(name: string, a: Compiled[], c: Coerce): Compiled {
  const [x, y, z] = a as [Compiled, Compiled, Compiled | undefined];
  const num = (frag: Frag): Compiled => ({ type: 'number', frag });
  const str = (frag: Frag): Compiled => ({ type: 'string', frag });
  const bool = (frag: Frag): Compiled => ({ type: 'bool', frag });
  switch (name) {
    case 'substringof':
      return bool(sql`(strpos(${c.text(y)}, ${c.text(x)}) > 0)`);
    case 'contains':
      return bool(sql`(strpos(${c.text(x)}, ${c.text(y)}) > 0)`);
    case 'startswith':
      return bool(sql`(left(${c.text(x)}, char_length(${c.text(y)})) = ${c.text(y)})`);
    case 'endswith':
      return bool(sql`(right(${c.text(x)}, char_length(${c.text(y)})) = ${c.text(y)})`);
    case 'length':
      return num(sql`char_length(${c.text(x)})`);
    case 'indexof':
      return num(sql`(strpos(${c.text(x)}, ${c.text(y)}) - 1)`);
    case 'substring':
      return str(z ? sql`substr(${c.text(x)}, (${c.number(y)})::int + 1, (${c.number(z)})::int)` : sql`substr(${c.text(x)}, (${c.number(y)})::int + 1)`);
    case 'tolower':
      return str(sql`lower(${c.text(x)})`);
    case 'toupper':
      return str(sql`upper(${c.text(x)})`);
    case 'trim':
      return str(sql`btrim(${c.text(x)})`);
    case 'concat':
      return str(sql`(${c.text(x)} || ${c.text(y)})`);
    case 'year':
      return num(part('year', c.time(x)));
    case 'month':
      return num(part('month', c.time(x)));
    case 'day':
      return num(part('day', c.time(x)));
    case 'hour':
      return num(part('hour', c.time(x)));
    case 'minute':
      return num(part('minute', c.time(x)));
    case 'second':
      return num(sql`floor(extract(second from ${utc(c.time(x))}))::int`);
    case 'fractionalseconds':
      return num(sql`((extract(microseconds from ${utc(c.time(x))})::bigint % 1000000) / 1000000.0)::float8`);
    case 'date':
      return { type: 'date', frag: sql`${utc(c.time(x))}::date` };
    case 'time':
      return str(sql`to_char(${utc(c.time(x))}, 'HH24:MI:SS.MS')`);
    case 'totaloffsetminutes':
      c.time(x);
      return num(raw('0'));
    case 'now':
      return { type: 'time', frag: raw('now()') };
    case 'mindatetime':
      return { type: 'time', frag: c.time(x) };
    case 'maxdatetime':
      return { type: 'time', frag: x.type === 'interval' ? sql`COALESCE(${x.end!}, ${x.frag})` : c.time(x) };
    case 'round':
      return num(sql`round((${c.number(x)})::numeric)::float8`);
    case 'floor':
      return num(sql`floor((${c.number(x)})::float8)`);
    case 'ceiling':
      return num(sql`ceil((${c.number(x)})::float8)`);
  }
  throw badQuery('$filter', `unknown function '${name}'`);
}

function geoArg(c: Compiled): Frag {
  if (c.type !== 'geo') throw badQuery('$filter', `expected a geometry, found a ${c.type}`);
  return c.frag;
}

/** Partitions known to exist, per store: `sta_observations_pYYYYMM`. */
const partitions = new WeakMap<Store, Set<string>>();

function monthOf(ms: number): { name: string; from: string; to: string; fromMs: number; toMs: number } {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const fromMs = Date.UTC(y, m, 1);
  const toMs = Date.UTC(y, m + 1, 1);
  return { name: `sta_observations_p${String(y).padStart(4, '0')}${String(m + 1).padStart(2, '0')}`, from: iso(fromMs), to: iso(toMs), fromMs, toMs };
}

export const postgresDialect: StaDialect = {
  name: 'postgres',
  literal(l) {
    switch (l.type) {
      case 'number':
        return { type: 'number', frag: param(l.value, l.integer ? '::bigint' : '::float8') };
      case 'string':
        return { type: 'string', frag: param(l.value, '::text') };
      case 'bool':
        return { type: 'bool', frag: raw(l.value ? 'TRUE' : 'FALSE') };
      case 'datetime':
        return { type: 'time', frag: param(iso(l.value), '::timestamptz') };
      case 'date':
        return { type: 'date', frag: param(l.value, '::date') };
      case 'geo':
        return { type: 'geo', frag: sql`ST_SetSRID(ST_GeomFromGeoJSON(${param(l.geojson, '::text')}), 4326)`, geojson: l.geojson };
    }
  },
  jsonValue(column, path, as) {
    const p = jsonPath(path);
    if (as === 'number') return sql`(CASE WHEN jsonb_typeof(${column} #> ${p}) = 'number' THEN (${column} #>> ${p})::float8 END)`;
    if (as === 'bool') return sql`(CASE WHEN jsonb_typeof(${column} #> ${p}) = 'boolean' THEN (${column} #>> ${p})::boolean END)`;
    return sql`(${column} #>> ${p})`;
  },
  geoColumn(alias) {
    return { type: 'geo', frag: raw(`${alias}.geom`) };
  },
  geo(name, args) {
    if (name === 'geo.distance') return { type: 'number', frag: sql`ST_Distance(${geoArg(args[0]!)}, ${geoArg(args[1]!)})` };
    if (name === 'geo.length') return { type: 'number', frag: sql`ST_Length(${geoArg(args[0]!)})` };
    if (name === 'st_relate') {
      const pattern = args[2]!;
      if (pattern.type !== 'string' || typeof pattern.value !== 'string' || !/^[TF012*]{9}$/.test(pattern.value)) {
        throw badQuery('$filter', 'st_relate needs a DE-9IM pattern of 9 characters from T F 0 1 2 *');
      }
      return { type: 'bool', frag: sql`ST_Relate(${geoArg(args[0]!)}, ${geoArg(args[1]!)}, ${pattern.frag})` };
    }
    const fnName = PREDICATE[name];
    if (!fnName) throw badQuery('$filter', `unknown function '${name}'`);
    return { type: 'bool', frag: sql`${raw(fnName)}(${geoArg(args[0]!)}, ${geoArg(args[1]!)})` };
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
        return sql`((${l})::float8 / NULLIF((${r})::float8, 0))`;
      case 'mod':
        return sql`mod((${l})::numeric, NULLIF((${r})::numeric, 0))::float8`;
    }
  },
  boolTrue: (f) => sql`(${f} IS TRUE)`,
  resultBool: (json, value) => sql`(${json} = ${param(value ? 'true' : 'false', '::jsonb')})`,

  time: (ms) => (ms === null ? null : iso(ms)),
  async insert(tx, table, values) {
    const cols = Object.keys(values);
    const row = await tx.one<{ id: number }>(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING id`, Object.values(values));
    return row!.id;
  },
  async insertObservations(tx, rows) {
    if (rows.length === 0) return [];
    // One statement with 12 array parameters: parse and plan once, however many rows.
    const cols: unknown[][] = OBSERVATION_COLUMNS.map(() => new Array(rows.length));
    rows.forEach((r, i) => {
      cols[0]![i] = r.datastreamId;
      cols[1]![i] = iso(r.phenomenonStart);
      cols[2]![i] = r.phenomenonEnd === null ? null : iso(r.phenomenonEnd);
      cols[3]![i] = r.resultTime === null ? null : iso(r.resultTime);
      cols[4]![i] = r.resultNum;
      cols[5]![i] = r.resultStr;
      cols[6]![i] = r.resultJson;
      cols[7]![i] = r.resultQuality;
      cols[8]![i] = r.validStart === null ? null : iso(r.validStart);
      cols[9]![i] = r.validEnd === null ? null : iso(r.validEnd);
      cols[10]![i] = r.parameters;
      cols[11]![i] = r.featureId;
    });
    const types = ['bigint', 'timestamptz', 'timestamptz', 'timestamptz', 'float8', 'text', 'jsonb', 'jsonb', 'timestamptz', 'timestamptz', 'jsonb', 'bigint'];
    const result = await tx.all<{ id: number }>(
      `INSERT INTO sta_observations (${OBSERVATION_COLUMNS.join(', ')}) SELECT * FROM unnest(${types.map((t) => `?::${t}[]`).join(', ')}) RETURNING id`,
      cols as unknown as SqlValue[],
    );
    return result.map((r) => r.id);
  },
  async updateDatastreamStats(tx, stats) {
    if (stats.length === 0) return;
    // One statement for every Datastream of the batch: a round trip each would cost more than the insert.
    const t = (ms: number | null) => (ms === null ? null : iso(ms));
    // Row locks in id order: batches written at the same time (MQTT group commits on a pool)
    // then queue for each other's Datastreams instead of deadlocking.
    await tx.all('SELECT id FROM sta_datastreams WHERE id = ANY(?::bigint[]) ORDER BY id FOR NO KEY UPDATE', [stats.map((s) => s.datastreamId)] as unknown as SqlValue[]);
    await tx.run(
      `UPDATE sta_datastreams SET ${STATS_ASSIGNMENTS}
       FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) AS v(id, n, lid, lt, ps, pe, rs, re)
       WHERE sta_datastreams.id = v.id`,
      [
        stats.map((s) => s.datastreamId), stats.map((s) => s.added), stats.map((s) => s.latestId), stats.map((s) => t(s.latestTime)),
        stats.map((s) => t(s.phenomenonStart)), stats.map((s) => t(s.phenomenonEnd)), stats.map((s) => t(s.resultStart)), stats.map((s) => t(s.resultEnd)),
      ] as unknown as SqlValue[],
    );
  },
  async indexGeometry(tx, table, id, geometry) {
    await tx.run(`UPDATE ${table} SET geom = CASE WHEN ?::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) END WHERE id = ?`, [
      geometry ? JSON.stringify(geometry) : null,
      geometry ? JSON.stringify(geometry) : null,
      id,
    ]);
  },
  prepare() {},
  async ensureObservationStorage(store, times) {
    let known = partitions.get(store);
    if (!known) {
      known = new Set((await store.all<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'sta_observations'`)).map((r) => r.name));
      partitions.set(store, known);
    }
    const wanted = new Map<string, ReturnType<typeof monthOf>>();
    // Batches hold thousands of times in a month or two: look each month up once.
    let from = Infinity;
    let to = -Infinity;
    for (const t of times) {
      if (t >= from && t < to) continue;
      const m = monthOf(t);
      from = m.fromMs;
      to = m.toMs;
      if (!known.has(m.name)) wanted.set(m.name, m);
    }
    for (const m of wanted.values()) {
      try {
        await store.exec(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF sta_observations FOR VALUES FROM ('${m.from}') TO ('${m.to}')`);
      } catch {
        // Rows for this month already sit in the default partition, or another process made it: keep going.
      }
      known.add(m.name);
    }
  },
};
