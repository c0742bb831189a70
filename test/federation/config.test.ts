import { describe, expect, it } from 'vitest';
import { startPlatform } from '../../src/app/platform.js';
import { ConfigError, loadConfig } from '../../src/kernel/config.js';
import { ADMIN_KEY } from '../support/platform.js';
import { tempDir } from '../support/stores.js';

describe('federation configuration', () => {
  it('reads the listener port and the PEM paths from the environment; off by default', () => {
    expect(loadConfig({}).federationPort).toBeUndefined();
    const c = loadConfig({ THORBECKE_FEDERATION_PORT: '8443', THORBECKE_FEDERATION_CERT: 'a.crt', THORBECKE_FEDERATION_KEY: 'a.key', THORBECKE_FEDERATION_CA: 'ca.crt' });
    expect(c).toMatchObject({ federationPort: 8443, federationCert: 'a.crt', federationKey: 'a.key', federationCa: 'ca.crt' });
    expect(() => loadConfig({ THORBECKE_FEDERATION_PORT: 'x' })).toThrow(/THORBECKE_FEDERATION_PORT/);
  });

  it('refuses to start a listener without certificate, key and CA, naming what is missing', async () => {
    const dir = tempDir();
    try {
      const start = startPlatform({ dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false, port: 0, host: '127.0.0.1', mqttPort: 0, federationPort: 0, federationCa: '/nonexistent/ca.crt' }, { env: {} });
      const error = await start.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'THORBECKE_FEDERATION_CERT: required for federation',
        'THORBECKE_FEDERATION_KEY: required for federation',
      ]);
    } finally {
      dir.remove();
    }
  });
});
