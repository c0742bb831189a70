import type { OccupancyRow } from './data.js';
import { PARKING_STREAMS } from './seed.js';

/** One MQTT publish of the replay. */
export interface ReplayStep {
  /** Data time of the row (epoch ms), after any loop shift; drives the schedule. */
  at: number;
  topic: string;
  payload: string;
}

export interface ReplayPlan {
  steps: ReplayStep[];
  /** Rows (not steps) for which no Datastream is known: facilities not seeded. */
  unknownRows: number;
}

export interface PlanOptions {
  /** Only rows at or after this time (epoch ms, before the shift). */
  from?: number;
  /** Added to every row's time, for looping past the end of the file. */
  shift?: number;
  /** Topic prefix (an external broker's ingest prefix); default none. */
  prefix?: string;
}

/**
 * Turns occupancy rows into MQTT create publishes: four per row (vacant, capacity, open,
 * full), each to `v1.1/Datastreams(<id>)/Observations` of the facility's Datastream for
 * that role, with the row's time as phenomenonTime. Pure: no broker, no clock.
 */
export function buildReplayPlan(rows: readonly OccupancyRow[], datastreams: ReadonlyMap<string, ReadonlyMap<string, number>>, opts: PlanOptions = {}): ReplayPlan {
  const shift = opts.shift ?? 0;
  const prefix = opts.prefix ?? '';
  const steps: ReplayStep[] = [];
  let unknownRows = 0;
  for (const row of rows) {
    if (opts.from !== undefined && row.time < opts.from) continue;
    const streams = datastreams.get(row.uuid);
    if (!streams) {
      unknownRows++;
      continue;
    }
    const at = row.time + shift;
    const phenomenonTime = new Date(at).toISOString();
    for (const s of PARKING_STREAMS) {
      const id = streams.get(s.role);
      if (id === undefined) continue;
      steps.push({ at, topic: `${prefix}v1.1/Datastreams(${id})/Observations`, payload: JSON.stringify({ phenomenonTime, result: s.result(row) }) });
    }
  }
  steps.sort((a, b) => a.at - b.at);
  return { steps, unknownRows };
}

/** Hours → ms; the file is hourly, so one loop lasts its span plus one hour. */
const HOUR = 3_600_000;
export const loopPeriod = (rows: readonly OccupancyRow[]): number => (rows.length ? rows[rows.length - 1]!.time - rows[0]!.time + HOUR : HOUR);

/**
 * Where a looping replay resumes after `latest` (the newest stored phenomenonTime, or
 * undefined when nothing is stored): the loop (shift) and the first row time in it.
 * Loop n replays the file with every time moved on by n periods, so times keep rising.
 */
export function resumePoint(rows: readonly OccupancyRow[], latest: number | undefined): { shift: number; from: number } {
  const first = rows[0]?.time ?? 0;
  if (latest === undefined || latest < first) return { shift: 0, from: first };
  const period = loopPeriod(rows);
  let n = Math.floor((latest - first) / period);
  const next = rows.find((r) => r.time + n * period > latest);
  if (next) return { shift: n * period, from: next.time };
  n++;
  return { shift: n * period, from: first };
}

export interface RunOptions {
  /** Data time per wall time: 3600 plays an hour of data per second. */
  speed: number;
  publish(step: ReplayStep): Promise<unknown>;
  signal?: AbortSignal;
  /** Called after each group of publishes with the same time. */
  onProgress?(done: number, total: number, at: number): void;
  now?(): number;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Plays the steps: the publishes of one data time go out together once wall time has
 * reached (at − first) / speed since the start. Returns how many were published.
 */
export async function runReplay(steps: readonly ReplayStep[], opts: RunOptions): Promise<number> {
  if (!(opts.speed > 0)) throw new Error('speed must be a positive number');
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const start = now();
  const first = steps[0]?.at ?? 0;
  let done = 0;
  let i = 0;
  while (i < steps.length) {
    if (opts.signal?.aborted) break;
    const at = steps[i]!.at;
    const wait = start + (at - first) / opts.speed - now();
    if (wait > 0) await sleep(wait, opts.signal);
    if (opts.signal?.aborted) break;
    let j = i;
    while (j < steps.length && steps[j]!.at === at) j++;
    await Promise.all(steps.slice(i, j).map((s) => opts.publish(s)));
    done += j - i;
    i = j;
    opts.onProgress?.(done, steps.length, at);
  }
  return done;
}
