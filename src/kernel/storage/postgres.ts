import pg from 'pg';
import type { Params, Queryable, Row, RunResult, Store, StoreFeatures } from './port.js';

const FEATURES: StoreFeatures = { fullText: 'tsvector', spatialIndex: 'postgis', partitioning: true };

// Counts and ids come back as int8/numeric; the platform's numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const numbered = new Map<string, string>();

/** Turns `?` placeholders into `$1, $2, ...`, leaving quoted text and `??` (jsonb) alone. */
export function numberPlaceholders(sql: string): string {
  const cached = numbered.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?' && sql[i + 1] === '?') {
      out += '?';
      i++;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  if (numbered.size > 2000) numbered.clear();
  numbered.set(sql, out);
  return out;
}

type Client = pg.Pool | pg.PoolClient;

/** Rows per INSERT statement: PostgreSQL allows at most 65535 bind parameters. */
const MAX_PARAMS = 60_000;

class PgQueryable implements Queryable {
  readonly dialect = 'postgres' as const;
  readonly features = FEATURES;

  constructor(protected readonly client: Client) {}

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const res = await this.client.query(numberPlaceholders(sql), params as unknown[] | undefined);
    return res.rows as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    const res = await this.client.query(numberPlaceholders(sql), params as unknown[] | undefined);
    return { changes: res.rowCount ?? 0 };
  }

  async runMany(sql: string, rows: readonly Params[]): Promise<void> {
    const text = numberPlaceholders(sql);
    for (const row of rows) await this.client.query(text, row as unknown[]);
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly Params[], conflict?: string): Promise<void> {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const values: unknown[] = [];
      const tuples = chunk.map((row) => {
        const marks = row.map((v) => {
          values.push(v);
          return `$${values.length}`;
        });
        return `(${marks.join(', ')})`;
      });
      await this.client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${conflict ? ' ' + conflict : ''}`,
        values,
      );
    }
  }

  async exec(script: string): Promise<void> {
    await this.client.query(script);
  }
}

/** The production store: PostgreSQL 15 with PostGIS 3, through a connection pool. */
export class PostgresStore extends PgQueryable implements Store {
  private constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {
    super(pool);
  }

  static async open(url: string, poolSize = 10): Promise<PostgresStore> {
    // PostgreSQL's default random_page_cost (4) models spinning disks: with the register's
    // rows in memory or on SSD it picks a sequential scan over the full-text GIN index for
    // common words (66 ms instead of 21 ms at 100k datasets). An operator's own setting is
    // kept; pg-pool runs this before it hands the new connection out.
    const onConnect = async (client: pg.ClientBase): Promise<void> => {
      await client.query("SELECT set_config('random_page_cost', '1.1', false) WHERE current_setting('random_page_cost')::float8 = 4");
    };
    const pool = new pg.Pool({ connectionString: url, max: poolSize, onConnect });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => undefined);
    const parsed = new URL(url);
    const store = new PostgresStore(pool, `postgres://${parsed.host}${parsed.pathname}`);
    await store.one('SELECT 1');
    return store;
  }

  get raw(): pg.Pool {
    return this.pool;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PgQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async scrub(table: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
    await this.pool.query(`VACUUM ${table}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
