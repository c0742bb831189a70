import type { FastifyInstance } from 'fastify';
import type { AppContext, Capability } from '../kernel/capability.js';
import { closeAgents } from './agents.js';
import { federationFetchCommand } from './cli.js';
import { seedFederationDemo } from './demo.js';
import { federationMigrations } from './migrations.js';
import { startProviderListener } from './provider.js';
import { federationRoutes } from './routes.js';
import { loadTlsMaterial } from './tls.js';

export type { Contract, ContractState, Peer } from './model.js';
export { contentHash, present } from './contracts.js';
export { fetchUnderContract, type FetchedAnswer } from './consumer.js';
export { CONTRACT_HASH_HEADER, FEDERATION_PREFIX } from './provider.js';

/** The app whose API the provider answers from, per platform; set when the routes are registered. */
const apis = new WeakMap<AppContext, FastifyInstance>();

/**
 * Federation: each organisation runs its own node; nodes know each other through a
 * directory of peers and exchange data only under an accepted contract (FSC), over
 * mutual TLS, logged on both sides in the processing log.
 */
export const federation: Capability = {
  name: 'federation',
  tag: { name: 'federation', description: 'Federation (FSC): the directory of peer nodes, data-sharing contracts with purpose and mandate, exchange over mutual TLS, and the processing log (Logboek Dataverwerkingen)' },
  migrations: federationMigrations,
  async routes(app, ctx) {
    // inject() on any scope reaches the whole app, as a request from outside would.
    apis.set(ctx, app);
    await federationRoutes(app, ctx);
  },
  commands: [federationFetchCommand],
  seedDemo: seedFederationDemo,
  async start(ctx) {
    if (ctx.config.federationPort === undefined) return { stop: async () => closeAgents(ctx) };
    const tls = loadTlsMaterial(ctx.config);
    const api = apis.get(ctx);
    if (!api) throw new Error('federation: the routes were not registered before start()');
    const { server, port } = await startProviderListener(ctx, api, tls, ctx.config.federationPort);
    ctx.log.info({ port, fingerprint: tls.fingerprint }, 'federation listener (mutual TLS) is running');
    return {
      stop: async () => {
        closeAgents(ctx);
        await server.close();
      },
      info: { federationPort: port, fingerprint: tls.fingerprint },
    };
  },
};
