import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../governance/index.js';
import { requirePrincipal } from '../kernel/http/authentication.js';
import { addTextParser } from '../kernel/http/body.js';
import type { AppContext } from '../kernel/capability.js';
import { notFound } from '../kernel/errors.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { pageSchema, pagingQuery, toPage } from '../kernel/http/paging.js';
import { bboxSchema, datasetInput, datasetSchema, type Dataset } from './model.js';
import * as service from './service.js';
import { catalogStore, type FacetName, type SearchQuery } from './store/index.js';
import { datasetDetail, publisherLabels, withPublishers } from './views.js';
import { Readable } from 'node:stream';
import { DCAT_MEDIA_TYPES } from './dcat/export.js';
import { catalogRdf, datasetRdf, negotiateRdf } from './rdf.js';
import { harvestParsed } from './harvest.js';
import { AssumptionError, parseAssumptions } from './dcat/assumptions.js';
import { DcatParseError, MAX_RDF_CHARS, parseDcat } from './dcat/import.js';
import { RDF_SYNTAXES, resolveSyntax, syntaxFromName, SYNTAX_MEDIA_TYPES } from './dcat/syntax.js';
import { jobsFor } from '../kernel/jobs/index.js';
import { AppError } from '../kernel/errors.js';
import { FILE_TYPES, LICENSES, PERSONAL_DATA_CLASSES, SECTORS, THEME_LABELS, THEMES } from './vocab.js';

const TAG = ['catalog'];
const secured = API_KEY_SECURITY;

/** Accepts `a=1&a=2` and `a=1,2`. */
const multi = (item: z.ZodType<string, string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50))
    .optional();

const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p));
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: west,south,east,north (WGS84 degrees)' });
      return z.NEVER;
    }
    return parts;
  })
  .pipe(bboxSchema);

export const searchQuerySchema = z.strictObject({
  ...pagingQuery,
  q: z.string().trim().max(200).optional(),
  theme: multi(z.enum(THEMES)),
  publisher: multi(idSchema),
  format: multi(z.enum(FILE_TYPES)),
  license: multi(z.enum(LICENSES)),
  personalData: multi(z.enum(PERSONAL_DATA_CLASSES)),
  sector: multi(z.enum(SECTORS)),
  mandate: multi(idSchema),
  bbox: bboxParam.optional(),
  sort: z.enum(['relevance', 'title', '-title', 'modified', '-modified']).default('relevance'),
  facets: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});
type SearchParams = z.output<typeof searchQuerySchema>;

export function toSearchQuery(p: SearchParams): SearchQuery {
  const filters: SearchQuery['filters'] = {};
  for (const facet of ['theme', 'publisher', 'format', 'license', 'personalData', 'sector', 'mandate'] as const satisfies readonly FacetName[]) {
    const values = p[facet];
    if (values && values.length) filters[facet] = values;
  }
  return {
    q: p.q || undefined,
    filters,
    bbox: p.bbox as SearchQuery['bbox'],
    sort: p.sort,
    limit: p.pageSize,
    offset: (p.page - 1) * p.pageSize,
    facets: p.facets,
  };
}

const HARVEST_MEDIA_TYPES = [...RDF_SYNTAXES.flatMap((s) => SYNTAX_MEDIA_TYPES[s]), 'application/xml', 'text/xml'];

const harvestQuery = z.strictObject({
  format: z
    .string()
    .transform((v, c) => {
      const syntax = syntaxFromName(v);
      if (!syntax) c.addIssue({ code: 'custom', message: 'must be ttl, nt, jsonld or rdfxml' });
      return syntax ?? z.NEVER;
    })
    .optional(),
  assume: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  /** Shorthand for assume=personalData=none, kept for existing clients. */
  assumeNoPersonalData: z.enum(['true', 'false']).default('false'),
});

function harvestAssumptions(query: z.output<typeof harvestQuery>) {
  const pairs = [...(query.assumeNoPersonalData === 'true' ? ['personalData=none'] : []), ...(query.assume ?? [])];
  try {
    return parseAssumptions(pairs);
  } catch (e) {
    if (e instanceof AssumptionError) throw new AppError('invalid-query', e.message, [{ name: 'assume', reason: e.message, in: 'query' }]);
    throw e;
  }
}

