import { afterAll, describe, expect, it } from 'vitest';
import { transformPoint } from '../../../src/kernel/geo/index.js';
import { DEMO_SCENARIO_ID, seedTwinDemo } from '../../../src/twin/demo.js';
import { closeSunWorkers } from '../../../src/twin/sun/index.js';
import { createPgDatabase, STORES, tempDir } from '../../support/stores.js';
import { ADMIN_KEY, twinPlatform } from './twin-platform.js';

afterAll(async () => closeSunWorkers());

for (const kind of STORES) {
  describe(`analysis jobs across a restart: ${kind.name}`, () => {
    it('serves the job, its heat map and its report from the store after the platform restarts', async () => {
      const dir = tempDir();
      const pg = kind.name === 'postgres' ? await createPgDatabase() : undefined;
      const where = { dataDir: dir.path, databaseUrl: pg?.url };
      try {
        const before = await twinPlatform(kind.name, where);
        let job: any;
        let sunJob: any;
        let png: Buffer;
        let report: string;
        try {
          // The demo scenario belongs to the municipality.
          await before.call('POST', '/api/v1/organisations', { id: 'gemeente-delft', name: 'Gemeente Delft', kind: 'gemeente' }, ADMIN_KEY);
          await seedTwinDemo(before.ctx);
          const [w, s] = transformPoint([84930, 447490], 'EPSG:28992', 'EPSG:4326');
          const [e, n] = transformPoint([85010, 447600], 'EPSG:28992', 'EPSG:4326');
          const sun = await before.call('POST', '/api/v1/twin/analyses/sun-hours', { bbox: [w, s, e, n], date: '2026-06-21', stepMinutes: 30, cellSize: 4, scenario: DEMO_SCENARIO_ID });
          expect(sun.status, sun.body).toBe(202);
          sunJob = await before.settle(sun.headers.location as string);
          expect(sunJob.state).toBe('succeeded');
          png = (await before.call('GET', sunJob.result.png)).raw;
          const started = await before.call('POST', '/api/v1/twin/analyses/bezonning', { scenario: DEMO_SCENARIO_ID, stepMinutes: 30, year: 2026, radius: 30 });
          job = await before.settle(started.headers.location as string);
          expect(job.state).toBe('succeeded');
          report = (await before.call('GET', job.result.report)).body;
          expect(report).toContain('<html lang="nl">');
        } finally {
          await before.close();
        }

        const after = await twinPlatform(kind.name, where);
        try {
          const again = await after.call('GET', `/api/v1/jobs/${job.id}`);
          expect(again.status).toBe(200);
          expect(again.json).toEqual(job);
          const map = await after.call('GET', sunJob.result.png);
          expect(map.status).toBe(200);
          expect(map.headers['content-type']).toBe('image/png');
          expect(map.raw.equals(png)).toBe(true);
          const html = await after.call('GET', job.result.report);
          expect(html.status).toBe(200);
          expect(html.body).toBe(report);
        } finally {
          await after.close();
        }
      } finally {
        await pg?.drop();
        dir.remove();
      }
    });
  });
}
