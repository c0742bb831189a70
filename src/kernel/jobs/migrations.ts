import type { Migration } from '../storage/port.js';

/**
 * Jobs and their artefacts (heat maps, report data) are kept in the store, so a client
 * can follow a job across a restart and a finished analysis stays readable. Times are
 * ISO-8601 UTC text: they sort as text on both engines.
 */
const tables = (real: string, bytes: string) => `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
        done ${real} NOT NULL DEFAULT 0,
        total ${real},
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        result TEXT,
        error TEXT
      );
      CREATE INDEX jobs_running ON jobs (updated_at) WHERE state = 'running';
      CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state <> 'running';
      CREATE TABLE job_artifacts (
        job_id TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        body ${bytes} NOT NULL,
        PRIMARY KEY (job_id, name)
      );`;

export const JOB_MIGRATIONS: readonly Migration[] = [
  { id: 'kernel/001-jobs', sqlite: tables('REAL', 'BLOB'), postgres: tables('DOUBLE PRECISION', 'BYTEA') },
];
