import { readFileSync } from 'node:fs';
import type { AppContext } from '../../kernel/capability.js';
import { every } from '../retention/schedule.js';
import { mosquittoFiles, writeMosquittoFiles } from './mosquitto.js';

/** How often the generated files are compared with the store (keys issued or revoked, Datastreams created). */
const SYNC_MS = 10_000;

/** Tells Mosquitto to reload its password file and ACL. */
function reload(ctx: AppContext): void {
  if (!ctx.config.mosquittoPidFile) return;
  const pid = Number(readFileSync(ctx.config.mosquittoPidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${ctx.config.mosquittoPidFile} holds no process id`);
  process.kill(pid, 'SIGHUP');
}

/** Writes the Mosquitto files now and whenever they would change; returns a handle to stop it and to sync at once (tests). */
export function keepMosquittoInSync(ctx: AppContext, dir: string): { stop(): Promise<void>; syncNow(): Promise<boolean> } {
  const syncNow = async () => {
    const files = await mosquittoFiles(ctx, dir);
    if (!writeMosquittoFiles(dir, files)) return false;
    reload(ctx);
    ctx.log.info({ dir, withoutAccount: files.withoutAccount.length }, 'Mosquitto password file and ACL updated');
    return true;
  };
  const timer = every(SYNC_MS, syncNow, (error) => ctx.log.error({ err: error }, 'Mosquitto configuration could not be updated'));
  return { stop: () => timer.stop(), syncNow };
}
