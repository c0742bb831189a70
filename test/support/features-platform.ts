import { readFile } from 'node:fs/promises';
import { startPlatform } from '../../src/app/platform.js';
import { importBuildings } from '../../src/twin/index.js';
import { repoPath } from '../../src/kernel/paths.js';
import { ADMIN_KEY, testPlatform, type TestPlatform } from './platform.js';
import { createPgDatabase, tempDir, type TestStore } from './stores.js';
import { injectJson } from './inject.js';

/** The 3DBAG subset has years of construction, so the buildings collection has time. */
const WITH_YEARS = repoPath('demo', 'delft', '3dbag-subset.city.jsonl');

async function addYears(p: Pick<TestPlatform, 'ctx'>): Promise<void> {
  await importBuildings(p.ctx, await readFile(WITH_YEARS), { name: '3dbag-subset' });
}

/**
 * The whole platform with its demo content (every capability, so every feature
 * collection it serves) plus the 3DBAG subset, without a port.
 */
export async function featuresPlatform(store: TestStore['name']): Promise<TestPlatform> {
  const p = await testPlatform(store, { demo: true, liveReplaySpeed: 'off' });
  await addYears(p);
  return p;
}

/** The same, listening on a free port with links built from it (for clients such as GDAL). */
export async function listeningFeaturesPlatform(store: TestStore['name']): Promise<TestPlatform> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const platform = await startPlatform(
    { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: true, liveReplaySpeed: 'off', databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', mqttPort: 0 },
    { env: {} },
  );
  await addYears(platform);
  return {
    ...platform,
    async close() {
      await platform.close();
      await pgdb?.drop();
      dir.remove();
    },
    call: (method, url, body, key) => injectJson(platform.app, method, url, body, { key }),
  };
}
