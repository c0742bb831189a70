import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's Mosquitto, started by the tests themselves with the configuration the platform generates. */
export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => spawnSync('test', ['-x', p]).status === 0);

/** Which brokers the MQTT suites run against: the embedded one always, Mosquitto where installed; THORBECKE_TEST_BROKERS narrows. */
export const BROKERS: Array<'embedded' | 'mosquitto'> = (() => {
  const wanted = process.env.THORBECKE_TEST_BROKERS?.split(',').map((s) => s.trim());
  const all: Array<'embedded' | 'mosquitto'> = MOSQUITTO ? ['embedded', 'mosquitto'] : ['embedded'];
  if (!MOSQUITTO) {
    if (process.env.THORBECKE_CI === '1') throw new Error('Mosquitto is not installed, and CI runs the MQTT suites against it (apt-get install mosquitto)');
    console.warn('Mosquitto is not installed: the MQTT suites run against the embedded broker only (apt-get install mosquitto)');
  }
  return wanted ? all.filter((b) => wanted.includes(b)) : all;
})();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningMosquitto {
  url: string;
  /** Where the platform writes its password file and ACL (THORBECKE_MOSQUITTO_CONFIG_DIR). */
  configDir: string;
  /** THORBECKE_MOSQUITTO_PID_FILE: the platform sends SIGHUP to reload after writing. */
  pidFile: string;
  /** Starts it again on the same files and port (settings such as max_packet_size are read only at start). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Mosquitto of its own on a free loopback port: a main file with the listener and pid
 * file that includes the directory the platform generates into, started with empty
 * password and ACL files (so only anonymous reading works until the platform has written them).
 */
export async function startMosquitto(root: string): Promise<RunningMosquitto> {
  if (!MOSQUITTO) throw new Error('Mosquitto is not installed');
  const configDir = join(root, 'thorbecke');
  mkdirSync(configDir, { recursive: true });
  const port = await freePort();
  const pidFile = join(root, 'mosquitto.pid');
  for (const f of ['passwords', 'acl']) writeFileSync(join(configDir, f), '', { mode: 0o600 });
  writeFileSync(join(configDir, 'mosquitto.conf'), `allow_anonymous true\npassword_file ${join(configDir, 'passwords')}\nacl_file ${join(configDir, 'acl')}\n`);
  // As root (CI), Mosquitto would switch to its own user, which cannot read the test's files.
  const user = process.getuid?.() === 0 ? 'user root\n' : '';
  writeFileSync(join(root, 'main.conf'), `${user}pid_file ${pidFile}\nsys_interval 1\nper_listener_settings false\nlistener ${port} 127.0.0.1\ninclude_dir ${configDir}\n`);
  let child = await launch(join(root, 'main.conf'), port);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    configDir,
    pidFile,
    async restart() {
      await stop();
      child = await launch(join(root, 'main.conf'), port);
    },
    stop,
  };
}

/** Starts Mosquitto on `conf` and waits until it listens on `port`. */
async function launch(conf: string, port: number): Promise<ChildProcess> {
  const child = spawn(MOSQUITTO!, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('error', () => resolve(true));
      socket.once('listening', () => socket.close(() => resolve(false)));
    });
    if (up) return child;
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not listen on ${port}: ${stderr}`);
}
