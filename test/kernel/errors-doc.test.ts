import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/kernel/errors.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^## `([a-z-]+)`/gm)].map((m) => m[1]);

  it('documents every error code in the catalogue, with its status, and nothing else', () => {
    expect(documented.sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      const section = doc.split(`## \`${code}\``)[1]!.split('\n## ')[0]!;
      expect(section, code).toContain(`HTTP ${status}`);
      expect(section, code).toMatch(/\*\*Fix:\*\*/);
    }
  });
});
