import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { registerFeatureApi } from '../kernel/features/index.js';
import { requirePrincipal } from '../kernel/http/authentication.js';
import { addTextParser } from '../kernel/http/body.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { pagingQuery, toPage } from '../kernel/http/paging.js';
import { jobsFor } from '../kernel/jobs/index.js';
import { activityParams, answerBody, checkBuildingBody, checkScenarioBody, type CheckScenarioBody, hereBody, importSttrQuery, planIdSchema, pointQuery, startCheckBody, type CheckBuildingBody, type HereBody, type PointQuery } from './model.js';
import { rulesFeatureApi } from './features.js';
import * as permits from './permits.js';
import * as service from './service.js';
import { MAX_STTR_BYTES } from './sttr/index.js';
import type { Importer } from './store/index.js';
import { rulesStore } from './store/index.js';

const TAG = ['rules'];
const GML_TYPES = ['application/gml+xml', 'application/xml', 'text/xml'];

export async function rulesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const planParams = z.strictObject({ id: planIdSchema });
  const checkParams = z.strictObject({ id: z.uuid() });

  // Plan files are GML, far larger than the JSON limit.
  addTextParser(app, GML_TYPES, 64 * 1024 * 1024);

  app.get('/rules/plans', {
    schema: { tags: TAG, summary: 'Imported spatial plans (bestemmingsplannen)', querystring: z.strictObject(pagingQuery) },
  }, async (req) => {
    const { page, pageSize } = req.query as { page: number; pageSize: number };
    const { items, total } = await rulesStore(ctx.store).listPlans(ctx.store, pageSize, (page - 1) * pageSize);
    return toPage(items, total, page, pageSize, req.url);
  });

  app.get('/rules/plans/:id', {
    schema: { tags: TAG, summary: 'One plan: its identification, status, import report and objects (without geometry)', params: planParams },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const store = rulesStore(ctx.store);
    const plan = await store.getPlan(ctx.store, id);
    if (!plan) throw notFound('Plan', id);
    return { ...plan, objects: await store.planObjects(ctx.store, id) };
  });

  app.post('/rules/plans', {
    config: { access: 'admin' },
    schema: {
      tags: TAG,
      summary: 'Import an IMRO2008 / IMRO2012 plan (GML), as a job (administrator key)',
      description:
        'Send the GML as the body (Content-Type application/gml+xml or application/xml). A file that cannot be read is answered at once (400, naming ' +
        'the element and line); otherwise 202 with a job to follow at /api/v1/jobs/{id}, whose result is the stored plan and the import report ' +
        '(object counts, unknown object types kept, warnings). A plan with the same identification is replaced.',
      security: API_KEY_SECURITY,
    },
  }, async (req, reply) => {
    if (typeof req.body !== 'string') throw new AppError('unsupported-media-type', 'Send the plan as application/gml+xml or application/xml');
    const parsed = service.parsePlanOrThrow(req.body);
    const job = await jobsFor(ctx).start('rules-plan-import', (progress) => service.importPlan(ctx, parsed, progress));
    return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
  });

  app.delete('/rules/plans/:id', {
    config: { access: 'admin' },
    schema: { tags: TAG, summary: 'Remove a plan and its objects (administrator key)', security: API_KEY_SECURITY, params: planParams },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const gone = await ctx.store.transaction((tx) => rulesStore(tx).deletePlan(tx, id));
    if (!gone) throw notFound('Plan', id);
    return reply.status(204).send();
  });

  app.get('/rules/here', {
    schema: {
      tags: TAG,
      summary: 'What applies here: the plan rules at a point',
      description: 'lon/lat in WGS84, or x/y with crs=28992 (RD New). Per plan: bestemmingen with their norms, bouwvlak yes/no, aanduidingen, maatvoeringen.',
      querystring: pointQuery,
    },
  }, async (req) => service.whatAppliesAtPoint(ctx.store, req.query as PointQuery));

  app.post('/rules/here', {
    // A question anyone may ask (residents have no key): capped per client instead.
    config: { anonymous: true },
    schema: {
      tags: TAG,
      summary: 'What applies to an area (a parcel): the plan rules it overlaps, with the share covered',
      description: 'Body: { geometry: GeoJSON Polygon or MultiPolygon, crs?: 4326 (default) | 28992 }. Objects that only touch the area are left out.',
      body: hereBody,
    },
  }, async (req) => service.whatAppliesInArea(ctx.store, req.body as HereBody));

  app.post('/rules/check-building', {
    // A question anyone may ask (residents have no key): capped per client instead.
    config: { anonymous: true },
    schema: {
      tags: TAG,
      summary: 'Check a planned building against the plan: bouwvlak, maximum bouwhoogte, function',
      description: 'Body: { footprint: GeoJSON Polygon (WGS84), height: metres, function?: e.g. wonen, kantoor }. Answers the conflicts, each with its rule and plan.',
      body: checkBuildingBody,
    },
  }, async (req) => service.checkPlannedBuilding(ctx.store, req.body as CheckBuildingBody));

  app.post('/rules/check-scenario', {
    // A question anyone may ask (residents have no key): capped per client instead.
    config: { anonymous: true },
    schema: {
      tags: TAG,
      summary: 'Check every planned building of a twin scenario against the plan where it stands',
      description: 'Body: { scenario: id, function? }. Answers per planned building its height and the conflicts (bouwvlak, maximum bouwhoogte, function).',
      body: checkScenarioBody,
    },
  }, async (req) => service.checkScenario(ctx.store, req.body as CheckScenarioBody));

  // ---- plan objects: OGC API Features at /rules (features.ts, served by the kernel) ----
  await registerFeatureApi(app, ctx, rulesFeatureApi(ctx));

  // ---- permit check (STTR) ----
  app.get('/rules/activities', {
    schema: {
      tags: TAG,
      summary: 'Activities the permit check knows: the shipped and imported STTR rule files, and any that failed to load',
      description: 'Each item says where its rules come from: source shipped, or imported with importedBy (administrator or organisation) and importedAt.',
    },
  }, async () => permits.listActivities(ctx, ctx.store));

  const importer = async (req: FastifyRequest): Promise<Importer> => {
    const p = requirePrincipal(req);
    return p.kind === 'admin' ? { kind: 'admin' } : { kind: 'organisation', organisationId: p.organisationId };
  };

  app.post('/rules/activities', {
    bodyLimit: MAX_STTR_BYTES,
    schema: {
      tags: TAG,
      summary: 'Import an STTR rule file (DMN with the STTR extension) as an activity (administrator or an organisation key)',
      description:
        'Send the file as the body (Content-Type application/xml or text/xml), at most 4 MiB. Refused with 400 and the reason: not well-formed XML, ' +
        'a DTD or entity declarations, not DMN, DMN without STTR uitvoeringsregels, a model that does not compile, no conclusion decision, or rules ' +
        'the engine cannot evaluate. id= names the activity (default: from the model name); the same id replaces an earlier import by the same ' +
        'organisation or the administrator; a shipped activity cannot be replaced. The file is stored and listed for every node.',
      security: API_KEY_SECURITY,
      querystring: importSttrQuery,
    },
  }, async (req, reply) => {
    const who = await importer(req);
    if (typeof req.body !== 'string') throw new AppError('unsupported-media-type', 'Send the STTR file as application/xml or text/xml');
    const q = importSttrQuery.parse(req.query);
    const result = await permits.importSttr(ctx, { xml: req.body, ...(q.id ? { id: q.id } : {}), ...(q.fileName ? { fileName: q.fileName } : {}), importedBy: who, via: 'api' });
    return reply.status(result.replaced ? 200 : 201).header('location', `/api/v1/rules/activities/${result.activity.id}`).send(result);
  });

  app.get('/rules/activities/:id', {
    schema: { tags: TAG, summary: 'One activity: its decisions, number of questions and where its rules come from', params: activityParams },
  }, async (req) => permits.getActivity(ctx, ctx.store, activityParams.parse(req.params).id));

  app.delete('/rules/activities/:id', {
    schema: { tags: TAG, summary: 'Remove an imported activity (administrator, or the organisation that imported it)', security: API_KEY_SECURITY, params: activityParams },
  }, async (req, reply) => {
    const who = await importer(req);
    await permits.removeSttr(ctx, activityParams.parse(req.params).id, who);
    return reply.status(204).send();
  });

  app.post('/rules/checks', {
    // A question anyone may ask (residents have no key): capped per client instead.
    config: { anonymous: true },
    schema: {
      tags: TAG,
      summary: 'Start a permit check for an activity: the first question',
      description:
        'Body: { activity: an id, name or conclusion decision from /rules/activities, location?: { lon, lat } }. The check is stored and survives a restart; ' +
        'it expires 24 hours after its last answer (expiresAt), is then refused with 404 and deleted by an hourly sweep. A location question answered ' +
        '"nee" ends the check with step kind "outside" (the rules do not cover the place: no conclusion); an engine error ends it as "failed".',
      body: startCheckBody,
    },
  }, async (req, reply) => {
    const check = await ctx.store.transaction((tx) => permits.startPermitCheck(ctx, tx, req.body as z.output<typeof startCheckBody>));
    return reply.status(201).header('location', `/api/v1/rules/checks/${check.id}`).send(check);
  });

  app.get('/rules/checks/:id', { schema: { tags: TAG, summary: 'A permit check: answers so far and the next question or the conclusion (404 once expired)', params: checkParams } }, async (req) =>
    permits.getPermitCheck(ctx, ctx.store, (req.params as { id: string }).id),
  );

  app.post('/rules/checks/:id/answers', {
    // A question anyone may ask (residents have no key): capped per client instead.
    config: { anonymous: true },
    schema: {
      tags: TAG,
      summary: 'Answer a question: the next question, or the conclusion with the rules that fired and their explanations',
      params: checkParams,
      body: answerBody,
    },
  }, async (req) => ctx.store.transaction((tx) => permits.answerPermitCheck(ctx, tx, (req.params as { id: string }).id, req.body as z.output<typeof answerBody>)));
}
