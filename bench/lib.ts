import { performance } from 'node:perf_hooks';

/** Seeded PRNG, so generated inputs are identical between runs. */
export { seededRandom as seeded } from '../src/kernel/random.js';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs `fn` `n` times and returns p50/p95 in milliseconds. */
export async function latency(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ p50: number; p95: number; n: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n };
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'n/a';

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A benchmark returns one Markdown section (without its heading) for BENCHMARKS.md. */
export interface BenchContext {
  /** `quick` runs the smallest sizes only, for a smoke run. */
  quick: boolean;
  /** PostgreSQL URL when the Postgres store should be measured too. */
  databaseUrl?: string;
  log(message: string): void;
}
export type Benchmark = (ctx: BenchContext) => Promise<string>;
