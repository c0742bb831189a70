import type { AppContext } from '../../kernel/capability.js';
import { SourceRegistry } from '../sources.js';
import { catalogProcessingSource } from './catalog-source.js';
import type { ProcessingRecord } from './model.js';

/**
 * A provider of processing records. The catalog's datasets are built in; live data
 * streams (and any other capability that processes personal data) add theirs with
 * `addProcessingSource(ctx, source)`.
 */
export interface ProcessingSource {
  name: string;
  /** Every record this source knows, in batches. */
  records(ctx: AppContext): AsyncIterable<readonly ProcessingRecord[]>;
}

export const processingSources = new SourceRegistry<ProcessingSource>([catalogProcessingSource]);

export function addProcessingSource(ctx: AppContext, source: ProcessingSource): void {
  processingSources.add(ctx, source);
}

export interface ProcessingFilter {
  controller?: string;
  source?: string;
}

/** Every record from every source that matches the filter, streamed. */
export async function* processingRecords(ctx: AppContext, filter: ProcessingFilter = {}): AsyncGenerator<ProcessingRecord> {
  for (const source of processingSources.list(ctx)) {
    for await (const batch of source.records(ctx)) {
      for (const r of batch) {
        if (filter.controller && r.controller.id !== filter.controller) continue;
        if (filter.source && r.source !== filter.source) continue;
        yield r;
      }
    }
  }
}
