import type { Queryable } from '../../kernel/storage/port.js';

/** The newest Observation of a Datastream, as the map needs it. */
export interface Latest {
  datastream: number;
  id: number;
  phenomenonTime: string;
  result: unknown;
}

interface Row {
  ds: number;
  id: number | null;
  t: unknown;
  num: number | null;
  str: string | null;
  json: unknown;
}

function resultOf(r: Row): unknown {
  if (r.num !== null && r.num !== undefined) return Number(r.num);
  if (r.str !== null && r.str !== undefined) return r.str;
  if (typeof r.json === 'string') {
    try {
      return JSON.parse(r.json);
    } catch {
      return r.json;
    }
  }
  return r.json ?? null;
}

/**
 * Reads the newest Observation of each Datastream through the pointer the ingest path
 * keeps (`latest_observation_id`), so the cost is one key lookup per Datastream, never a
 * scan. The time condition lets PostgreSQL prune to one partition.
 */
export async function readLatest(db: Queryable, datastreams: readonly number[]): Promise<Latest[]> {
  if (datastreams.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT d.id AS ds, o.id AS id, o.phenomenon_time AS t, o.result_num AS num, o.result_str AS str, o.result_json AS json
       FROM sta_datastreams d
       JOIN sta_observations o ON o.id = d.latest_observation_id AND o.phenomenon_time = d.latest_phenomenon_time
      WHERE d.id IN (${datastreams.map(() => '?').join(',')})`,
    [...datastreams],
  );
  return rows.map((r) => ({
    datastream: Number(r.ds),
    id: Number(r.id),
    phenomenonTime: new Date(typeof r.t === 'number' ? r.t : (r.t as string)).toISOString(),
    result: resultOf(r),
  }));
}
