import type { FastifyInstance } from 'fastify';
import type { AppContext, Capability } from '../kernel/capability.js';
import { loadConfig, type Config } from '../kernel/config.js';
import { createContext } from '../kernel/context.js';
import { buildServer } from '../kernel/http/server.js';
import { createLogger } from '../kernel/log.js';
import { jobsFor } from '../kernel/jobs/index.js';
import { KERNEL_MIGRATIONS } from '../kernel/migrations.js';
import { migrate } from '../kernel/storage/migrate.js';
import { openStore } from '../kernel/storage/open.js';
import { CAPABILITIES } from './capabilities.js';

/** Opens the store, applies migrations and (when on) loads the demo content. */
export async function bootContext(config: Config, capabilities: readonly Capability[] = CAPABILITIES): Promise<AppContext> {
  const log = createLogger(config.logLevel);
  const store = await openStore(config);
  try {
    const applied = await migrate(store, [...KERNEL_MIGRATIONS, ...capabilities.flatMap((c) => c.migrations)]);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const ctx: AppContext = createContext(config, store, log, capabilities);
    const interrupted = await jobsFor(ctx).recoverInterrupted();
    if (interrupted) log.warn({ jobs: interrupted }, 'jobs of a stopped process marked as interrupted');
    if (config.demo) {
      for (const c of capabilities) if (c.seedDemo) await c.seedDemo(ctx);
    }
    return ctx;
  } catch (error) {
    await store.close();
    throw error;
  }
}

export interface RunningPlatform {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  /** What running services report, by capability (e.g. `live.mqttPort`). */
  services: Record<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the whole platform. `listen: false` gives an app for `inject()` tests; by
 * default it listens on the configured port (0 = any free port).
 */
export async function startPlatform(overrides: Partial<Config> = {}, opts: { listen?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<RunningPlatform> {
  const config = loadConfig(opts.env ?? process.env, overrides);
  const ctx = await bootContext(config);
  const app = await buildServer(ctx, CAPABILITIES);
  let url = ctx.baseUrl;
  const services: Array<{ stop(): Promise<void> }> = [];
  const info: Record<string, Record<string, unknown>> = {};
  if (opts.listen !== false) {
    const address = await app.listen({ port: config.port, host: config.host });
    url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    if (config.port === 0 && !config.publicBaseUrl) ctx.baseUrl = url;
    try {
      for (const c of CAPABILITIES) {
        if (!c.start) continue;
        const service = await c.start(ctx);
        services.push(service);
        if (service.info) info[c.name] = service.info;
      }
    } catch (error) {
      for (const s of services.reverse()) await s.stop();
      await app.close();
      await ctx.store.close();
      throw error;
    }
  }
  let closed = false;
  return {
    app,
    ctx,
    url,
    services: info,
    async close() {
      if (closed) return;
      closed = true;
      // Fastify stops accepting, answers in-flight requests, then we close the store.
      await app.close();
      for (const s of services.reverse()) await s.stop();
      await jobsFor(ctx).close();
      await ctx.store.close();
    },
  };
}
