import { KERNEL_MIGRATIONS } from '../../../src/kernel/migrations.js';
import { createContext } from '../../../src/kernel/context.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { destination, pino } from 'pino';
import { CAPABILITIES } from '../../../src/app/capabilities.js';
import type { AppContext } from '../../../src/kernel/capability.js';
import { loadConfig, type Config } from '../../../src/kernel/config.js';
import { buildServer } from '../../../src/kernel/http/server.js';
import { migrate } from '../../../src/kernel/storage/migrate.js';
import { openStore } from '../../../src/kernel/storage/open.js';
import { ADMIN_KEY } from '../../support/platform.js';

/**
 * The whole platform, as startPlatform builds it, but logging at debug level to a file the
 * test reads afterwards (startPlatform logs to stdout).
 */
export async function loggedPlatform(dataDir: string, overrides: Partial<Config> = {}) {
  const logFile = join(dataDir, '..', `${dataDir.split('/').pop()}.log`);
  const config = loadConfig({}, { dataDir, port: 0, mqttPort: 0, host: '127.0.0.1', adminKey: ADMIN_KEY, demo: false, logLevel: 'debug', ...overrides });
  const log = pino({ level: 'debug' }, destination({ dest: logFile, sync: true }));
  const store = await openStore(config);
  await migrate(store, [...KERNEL_MIGRATIONS, ...CAPABILITIES.flatMap((c) => c.migrations)]);
  const ctx: AppContext = createContext(config, store, log, CAPABILITIES, 'http://localhost');
  const app = await buildServer(ctx, CAPABILITIES);
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('0.0.0.0', '127.0.0.1');
  ctx.baseUrl = url;
  const services: Array<{ stop(): Promise<void>; info?: Record<string, unknown> }> = [];
  for (const c of CAPABILITIES) if (c.start) services.push(await c.start(ctx));
  const live = services.find((s) => s.info && 'mqttPort' in s.info)!.info!;
  return {
    url,
    ctx,
    live,
    logFile,
    readLog: () => readFileSync(logFile, 'utf8'),
    async close() {
      await app.close();
      for (const s of services.reverse()) await s.stop();
      await store.close();
    },
  };
}
