/**
 * Group commit: items arriving close together are written in one call (one transaction),
 * and each caller learns its own outcome only after that write is durable. This is what
 * lets QoS 1 acknowledge after storage and still reach tens of thousands of messages per
 * second on one connection.
 */
export class GroupCommit<I, R> {
  private queue: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    /** Writes a batch; returns one outcome per item, in order (an Error for an item that failed on its own). */
    private readonly write: (items: I[]) => Promise<Array<R | Error>>,
    private readonly maxBatch = 2000,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flushSoon(true);
      else this.flushSoon(false);
    });
  }

  private flushSoon(now: boolean): void {
    if (this.scheduled && !now) return;
    this.scheduled = true;
    // setImmediate lets every message already read from the sockets join this batch.
    const run = () => {
      this.scheduled = false;
      this.running = this.running.then(() => this.flush());
    };
    if (now) run();
    else setImmediate(run);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => {
          const r = results[i];
          if (r instanceof Error) b.reject(r);
          else b.resolve(r as R);
        });
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
  }

  /** Resolves when everything submitted so far has been written. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) {
      await new Promise((r) => setImmediate(r));
      await this.running;
    }
    await this.running;
  }
}
