import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../capability.js';
import { pageSchema, pagingQuery, toPage } from '../http/paging.js';
import { API_KEY_SECURITY } from '../http/security.js';
import { logbookFor } from './registry.js';
import { processingEntry } from './model.js';
import { TRACE_ID } from './trace-context.js';

const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());

const query = z.strictObject({
  ...pagingQuery,
  traceId: z.string().regex(TRACE_ID, 'must be 32 lower-case hex digits').optional(),
  activityId: z.string().min(1).max(320).optional().describe('e.g. contract:<id>'),
  from: instant.optional().describe('startedAt at or after this instant (ISO 8601 with offset)'),
  to: instant.optional().describe('startedAt before this instant'),
});

/** `GET /logbook`: the processing log, for the administrator. */
export async function logbookRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): Promise<void> {
  app.get('/logbook', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'The processing log (Logboek Dataverwerkingen), newest first (administrator)',
      description: 'One record per processing operation: W3C trace and span ids, the processing activity (e.g. contract:<id>), the peer organisation, status and times. Data subject ids appear only as a keyed hash.',
      security: API_KEY_SECURITY,
      querystring: query,
      response: { 200: pageSchema(processingEntry).extend({ totalIsLowerBound: z.boolean().optional().describe('true when more match than were counted (10,000 past the page): total is then a lower bound') }) },
    },
  }, async (req) => {
    const q = req.query as z.output<typeof query>;
    const { items, total, exact } = await logbookFor(ctx).list(q, q.pageSize, (q.page - 1) * q.pageSize);
    const page = toPage(items, total, q.page, q.pageSize, req.url);
    return exact ? page : { ...page, totalIsLowerBound: true };
  });
}
