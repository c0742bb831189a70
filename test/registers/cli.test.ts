import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importAlgorithmsCommand } from '../../src/registers/cli.js';
import { tempDir } from '../support/stores.js';
import { registersPlatform, type RegistersPlatform } from './platform.js';

const EXPORT = fileURLToPath(new URL('../../demo/registers/algoritmeregister-export-2022-12-08.json', import.meta.url));

describe('thorbecke registers import-algorithms', () => {
  let p: RegistersPlatform;
  const dir = tempDir();
  beforeAll(async () => {
    p = await registersPlatform('sqlite');
  });
  afterAll(async () => {
    await p.close();
    dir.remove();
  });

  it('imports the file, prints the report and writes it in full with --report', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void lines.push(m));
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    try {
      const out = join(dir.path, 'report.json');
      expect(await importAlgorithmsCommand.run(p.ctx, [EXPORT, '--report', out])).toBe(0);
      const text = lines.join('\n');
      expect(text).toMatch(/99 rows: 96 created, 0 updated, 0 unchanged, 0 kept \(edited since import\), 3 skipped/);
      expect(text).toMatch(/skipped row 1 \(required\): template row/);
      expect(text).toMatch(/organisation 'Ministerie SZW' → ministerie-szw \(created\)/);
      expect(text).toMatch(/replacement characters/);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      expect(report.created).toBe(96);
      expect(report.skipped).toHaveLength(3);
    } finally {
      spy.mockRestore();
      write.mockRestore();
    }
  });

  it('explains its usage without a file', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await importAlgorithmsCommand.run(p.ctx, [])).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
