import type { Migration } from '../storage/port.js';

/**
 * Jobs and their artefacts (heat maps, report data) are kept in the store, so a client
 * can follow a job across a restart and a finished analysis stays readable. Times are
 * ISO-8601 UTC text: they sort as text on both engines.
 */
export const JOB_MIGRATIONS: readonly Migration[] = [
  {
    id: 'kernel/001-jobs',
    sqlite: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
        done REAL NOT NULL DEFAULT 0,
        total REAL,
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
        body BLOB NOT NULL,
        PRIMARY KEY (job_id, name)
      );`,
    postgres: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
        done DOUBLE PRECISION NOT NULL DEFAULT 0,
        total DOUBLE PRECISION,
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
        body BYTEA NOT NULL,
        PRIMARY KEY (job_id, name)
      );`,
  },
];
