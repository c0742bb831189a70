import type { AppContext } from '../../kernel/capability.js';
import { SourceRegistry } from '../sources.js';
import { classifyItem, classifyMandates, TRACE_CLASSES, type ItemVerdict, type MandateVerdict, type TraceClass } from './classify.js';
import { loadMandates } from './mandates.js';
import { algorithmTraceSource, datasetTraceSource } from './providers.js';
import type { TraceabilitySource, TraceItem, TraceKind } from './sources.js';

export const traceabilitySources = new SourceRegistry<TraceabilitySource>([datasetTraceSource, algorithmTraceSource]);

/** Lets another capability add its items (sensors, rule sets, contracts) to the report. */
export function addTraceabilitySource(ctx: AppContext, source: TraceabilitySource): void {
  traceabilitySources.add(ctx, source);
}

export interface TraceFilter {
  class?: TraceClass;
  kind?: TraceKind;
  owner?: string;
}

export type ClassCounts = Record<TraceClass, number> & { total: number };
const zero = (): ClassCounts => ({ a: 0, b: 0, c: 0, d: 0, total: 0 });

export interface ReportItem extends TraceItem, ItemVerdict {}

/** Mandate verdicts for the current state of governance: computed once per request. */
export async function mandateVerdicts(ctx: AppContext): Promise<Map<string, MandateVerdict>> {
  return classifyMandates(await loadMandates(ctx.store));
}

/**
 * Streams every item matching `filter.kind` / `filter.owner` through `visit` with its
 * verdict. The class filter is left to the caller, which also counts the other classes.
 */
export async function scanItems(
  ctx: AppContext,
  filter: Omit<TraceFilter, 'class'>,
  visit: (item: TraceItem, verdict: ItemVerdict) => void,
  verdicts?: ReadonlyMap<string, MandateVerdict>,
): Promise<void> {
  const classes = verdicts ?? (await mandateVerdicts(ctx));
  for (const source of traceabilitySources.list(ctx)) {
    if (filter.kind && source.kind !== filter.kind) continue;
    for await (const batch of source.items(ctx, { owner: filter.owner })) {
      for (const item of batch) {
        if (filter.owner && item.ownerId !== filter.owner) continue;
        if (filter.kind && item.kind !== filter.kind) continue;
        visit(item, classifyItem(item.mandateIds, classes));
      }
    }
  }
}

export interface TraceSummary {
  filter: TraceFilter;
  totals: ClassCounts;
  byKind: Record<string, ClassCounts>;
  byOwner: Record<string, ClassCounts>;
  /** Items naming a mandate that does not exist. */
  unknownMandateReferences: number;
}

export async function traceabilitySummary(ctx: AppContext, filter: TraceFilter): Promise<TraceSummary> {
  const totals = zero();
  const byKind: Record<string, ClassCounts> = {};
  const byOwner: Record<string, ClassCounts> = {};
  let unknown = 0;
  await scanItems(ctx, filter, (item, v) => {
    if (filter.class && v.class !== filter.class) return;
    totals[v.class]++;
    totals.total++;
    const k = (byKind[item.kind] ??= zero());
    k[v.class]++;
    k.total++;
    const o = (byOwner[item.ownerId] ??= zero());
    o[v.class]++;
    o.total++;
    if (v.unknownMandateIds) unknown++;
  });
  return { filter, totals, byKind, byOwner, unknownMandateReferences: unknown };
}

export interface TracePage {
  items: ReportItem[];
  total: number;
  totals: ClassCounts;
}

/** One page of items in provider order, plus the class totals under the kind/owner filter. */
export async function traceabilityPage(ctx: AppContext, filter: TraceFilter, page: number, pageSize: number): Promise<TracePage> {
  const from = (page - 1) * pageSize;
  const to = from + pageSize;
  const totals = zero();
  const items: ReportItem[] = [];
  let index = 0;
  await scanItems(ctx, filter, (item, v) => {
    totals[v.class]++;
    totals.total++;
    if (filter.class && v.class !== filter.class) return;
    if (index >= from && index < to) items.push({ ...item, mandateIds: [...item.mandateIds], ...v });
    index++;
  });
  return { items, total: index, totals };
}

export { TRACE_CLASSES };
