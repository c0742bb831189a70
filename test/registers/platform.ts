import type { FastifyInstance } from 'fastify';
import { bootContext } from '../../src/app/platform.js';
import { catalog } from '../../src/catalog/index.js';
import { governance } from '../../src/governance/index.js';
import type { AppContext, Capability } from '../../src/kernel/capability.js';
import { loadConfig } from '../../src/kernel/config.js';
import { buildServer } from '../../src/kernel/http/server.js';
import { registers } from '../../src/registers/index.js';
import { ADMIN_KEY } from '../support/platform.js';
import { createPgDatabase, tempDir, type TestStore } from '../support/stores.js';
import { injectJson } from '../support/inject.js';

/** The registers with only what they build on, so their suites boot fast; callers may add more (live). */
export const CAPS: readonly Capability[] = [governance, catalog, registers];

export interface RegistersPlatform {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, key?: string): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
  /** Creates an organisation and returns a key of it. */
  org(id: string, kind?: string, name?: string): Promise<string>;
}

export async function registersPlatform(store: TestStore['name'], opts: { demo?: boolean; caps?: readonly Capability[] } = {}): Promise<RegistersPlatform> {
  const caps = opts.caps ?? CAPS;
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({}, { dataDir: dir.path, adminKey: ADMIN_KEY, logLevel: 'silent', demo: opts.demo ?? false, databaseUrl: pgdb?.url, port: 0 });
  const ctx = await bootContext(config, caps);
  const app = await buildServer(ctx, caps);
  const call: RegistersPlatform['call'] = (method, url, body, key) => injectJson(app, method, url, body, { key });
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
    async org(id, kind = 'gemeente', name) {
      const created = await call('POST', '/api/v1/organisations', { id, name: name ?? id, kind }, ADMIN_KEY);
      if (created.status !== 201) throw new Error(`organisation ${id}: ${created.body}`);
      return (await call('POST', `/api/v1/organisations/${id}/keys`, { label: 'tests' }, ADMIN_KEY)).json.key as string;
    },
  };
}

/** A complete, valid entry of publication standard 1.0. */
export function standardEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Automatische verkeersregeling Ringweg',
    description_short: 'Regelt de verkeerslichten op de ringweg met sensoren in het wegdek.',
    organization: 'Gemeente Test',
    theme: ['Verkeer'],
    status: 'In gebruik',
    start_date: '2021-03',
    contact: 'algoritmen@example.org',
    publication_category: 'Overige algoritmes (Categorie C)',
    purpose_and_impact: 'Doorstroming verbeteren.',
    considerations: 'Alternatieven zijn vaste tijden.',
    human_intervention: 'Verkeersleiders kunnen ingrijpen.',
    risk_management: 'Storingen worden gemeld.',
    impact_assessments: 'Geen',
    data: 'Lusdetectie in het wegdek.',
    technical_operation: 'Regelgebaseerd.',
    supplier: 'Eigen beheer',
    language: 'nld',
    schema: '1.0.0',
    ...overrides,
  };
}
