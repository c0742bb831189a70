import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../kernel/capability.js';
import { OCCUPANCY_FILE, parseOccupancyCsv } from './data.js';
import { directPublisher, mqttPublisher, ownBroker, type Publisher } from './publisher.js';
import { buildReplayPlan, loopPeriod, resumePoint, runReplay } from './replay.js';
import { demoDatastreams, PARKING_DEMO } from './seed.js';

export const REPLAY_ENV = 'THORBECKE_LIVE_REPLAY_SPEED';
export const DEFAULT_REPLAY_SPEED = 3600;

/**
 * The speed of the demo's own replay, or null when it is off. Unset means on at 3600 (an
 * hour of data per second) except under a test runner (NODE_ENV=test); `0` or `off` turns it off.
 */
export function replaySpeedFromEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env[REPLAY_ENV]?.trim();
  if (raw === undefined || raw === '') return env.NODE_ENV === 'test' ? null : DEFAULT_REPLAY_SPEED;
  if (raw === '0' || raw.toLowerCase() === 'off') return null;
  const speed = Number(raw);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`${REPLAY_ENV} must be a positive number, 0 or off, not '${raw}'`);
  return speed;
}

const epochMs = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : typeof v === 'number' ? v : new Date(v as string).getTime());

/**
 * Replays the Delft occupancy file into the demo's own Datastreams, looping, from where
 * the stored data ends (so a restart neither repeats nor skips an hour). Publishes over
 * the platform's own MQTT broker when its address is known, so MQTT subscribers see the
 * replay too; otherwise through the ingest path directly.
 */
export function startDemoReplay(ctx: AppContext, speed: number): { stop(): Promise<void> } {
  const controller = new AbortController();
  const broker = ownBroker(ctx);
  const publisher: Publisher = broker ? mqttPublisher(broker.url, broker.credentials, `thorbecke-demo-replay-${process.pid}`) : directPublisher(ctx);
  const run = (async () => {
    const rows = parseOccupancyCsv(await readFile(OCCUPANCY_FILE, 'utf8'));
    const streams = await demoDatastreams(ctx.store, PARKING_DEMO, 'uuid');
    const ids = [...streams.values()].flatMap((m) => [...m.values()]);
    if (rows.length === 0 || ids.length === 0) return;
    const row = await ctx.store.one<{ t: unknown }>(`SELECT MAX(latest_phenomenon_time) AS t FROM sta_datastreams WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    let { shift, from } = resumePoint(rows, epochMs(row?.t));
    ctx.log.info({ speed, from: new Date(from + shift).toISOString(), via: broker ? 'mqtt' : 'ingest' }, 'live demo replay started');
    while (!controller.signal.aborted) {
      const plan = buildReplayPlan(rows, streams, { from, shift, prefix: broker?.prefix ?? '' });
      await runReplay(plan.steps, { speed, publish: (s) => publisher.publish(s), signal: controller.signal });
      // Real feeds hold readings such as -3 free places: refused by the Datastreams' bounds, counted here.
      if (publisher.refused) ctx.log.info({ refused: publisher.refused }, 'live demo replay: readings refused as implausible so far');
      shift += loopPeriod(rows);
      from = rows[0]!.time;
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) ctx.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live demo replay stopped');
  });
  return {
    async stop() {
      controller.abort();
      await publisher.close();
      // A publish cut off by the close may never settle; do not let it hold up shutdown.
      await Promise.race([run, new Promise((r) => setTimeout(r, 2000).unref())]);
    },
  };
}
