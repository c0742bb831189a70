import { randomUUID } from 'node:crypto';

/**
 * Long-running work (imports, analyses) that an HTTP client follows by polling
 * `GET /api/v1/jobs/{id}`. Jobs live in this process's memory: a restart forgets them,
 * which is acceptable because their results are in the store or re-computable.
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

const KEEP = 200;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start<R>(kind: string, work: (progress: ProgressFn) => Promise<R>): Job<R> {
    const job: Job<R> = { id: randomUUID(), kind, state: 'running', progress: { done: 0 }, startedAt: new Date().toISOString() };
    this.jobs.set(job.id, job as Job);
    this.trim();
    work((done, total) => (job.progress = { done, total })).then(
      (result) => Object.assign(job, { state: 'succeeded', result, finishedAt: new Date().toISOString() }),
      (error: unknown) => {
        const e = error as { code?: string; detail?: string; message?: string };
        Object.assign(job, { state: 'failed', finishedAt: new Date().toISOString(), error: { code: e.code ?? 'internal', detail: e.detail ?? e.message ?? 'failed' } });
      },
    );
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Waits until the job has finished (for tests and the CLI). */
  async settle(id: string): Promise<Job> {
    for (;;) {
      const job = this.jobs.get(id);
      if (!job || job.state !== 'running') return job!;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private trim(): void {
    if (this.jobs.size <= KEEP) return;
    for (const [id, job] of this.jobs) {
      if (job.state !== 'running') this.jobs.delete(id);
      if (this.jobs.size <= KEEP) return;
    }
  }
}

const registries = new WeakMap<object, JobRegistry>();

/** One registry per running platform (keyed by its context object). */
export function jobsFor(owner: object): JobRegistry {
  let r = registries.get(owner);
  if (!r) registries.set(owner, (r = new JobRegistry()));
  return r;
}
