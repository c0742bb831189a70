import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../governance/index.js';
import { bodyOwner, mayReadInternal, storedOwner } from '../../kernel/http/authentication.js';
import type { AppContext } from '../../kernel/capability.js';
import { notFound } from '../../kernel/errors.js';
import { pageSchema, pagingQuery, toPage } from '../../kernel/http/paging.js';
import { API_KEY_SECURITY } from '../../kernel/http/security.js';
import { algorithmInput, algorithmSchema, type Algorithm } from '../algorithms/model.js';
import * as service from '../algorithms/service.js';
import { PUBLICATION_CATEGORIES, STATUSES } from '../algorithms/standard.js';
import * as store from '../algorithms/store.js';

const TAG = ['registers'];
const idParams = z.strictObject({ id: idSchema });

const listQuery = z.strictObject({
  ...pagingQuery,
  owner: idSchema.optional(),
  status: z.enum(STATUSES).optional(),
  category: z.enum(PUBLICATION_CATEGORIES).optional(),
  q: z.string().trim().max(200).optional(),
});

const exportQuery = z.strictObject({
  owner: idSchema.optional(),
  incomplete: z.enum(['exclude', 'include']).default('exclude'),
});

export async function algorithmRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {

  app.get('/registers/algorithms', {
    schema: {
      tags: TAG,
      summary: 'The algorithm register (publication standard 1.0), paged',
      description: 'Filter by owner organisation, status, publication category, or a part of the name (q). Internal fields are never listed.',
      querystring: listQuery,
      response: { 200: pageSchema(algorithmSchema) },
    },
  }, async (req) => {
    const p = req.query as z.output<typeof listQuery>;
    const { items, total } = await store.listAlgorithms(ctx.store, { owner: p.owner, status: p.status, category: p.category, q: p.q }, p.pageSize, (p.page - 1) * p.pageSize);
    return toPage(items, total, p.page, p.pageSize, req.url);
  });

  app.get('/registers/algorithms/export', {
    schema: {
      tags: TAG,
      summary: 'The register in the publication standard’s own format (JSON array of entries)',
      description:
        'Each element is an entry with the standard’s field names, valid against its JSON Schema. Imported entries that still lack fields the ' +
        'standard requires are left out unless `incomplete=include`; the header X-Incomplete-Entries says how many there are.',
      querystring: exportQuery,
    },
  }, async (req, reply) => {
    const q = req.query as z.output<typeof exportQuery>;
    const out: unknown[] = [];
    let incomplete = 0;
    for await (const batch of store.iterateAlgorithms(ctx.store, { owner: q.owner })) {
      for (const a of batch) {
        if (a.missingFields.length) {
          incomplete++;
          if (q.incomplete === 'exclude') continue;
        }
        out.push(a.standard);
      }
    }
    return reply.header('x-incomplete-entries', String(incomplete)).header('content-disposition', 'attachment; filename="algoritmeregister.json"').send(out);
  });

  app.get('/registers/algorithms/:id', {
    schema: {
      tags: TAG,
      summary: 'One entry of the algorithm register',
      description: 'Internal fields (contact person, notes) are included only for a key of the owning organisation or the administrator.',
      params: idParams,
      response: { 200: algorithmSchema },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const a = await store.getAlgorithm(ctx.store, id);
    if (!a) throw notFound('Algorithm', id);
    if (mayReadInternal(req, a.ownerId)) return { ...a, internal: (await store.getAlgorithmInternal(ctx.store, id)) ?? {} };
    return a;
  });

  app.post('/registers/algorithms', {
    config: { access: bodyOwner('ownerId') },
    schema: { tags: TAG, summary: 'Publish an algorithm (owner organisation’s key)', security: API_KEY_SECURITY, body: algorithmInput, response: { 201: algorithmSchema } },
  }, async (req, reply) => {
    const a = await ctx.store.transaction((tx) => service.createAlgorithm(tx, req.body));
    return reply.status(201).header('location', `/api/v1/registers/algorithms/${a.id}`).send(a);
  });

  app.put('/registers/algorithms/:id', {
    config: { access: storedOwner(ownerOf, 'ownerId') },
    schema: { tags: TAG, summary: 'Replace an algorithm entry (owner’s key)', security: API_KEY_SECURITY, params: idParams, body: algorithmInput, response: { 200: algorithmSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await existing(id);
    return ctx.store.transaction((tx) => service.replaceAlgorithm(tx, id, req.body));
  });

  app.delete('/registers/algorithms/:id', {
    config: { access: storedOwner(ownerOf) },
    schema: { tags: TAG, summary: 'Remove an algorithm entry (owner’s key)', security: API_KEY_SECURITY, params: idParams },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await existing(id);
    await ctx.store.transaction((tx) => service.removeAlgorithm(tx, id));
    return reply.status(204).send();
  });

  async function ownerOf(id: string): Promise<string | undefined> {
    return (await store.getAlgorithm(ctx.store, id))?.ownerId;
  }

  async function existing(id: string): Promise<Algorithm> {
    const a = await store.getAlgorithm(ctx.store, id);
    if (!a) throw notFound('Algorithm', id);
    return a;
  }
}