/** The one place a harvest's parse error becomes a problem: unreadable or unsafe RDF is 400, too large 413. */
function parseProblem(e: DcatParseError): AppError {
  return new AppError(e.kind === 'too-large' ? 'payload-too-large' : 'malformed-rdf', e.message);
}

const facetList = z.array(z.object({ value: z.string(), count: z.number(), label: z.string().optional() }));
const listResponse = pageSchema(datasetSchema).extend({ facets: z.record(z.string(), facetList) });

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const idParams = z.strictObject({ id: idSchema });

  app.get('/catalog/datasets', {
    schema: {
      tags: TAG,
      summary: 'Search the data register',
      description: 'Full-text search (Dutch and English), facet filters (repeat a parameter or separate values by commas), WGS84 bbox, sort and paging. Facet counts are over the whole result.',
      querystring: searchQuerySchema,
      response: { 200: listResponse },
    },
  }, async (req) => {
    const p = req.query as SearchParams;
    const result = await catalogStore(ctx.store).search(ctx.store, toSearchQuery(p));
    const page = toPage(await withPublishers(ctx.store, result.items), result.total, p.page, p.pageSize, req.url);
    const facets: Record<string, Array<{ value: string; count: number; label?: string }>> = { ...result.facets };
    if (result.facets.publisher) {
      const labels = await publisherLabels(ctx.store, result.facets.publisher.map((f) => f.value));
      facets.publisher = result.facets.publisher.map((f) => ({ ...f, label: labels.get(f.value) ?? f.value }));
    }
    return { ...page, facets };
  });

  const formatQuery = z.strictObject({ format: z.enum(['json', 'ttl', 'turtle', 'jsonld']).optional() });

  app.get('/catalog', {
    schema: {
      tags: TAG,
      summary: 'The whole catalogue as DCAT-AP-NL 3.0 RDF',
      description: 'Turtle for `Accept: text/turtle` or `?format=ttl`, JSON-LD otherwise. Streamed; harvestable by national portals.',
      querystring: formatQuery,
    },
  }, async (req, reply) => {
    const { format } = req.query as { format?: string };
    const rdf = negotiateRdf(req.headers.accept, format) ?? 'jsonld';
    return reply.type(`${DCAT_MEDIA_TYPES[rdf]}; charset=utf-8`).send(Readable.from(catalogRdf(ctx, rdf)));
  });

  app.get('/catalog/datasets/:id', {
    schema: {
      tags: TAG,
      summary: 'One dataset with its publisher and mandate chain',
      description: 'JSON by default; DCAT-AP-NL RDF for `Accept: text/turtle` / `application/ld+json` or `?format=ttl|jsonld`.',
      params: idParams,
      querystring: formatQuery,
      response: { 200: datasetSchema },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const d = await catalogStore(ctx.store).get(ctx.store, id);
    if (!d) throw notFound('Dataset', id);
    const rdf = negotiateRdf(req.headers.accept, (req.query as { format?: string }).format);
    if (rdf) return reply.type(`${DCAT_MEDIA_TYPES[rdf]}; charset=utf-8`).serializer((x: unknown) => x as string).send(await datasetRdf(ctx, d, rdf));
    return datasetDetail(ctx.store, d);
  });

  app.post('/catalog/datasets', {
    config: { access: bodyPublisher },
    schema: { tags: TAG, summary: 'Register a dataset (publisher key)', security: secured, body: datasetInput, response: { 201: datasetSchema } },
  }, async (req, reply) => {
    const d = await ctx.store.transaction((tx) => service.createDataset(tx, req.body, ctx.baseUrl));
    return reply.status(201).header('location', `${req.url.split('?')[0]}/${d.id}`).send(d);
  });

  app.put('/catalog/datasets/:id', {
    config: { access: async (req) => publishers(req, true) },
    schema: { tags: TAG, summary: "Replace a dataset (its publisher's key)", security: secured, params: idParams, body: datasetInput, response: { 200: datasetSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await catalogStore(ctx.store).get(ctx.store, id))) throw notFound('Dataset', id);
    return ctx.store.transaction((tx) => service.replaceDataset(tx, id, req.body, ctx.baseUrl));
  });

  app.delete('/catalog/datasets/:id', {
    config: { access: async (req) => publishers(req, false) },
    schema: { tags: TAG, summary: "Remove a dataset (its publisher's key)", security: secured, params: idParams },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await catalogStore(ctx.store).get(ctx.store, id))) throw notFound('Dataset', id);
    await ctx.store.transaction((tx) => service.deleteDataset(tx, id));
    return reply.status(204).send();
  });

  // Harvest bodies are RDF text, larger than the JSON limit; octet streams are sniffed. The
  // parsers live in a scope of their own, so other routes still refuse these types (415).
  await app.register(async (scope) => {
    addTextParser(scope, [...HARVEST_MEDIA_TYPES, 'application/octet-stream'], MAX_RDF_CHARS);

    scope.post('/catalog/harvest', {
      schema: {
        tags: TAG,
        summary: 'Harvest DCAT RDF (Turtle, N-Triples, JSON-LD or RDF/XML): upsert by identifier, as a job',
        description:
          'Send the RDF as the body: Content-Type text/turtle, application/n-triples, application/ld+json or application/rdf+xml (or `?format=`; ' +
          'with application/octet-stream the syntax is sniffed). Unparseable RDF is answered at once (400 malformed-rdf); otherwise 202 with a job ' +
          'to follow at /api/v1/jobs/{id}, whose result reports per dataset what was kept, defaulted (with the default) and dropped (by property URI, counted), ' +
          'and the organisations and mandates created. Only what DCAT-AP-NL requires is required; for what a source leaves out, state assumptions as ' +
          '`assume=name=value` (repeatable: personalData, legalBasis, organisationKind, accessRights, theme, license). The administrator key also creates ' +
          'the organisations and mandates the datasets need, in the same transaction; an organisation key imports only its own datasets.',
        security: secured,
        querystring: harvestQuery,
      },
    }, async (req, reply) => {
      const principal = requirePrincipal(req);
      if (typeof req.body !== 'string') throw new AppError('unsupported-media-type', `Send the catalogue as ${HARVEST_MEDIA_TYPES.join(', ')}`);
      const query = req.query as z.output<typeof harvestQuery>;
      const text = req.body;
      const syntax = resolveSyntax({ ...(query.format ? { stated: query.format } : {}), mediaType: req.headers['content-type'], text });
      const assume = harvestAssumptions(query);
      // Parse errors are the client's: answer them now rather than as a failed job.
      const parsed = await parseDcat(text, syntax, { assume }).catch((e: unknown) => {
        throw e instanceof DcatParseError ? parseProblem(e) : e;
      });
      const job = await jobsFor(ctx).start('catalog-harvest', (progress) =>
        harvestParsed(ctx, parsed, {
          assume,
          principal: principal.kind === 'organisation' ? { kind: 'organisation', organisationId: principal.organisationId } : { kind: 'admin' },
          onProgress: (p) => progress(p.done, p.total),
        }),
      );
      return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
    });
  });

  app.get('/catalog/vocab', { schema: { tags: TAG, summary: 'The code lists the register uses, with labels' } }, async () => ({
    themes: THEMES.map((code) => ({ code, label: THEME_LABELS[code] })),
    licenses: LICENSES,
    formats: FILE_TYPES,
    personalData: PERSONAL_DATA_CLASSES,
    sectors: SECTORS,
  }));

  /** The stored dataset's publisher and, for a replacement, the one the body names: the key must be both's. */
  async function publishers(req: FastifyRequest, withBody: boolean) {
    const d = await catalogStore(ctx.store).get(ctx.store, (req.params as { id: string }).id);
    if (!d) return undefined;
    const named = withBody ? bodyPublisher(req) : undefined;
    return named ? [d.publisherId, named] : [d.publisherId];
  }
}

function bodyPublisher(req: FastifyRequest): string | undefined {
  const named = (req.body as { publisherId?: unknown } | undefined)?.publisherId;
  return typeof named === 'string' ? named : undefined;
}
