import { resolve } from 'node:path';
import { option } from '../cli/args.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { mosquittoFiles, writeMosquittoFiles } from './mqtt/mosquitto.js';

/**
 * `thorbecke live mosquitto-config --out <dir> [--port 1883]`: writes the Mosquitto
 * configuration that enforces the platform's access rule (passwords, ACL, limits), for an
 * operator who runs Mosquitto; THORBECKE_MOSQUITTO_CONFIG_DIR keeps it current instead.
 */
export const mosquittoConfigCommand: CliCommand = {
  group: 'live',
  name: 'mosquitto-config',
  usage: '--out <dir> [--port 1883]',
  summary: "write Mosquitto's password file, ACL and settings that enforce the platform's MQTT access rule",
  async run(ctx: AppContext, args: string[]) {
    const out = option(args, 'out');
    const portText = option(args, 'port');
    const port = portText === undefined ? undefined : Number(portText);
    if (!out || (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))) {
      console.error('Usage: thorbecke live mosquitto-config --out <dir> [--port 1883]');
      return 2;
    }
    const dir = resolve(out);
    const files = await mosquittoFiles(ctx, dir, port);
    writeMosquittoFiles(dir, files);
    console.log(`Wrote ${dir}/mosquitto.conf, passwords and acl. Include the directory in Mosquitto's configuration (include_dir ${dir}) and reload it (SIGHUP).`);
    if (files.withoutAccount.length) console.log(`No MQTT account (no key issued since slow hashes were kept; issue a new key): ${files.withoutAccount.join(', ')}`);
    return 0;
  },
};
