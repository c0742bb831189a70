import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/stores.js';

const root = new URL('../../', import.meta.url).pathname;
const run = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    // Each node has its own public URL, so its dataset identifiers are its own.
    env: { ...process.env, THORBECKE_DATA_DIR: dataDir, THORBECKE_PUBLIC_URL: `https://${dataDir.split('/').pop()}.example`, THORBECKE_DATABASE_URL: '', THORBECKE_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('thorbecke catalog export / import', () => {
  const a = tempDir();
  const b = tempDir();
  afterAll(() => (a.remove(), b.remove()));

  it('exports the demo register and imports it into another node', () => {
    const file = join(a.path, 'catalog.ttl');
    const exported = run(a.path, 'catalog', 'export', '--format', 'ttl', '--out', file);
    expect(exported.status, exported.stderr).toBe(0);
    const ttl = readFileSync(file, 'utf8');
    expect(ttl).toContain('a dcat:Catalog');
    const count = ttl.match(/a dcat:Dataset/g)?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(9);

    // Node b has the same demo organisations; a's datasets are new to it, and a second run updates them.
    const imported = run(b.path, 'catalog', 'import', file);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`catalog import: ${count} created, 0 updated, 0 rejected`));
    const again = run(b.path, 'catalog', 'import', file);
    expect(again.stderr).toMatch(new RegExp(`catalog import: 0 created, ${count} updated, 0 rejected`));
  }, 120_000);

  it('fails with a clear message on a file that is not RDF', () => {
    const bad = join(a.path, 'bad.ttl');
    writeFileSync(bad, '<a> <b> "unterminated');
    const res = run(a.path, 'catalog', 'import', bad);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Turtle \(line \d+\)/);
  }, 60_000);

  it('prints usage for unknown commands', () => {
    const res = run(a.path, 'catalog', 'nonsense');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Unknown command');
  }, 60_000);
});
