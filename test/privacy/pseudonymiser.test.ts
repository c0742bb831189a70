import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/kernel/storage/migrate.js';
import type { Store } from '../../src/kernel/storage/port.js';
import { normaliseIdentifier, Pseudonymiser, pseudonymiseFields } from '../../src/privacy/index.js';
import { privacyMigrations } from '../../src/privacy/migrations.js';
import { STORES } from '../support/stores.js';

const DAY = 24 * 3600 * 1000;

for (const kind of STORES) {
  describe(`pseudonymisation: ${kind.name}`, () => {
    let store: Store;
    let dataDir: string;
    let dispose: () => Promise<void>;
    let clock = new Date('2026-05-01T10:00:00Z');
    let p: Pseudonymiser;

    beforeAll(async () => {
      ({ store, dataDir, dispose } = await kind.create());
      await migrate(store, privacyMigrations);
      p = new Pseudonymiser(store, { rotationMs: DAY, now: () => clock });
    });
    afterAll(async () => dispose());

    it('gives the same pseudonym for the same identifier within a period, however it is written', async () => {
      const a = await p.pseudonymise('12-ABC-3', 'parking-entry');
      expect(a).toMatch(/^ps_[A-Za-z0-9_-]{22}$/);
      expect(await p.pseudonymise('12abc3', 'parking-entry')).toBe(a);
      expect(await p.pseudonymise('12-ABC-4', 'parking-entry')).not.toBe(a);
      expect(await p.pseudonymise('12-ABC-3', 'wifi-counter')).not.toBe(a);
      // Another process on the same store derives the same pseudonym from the stored key.
      const other = new Pseudonymiser(store, { rotationMs: DAY, now: () => clock });
      expect(await other.pseudonymise('12-ABC-3', 'parking-entry')).toBe(a);
    });

    it('cannot link pseudonyms across periods, and destroys old keys', async () => {
      const before = await p.pseudonymise('12-ABC-3', 'parking-entry');
      const oldKeys = await store.all<{ key: Uint8Array }>('SELECT key FROM privacy_keys');
      clock = new Date(clock.getTime() + DAY);
      const after = await p.pseudonymise('12-ABC-3', 'parking-entry');
      expect(after).not.toBe(before);
      expect(await p.rotate()).toBe(2);
      expect(await store.all('SELECT period FROM privacy_keys')).toHaveLength(1);
      if (kind.name === 'sqlite') {
        // Neither the database file nor its WAL may still hold the destroyed key bytes.
        const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)));
        for (const { key } of oldKeys) {
          for (const bytes of files) expect(bytes.includes(Buffer.from(key))).toBe(false);
        }
      }
    });
  });
}

describe('identifier fields', () => {
  it('replaces identifier paths, leaves the rest, and never returns the raw value', async () => {
    const fake = async (s: string) => `ps_${normaliseIdentifier(s).length}`;
    const out = (await pseudonymiseFields({ plate: '12-ABC-3', camera: { mac: 'aa:bb:cc:dd:ee:ff', site: 'P1' }, count: 1 }, ['plate', 'camera.mac', 'missing.path'], fake)) as Record<string, any>;
    expect(out).toEqual({ plate: 'ps_6', camera: { mac: 'ps_12', site: 'P1' }, count: 1 });
    expect(JSON.stringify(out)).not.toContain('ABC');
  });
});
