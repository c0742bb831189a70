import type { AppContext } from '../kernel/capability.js';
import { getOrganisation } from '../governance/index.js';
import { acceptContract, createContract } from './contracts.js';
import { getContract } from './store.js';

export const DEMO_CONTRACT_ID = 'voorbeeld-parkeerbezetting-npr';

/**
 * One example contract, so the council's report shows what a data-sharing agreement looks
 * like: Delft shares its parking occupancy with the Nationaal Parkeer Register, on the
 * demo's collegebesluit that itself rests on a council decision, and on the SPDP convenant.
 * Idempotent; skipped when the governance demo's organisations are not there.
 */
export async function seedFederationDemo(ctx: AppContext): Promise<void> {
  if (await getContract(ctx.store, DEMO_CONTRACT_ID)) return;
  if (!(await getOrganisation(ctx.store, 'gemeente-delft')) || !(await getOrganisation(ctx.store, 'nationaal-parkeer-register'))) return;
  await ctx.store.transaction(async (tx) => {
    const c = await createContract(tx, {
      id: DEMO_CONTRACT_ID,
      providerId: 'gemeente-delft',
      consumerId: 'nationaal-parkeer-register',
      service: { name: 'Voorbeeld: parkeerbezetting Delft', pathPrefix: '/api/v1/catalog/datasets/delft-parkeerbezetting' },
      purpose: 'Actuele vrije plaatsen van de Delftse garages tonen in navigatiediensten (SPDP)',
      personalData: false,
      mandateIds: ['college-delft-parkeerdata', 'convenant-parkeerdata'],
      validFrom: '2024-03-01T00:00:00Z',
      validUntil: '2029-03-01T00:00:00Z',
    });
    await acceptContract(tx, c.id, 'provider', c.contentHash);
    await acceptContract(tx, c.id, 'consumer', c.contentHash);
  });
}
