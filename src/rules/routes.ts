import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticatorFor } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { registerFeatureApi } from '../kernel/features/index.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { pagingQuery, toPage } from '../kernel/http/paging.js';
import { jobsFor } from '../kernel/jobs/index.js';
import { answerBody, checkBuildingBody, checkScenarioBody, type CheckScenarioBody, hereBody, planIdSchema, pointQuery, startCheckBody, type CheckBuildingBody, type HereBody, type PointQuery } from './model.js';
import { rulesFeatureApi } from './features.js';
import * as service from './service.js';
import { rulesStore } from './store/index.js';

const TAG = ['rules'];
const GML_TYPES = ['application/gml+xml', 'application/xml', 'text/xml'];

export async function rulesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const auth = authenticatorFor(ctx);
  const planParams = z.strictObject({ id: planIdSchema });
  const checkParams = z.strictObject({ id: z.uuid() });

  // Plan files are GML, far larger than the JSON limit.
  app.addContentTypeParser(GML_TYPES, { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

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
    await auth.requireAdmin(req);
    if (typeof req.body !== 'string') throw new AppError('unsupported-media-type', 'Send the plan as application/gml+xml or application/xml');
    const parsed = service.parsePlanOrThrow(req.body);
    const job = await jobsFor(ctx).start('rules-plan-import', (progress) => service.importPlan(ctx, parsed, progress));
    return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
  });

  app.delete('/rules/plans/:id', {
    schema: { tags: TAG, summary: 'Remove a plan and its objects (administrator key)', security: API_KEY_SECURITY, params: planParams },
  }, async (req, reply) => {
    await auth.requireAdmin(req);
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
    schema: {
      tags: TAG,
      summary: 'What applies to an area (a parcel): the plan rules it overlaps, with the share covered',
      description: 'Body: { geometry: GeoJSON Polygon or MultiPolygon, crs?: 4326 (default) | 28992 }. Objects that only touch the area are left out.',
      body: hereBody,
    },
  }, async (req) => service.whatAppliesInArea(ctx.store, req.body as HereBody));

  app.post('/rules/check-building', {
    schema: {
      tags: TAG,
      summary: 'Check a planned building against the plan: bouwvlak, maximum bouwhoogte, function',
      description: 'Body: { footprint: GeoJSON Polygon (WGS84), height: metres, function?: e.g. wonen, kantoor }. Answers the conflicts, each with its rule and plan.',
      body: checkBuildingBody,
    },
  }, async (req) => service.checkPlannedBuilding(ctx.store, req.body as CheckBuildingBody));

  app.post('/rules/check-scenario', {
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
    schema: { tags: TAG, summary: 'Activities the permit check knows: the loaded STTR rule files, and any that failed to load' },
  }, async () => service.listActivities(ctx));

  app.post('/rules/checks', {
    schema: {
      tags: TAG,
      summary: 'Start a permit check for an activity: the first question',
      description: 'Body: { activity: an id, name or conclusion decision from /rules/activities, location?: { lon, lat } }. The check is stored and survives a restart.',
      body: startCheckBody,
    },
  }, async (req, reply) => {
    const check = await ctx.store.transaction((tx) => service.startPermitCheck(ctx, tx, req.body as z.output<typeof startCheckBody>));
    return reply.status(201).header('location', `/api/v1/rules/checks/${check.id}`).send(check);
  });

  app.get('/rules/checks/:id', { schema: { tags: TAG, summary: 'A permit check: answers so far and the next question or the conclusion', params: checkParams } }, async (req) =>
    service.getPermitCheck(ctx.store, (req.params as { id: string }).id),
  );

  app.post('/rules/checks/:id/answers', {
    schema: {
      tags: TAG,
      summary: 'Answer a question: the next question, or the conclusion with the rules that fired and their explanations',
      params: checkParams,
      body: answerBody,
    },
  }, async (req) => ctx.store.transaction((tx) => service.answerPermitCheck(ctx, tx, (req.params as { id: string }).id, req.body as z.output<typeof answerBody>)));
}
