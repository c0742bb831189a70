import type { FastifyInstance } from 'fastify';
import { bootContext } from '../../../src/app/platform.js';
import { catalog } from '../../../src/catalog/index.js';
import { governance } from '../../../src/governance/index.js';
import type { AppContext, Capability } from '../../../src/kernel/capability.js';
import { loadConfig } from '../../../src/kernel/config.js';
import { buildServer } from '../../../src/kernel/http/server.js';
import { live } from '../../../src/live/index.js';
import { registers } from '../../../src/registers/index.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { createPgDatabase, tempDir, type TestStore } from '../../support/stores.js';

/** Governance, catalog, live (SensorThings, without its MQTT gateway) and registers, in process. */
const CAPS: readonly Capability[] = [governance, catalog, live, registers];

export interface SensorPlatform {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, key?: string): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
  org(id: string, kind?: string): Promise<string>;
}

export async function sensorPlatform(store: TestStore['name'], opts: { demo?: boolean } = {}): Promise<SensorPlatform> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({}, { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: opts.demo ?? false, databaseUrl: pgdb?.url, port: 0 });
  const ctx = await bootContext(config, CAPS);
  const app = await buildServer(ctx, CAPS);
  const call: SensorPlatform['call'] = async (method, url, body, key) => {
    const headers: Record<string, string> = {};
    if (key) headers['x-api-key'] = key;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload) headers['content-type'] = 'application/json';
    const res = await app.inject({ method, url, headers, payload });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, headers: res.headers, body: res.body };
  };
  return {
    app,
    ctx,
    call,
    async close() {
      await app.close();
      await ctx.store.close();
      await pgdb?.drop();
      dir.remove();
    },
    async org(id, kind = 'gemeente') {
      const created = await call('POST', '/api/v1/organisations', { id, name: id, kind }, ADMIN_KEY);
      if (created.status !== 201) throw new Error(`organisation ${id}: ${created.body}`);
      return (await call('POST', `/api/v1/organisations/${id}/keys`, { label: 'tests' }, ADMIN_KEY)).json.key as string;
    },
  };
}
