import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bodyOwner, storedOwner } from '../kernel/http/authentication.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import { parseBbox, transformPoint, type Bbox } from '../kernel/geo/index.js';
import { API_KEY_SECURITY } from '../kernel/http/security.js';
import { registerFeatureApi } from '../kernel/features/index.js';
import { jobsFor } from '../kernel/jobs/index.js';
import { bezonning, DEFAULT_RADIUS, type ReportMap } from './analysis/bezonning.js';
import { facadeStudy } from './analysis/facades.js';
import { release, tryReserve } from './analysis/results.js';
import { reportHtml } from './analysis/report-html.js';
import { shadowsAt, sunAt } from './analysis/shadows.js';
import { checkGridSize, computeSunHours } from './analysis/sun-hours.js';
import { rdBoxOf } from './analysis/sun-input.js';
import { twinFeatureApi } from './features.js';
import { prismRoof, scenarioInput, scenarioSchema, type Scenario } from './model.js';
import * as service from './service.js';
import { buildingStore, scenarioStore } from './store/index.js';
import { parseTileName, TILE_SIZE, tileCacheFor, tileGlb, tileName, tileOfExtent, tileOrigin } from './tiles/index.js';

const TAG = ['twin'];
const secured = API_KEY_SECURITY;

const bboxParam = z.string().transform((s, ctx) => {
  const r = parseBbox(s, { geographic: true });
  if (!r.bbox) {
    ctx.addIssue({ code: 'custom', message: r.issues.join('; ') });
    return z.NEVER;
  }
  return r.bbox;
});
const scenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'a scenario id: lower-case letters, digits and hyphens');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time, e.g. 2026-06-21T12:00:00+02:00');
const minAltitude = z.coerce.number().min(0).max(45).default(0);
const buildingId = z.string().min(1).max(200);

/** Largest area (km²) a shadow query may cover; sun-hours grids are limited by cell count instead. */
const MAX_SHADOW_AREA_M2 = 4_000_000;

const importTypes = ['application/city+json', 'application/city+json-seq', 'application/jsonl', 'application/x-ndjson', 'application/octet-stream', 'text/plain'];
const IMPORT_LIMIT = 512 * 1024 * 1024;
/** Artefact names of analysis jobs (kept with the job in the store). */
const SUN_HOURS_PNG = 'sun-hours.png';
const REPORT_MAP = 'report-map.json';

