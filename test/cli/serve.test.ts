import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/stores.js';

const root = new URL('../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('thorbecke serve', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('loads the demo once, serves the API, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), THORBECKE_DATA_DIR: dir.path, THORBECKE_LOG_LEVEL: 'info', THORBECKE_DATABASE_URL: '', THORBECKE_MQTT_PORT: '0', THORBECKE_MQTT_URL: '' };
    const start = () => spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const waitUp = async () => {
      for (let i = 0; i < 200; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
          if (res.ok) return;
        } catch {
          /* not up yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('server did not come up');
    };
    const stop = (child: ReturnType<typeof start>) =>
      new Promise<{ code: number | null; log: string }>((resolve) => {
        let log = '';
        child.stdout!.on('data', (d) => (log += d));
        child.on('exit', (code) => resolve({ code, log }));
        child.kill('SIGTERM');
      });

    let child = start();
    await waitUp();
    const first = await (await fetch(`http://127.0.0.1:${port}/api/v1/catalog/datasets?pageSize=100`)).json();
    expect(first.total).toBeGreaterThanOrEqual(9);
    expect(existsSync(join(dir.path, 'thorbecke.sqlite'))).toBe(true);
    const stopped = await stop(child);
    expect(stopped.code).toBe(0);
    expect(stopped.log).toContain('shutting down');

    // A second start finds the demo already there and does not duplicate it.
    child = start();
    await waitUp();
    const second = await (await fetch(`http://127.0.0.1:${port}/api/v1/catalog/datasets?pageSize=100`)).json();
    expect(second.total).toBe(first.total);
    expect((await stop(child)).code).toBe(0);
  }, 60_000);

  it('refuses to start with a clear message when the configuration is wrong', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
      env: { ...process.env, PORT: 'eighty', THORBECKE_DATA_DIR: dir.path },
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('Invalid configuration');
    expect(err).toContain('PORT');
  }, 30_000);
});
