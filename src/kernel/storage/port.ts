/**
 * The storage port: the small slice of a database that capabilities use.
 *
 * SQL is written with `?` placeholders; the PostgreSQL adapter numbers them.
 * Where engines differ (full-text search, spatial index, partitioning) a capability
 * asks `features`, or keeps one query file per dialect; it never branches on the
 * driver itself.
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
export type Params = readonly SqlValue[];
export type Row = Record<string, unknown>;

export interface RunResult {
  changes: number;
  insertId?: number;
}

export interface StoreFeatures {
  /** How full-text search is done: SQLite FTS5 or PostgreSQL tsvector. */
  fullText: 'fts5' | 'tsvector';
  /** How bounding boxes are indexed: SQLite R*Tree or PostGIS GiST. */
  spatialIndex: 'rtree' | 'postgis';
  /** Whether declarative table partitioning is available. */
  partitioning: boolean;
}

export interface Queryable {
  readonly dialect: Dialect;
  readonly features: StoreFeatures;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** `insertId` is the new row's integer key on SQLite; PostgreSQL uses RETURNING instead. */
  run(sql: string, params?: Params): Promise<RunResult>;
  /** Runs one statement for many parameter rows, as fast as the engine allows. */
  runMany(sql: string, rows: readonly Params[]): Promise<void>;
  /**
   * Inserts many rows into one table: a prepared loop on SQLite, multi-row VALUES on
   * PostgreSQL. `conflict` is an `ON CONFLICT ...` clause both engines accept.
   */
  insertMany(table: string, columns: readonly string[], rows: readonly Params[], conflict?: string): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Store extends Queryable {
  /**
   * Runs `work` in one transaction: everything it wrote is committed together, or,
   * if it throws, nothing is. Other work on the store waits for it.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Makes rows deleted from `table` unrecoverable from the store's files: SQLite zeroes
   * freed pages (secure_delete) and truncates the WAL; PostgreSQL vacuums the table.
   * For secrets such as destroyed pseudonymisation keys.
   */
  scrub(table: string): Promise<void>;
  /** Where the data lives, for logs (no credentials). */
  readonly description: string;
  close(): Promise<void>;
}

/** A numbered schema change owned by one capability. */
export interface Migration {
  /** `<capability>/<nnn>-<name>`, e.g. `catalog/001-datasets`; applied in capability then number order. */
  id: string;
  sqlite: string;
  postgres: string;
}
