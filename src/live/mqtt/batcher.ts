/**
 * Group commit: items arriving close together are written in one call (one transaction),
 * and each caller learns its own outcome only after that write is durable. This is what
 * lets QoS 1 acknowledge after storage and still reach tens of thousands of messages per
 * second on one connection. With `concurrency` above 1 (PostgreSQL: a pool of connections)
 * the next batch is prepared and sent while the previous one is still being written.
 */
export class GroupCommit<I, R> {
  private queue: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private active = 0;

  constructor(
    /** Writes a batch; returns one outcome per item, in order (an Error for an item that failed on its own). */
    private readonly write: (items: I[]) => Promise<Array<R | Error>>,
    private readonly maxBatch = 2000,
    private readonly concurrency = 1,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.pump();
      else if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate lets every message already read from the sockets join this batch.
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Starts writes while a slot is free; a full slot leaves the queue to grow into a bigger batch. */
  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.active++;
      void this.run(batch);
    }
  }

  private async run(batch: GroupCommit<I, R>['queue']): Promise<void> {
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const r = results[i];
        if (r instanceof Error) b.reject(r);
        else b.resolve(r as R);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      this.active--;
      this.pump();
    }
  }

  /** Resolves when everything submitted so far has been written. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled || this.active > 0) await new Promise((r) => setImmediate(r));
  }
}
