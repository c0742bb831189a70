import { catalogStore } from '../../catalog/index.js';
import type { AppContext } from '../../kernel/capability.js';
import { algorithmRefs } from '../algorithms/store.js';
import type { TraceabilitySource } from './sources.js';

/** Datasets of the data register, from the catalog's narrow rows (no documents parsed). */
export const datasetTraceSource: TraceabilitySource = {
  name: 'catalog-datasets',
  kind: 'dataset',
  async *items(ctx: AppContext, hint) {
    for await (const batch of catalogStore(ctx.store).iterateRefs(ctx.store, 5000)) {
      yield batch
        .filter((d) => !hint.owner || d.publisherId === hint.owner)
        .map((d) => ({
          kind: 'dataset' as const,
          id: d.id,
          title: d.title,
          ownerId: d.publisherId,
          mandateIds: d.mandateIds,
          href: `/api/v1/catalog/datasets/${d.id}`,
        }));
    }
  },
};

/** Entries of the algorithm register (this capability's own table). */
export const algorithmTraceSource: TraceabilitySource = {
  name: 'registers-algorithms',
  kind: 'algorithm',
  async *items(ctx: AppContext, hint) {
    for await (const batch of algorithmRefs(ctx.store, hint.owner)) {
      yield batch.map((r) => ({ kind: 'algorithm' as const, ...r, href: `/api/v1/registers/algorithms/${r.id}` }));
    }
  },
};
