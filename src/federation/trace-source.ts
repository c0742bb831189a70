import type { TraceabilitySource } from '../registers/index.js';
import { present } from './contracts.js';
import { allContracts } from './store.js';

/**
 * Contracts in the "Wie besloot dit?" report, with the mandates this node recorded for
 * them. The owner is the provider: sharing the data is the act a mandate must cover.
 */
export const contractTraceSource: TraceabilitySource = {
  name: 'federation-contracts',
  kind: 'contract',
  async *items(ctx, hint) {
    const now = new Date();
    const contracts = (await allContracts(ctx.store)).filter((c) => !hint.owner || c.providerId === hint.owner);
    yield contracts.map((c) => ({
      kind: 'contract' as const,
      id: c.id,
      title: `${c.service.name} → ${c.consumerId} (${present(c, now).state}): ${c.purpose}`.slice(0, 300),
      ownerId: c.providerId,
      mandateIds: c.mandateIds,
      href: `/api/v1/federation/contracts/${c.id}`,
    }));
  },
};
