import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Store } from '../storage/port.js';

/**
 * Long-running work (imports, analyses) that an HTTP client follows by polling
 * `GET /api/v1/jobs/{id}`. Every job is a row in the store: its progress, result or error
 * and its artefacts outlive the process, and any node on the same database can answer
 * for it. A job whose process died is reported as failed ('interrupted') once its
 * heartbeat is older than `staleMs`.
 */
export interface Job<R = unknown> {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  progress: { done: number; total?: number };
  startedAt: string;
  finishedAt?: string;
  result?: R;
  error?: { code: string; detail: string };
}

export type ProgressFn = (done: number, total?: number) => void;

export interface Artifact {
  mediaType: string;
  body: Buffer;
}

export interface JobOptions {
  /** Progress is written at most this often per job (the final state always is). */
  progressIntervalMs?: number;
  /** Running jobs of this process touch their row this often. */
  heartbeatMs?: number;
  /** A running row untouched for this long belongs to a process that is gone. */
  staleMs?: number;
  /** Finished jobs and their artefacts are deleted after this many days. */
  retentionDays?: number;
  now?: () => Date;
}

interface JobRow {
  id: string;
  kind: string;
  state: Job['state'];
  done: number;
  total: number | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  result: string | null;
  error: string | null;
}

const DAY_MS = 86_400_000;
const INTERRUPTED = { code: 'interrupted', detail: 'The platform stopped while this job ran; start it again' };

interface Live {
  job: Job;
  lastWrite: number;
  /** Serialises this job's writes, so a late progress write cannot overtake the final one. */
  writes: Promise<void>;
}

