import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../governance/index.js';
import type { AppContext } from '../../kernel/capability.js';
import { notFound } from '../../kernel/errors.js';
import { pageSchema, pagingQuery, toPage } from '../../kernel/http/paging.js';
import { bodyOwner, storedOwner } from '../../kernel/http/authentication.js';
import { API_KEY_SECURITY } from '../../kernel/http/security.js';
import { addTraceabilitySource } from '../traceability/report.js';
import { addProcessingSource } from '../processing/sources.js';
import { sensorProcessingSource } from './processing-source.js';
import { toCsv, toGeoJson } from './export.js';
import { DEVICE_CATEGORIES, deviceInput, SENSOR_FLAGS, SENSOR_THEMES, sensorSchema } from './model.js';
import { fromDevice } from './entries.js';
import { getSensor, listSensors, saveDevice, type SensorFilter } from './register.js';
import * as store from './store.js';
import { sensorTraceSource } from './trace-source.js';

const TAG = ['registers'];
const idParams = z.strictObject({ id: idSchema });
const filter = {
  category: z.enum(DEVICE_CATEGORIES).optional(),
  personalData: z.enum(['yes', 'no', 'unknown']).optional().describe('unknown: nobody declared it'),
  owner: idSchema.optional(),
  theme: z.enum(SENSOR_THEMES).optional(),
  source: z.enum(['live', 'registered']).optional(),
  flag: z.enum(SENSOR_FLAGS).optional(),
  flagged: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  q: z.string().trim().min(1).max(200).optional(),
};
const DESCRIPTION =
  'Generated from the live capability’s Things and Datastreams (SensorThings) plus devices registered without data flowing in, aligned with Kadaster’s SensRNet model. ' +
  'Personal data, purpose, legal basis, retention and mandate come from each Datastream’s declaration (meta) when present. ' +
  'Flags: personal-data-without-legal-basis (a stream or device processes personal data and names no legal basis), no-owner.';

export async function sensorRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addTraceabilitySource(ctx, sensorTraceSource);
  addProcessingSource(ctx, sensorProcessingSource);

  const listQuery = z.strictObject({ ...pagingQuery, ...filter });
  app.get('/registers/sensors', {
    schema: { tags: TAG, summary: 'The sensor register, paged, with filters', description: DESCRIPTION, querystring: listQuery, response: { 200: pageSchema(sensorSchema) } },
  }, async (req) => {
    const p = req.query as z.output<typeof listQuery>;
    const all = await listSensors(ctx.store, ctx.baseUrl, p as SensorFilter);
    const from = (p.page - 1) * p.pageSize;
    return { ...toPage(all.slice(from, from + p.pageSize), all.length, p.page, p.pageSize, req.url), flagged: all.filter((e) => e.flags.length).length };
  });

  const exportQuery = z.strictObject({ ...filter, format: z.enum(['geojson', 'csv']).default('geojson') });
  app.get('/registers/sensors/export', {
    schema: { tags: TAG, summary: 'The sensor register as GeoJSON (WGS84) or CSV (UTF-8, RFC 4180; lists joined with " | ")', querystring: exportQuery },
  }, async (req, reply) => {
    const p = req.query as z.output<typeof exportQuery>;
    const all = await listSensors(ctx.store, ctx.baseUrl, p as SensorFilter);
    if (p.format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="sensorregister.csv"').send('\uFEFF' + toCsv(all));
    }
    return reply.type('application/geo+json').header('content-disposition', 'attachment; filename="sensorregister.geojson"').send(JSON.stringify(toGeoJson(all)));
  });

  app.get('/registers/sensors/:id', {
    schema: { tags: TAG, summary: 'One sensor of the register (sta-{ThingId} for live Things)', params: idParams, response: { 200: sensorSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const e = await getSensor(ctx.store, ctx.baseUrl, id);
    if (!e) throw notFound('Sensor', id);
    return e;
  });

  app.post('/registers/sensors/devices', {
    config: { access: bodyOwner('ownerId') },
    schema: { tags: TAG, summary: 'Register a device without data flowing in (owner organisation’s key)', security: API_KEY_SECURITY, body: deviceInput, response: { 201: sensorSchema } },
  }, async (req, reply) => {
    const d = await ctx.store.transaction((tx) => saveDevice(tx, req.body));
    return reply.status(201).header('location', `/api/v1/registers/sensors/${d.id}`).send(fromDevice(d));
  });

  app.put('/registers/sensors/devices/:id', {
    config: { access: storedOwner(ownerOf, 'ownerId') },
    schema: { tags: TAG, summary: 'Replace a registered device (owner’s key)', security: API_KEY_SECURITY, params: idParams, body: deviceInput, response: { 200: sensorSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await existing(id);
    return fromDevice(await ctx.store.transaction((tx) => saveDevice(tx, req.body, id)));
  });

  app.delete('/registers/sensors/devices/:id', {
    config: { access: storedOwner(ownerOf) },
    schema: { tags: TAG, summary: 'Remove a registered device (owner’s key)', security: API_KEY_SECURITY, params: idParams },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await existing(id);
    await ctx.store.transaction((tx) => store.deleteDevice(tx, id));
    return reply.status(204).send();
  });

  async function ownerOf(id: string): Promise<string | undefined> {
    return (await store.getDevice(ctx.store, id))?.ownerId;
  }

  async function existing(id: string): Promise<void> {
    if (!(await store.getDevice(ctx.store, id))) throw notFound('Sensor device', id);
  }
}
