import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../governance/index.js';
import type { AppContext } from '../../kernel/capability.js';
import { pagingQuery, toPage } from '../../kernel/http/paging.js';
import { governanceGraph } from '../graph.js';
import { CLASS_LABELS, TRACE_CLASSES } from '../traceability/classify.js';
import { traceabilityPage, traceabilitySummary } from '../traceability/report.js';
import { TRACE_KINDS } from '../traceability/sources.js';

const TAG = ['registers'];
const filter = {
  class: z.enum(TRACE_CLASSES).optional(),
  kind: z.enum(TRACE_KINDS).optional(),
  owner: idSchema.optional(),
};

const RULES =
  'Classes: a = decided by an elected body (raadsbesluit, statenbesluit, wet-of-regeling, or decidedBy.elected); ' +
  'b = an executive decision whose basedOn chain reaches an elected decision; c = an agreement, contract or executive decision that does not; ' +
  'd = no mandate (none, only kind "geen", or only unknown ids). An item takes the strongest class among its mandates. Full rules: src/registers/traceability/README.md.';

export async function traceabilityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const listQuery = z.strictObject({ ...pagingQuery, ...filter });
  app.get('/registers/traceability', {
    schema: { tags: TAG, summary: 'Democratic traceability: every item with the class of its mandate chain, paged', description: RULES, querystring: listQuery },
  }, async (req) => {
    const p = req.query as z.output<typeof listQuery>;
    const result = await traceabilityPage(ctx, { class: p.class, kind: p.kind, owner: p.owner }, p.page, p.pageSize);
    return { ...toPage(result.items, result.total, p.page, p.pageSize, req.url), totals: result.totals, classes: CLASS_LABELS };
  });

  const summaryQuery = z.strictObject(filter);
  app.get('/registers/traceability/summary', {
    schema: { tags: TAG, summary: 'Democratic traceability: totals per class, per kind and per owner organisation', description: RULES, querystring: summaryQuery },
  }, async (req) => ({ ...(await traceabilitySummary(ctx, req.query as z.output<typeof summaryQuery>)), classes: CLASS_LABELS }));

  app.get('/registers/governance-graph', {
    schema: {
      tags: TAG,
      summary: 'The governance network: organisations, deciding bodies, mandates and the items resting on them',
      description: 'Nodes carry a layer: constitutional (elected bodies, laws, public bodies, decisions reaching an elected body) or parallel (agreements, networks, companies). Edges: decided-by, based-on, signed-by, rests-on (with counts), part-of, owned-by.',
    },
  }, async () => governanceGraph(ctx));
}
