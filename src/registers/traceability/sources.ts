import type { AppContext } from '../../kernel/capability.js';
import { SourceRegistry } from '../sources.js';

export const TRACE_KINDS = ['dataset', 'sensor', 'algorithm', 'plan', 'rule-set', 'contract'] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

/** Something the platform runs, with the mandates it claims to rest on. */
export interface TraceItem {
  kind: TraceKind;
  id: string;
  title: string;
  ownerId: string;
  mandateIds: readonly string[];
  /** Where the item itself is served, e.g. /api/v1/catalog/datasets/{id}. */
  href: string;
}

/**
 * A provider of items for the traceability report and the governance graph. `items`
 * yields batches in a stable order; `hint.owner` lets a source filter early (the report
 * filters again, so a source may ignore it).
 */
export interface TraceabilitySource {
  name: string;
  kind: TraceKind;
  items(ctx: AppContext, hint: { owner?: string }): AsyncIterable<readonly TraceItem[]>;
}
