import type { Logger } from '../../kernel/log.js';
import type { Store } from '../../kernel/storage/port.js';
import { perPlatform } from '../../kernel/per-platform.js';
import { rulesStore } from '../store/index.js';

/** An anonymous permit check untouched this long is gone: its answers are not kept longer than the conversation needs. */
export const CHECK_TTL_MS = 24 * 60 * 60 * 1000;
/** How often the sweep deletes expired checks. */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The lifetime of permit checks: when one expires, and the periodic sweep that deletes
 * expired rows. The clock is injectable so tests can move time instead of waiting.
 */
export class CheckLifetime {
  private clock: () => Date = () => new Date();

  constructor(
    private readonly store: Store,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
    readonly ttlMs = CHECK_TTL_MS,
  ) {}

  now(): Date {
    return this.clock();
  }

  /** Replaces the clock (tests, tools); the default is the system time. */
  setClock(clock: () => Date): void {
    this.clock = clock;
  }

  /** When a check last touched at `updatedAt` expires. */
  expiresAt(updatedAt: string): string {
    return new Date(Date.parse(updatedAt) + this.ttlMs).toISOString();
  }

  isExpired(updatedAt: string): boolean {
    return this.now().getTime() >= Date.parse(updatedAt) + this.ttlMs;
  }

  /** Deletes every check untouched for the lifetime; answers how many went. */
  async sweep(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.ttlMs).toISOString();
    const gone = await this.store.transaction((tx) => rulesStore(tx).deleteChecksTouchedBy(tx, cutoff));
    if (gone > 0) this.log?.info({ deleted: gone }, 'expired permit checks deleted');
    return gone;
  }

  /** Sweeps now and then every `everyMs`, until stopped. */
  startSweeping(everyMs = SWEEP_EVERY_MS): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      running = this.sweep().catch((error: unknown) => this.log?.warn({ err: error }, 'sweeping expired permit checks failed'));
    };
    run();
    const timer = setInterval(run, everyMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }
}

export const checkLifetimeFor = perPlatform((ctx) => new CheckLifetime(ctx.store, ctx.log));