export class JobRegistry {
  private readonly live = new Map<string, Live>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly progressIntervalMs: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
    options: JobOptions = {},
  ) {
    this.progressIntervalMs = options.progressIntervalMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.staleMs = options.staleMs ?? 60_000;
    this.retentionMs = (options.retentionDays ?? 30) * DAY_MS;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Records the job, then runs `work` with a progress callback and the job's id (for the
   * URLs of its artefacts). Resolves once the job is stored, not when it has finished.
   */
  async start<R>(kind: string, work: (progress: ProgressFn, jobId: string) => Promise<R>): Promise<Job<R>> {
    const at = this.now().toISOString();
    const job: Job<R> = { id: randomUUID(), kind, state: 'running', progress: { done: 0 }, startedAt: at };
    await this.store.run('INSERT INTO jobs (id, kind, state, done, started_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)', [job.id, kind, 'running', at, at]);
    const live: Live = { job: job as Job, lastWrite: Date.now(), writes: Promise.resolve() };
    this.live.set(job.id, live);
    this.keepHeartbeat();
    const progress: ProgressFn = (done, total) => {
      job.progress = total === undefined ? { done } : { done, total };
      if (Date.now() - live.lastWrite >= this.progressIntervalMs) this.write(live);
    };
    // Started on the next turn so the caller answers 202 before a quick job finishes.
    void Promise.resolve()
      .then(() => work(progress, job.id))
      .then(
        (result) => Object.assign(job, { state: 'succeeded', result, finishedAt: this.now().toISOString() }),
        (error: unknown) => {
          const e = error as { code?: string; detail?: string; message?: string };
          Object.assign(job, { state: 'failed', finishedAt: this.now().toISOString(), error: { code: e.code ?? 'internal', detail: e.detail ?? e.message ?? 'failed' } });
        },
      )
      .then(() => {
        this.write(live);
        return live.writes;
      })
      .finally(() => {
        this.live.delete(job.id);
        this.keepHeartbeat();
      });
    // Housekeeping on the side: rows of processes that stopped (also a restart quicker than
    // staleMs leaves some), then jobs past retention.
    void this.recoverInterrupted()
      .catch((error: unknown) => this.log?.warn({ err: error }, 'marking interrupted jobs failed'))
      .then(() => this.prune());
    return { ...job };
  }

  /** The job as this process knows it while it runs here, otherwise as stored. */
  async get(id: string): Promise<Job | undefined> {
    const running = this.live.get(id);
    if (running) return { ...running.job };
    const row = await this.store.one<JobRow>('SELECT * FROM jobs WHERE id = ?', [id]);
    if (!row) return undefined;
    const job = toJob(row);
    if (job.state === 'running' && this.isStale(row.updated_at)) return { ...job, state: 'failed', finishedAt: row.updated_at, error: INTERRUPTED };
    return job;
  }

  /** Waits until the job has finished (for tests and the CLI). */
  async settle(id: string, pollMs = 10): Promise<Job> {
    for (;;) {
      const live = this.live.get(id);
      if (live) await live.writes;
      const job = await this.get(id);
      if (!job || job.state !== 'running') return job!;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async putArtifact(jobId: string, name: string, mediaType: string, body: Uint8Array | string): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    await this.store.run(
      'INSERT INTO job_artifacts (job_id, name, media_type, body) VALUES (?, ?, ?, ?) ON CONFLICT (job_id, name) DO UPDATE SET media_type = excluded.media_type, body = excluded.body',
      [jobId, name, mediaType, bytes],
    );
  }

  async getArtifact(jobId: string, name: string): Promise<Artifact | undefined> {
    const row = await this.store.one<{ media_type: string; body: Uint8Array }>('SELECT media_type, body FROM job_artifacts WHERE job_id = ? AND name = ?', [jobId, name]);
    return row && { mediaType: row.media_type, body: Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength) };
  }

  /** Marks the rows of jobs whose process is gone as failed; returns how many (at boot). */
  async recoverInterrupted(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.staleMs).toISOString();
    const ids = this.liveIds();
    const r = await this.store.run(
      `UPDATE jobs SET state = 'failed', finished_at = updated_at, error = ? WHERE state = 'running' AND updated_at < ?${ids.length ? ` AND id NOT IN (${ids.map(() => '?').join(', ')})` : ''}`,
      [JSON.stringify(INTERRUPTED), cutoff, ...ids],
    );
    return r.changes;
  }

  /** Deletes finished jobs (and their artefacts) older than the retention period. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.retentionMs).toISOString();
    try {
      return await this.store.transaction(async (tx) => {
        await tx.run("DELETE FROM job_artifacts WHERE job_id IN (SELECT id FROM jobs WHERE state <> 'running' AND finished_at < ?)", [cutoff]);
        return (await tx.run("DELETE FROM jobs WHERE state <> 'running' AND finished_at < ?", [cutoff])).changes;
      });
    } catch (error) {
      this.log?.warn({ err: error }, 'pruning old jobs failed');
      return 0;
    }
  }

  /** Waits for the writes of jobs still running here and stops the heartbeat (before the store closes). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await Promise.all([...this.live.values()].map((l) => l.writes));
  }

  private isStale(updatedAt: string): boolean {
    return this.now().getTime() - Date.parse(updatedAt) > this.staleMs;
  }

  private liveIds(): string[] {
    return [...this.live.keys()];
  }

  private write(live: Live): void {
    live.lastWrite = Date.now();
    const { job } = live;
    const at = this.now().toISOString();
    live.writes = live.writes
      .then(() =>
        // Only while the row still says running: once another node has declared it interrupted, that stands.
        this.store.run("UPDATE jobs SET state = ?, done = ?, total = ?, updated_at = ?, finished_at = ?, result = ?, error = ? WHERE id = ? AND state = 'running'", [
          job.state,
          job.progress.done,
          job.progress.total ?? null,
          at,
          job.finishedAt ?? null,
          job.result === undefined ? null : JSON.stringify(job.result),
          job.error ? JSON.stringify(job.error) : null,
          job.id,
        ]),
      )
      .then(
        () => undefined,
        (error: unknown) => this.log?.error({ err: error, job: job.id }, 'writing job state failed'),
      );
  }

  /** A timer only while jobs run here, so an idle platform has none. */
  private keepHeartbeat(): void {
    if (this.live.size && !this.heartbeat && !this.closed) {
      this.heartbeat = setInterval(() => {
        const ids = this.liveIds();
        if (!ids.length) return;
        void this.store
          .run(`UPDATE jobs SET updated_at = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND state = 'running'`, [this.now().toISOString(), ...ids])
          .catch((error: unknown) => this.log?.warn({ err: error }, 'job heartbeat failed'));
      }, this.heartbeatMs);
      this.heartbeat.unref();
    } else if (!this.live.size && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}

function toJob(row: JobRow): Job {
  const job: Job = {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: row.total === null ? { done: Number(row.done) } : { done: Number(row.done), total: Number(row.total) },
    startedAt: row.started_at,
  };
  if (row.finished_at) job.finishedAt = row.finished_at;
  if (row.result !== null) job.result = JSON.parse(row.result);
  if (row.error !== null) job.error = JSON.parse(row.error);
  return job;
}
