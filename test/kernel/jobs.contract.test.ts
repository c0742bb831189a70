import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/kernel/errors.js';
import { JOB_MIGRATIONS, JobRegistry } from '../../src/kernel/jobs/index.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { STORES } from '../support/stores.js';
import { until } from '../support/wait.js';

/** A job whose work waits until the test lets it go. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: async () => (await opened, value) };
}

for (const kind of STORES) {
  describe(`jobs in the store: ${kind.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await kind.create());
      await migrate(store, JOB_MIGRATIONS);
    });
    afterAll(async () => dispose());

    it('keeps a finished job, its result and its artefacts for the next process on the same store', async () => {
      const first = new JobRegistry(store);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 1]);
      const job = await first.start('test-analysis', async (progress, id) => {
        progress(3, 4);
        await first.putArtifact(id, 'map.png', 'image/png', png);
        return { cells: [1, 2, 3], name: 'één' };
      });
      expect(job.state).toBe('running');
      expect((await first.settle(job.id)).state).toBe('succeeded');
      await first.close();

      const second = new JobRegistry(store);
      const again = await second.get(job.id);
      expect(again).toMatchObject({ id: job.id, kind: 'test-analysis', state: 'succeeded', progress: { done: 3, total: 4 }, result: { cells: [1, 2, 3], name: 'één' } });
      expect(Date.parse(again!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(again!.startedAt));
      const artefact = await second.getArtifact(job.id, 'map.png');
      expect(artefact?.mediaType).toBe('image/png');
      expect(artefact?.body.equals(png)).toBe(true);
      expect(await second.getArtifact(job.id, 'other.png')).toBeUndefined();
      expect(await second.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    it('keeps the code and detail of a failed job', async () => {
      const jobs = new JobRegistry(store);
      const job = await jobs.start('test-failing', async () => {
        throw new AppError('not-found', "Building 'nope' does not exist");
      });
      await jobs.settle(job.id);
      expect(await new JobRegistry(store).get(job.id)).toMatchObject({ state: 'failed', error: { code: 'not-found', detail: "Building 'nope' does not exist" } });
    });

    it('shows progress to another process while the job runs', async () => {
      const runner = new JobRegistry(store, undefined, { progressIntervalMs: 0 });
      const g = gate('done');
      let report!: (done: number, total?: number) => void;
      const job = await runner.start('test-progress', async (progress) => {
        report = progress;
        return g.work();
      });
      await until(() => report !== undefined);
      report(7, 10);
      const observer = new JobRegistry(store);
      await until(async () => (await observer.get(job.id))?.progress.done === 7);
      expect(await observer.get(job.id)).toMatchObject({ state: 'running', progress: { done: 7, total: 10 } });
      g.open();
      expect(await runner.settle(job.id)).toMatchObject({ state: 'succeeded', result: 'done' });
      await until(async () => (await observer.get(job.id))?.state === 'succeeded');
      await runner.close();
    });

    it('reports the job of a process that stopped as interrupted, and marks it so at the next boot', async () => {
      const dead = new JobRegistry(store, undefined, { heartbeatMs: 60_000 });
      const g = gate(1);
      const job = await dead.start('test-interrupted', g.work);
      // Another node with a short patience sees no heartbeat.
      const other = new JobRegistry(store, undefined, { staleMs: 30 });
      await new Promise((r) => setTimeout(r, 60));
      expect(await other.get(job.id)).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
      // The process that runs it still knows better.
      expect((await dead.get(job.id))?.state).toBe('running');
      // A living job of the booting process itself is left alone.
      const own = await other.start('test-own', gate(2).work);
      await new Promise((r) => setTimeout(r, 60));
      // Starting a job tidies up too; the boot does the same explicitly.
      await other.recoverInterrupted();
      const row = await store.one<{ state: string; error: string }>('SELECT state, error FROM jobs WHERE id = ?', [job.id]);
      expect(row?.state).toBe('failed');
      expect(JSON.parse(row!.error).code).toBe('interrupted');
      expect((await store.one<{ state: string }>('SELECT state FROM jobs WHERE id = ?', [own.id]))?.state).toBe('running');
      // The process that was thought gone finishes after all: the verdict others acted on stands.
      g.open();
      await dead.settle(job.id);
      await until(async () => (await dead.get(job.id))?.state !== 'running');
      expect(await new JobRegistry(store).get(job.id)).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
      await other.close();
      await dead.close();
    });

    it('keeps a running job alive with its heartbeat', async () => {
      let now = Date.parse('2026-03-01T12:00:00Z');
      const clock = () => new Date(now);
      const runner = new JobRegistry(store, undefined, { heartbeatMs: 20, now: clock });
      const g = gate(1);
      const job = await runner.start('test-heartbeat', g.work);
      const other = new JobRegistry(store, undefined, { staleMs: 1_000, now: clock });
      // Ten minutes pass on the shared clock; only the heartbeat can make the row recent again.
      now += 600_000;
      expect((await other.get(job.id))?.state).toBe('failed');
      await until(async () => (await other.get(job.id))?.state === 'running', 'the heartbeat');
      g.open();
      await runner.settle(job.id);
      await runner.close();
    });

    it('deletes finished jobs and their artefacts after the retention period, never running ones', async () => {
      let now = new Date('2026-01-01T00:00:00Z');
      const jobs = new JobRegistry(store, undefined, { retentionDays: 30, now: () => now, staleMs: Number.MAX_SAFE_INTEGER });
      const old = await jobs.start('test-old', async (_p, id) => (await jobs.putArtifact(id, 'a.txt', 'text/plain', 'oud'), 1));
      await jobs.settle(old.id);
      const g = gate(1);
      const running = await jobs.start('test-long', g.work);
      now = new Date('2026-01-20T00:00:00Z');
      const recent = await jobs.start('test-recent', async () => 2);
      await jobs.settle(recent.id);

      now = new Date('2026-02-05T00:00:00Z');
      expect(await jobs.prune()).toBe(1);
      expect(await jobs.get(old.id)).toBeUndefined();
      expect(await jobs.getArtifact(old.id, 'a.txt')).toBeUndefined();
      expect((await jobs.get(recent.id))?.state).toBe('succeeded');
      expect((await jobs.get(running.id))?.state).toBe('running');
      g.open();
      await jobs.settle(running.id);
      await jobs.close();
    });
  });
}
