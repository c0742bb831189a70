import type { InjectOptions } from 'fastify';
import { bootContext } from '../../../src/app/platform.js';
import { governance } from '../../../src/governance/index.js';
import type { AppContext } from '../../../src/kernel/capability.js';
import { loadConfig, type Config } from '../../../src/kernel/config.js';
import { buildServer } from '../../../src/kernel/http/server.js';
import { twin } from '../../../src/twin/index.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { createPgDatabase, tempDir, type TestStore } from '../../support/stores.js';
import { injectJson } from '../../support/inject.js';

export { ADMIN_KEY };
/** The twin needs governance (organisations, keys) only; the catalog is left out so its changes cannot break these tests. */
export const TWIN_CAPABILITIES = [governance, twin] as const;

export interface TwinPlatform {
  ctx: AppContext;
  app: Awaited<ReturnType<typeof buildServer>>;
  call(method: InjectOptions['method'], url: string, body?: unknown, key?: string, contentType?: string): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string; raw: Buffer }>;
  /** Polls a job until it has finished. */
  settle(jobUrl: string): Promise<any>;
  close(): Promise<void>;
}

/**
 * The platform with the twin registered, on a fresh store, without a port. Booted
 * here rather than through testPlatform() so these tests do not depend on the twin
 * being listed in src/app/capabilities.ts.
 */
export async function twinPlatform(store: TestStore['name'] = 'sqlite', overrides: Partial<Config> = {}): Promise<TwinPlatform> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({}, { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false, databaseUrl: pgdb?.url, port: 0, ...overrides });
  const ctx = await bootContext(config, TWIN_CAPABILITIES);
  const app = await buildServer(ctx, TWIN_CAPABILITIES);
  const call: TwinPlatform['call'] = (method, url, body, key, contentType) => injectJson(app, method, url, body, { key, contentType });
  return {
    ctx,
    app,
    call,
    async settle(jobUrl) {
      for (;;) {
        const r = await call('GET', jobUrl);
        if (r.json?.state !== 'running') return r.json;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await app.close();
      await ctx.store.close();
      await pgdb?.drop();
      dir.remove();
    },
  };
}
