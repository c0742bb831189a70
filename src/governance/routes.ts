import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../kernel/capability.js';
import { notFound } from '../kernel/errors.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { pageSchema, pagingQuery, toPage } from '../kernel/http/paging.js';
import { idParam, idSchema, MANDATE_KINDS, mandate, mandateInput, organisation, organisationInput } from './model.js';
import * as service from './service.js';
import * as store from './store.js';

const TAG = ['governance'];
const secured = API_KEY_SECURITY;

export async function governanceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const paramOrg = (req: FastifyRequest) => (req.params as { id: string }).id;
  const mandateOwners = async (req: FastifyRequest) => {
    const existing = await store.getMandate(ctx.store, (req.params as { id: string }).id);
    if (!existing) return undefined;
    const body = req.body as { ownerId?: unknown } | undefined;
    return typeof body?.ownerId === 'string' ? [existing.ownerId, body.ownerId] : [existing.ownerId];
  };

  app.get('/organisations', {
    schema: { tags: TAG, summary: 'List organisations', querystring: z.strictObject({ ...pagingQuery }), response: { 200: pageSchema(organisation) } },
  }, async (req) => {
    const q = req.query as { page: number; pageSize: number };
    const { items, total } = await store.listOrganisations(ctx.store, q.pageSize, (q.page - 1) * q.pageSize);
    return toPage(items, total, q.page, q.pageSize, req.url);
  });

  app.get('/organisations/:id', { schema: { tags: TAG, summary: 'One organisation', params: idParam, response: { 200: organisation } } }, async (req) => {
    const { id } = req.params as { id: string };
    const org = await store.getOrganisation(ctx.store, id);
    if (!org) throw notFound('Organisation', id);
    return org;
  });

  app.post('/organisations', {
    config: { access: 'admin' },
    schema: { tags: TAG, summary: 'Register an organisation (administrator)', security: secured, body: organisationInput, response: { 201: organisation } },
  }, async (req, reply) => {
    const org = await ctx.store.transaction((tx) => service.createOrganisation(tx, req.body));
    return reply.status(201).header('location', `${req.url}/${org.id}`).send(org);
  });

  app.put('/organisations/:id', {
    config: { access: paramOrg },
    schema: { tags: TAG, summary: 'Replace an organisation', security: secured, params: idParam, body: organisationInput, response: { 200: organisation } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return ctx.store.transaction((tx) => service.updateOrganisation(tx, id, req.body));
  });

  app.delete('/organisations/:id', { config: { access: 'admin' }, schema: { tags: TAG, summary: 'Remove an organisation (administrator)', security: secured, params: idParam } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await ctx.store.transaction((tx) => service.removeOrganisation(tx, id));
    return reply.status(204).send();
  });

  const keyInfo = z.object({ prefix: z.string(), label: z.string(), createdAt: z.string() });
  app.get('/organisations/:id/keys', {
    config: { access: paramOrg },
    schema: { tags: TAG, summary: "List an organisation's API keys (prefixes only)", security: secured, params: idParam, response: { 200: z.object({ items: z.array(keyInfo) }) } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const keys = await store.listKeys(ctx.store, id);
    return { items: keys.map(({ prefix, label, createdAt }) => ({ prefix, label, createdAt })) };
  });

  app.post('/organisations/:id/keys', {
    config: { access: paramOrg },
    schema: {
      tags: TAG,
      summary: 'Issue an API key; the key is shown only in this response',
      security: secured,
      params: idParam,
      body: z.strictObject({ label: z.string().trim().min(1).max(200) }),
      response: { 201: z.object({ key: z.string(), prefix: z.string(), organisationId: z.string() }) },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const { key, prefix } = await service.issueKey(ctx, id, (req.body as { label: string }).label);
    return reply.status(201).send({ key, prefix, organisationId: id });
  });

  app.delete('/organisations/:id/keys/:prefix', {
    config: { access: paramOrg },
    schema: { tags: TAG, summary: 'Revoke an API key', security: secured, params: z.strictObject({ id: idSchema, prefix: z.string().regex(/^[0-9a-f]{8}$/) }) },
  }, async (req, reply) => {
    const { id, prefix } = req.params as { id: string; prefix: string };
    if (!(await store.deleteKey(ctx.store, id, prefix))) throw notFound('API key', prefix);
    return reply.status(204).send();
  });

  const mandateWithChain = mandate.extend({ chain: z.array(z.unknown()) });
  app.get('/mandates', {
    schema: {
      tags: TAG,
      summary: 'List mandates: the decisions and agreements things rest on',
      querystring: z.strictObject({ ...pagingQuery, kind: z.enum(MANDATE_KINDS).optional(), owner: idSchema.optional() }),
      response: { 200: pageSchema(mandate) },
    },
  }, async (req) => {
    const q = req.query as { page: number; pageSize: number; kind?: string; owner?: string };
    const { items, total } = await store.listMandates(ctx.store, { kind: q.kind, ownerId: q.owner }, q.pageSize, (q.page - 1) * q.pageSize);
    return toPage(items, total, q.page, q.pageSize, req.url);
  });

  app.get('/mandates/:id', {
    schema: { tags: TAG, summary: 'One mandate with the chain of mandates it rests on', params: idParam, response: { 200: mandateWithChain } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const m = await store.getMandate(ctx.store, id);
    if (!m) throw notFound('Mandate', id);
    return { ...m, chain: await service.mandateChain(ctx.store, id) };
  });

  app.post('/mandates', {
    config: { access: (req) => ((req.body as { ownerId?: unknown } | undefined)?.ownerId as string | undefined) },
    schema: { tags: TAG, summary: 'Record a mandate', security: secured, body: mandateInput, response: { 201: mandate } },
  }, async (req, reply) => {
    const m = await ctx.store.transaction((tx) => service.createMandate(tx, req.body));
    return reply.status(201).header('location', `${req.url}/${m.id}`).send(m);
  });

  app.put('/mandates/:id', {
    config: { access: mandateOwners },
    schema: { tags: TAG, summary: 'Replace a mandate', security: secured, params: idParam, body: mandateInput, response: { 200: mandate } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await store.getMandate(ctx.store, id))) throw notFound('Mandate', id);
    return ctx.store.transaction((tx) => service.updateMandate(tx, id, req.body));
  });

  app.delete('/mandates/:id', { config: { access: mandateOwners }, schema: { tags: TAG, summary: 'Remove a mandate', security: secured, params: idParam } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await store.getMandate(ctx.store, id))) throw notFound('Mandate', id);
    await ctx.store.transaction((tx) => service.removeMandate(tx, id));
    return reply.status(204).send();
  });
}
