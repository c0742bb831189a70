import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/kernel/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.demo).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.bodyLimit).toBe(1024 * 1024);
  });

  it('reads the documented environment variables', () => {
    const c = loadConfig({ PORT: '9000', THORBECKE_DATABASE_URL: 'postgres://u@h/db', THORBECKE_DEMO: 'false', THORBECKE_DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ port: 9000, databaseUrl: 'postgres://u@h/db', demo: false, dataDir: '/tmp/x' });
  });

  it('names every wrong variable in one clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', THORBECKE_DATABASE_URL: 'mysql://x', THORBECKE_ADMIN_KEY: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT:/);
      expect(msg).toMatch(/THORBECKE_DATABASE_URL: must be a postgres/);
      expect(msg).toMatch(/THORBECKE_ADMIN_KEY: must be at least 24/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', THORBECKE_DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
