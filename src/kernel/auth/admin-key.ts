import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** Where the generated administrator key is kept (the README names this path). */
export const adminKeyFile = (config: Pick<Config, 'dataDir'>): string => join(config.dataDir, 'admin-key');

/**
 * The administrator key: THORBECKE_ADMIN_KEY, else the one kept in the data directory,
 * else a new one written there (mode 600). Called at boot, so the key exists before the
 * first request and the log says where it is.
 */
export function loadAdminKey(config: Pick<Config, 'adminKey' | 'dataDir'>, log: Logger): string {
  if (config.adminKey) {
    log.info('administrator API key taken from THORBECKE_ADMIN_KEY');
    return config.adminKey;
  }
  const file = adminKeyFile(config);
  if (existsSync(file)) {
    log.info({ file }, 'administrator API key is in this file');
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = `tba_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  log.info({ file }, 'created the administrator API key in this file');
  return key;
}
