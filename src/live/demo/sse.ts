import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../kernel/capability.js';
import { changeFeedOf, type ChangeFeed } from '../sta/events.js';
import { readLatest, type Latest } from './latest.js';

export const MAX_STREAM_DATASTREAMS = 200;
const HEARTBEAT_MS = 15_000;

type Listener = (latest: Latest) => void;

/**
 * Watches the newest Observation of the Datastreams someone listens to. It reads the
 * latest-observation pointers the ingest path maintains (one indexed query for all
 * listeners together) as soon as the platform's change feed reports an observation of a
 * watched Datastream, and also on a slow tick, which catches writes by another process
 * sharing the database.
 */
export class LatestWatcher {
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly seen = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  /** A change arrived while a read was under way: read once more after it. */
  private again = false;
  private unfollow?: () => void;

  constructor(
    private readonly db: AppContext['store'],
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly feed?: ChangeFeed,
  ) {}

  private follow(): void {
    if (!this.feed || this.unfollow) return;
    this.unfollow = this.feed.subscribe({
      wants: (type) => type === 'Observation' && this.listeners.size > 0,
      receive: (events) => {
        for (const e of events) {
          if (e.type === 'Observation' && e.kind === 'create' && e.related?.Datastream?.some((ds) => this.listeners.has(ds))) {
            void this.poll();
            return;
          }
        }
      },
    });
  }

  /** Listens to `datastreams`; the current latest values are returned, later changes go to `listener`. */
  async subscribe(datastreams: readonly number[], listener: Listener): Promise<{ current: Latest[]; unsubscribe(): void }> {
    const current = await readLatest(this.db, datastreams);
    for (const l of current) if (!this.seen.has(l.datastream)) this.seen.set(l.datastream, l.id);
    for (const id of datastreams) {
      if (!this.listeners.has(id)) this.listeners.set(id, new Set());
      this.listeners.get(id)!.add(listener);
    }
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    this.follow();
    return {
      current,
      unsubscribe: () => {
        for (const id of datastreams) {
          const set = this.listeners.get(id);
          set?.delete(listener);
          if (set && set.size === 0) {
            this.listeners.delete(id);
            this.seen.delete(id);
          }
        }
        if (this.listeners.size === 0) this.stop();
      },
    };
  }

  private async poll(): Promise<void> {
    if (this.listeners.size === 0) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    this.again = false;
    try {
      const latest = await readLatest(this.db, [...this.listeners.keys()]);
      for (const l of latest) {
        if (this.seen.get(l.datastream) === l.id) continue;
        this.seen.set(l.datastream, l.id);
        for (const listener of this.listeners.get(l.datastream) ?? []) listener(l);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.polling = false;
      if (this.again) void this.poll();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unfollow?.();
    this.unfollow = undefined;
  }
}

const streamQuery = z.strictObject({
  datastreams: z
    .string()
    .regex(/^\d{1,12}(,\d{1,12})*$/, 'a comma-separated list of Datastream ids')
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_STREAM_DATASTREAMS, `at most ${MAX_STREAM_DATASTREAMS} Datastreams`),
});

const event = (name: string, data: unknown): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * `GET /stream?datastreams=1,2,3`: Server-Sent Events with the newest Observation of each
 * listed Datastream, first the current ones, then each new one (`event: observation`).
 */
export async function liveStreamRoutes(app: FastifyInstance, ctx: AppContext, opts: { pollMs?: number } = {}): Promise<void> {
  const report = (error: unknown) => ctx.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live stream poll failed');
  // Writes in this process arrive through the change feed at once; the tick is for other processes.
  const watcher = new LatestWatcher(ctx.store, opts.pollMs ?? 1000, report, changeFeedOf(ctx.store));
  const open = new Set<ServerResponse>();
  // Open event streams would keep the server from closing; end them first.
  app.addHook('preClose', async () => {
    watcher.stop();
    for (const res of open) res.end();
  });

  app.get('/stream', {
    schema: { tags: ['live'], summary: 'Server-Sent Events: the newest Observation of each given Datastream, then every new one', querystring: streamQuery },
  }, async (req, reply) => {
    const { datastreams } = req.query as z.output<typeof streamQuery>;
    const res = reply.raw;
    const send = (latest: Latest): void => {
      res.write(event('observation', latest));
    };
    const sub = await watcher.subscribe(datastreams, send);
    reply.hijack();
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    for (const l of sub.current) send(l);
    res.write(event('ready', { datastreams: datastreams.length }));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    open.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      sub.unsubscribe();
      open.delete(res);
    });
  });
}
