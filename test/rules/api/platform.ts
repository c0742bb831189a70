import { buildServer } from '../../../src/kernel/http/server.js';
import { bootContext } from '../../../src/app/platform.js';
import { CAPABILITIES } from '../../../src/app/capabilities.js';
import { loadConfig, type Config } from '../../../src/kernel/config.js';
import { rules } from '../../../src/rules/index.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { createPgDatabase, tempDir, type TestStore } from '../../support/stores.js';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../../../src/kernel/capability.js';
import { injectJson } from '../../support/inject.js';

/** The platform's capabilities with rules added, until the lead lists it in src/app/capabilities.ts. */
export const WITH_RULES = CAPABILITIES.some((c) => c.name === 'rules') ? CAPABILITIES : [...CAPABILITIES, rules];

export interface RulesPlatform {
  app: FastifyInstance;
  ctx: AppContext;
  call(method: InjectOptions['method'], url: string, body?: unknown, opts?: { key?: string; contentType?: string }): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
  /** Boots a second platform on the same store (a restart). */
  restart(): Promise<RulesPlatform>;
  close(): Promise<void>;
}

async function boot(config: Config, cleanup: () => Promise<void>): Promise<RulesPlatform> {
  const ctx = await bootContext(config, WITH_RULES);
  const app = await buildServer(ctx, WITH_RULES);
  return {
    app,
    ctx,
    async call(method, url, body, opts = {}) {
      return injectJson(app, method, url, body, opts);
    },
    async restart() {
      await app.close();
      await ctx.store.close();
      return boot(config, cleanup);
    },
    async close() {
      await app.close();
      await ctx.store.close();
      await cleanup();
    },
  };
}

/** A platform with the rules capability on a fresh store of the given engine. */
export async function rulesPlatform(store: TestStore['name'], demo = false): Promise<RulesPlatform> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({}, { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo, databaseUrl: pgdb?.url, port: 0 });
  return boot(config, async () => {
    await pgdb?.drop();
    dir.remove();
  });
}
