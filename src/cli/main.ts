#!/usr/bin/env node
import { bootContext, startPlatform } from '../app/platform.js';
import { CAPABILITIES } from '../app/capabilities.js';
import { ConfigError, loadConfig } from '../kernel/config.js';

const USAGE = `thorbecke — urban data platform and city digital twin

Usage:
  thorbecke serve                 start the platform (web app and API)
  thorbecke migrate               apply database migrations and exit
${CAPABILITIES.flatMap((c) => c.commands ?? [])
  .map((cmd) => `  thorbecke ${`${cmd.group} ${cmd.name} ${cmd.usage}`.padEnd(30)}${cmd.summary}`)
  .join('\n')}

Configuration comes from environment variables: PORT (8080), THORBECKE_DATA_DIR (./data),
THORBECKE_DATABASE_URL (PostgreSQL; embedded SQLite when unset), THORBECKE_DEMO (true),
THORBECKE_ADMIN_KEY, THORBECKE_PUBLIC_URL, THORBECKE_LOG_LEVEL, THORBECKE_BODY_LIMIT.`;

async function serve(): Promise<number> {
  const platform = await startPlatform();
  platform.ctx.log.info({ url: platform.url, store: platform.ctx.store.description }, 'Thorbecke is running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.ctx.log.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    const timer = setTimeout(() => {
      platform.ctx.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, platform.ctx.config.shutdownTimeoutMs);
    timer.unref();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return new Promise<number>(() => undefined);
}

async function main(argv: string[]): Promise<number> {
  const [group, name, ...rest] = argv;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    console.log(USAGE);
    return group ? 0 : 2;
  }
  if (group === 'serve') return serve();
  const config = loadConfig();
  if (group === 'migrate') {
    const ctx = await bootContext({ ...config, demo: false });
    await ctx.store.close();
    return 0;
  }
  const command = CAPABILITIES.flatMap((c) => c.commands ?? []).find((c) => c.group === group && c.name === name);
  if (!command) {
    console.error(`Unknown command: ${[group, name].filter(Boolean).join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const ctx = await bootContext({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    return await command.run(ctx, rest);
  } finally {
    await ctx.store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
