import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootContext } from '../../src/app/platform.js';
import { federation } from '../../src/federation/index.js';
import { DEMO_CONTRACT_ID, seedFederationDemo } from '../../src/federation/demo.js';
import { governance } from '../../src/governance/index.js';
import type { AppContext } from '../../src/kernel/capability.js';
import { loadConfig } from '../../src/kernel/config.js';
import { buildServer } from '../../src/kernel/http/server.js';
import { registers } from '../../src/registers/index.js';
import { injectJson } from '../support/inject.js';
import { tempDir } from '../support/stores.js';

/** The demo's example contract: accepted, active, and in the council's report on the decisions it rests on. */
describe('federation demo', () => {
  const dir = tempDir();
  const caps = [governance, registers, federation];
  let ctx: AppContext;
  let app: Awaited<ReturnType<typeof buildServer>>;
  beforeAll(async () => {
    ctx = await bootContext(loadConfig({}, { dataDir: dir.path, logLevel: 'silent', demo: true }), caps);
    app = await buildServer(ctx, caps);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await ctx?.store.close();
    dir.remove();
  });

  it('seeds one accepted example contract, once', async () => {
    const c = await injectJson(app, 'GET', `/api/v1/federation/contracts/${DEMO_CONTRACT_ID}`);
    expect(c.json).toMatchObject({ providerId: 'gemeente-delft', consumerId: 'nationaal-parkeer-register', state: 'accepted', active: true, mandateIds: ['college-delft-parkeerdata', 'convenant-parkeerdata'] });
    await seedFederationDemo(ctx);
    expect((await injectJson(app, 'GET', '/api/v1/federation/contracts')).json.total).toBe(1);
  });

  it('shows the contract in "Wie besloot dit?" as resting on a decision under mandate of the council (class b)', async () => {
    const r = await injectJson(app, 'GET', '/api/v1/registers/traceability?kind=contract');
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([expect.objectContaining({ kind: 'contract', id: DEMO_CONTRACT_ID, ownerId: 'gemeente-delft', class: 'b' })]);
  });
});
