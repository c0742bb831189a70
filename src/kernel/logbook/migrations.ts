import type { Migration } from '../storage/port.js';

/**
 * The processing log (Logboek Dataverwerkingen): one row per processing operation,
 * append-only. Triggers refuse UPDATE and DELETE, so even code with store access cannot
 * rewrite history; a retention job, when it comes, needs its own migration.
 * Times are ISO-8601 UTC text, like the jobs table: they sort as text on both engines.
 * The secret for keyed hashes of data subject ids is made here, once, from the engine's
 * random source, so it exists before any write and never depends on a rolled-back one.
 */
/** The same table, indexes and secret row on both engines; only the triggers and the random source differ. */
const TABLE = `
      CREATE TABLE logbook (
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
        peer TEXT,
        data_subject_hash TEXT,
        attributes TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (trace_id, span_id)
      );
      CREATE INDEX logbook_started ON logbook (started_at);
      CREATE INDEX logbook_activity ON logbook (activity_id, started_at);
      CREATE INDEX logbook_subject ON logbook (data_subject_hash) WHERE data_subject_hash IS NOT NULL;`;

const SECRET = `
      CREATE TABLE logbook_secret (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret TEXT NOT NULL
      );`;

export const LOGBOOK_MIGRATIONS: readonly Migration[] = [
  {
    id: 'kernel/002-logbook',
    sqlite: `${TABLE}
      CREATE TRIGGER logbook_no_update BEFORE UPDATE ON logbook
        BEGIN SELECT RAISE(ABORT, 'the processing log is append-only'); END;
      CREATE TRIGGER logbook_no_delete BEFORE DELETE ON logbook
        BEGIN SELECT RAISE(ABORT, 'the processing log is append-only'); END;${SECRET}
      INSERT INTO logbook_secret (id, secret) VALUES (1, lower(hex(randomblob(32))));`,
    postgres: `${TABLE}
      CREATE FUNCTION logbook_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the processing log is append-only'; END $$;
      CREATE TRIGGER logbook_no_change BEFORE UPDATE OR DELETE ON logbook
        FOR EACH ROW EXECUTE FUNCTION logbook_append_only();
      CREATE TRIGGER logbook_no_truncate BEFORE TRUNCATE ON logbook
        FOR EACH STATEMENT EXECUTE FUNCTION logbook_append_only();${SECRET}
      -- gen_random_uuid() draws from the server's strong random source (PostgreSQL 13+).
      INSERT INTO logbook_secret (id, secret)
        VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));`,
  },
];
