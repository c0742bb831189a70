import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Params, Queryable, Row, RunResult, Store, StoreFeatures } from './port.js';

const FEATURES: StoreFeatures = { fullText: 'fts5', spatialIndex: 'rtree', partitioning: false };

type Db = Database.Database;

/** better-sqlite3 binds booleans as errors; SQLite stores them as 0/1. */
function bind(params: Params | undefined): readonly unknown[] {
  if (!params) return [];
  // Bulk writes bind millions of rows: copy only the rare row that holds a boolean.
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] === 'boolean') return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  }
  return params;
}

/**
 * The store holds pseudonymisation keys, the logbook's secret and key hashes: the file is
 * made readable by the platform's user only (0600, in a 0700 directory) before SQLite opens it.
 */
function ownerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

class SqliteQueryable implements Queryable {
  readonly dialect = 'sqlite' as const;
  readonly features = FEATURES;
  constructor(
    protected readonly db: Db,
    private readonly cache: Map<string, Database.Statement>,
  ) {}

  protected statement(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.statement(sql).all(...bind(params)) as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return this.statement(sql).get(...bind(params)) as T | undefined;
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    const info = this.statement(sql).run(...bind(params));
    return { changes: info.changes, insertId: Number(info.lastInsertRowid) };
  }

  async runMany(sql: string, rows: readonly Params[]): Promise<void> {
    const stmt = this.statement(sql);
    const insertAll = this.db.transaction((all: readonly Params[]) => {
      // Spread, not an array argument: better-sqlite3 binds spread arguments faster (measured).
      for (const row of all) stmt.run(...bind(row));
    });
    insertAll(rows);
  }

  async exec(script: string): Promise<void> {
    this.db.exec(script);
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly Params[], conflict?: string): Promise<void> {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${conflict ? ' ' + conflict : ''}`;
    return this.runMany(sql, rows);
  }
}

/**
 * The embedded store. One connection, WAL journal. A transaction holds the
 * connection: work outside it waits until it commits or rolls back, so an
 * interleaved request can never slip its writes into someone else's transaction.
 */
export class SqliteStore extends SqliteQueryable implements Store {
  private lock: Promise<void> = Promise.resolve();
  private locked = false;

  private readonly statements: Map<string, Database.Statement>;

  private constructor(db: Db, readonly description: string) {
    const statements = new Map<string, Database.Statement>();
    super(db, statements);
    this.statements = statements;
  }

  static open(file: string): SqliteStore {
    if (file !== ':memory:') ownerOnly(file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // SQLite gives the -wal and -shm files the database file's mode; older ones are narrowed too.
    if (file !== ':memory:') for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    // NORMAL in WAL mode survives a process crash; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    // Deleted rows are overwritten with zeros, so a destroyed secret does not linger in free pages.
    db.pragma('secure_delete = ON');
    return new SqliteStore(db, `sqlite:${file}`);
  }

  /** The raw handle, for benchmarks that measure the engine's own ceiling. */
  get raw(): Db {
    return this.db;
  }

  // Each override checks the lock and runs the statement in the same tick, so no
  // transaction can start between the check and the statement.
  override async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    while (this.locked) await this.lock;
    return super.all<T>(sql, params);
  }

  override async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    while (this.locked) await this.lock;
    return super.one<T>(sql, params);
  }

  override async run(sql: string, params?: Params): Promise<RunResult> {
    while (this.locked) await this.lock;
    return super.run(sql, params);
  }

  override async runMany(sql: string, rows: readonly Params[]): Promise<void> {
    while (this.locked) await this.lock;
    return super.runMany(sql, rows);
  }

  override async exec(script: string): Promise<void> {
    while (this.locked) await this.lock;
    return super.exec(script);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    while (this.locked) await this.lock;
    let release!: () => void;
    this.locked = true;
    this.lock = new Promise<void>((r) => (release = r));
    const tx = new SqliteQueryable(this.db, this.statements);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(tx);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.locked = false;
      release();
    }
  }

  async scrub(_table: string): Promise<void> {
    while (this.locked) await this.lock;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    while (this.locked) await this.lock;
    if (this.db.open) this.db.close();
  }
}
