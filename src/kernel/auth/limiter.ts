/**
 * Counts events per client (an IP address) in fixed one-minute windows and says when a
 * client went over its budget. Bounded: at most `maxClients` are tracked; the oldest
 * windows are dropped first, so a flood of addresses cannot exhaust memory.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    /** Events a client may cause per window; 0 turns the limit off. */
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly maxClients = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  private current(client: string): { start: number; count: number } | undefined {
    const w = this.windows.get(client);
    if (w && this.now() - w.start >= this.windowMs) {
      this.windows.delete(client);
      return undefined;
    }
    return w;
  }

  /** Whether the client is over its budget now (without counting anything). */
  blocked(client: string): boolean {
    return this.limit > 0 && (this.current(client)?.count ?? 0) >= this.limit;
  }

  /** Counts one event; true when it is still within the budget. */
  take(client: string): boolean {
    if (this.limit <= 0) return true;
    let w = this.current(client);
    if (!w) {
      if (this.windows.size >= this.maxClients) this.windows.delete(this.windows.keys().next().value!);
      w = { start: this.now(), count: 0 };
      this.windows.set(client, w);
    }
    w.count++;
    return w.count <= this.limit;
  }

  /** Seconds until the client's window ends (for Retry-After). */
  retryAfter(client: string): number {
    const w = this.current(client);
    return w ? Math.max(1, Math.ceil((w.start + this.windowMs - this.now()) / 1000)) : 1;
  }
}
