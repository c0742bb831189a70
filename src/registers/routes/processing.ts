import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { idSchema } from '../../governance/index.js';
import type { AppContext } from '../../kernel/capability.js';
import { pageSchema, pagingQuery, toPage } from '../../kernel/http/paging.js';
import { API_KEY_SECURITY } from '../../kernel/http/security.js';
import { csvHeader, csvRow } from '../processing/csv.js';
import { processingDetailsInput, processingRecordSchema, type ProcessingRecord } from '../processing/model.js';
import { datasetProcessingRecord, datasetWithPersonalData, setDatasetDetails } from '../processing/service.js';
import { processingRecords } from '../processing/sources.js';
import { internalFor } from '../processing/store.js';
import { mayReadInternal, storedOwner } from '../../kernel/http/authentication.js';

const TAG = ['registers'];
const idParams = z.strictObject({ id: idSchema });
const filterQuery = { controller: idSchema.optional(), source: z.string().trim().min(1).max(100).optional() };

export async function processingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {

  const listQuery = z.strictObject({ ...pagingQuery, ...filterQuery });
  app.get('/registers/processing', {
    schema: {
      tags: TAG,
      summary: 'The register of processing activities (AVG art. 30), generated from what runs',
      description: 'One record per dataset holding personal data, and per record other capabilities provide. Values nobody has filled in yet read "onbekend" and are listed in unknownFields.',
      querystring: listQuery,
      response: { 200: pageSchema(processingRecordSchema) },
    },
  }, async (req) => {
    const p = req.query as z.output<typeof listQuery>;
    const from = (p.page - 1) * p.pageSize;
    const items: ProcessingRecord[] = [];
    let total = 0;
    for await (const r of processingRecords(ctx, p)) {
      if (total >= from && items.length < p.pageSize) items.push(r);
      total++;
    }
    return toPage(items, total, p.page, p.pageSize, req.url);
  });

  const exportQuery = z.strictObject(filterQuery);
  app.get('/registers/processing/export', {
    schema: { tags: TAG, summary: 'The register of processing activities as CSV (UTF-8, RFC 4180; lists joined with " | ")', querystring: exportQuery },
  }, async (req, reply) => {
    const filter = req.query as z.output<typeof exportQuery>;
    async function* lines() {
      yield '\uFEFF' + csvHeader(); // the BOM makes spreadsheet programs read UTF-8
      for await (const r of processingRecords(ctx, filter)) yield csvRow(r);
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="verwerkingsregister.csv"')
      .send(Readable.from(lines()));
  });

  app.get('/registers/processing/datasets/:id', {
    schema: {
      tags: TAG,
      summary: 'The processing record of one dataset',
      description: 'Internal fields are included only for a key of the publisher or the administrator.',
      params: idParams,
      response: { 200: processingRecordSchema },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const d = await datasetWithPersonalData(ctx.store, id);
    const record = await datasetProcessingRecord(ctx.store, d);
    if (mayReadInternal(req, d.publisherId)) return { ...record, internal: (await internalFor(ctx.store, id)) ?? {} };
    return record;
  });

  app.put('/registers/processing/datasets/:id', {
    config: { access: storedOwner(async (id) => (await datasetWithPersonalData(ctx.store, id).catch(() => undefined))?.publisherId) },
    schema: {
      tags: TAG,
      summary: 'Set the art. 30 details of a dataset that holds personal data (publisher’s key)',
      description: 'Replaces all details; a field left out reads "onbekend" again.',
      security: API_KEY_SECURITY,
      params: idParams,
      body: processingDetailsInput,
      response: { 200: processingRecordSchema },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await datasetWithPersonalData(ctx.store, id);
    return ctx.store.transaction((tx) => setDatasetDetails(tx, id, req.body));
  });
}
