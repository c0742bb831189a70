import type { InjectOptions } from 'fastify';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import type { Config } from '../../src/kernel/config.js';
import { createPgDatabase, tempDir, type TestStore } from './stores.js';
import { injectJson } from './inject.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestPlatform extends RunningPlatform {
  /** inject() that sends JSON and parses the JSON answer. */
  call(method: InjectOptions['method'], url: string, body?: unknown, key?: string): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
}

/** A platform on a fresh store (the named engine), without listening on a port. */
export async function testPlatform(store: TestStore['name'] = 'sqlite', overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const platform = await startPlatform(
    { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false, databaseUrl: pgdb?.url, port: 0, ...overrides },
    { listen: false, env: {} },
  );
  return {
    ...platform,
    async close() {
      await platform.close();
      await pgdb?.drop();
      dir.remove();
    },
    async call(method, url, body, key) {
      return injectJson(platform.app, method, url, body, { key });
    },
  };
}
