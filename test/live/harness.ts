import { KERNEL_MIGRATIONS } from '../../src/kernel/migrations.js';
import { createContext } from '../../src/kernel/context.js';
import type { FastifyInstance } from 'fastify';
import { governance } from '../../src/governance/index.js';
import type { AppContext } from '../../src/kernel/capability.js';
import { loadConfig } from '../../src/kernel/config.js';
import { buildServer } from '../../src/kernel/http/server.js';
import { createLogger } from '../../src/kernel/log.js';
import { migrate } from '../../src/kernel/storage/migrate.js';
import { live, type StaOptions } from '../../src/live/index.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES, type TestStore } from '../support/stores.js';
import { injectJson } from '../support/inject.js';

export const BASE = 'http://sta.test';
export const ROOT = `${BASE}/sta/v1.1`;

export interface StaHarness {
  app: FastifyInstance;
  ctx: AppContext;
  /** inject() against /sta/v1.1 + path; writes carry the administrator key unless `key` is null. */
  call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', path: string, body?: unknown, key?: string | null): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The platform's server with governance and live, and the STA plugin mounted as the lead will mount it. */
export async function staHarness(kind: TestStore['name'], options: StaOptions = {}): Promise<StaHarness> {
  const testStore = STORES.find((s) => s.name === kind)!;
  const { store, dataDir, dispose } = await testStore.create();
  const config = loadConfig({}, { dataDir, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false, ...(options.maxTop ? { staMaxTop: options.maxTop } : {}) });
  await migrate(store, [...KERNEL_MIGRATIONS, ...governance.migrations, ...live.migrations]);
  const ctx: AppContext = createContext(config, store, createLogger('silent'), [governance, live], BASE);
  // The server mounts live's SensorThings plugin at /sta/v1.1, as in the platform.
  const app = await buildServer(ctx, [governance, live]);
  await app.ready();
  return {
    app,
    ctx,
    async call(method, path, body, key = ADMIN_KEY) {
      return injectJson(app, method, `/sta/v1.1${path}`, body, { key });
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
}

export { STORES };
