import type { Queryable, SqlValue, Store } from '../../../kernel/storage/port.js';
import type { FilterDialect } from '../query/compile.js';
import type { Geometry } from '../geo.js';

/** One observation row as stored. */
export interface ObservationRow {
  datastreamId: number;
  phenomenonStart: number;
  phenomenonEnd: number | null;
  resultTime: number | null;
  resultNum: number | null;
  resultStr: string | null;
  resultJson: string | null;
  resultQuality: string | null;
  validStart: number | null;
  validEnd: number | null;
  parameters: string | null;
  featureId: number;
}

/** What a batch of new observations changes in one Datastream's maintained columns. */
export interface DatastreamStats {
  datastreamId: number;
  added: number;
  latestId: number;
  latestTime: number;
  phenomenonStart: number;
  phenomenonEnd: number;
  resultStart: number | null;
  resultEnd: number | null;
}

export const OBSERVATION_COLUMNS = [
  'datastream_id', 'phenomenon_time', 'phenomenon_time_end', 'result_time', 'result_num', 'result_str', 'result_json',
  'result_quality', 'valid_time_start', 'valid_time_end', 'parameters', 'feature_id',
] as const;

/** Everything about SensorThings storage that differs between SQLite and PostgreSQL. */
export interface StaDialect extends FilterDialect {
  /** A time to bind in a write. */
  time(ms: number | null): SqlValue;
  /** Inserts one row and returns its id. */
  insert(tx: Queryable, table: string, values: Record<string, SqlValue>): Promise<number>;
  /** Inserts observation rows in order and returns their ids in the same order. */
  insertObservations(tx: Queryable, rows: readonly ObservationRow[]): Promise<number[]>;
  /** Adds batches of new observations to their Datastreams' count, latest pointer and time extents. */
  updateDatastreamStats(tx: Queryable, stats: readonly DatastreamStats[]): Promise<void>;
  /** Keeps the spatial index of a location or feature row in step with its GeoJSON. */
  indexGeometry(tx: Queryable, table: 'sta_locations' | 'sta_features', id: number, geometry: Geometry | null): Promise<void>;
  /** Runs once per store before first use (SQLite registers JS functions; PostgreSQL nothing). */
  prepare(store: Store): void;
  /** Makes sure storage exists for observations at these times (PostgreSQL monthly partitions). */
  ensureObservationStorage(store: Store, times: readonly number[]): Promise<void>;
}