export async function twinRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const jobs = jobsFor(ctx);
  const store = buildingStore(ctx.store);

  const scenarioOf = (id: string | undefined): Promise<Scenario | null> => service.requireScenario(ctx.store, id);
  const scenarioOwner = async (id: string) => (await scenarioStore().get(ctx.store, id))?.ownerId;

  // ---- collections: OGC API Features at /twin (features.ts, served by the kernel) ----
  await registerFeatureApi(app, ctx, twinFeatureApi(ctx));

  // ---- import ----
  app.addContentTypeParser(importTypes, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/twin/imports', {
    config: { access: 'admin' },
    bodyLimit: IMPORT_LIMIT,
    schema: {
      tags: TAG,
      summary: 'Import a CityJSON document or CityJSONSeq (administrator key), as a job',
      description:
        'Send the file as the body: application/city+json or application/json for a document, application/city+json-seq (or application/jsonl) for CityJSONSeq. ' +
        'One import is one transaction; buildings are upserted by their CityObject id. Returns 202 with a job at /api/v1/jobs/{id}. ' +
        'Files in any EPSG CRS whose area of use meets Europe are transformed into RD New + NAP (RD files are kept exactly); `crs` names the CRS of a file that names none. ' +
        'The job result reports the file CRS, `storedIn`, the `skipped` CityObject types and warnings (datum shift, heights not converted, RD stretch).',
      security: secured,
      querystring: z.strictObject({ crs: z.string().max(100).optional(), name: z.string().max(200).optional() }),
    },
  }, async (req, reply) => {
    const { crs, name } = req.query as { crs?: string; name?: string };
    const body = req.body;
    if (body === undefined || body === null) throw new AppError('validation-failed', 'Send the CityJSON file as the request body');
    const source = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body);
    const job = await jobs.start('twin-import', (progress) =>
      service.importBuildings(ctx, source, {
        name: name ?? 'upload',
        crs,
        onProgress: (p) => progress(p.phase === 'storing' ? p.done : 0, p.phase === 'storing' ? (p.total ?? undefined) : undefined),
      }),
    );
    return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
  });

  // ---- tiles ----
  app.get('/twin/tiles', {
    schema: { tags: TAG, summary: 'The GLB tiles of the model (fixed 250 m RD grid), for the 3D viewer', querystring: z.strictObject({ scenario: scenarioId.optional() }) },
  }, async (req) => {
    const scenario = await scenarioOf((req.query as { scenario?: string }).scenario);
    const counts = new Map((await store.tiles(ctx.store)).map((t) => [t.tile, t.n]));
    if (scenario) {
      for (const b of await store.getWithSurfaces(ctx.store, scenario.removals)) if (b.extentRd) counts.set(tileOfExtent(b.extentRd), (counts.get(tileOfExtent(b.extentRd)) ?? 1) - 1);
      for (const p of scenario.planned) if (p.extentRd) counts.set(tileOfExtent(p.extentRd), (counts.get(tileOfExtent(p.extentRd)) ?? 0) + 1);
    }
    const tiles = [...counts].filter(([, n]) => n > 0).map(([name, n]) => {
      const key = parseTileName(name);
      const [x, y] = tileOrigin(key);
      return { col: key.col, row: key.row, buildings: n, originRd: [x, y, 0], href: `/api/v1/twin/tiles/${key.col}/${key.row}.glb${scenario ? `?scenario=${scenario.id}` : ''}` };
    });
    const extent = await store.extent(ctx.store);
    const centre = extent ? transformPoint([(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2], 'EPSG:4326', 'EPSG:28992') : null;
    return {
      crs: 'EPSG:7415',
      tileSize: TILE_SIZE,
      axes: 'glTF +x = RD east, +y = NAP up, -z = RD north; add the tile origin',
      scenario: scenario?.id ?? null,
      buildings: tiles.reduce((n, t) => n + t.buildings, 0),
      bboxWgs84: extent,
      centreRd: centre ? [Number(centre[0].toFixed(2)), Number(centre[1].toFixed(2))] : null,
      planned: (scenario?.planned ?? []).map((p) => ({ id: p.id, name: p.planned?.name ?? null, height: prismRoof(p)! - (p.groundHeight ?? 0), groundHeight: p.groundHeight, extentRd: p.extentRd })),
      tiles,
    };
  });

  app.get('/twin/tiles/:col/:file', {
    schema: {
      tags: TAG,
      summary: 'One tile as binary glTF (GLB): existing and planned buildings, local frame with the RD origin in extras',
      params: z.strictObject({ col: z.coerce.number().int().min(-10_000).max(10_000), file: z.string().regex(/^-?\d{1,5}\.glb$/, 'a row number followed by .glb') }),
      querystring: z.strictObject({ scenario: scenarioId.optional() }),
    },
  }, async (req, reply) => {
    const { col, file } = req.params as { col: number; file: string };
    const key = { col, row: Number(file.slice(0, -4)) };
    const name = tileName(key);
    const scenario = await scenarioOf((req.query as { scenario?: string }).scenario);
    const cache = tileCacheFor(ctx);
    let tile = cache.get(scenario?.id ?? null, name);
    if (!tile) {
      const buildings = [
        ...(await store.inTile(ctx.store, name, scenario?.removals ?? [])),
        ...(scenario?.planned ?? []).filter((p) => p.extentRd && tileOfExtent(p.extentRd) === name),
      ];
      tile = cache.set(scenario?.id ?? null, name, tileGlb(key, buildings, scenario?.id ?? null));
    }
    reply.header('etag', tile.etag).header('cache-control', 'public, max-age=60, must-revalidate');
    if (req.headers['if-none-match'] === tile.etag) return reply.status(304).send();
    return reply.type('model/gltf-binary').send(tile.body);
  });

  // ---- scenarios ----
  const idParams = z.strictObject({ id: scenarioId });

  app.get('/twin/scenarios', { schema: { tags: TAG, summary: 'Scenarios: planned buildings and demolitions, side by side, never changing the base model' } }, async () => ({
    items: (await scenarioStore().list(ctx.store)).map(service.scenarioView),
  }));

  app.post('/twin/scenarios', {
    config: { access: bodyOwner('ownerId') },
    schema: { tags: TAG, summary: 'Create a scenario (owner organisation key)', security: secured, body: scenarioInput, response: { 201: scenarioSchema } },
  }, async (req, reply) => {
    const input = req.body as z.output<typeof scenarioInput>;
    const s = await service.createScenario(ctx, input);
    return reply.status(201).header('location', `/api/v1/twin/scenarios/${s.id}`).send(service.scenarioView(s));
  });

  app.get('/twin/scenarios/:id', { schema: { tags: TAG, summary: 'One scenario', params: idParams, response: { 200: scenarioSchema } } }, async (req) => {
    const s = await scenarioOf((req.params as { id: string }).id);
    return service.scenarioView(s!);
  });

  app.put('/twin/scenarios/:id', {
    config: { access: storedOwner(scenarioOwner, 'ownerId') },
    schema: { tags: TAG, summary: 'Replace a scenario (its owner’s key)', security: secured, params: idParams, body: scenarioInput, response: { 200: scenarioSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await scenarioOf(id);
    const input = req.body as z.output<typeof scenarioInput>;
    return service.scenarioView(await service.replaceScenario(ctx, id, input));
  });

  app.delete('/twin/scenarios/:id', { config: { access: storedOwner(scenarioOwner) }, schema: { tags: TAG, summary: 'Remove a scenario (its owner’s key)', security: secured, params: idParams } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await scenarioOf(id);
    await service.deleteScenario(ctx, id);
    return reply.status(204).send();
  });

  // ---- sun and analyses ----
  app.get('/twin/sun', {
    schema: {
      tags: TAG,
      summary: 'Sun position (NREL SPA) at an instant and place: azimuth from true north and from RD grid north, altitude',
      querystring: z.strictObject({ at: instant, lon: z.coerce.number().min(-180).max(180).optional(), lat: z.coerce.number().min(-90).max(90).optional() }),
    },
  }, async (req) => {
    const q = req.query as { at: string; lon?: number; lat?: number };
    let lon = q.lon;
    let lat = q.lat;
    if (lon === undefined || lat === undefined) {
      const e = await store.extent(ctx.store);
      // Without a place: the middle of the model, or Amersfoort (the middle of RD).
      [lon, lat] = e ? [(e[0] + e[2]) / 2, (e[1] + e[3]) / 2] : [5.38763889, 52.15616056];
    }
    return { ...sunAt(new Date(q.at), { latitude: lat, longitude: lon }), lon, lat };
  });

  app.get('/twin/analyses/shadows', {
    schema: {
      tags: TAG,
      summary: 'Shadows of the buildings on the ground at one instant, as GeoJSON (WGS84)',
      querystring: z.strictObject({ at: instant, bbox: bboxParam, scenario: scenarioId.optional(), minAltitude }),
    },
  }, async (req, reply) => {
    const q = req.query as { at: string; bbox: Bbox; scenario?: string; minAltitude: number };
    const rd = rdBoxOf(q.bbox);
    if ((rd[2] - rd[0]) * (rd[3] - rd[1]) > MAX_SHADOW_AREA_M2) throw new AppError('invalid-query', 'bbox: at most 4 km² per shadow query', [{ name: 'bbox', reason: 'area larger than 4 km²', in: 'query' }]);
    const scenario = await scenarioOf(q.scenario);
    return reply.type('application/geo+json').send(await shadowsAt(ctx.store, scenario, q.bbox, new Date(q.at), q.minAltitude));
  });

  /** Starts an analysis job, at most MAX_RUNNING at a time per platform. */
  async function startAnalysis<R>(reply: FastifyReply, kind: string, work: (progress: (done: number, total?: number) => void, jobId: string) => Promise<R>) {
    if (!tryReserve(ctx)) throw new AppError('rate-limited', 'Two analyses are running already; try again when one has finished');
    try {
      const job = await jobs.start(kind, (progress, jobId) => work(progress, jobId).finally(() => release(ctx)));
      return reply.status(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
    } catch (error) {
      release(ctx);
      throw error;
    }
  }

  const sunHoursBody = z.strictObject({
    bbox: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    date: isoDate,
    stepMinutes: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]).default(5),
    cellSize: z.number().min(0.25).max(50).default(1),
    scenario: scenarioId.optional(),
    minAltitude: z.number().min(0).max(45).default(0),
  });

  app.post('/twin/analyses/sun-hours', {
    // Anyone may study the sun (residents have no key); the work is heavy, so the budget is small.
    config: { anonymous: { perMinute: 6 } },
    schema: {
      tags: TAG,
      summary: 'Hours of direct sun on the ground on one day, as a job: a compact grid plus a PNG heat map',
      description: 'The bbox is WGS84 [west, south, east, north]; the grid is in RD New with square cells of cellSize metres (at most 1,000,000 cells).',
      body: sunHoursBody,
    },
  }, async (req, reply) => {
    const body = req.body as z.output<typeof sunHoursBody>;
    if (body.bbox[0] >= body.bbox[2] || body.bbox[1] >= body.bbox[3]) throw new AppError('validation-failed', 'bbox: west must be less than east and south less than north', [{ name: 'bbox', reason: 'empty box', in: 'body' }]);
    checkGridSize({ bbox: body.bbox, cellSize: body.cellSize });
    const scenario = await scenarioOf(body.scenario);
    return startAnalysis(reply, 'twin-sun-hours', async (progress, jobId) => {
      progress(0, 1);
      const { result, png } = await computeSunHours(ctx.store, scenario, { ...body, bbox: body.bbox as Bbox }, `/api/v1/twin/analyses/${jobId}/sun-hours.png`);
      await jobs.putArtifact(jobId, SUN_HOURS_PNG, 'image/png', png);
      progress(1, 1);
      return result;
    });
  });

  app.get('/twin/analyses/:jobId/sun-hours.png', {
    schema: { tags: TAG, summary: 'The heat map of a finished sun-hours job (north up, one pixel per cell, transparent inside buildings)', params: z.strictObject({ jobId: z.uuid() }) },
  }, async (req, reply) => {
    const png = await jobs.getArtifact((req.params as { jobId: string }).jobId, SUN_HOURS_PNG);
    if (!png) throw new AppError('not-found', 'No finished sun-hours analysis with this id (results are kept for 30 days)');
    return reply.type(png.mediaType).header('cache-control', 'public, max-age=3600').send(png.body);
  });

  const studyFields = {
    year: z.number().int().min(1900).max(2200).default(new Date().getUTCFullYear()),
    stepMinutes: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30)]).default(5),
    minAltitude: z.number().min(0).max(45).default(0),
    spacing: z.number().min(0.5).max(50).default(2),
  };
  const facadesBody = z.strictObject({ buildings: z.array(buildingId).min(1).max(50), scenario: scenarioId.optional(), ...studyFields });

  app.post('/twin/analyses/facades', {
    // Anyone may study the sun (residents have no key); the work is heavy, so the budget is small.
    config: { anonymous: { perMinute: 6 } },
    schema: { tags: TAG, summary: 'Facade points of chosen buildings judged against the TNO light and strict sun norms, as a job', body: facadesBody },
  }, async (req, reply) => {
    const body = req.body as z.output<typeof facadesBody>;
    const scenario = await scenarioOf(body.scenario);
    const { buildings, scenario: _s, ...options } = body;
    return startAnalysis(reply, 'twin-facades', () => facadeStudy(ctx.store, scenario, buildings, options));
  });

  const bezonningBody = z.strictObject({
    scenario: scenarioId,
    buildings: z.array(buildingId).min(1).max(200).optional(),
    radius: z.number().min(1).max(500).default(DEFAULT_RADIUS),
    ...studyFields,
  });

  app.post('/twin/analyses/bezonning', {
    // Anyone may study the sun (residents have no key); the work is heavy, so the budget is small.
    config: { anonymous: { perMinute: 6 } },
    schema: {
      tags: TAG,
      summary: 'Bezonningsstudie of a scenario, as a job: which facades fall below a TNO norm because of it, before/after hours',
      description: 'By default every building within `radius` (100 m) of the planned or removed buildings is studied. The result links a printable report (report.html).',
      body: bezonningBody,
    },
  }, async (req, reply) => {
    const body = req.body as z.output<typeof bezonningBody>;
    const scenario = (await scenarioOf(body.scenario))!;
    const { buildings, scenario: _s, ...options } = body;
    return startAnalysis(reply, 'twin-bezonning', async (progress, jobId) => {
      const { result, map } = await bezonning(ctx.store, scenario, buildings, options, progress);
      await jobs.putArtifact(jobId, REPORT_MAP, 'application/json', JSON.stringify({ map, at: new Date().toISOString() }));
      return { ...result, report: `/api/v1/twin/analyses/${jobId}/report.html` };
    });
  });

  app.get('/twin/analyses/:jobId/report.html', {
    schema: { tags: TAG, summary: 'The printable bezonningsstudie report (Dutch HTML) of a finished job', params: z.strictObject({ jobId: z.uuid() }) },
  }, async (req: FastifyRequest, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = await jobs.get(jobId);
    const artifact = job?.kind === 'twin-bezonning' && job.state === 'succeeded' ? await jobs.getArtifact(jobId, REPORT_MAP) : undefined;
    if (!job || !artifact) throw new AppError('not-found', 'No finished bezonningsstudie with this id (results are kept for 30 days)');
    const stored = JSON.parse(artifact.body.toString('utf8')) as { map: ReportMap; at: string };
    return reply.type('text/html; charset=utf-8').send(reportHtml(job.result as never, stored.map, stored.at));
  });
}
