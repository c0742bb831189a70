import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { pageSchema, pagingQuery, toPage } from '../kernel/http/paging.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { addProcessingSource, addTraceabilitySource } from '../registers/index.js';
import { acceptContract, createContract, present, removeContract, revokeContract } from './contracts.js';
import { acceptInput, CONTRACT_STATES, contractInput, contractSchema, peerInput, peerSchema, revokeInput, type Party } from './model.js';
import { createPeer, removePeer, updatePeer } from './peers.js';
import * as store from './store.js';
import { contractProcessingSource } from './processing-source.js';
import { contractTraceSource } from './trace-source.js';
import { fetchUnderContract } from './consumer.js';

const TAG = ['federation'];
const secured = API_KEY_SECURITY;
const orgParam = z.strictObject({ organisationId: idSchema });
const idParam = z.strictObject({ id: idSchema });

export async function federationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addTraceabilitySource(ctx, contractTraceSource);
  addProcessingSource(ctx, contractProcessingSource);

  /** The parties a key may act for on a contract: the accepting party, or either party to revoke. */
  const parties = async (req: FastifyRequest, which: 'accepting' | 'either'): Promise<string[] | undefined> => {
    const existing = await store.getContract(ctx.store, (req.params as { id: string }).id);
    if (!existing) return undefined;
    const p = req.principal;
    const candidates = which === 'either' ? [existing.providerId, existing.consumerId] : [(req.body as { party?: unknown } | undefined)?.party === 'provider' ? existing.providerId : existing.consumerId];
    // Any one of the parties may act: the guard wants all listed owners, so list only the one this key is.
    const mine = candidates.find((o) => p?.kind === 'organisation' && p.organisationId === o);
    return [mine ?? candidates[0]!];
  };

  app.get('/federation/peers', {
    schema: { tags: TAG, summary: 'The directory: the nodes of other organisations this node knows', querystring: z.strictObject({ ...pagingQuery }), response: { 200: pageSchema(peerSchema) } },
  }, async (req) => {
    const q = req.query as { page: number; pageSize: number };
    const { items, total } = await store.listPeers(ctx.store, q.pageSize, (q.page - 1) * q.pageSize);
    return toPage(items, total, q.page, q.pageSize, req.url);
  });

  app.get('/federation/peers/:organisationId', { schema: { tags: TAG, summary: 'One peer', params: orgParam, response: { 200: peerSchema } } }, async (req) => {
    const { organisationId } = req.params as { organisationId: string };
    const peer = await store.getPeer(ctx.store, organisationId);
    if (!peer) throw notFound('Peer', organisationId);
    return peer;
  });

  app.post('/federation/peers', {
    config: { access: 'admin' },
    schema: { tags: TAG, summary: 'Add a peer to the directory (administrator)', security: secured, body: peerInput, response: { 201: peerSchema } },
  }, async (req, reply) => {
    const peer = await ctx.store.transaction((tx) => createPeer(tx, req.body));
    return reply.status(201).header('location', `/api/v1/federation/peers/${peer.organisationId}`).send(peer);
  });

  app.put('/federation/peers/:organisationId', {
    config: { access: 'admin' },
    schema: { tags: TAG, summary: 'Replace a peer, e.g. after a certificate renewal (administrator)', security: secured, params: orgParam, body: peerInput, response: { 200: peerSchema } },
  }, async (req) => {
    const { organisationId } = req.params as { organisationId: string };
    return ctx.store.transaction((tx) => updatePeer(tx, organisationId, req.body));
  });

  app.delete('/federation/peers/:organisationId', { config: { access: 'admin' }, schema: { tags: TAG, summary: 'Remove a peer (administrator)', security: secured, params: orgParam } }, async (req, reply) => {
    const { organisationId } = req.params as { organisationId: string };
    await ctx.store.transaction((tx) => removePeer(tx, organisationId));
    return reply.status(204).send();
  });

  const listQuery = z.strictObject({ ...pagingQuery, provider: idSchema.optional(), consumer: idSchema.optional(), state: z.enum(CONTRACT_STATES).optional() });
  app.get('/federation/contracts', {
    schema: { tags: TAG, summary: 'Data-sharing contracts, with filters', querystring: listQuery, response: { 200: pageSchema(contractSchema) } },
  }, async (req) => {
    const q = req.query as z.output<typeof listQuery>;
    const now = new Date();
    const { items, total } = await store.listContracts(ctx.store, q, now.toISOString(), q.pageSize, (q.page - 1) * q.pageSize);
    return toPage(items.map((c) => present(c, now)), total, q.page, q.pageSize, req.url);
  });

  app.get('/federation/contracts/:id', { schema: { tags: TAG, summary: 'One contract', params: idParam, response: { 200: contractSchema } } }, async (req) => {
    const { id } = req.params as { id: string };
    const c = await store.getContract(ctx.store, id);
    if (!c) throw notFound('Contract', id);
    return present(c);
  });

  app.post('/federation/contracts', {
    config: { access: 'admin' },
    schema: {
      tags: TAG,
      summary: 'Propose a contract (administrator); record it with the same id on both nodes',
      description: 'Starts as proposed. Each party accepts it with its contentHash; with both acceptances it is accepted, and active between validFrom and validUntil.',
      security: secured,
      body: contractInput,
      response: { 201: contractSchema },
    },
  }, async (req, reply) => {
    const c = await ctx.store.transaction((tx) => createContract(tx, req.body));
    return reply.status(201).header('location', `/api/v1/federation/contracts/${c.id}`).send(present(c));
  });

  app.post('/federation/contracts/:id/accept', {
    config: { access: (req) => parties(req, 'accepting') },
    schema: { tags: TAG, summary: 'Accept a contract for one party (administrator, or a key of that party)', security: secured, params: idParam, body: acceptInput, response: { 200: contractSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const { party, contentHash } = req.body as { party: Party; contentHash: string };
    const existing = await store.getContract(ctx.store, id);
    if (!existing) throw notFound('Contract', id);
    return present(await ctx.store.transaction((tx) => acceptContract(tx, id, party, contentHash)));
  });

  app.post('/federation/contracts/:id/revoke', {
    config: { access: (req) => parties(req, 'either') },
    schema: { tags: TAG, summary: 'Revoke a contract (administrator, or a key of either party)', security: secured, params: idParam, body: revokeInput, response: { 200: contractSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const existing = await store.getContract(ctx.store, id);
    if (!existing) throw notFound('Contract', id);
    return present(await ctx.store.transaction((tx) => revokeContract(tx, id, (req.body as { reason: string }).reason)));
  });

  app.delete('/federation/contracts/:id', {
    config: { access: 'admin' },
    schema: { tags: TAG, summary: 'Remove a contract nobody has accepted yet (administrator)', security: secured, params: idParam },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await ctx.store.transaction((tx) => removeContract(tx, id));
    return reply.status(204).send();
  });

  const fetchQuery = z.strictObject({ path: z.string().min(2).max(2000).regex(/^\//, 'must start with /').describe('The path on the provider, under the contract\'s service, with any query') });
  app.get('/federation/contracts/:id/fetch', {
    config: { access: 'admin' },
    schema: {
      tags: TAG,
      summary: 'Read the provider’s service under a contract, as this node, over mutual TLS (administrator)',
      description: 'Answers with the provider’s body and content type. The `traceparent` response header carries the trace id under which both nodes logged the exchange.',
      security: secured,
      params: idParam,
      querystring: fetchQuery,
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const { path } = req.query as { path: string };
    const answer = await fetchUnderContract(ctx, id, path, { accept: req.headers.accept });
    reply.header('traceparent', `00-${answer.traceId}-${answer.spanId}-01`);
    if (answer.contentType) reply.type(answer.contentType);
    return reply.status(answer.status).send(answer.body);
  });
}
