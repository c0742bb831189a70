import { readFile } from 'node:fs/promises';
import { getOrganisation } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { createScenario, importBuildings } from './service.js';
import type { ScenarioInput } from './model.js';
import { buildingStore, scenarioStore } from './store/index.js';
import { repoPath } from '../kernel/paths.js';

export const DEMO_FILE = repoPath('demo', 'delft', 'buildings-lod1-2016.city.json');
export const DEMO_SCENARIO_ID = 'voorbeeld-toren-delft';
const OWNER = 'gemeente-delft';

/**
 * The example plan: a 40 m tower of 18 × 18 m on the inner court of the block in the
 * middle of the district (RD 84961–84979, 447508–447526). In the 2016 base map that
 * spot is yards, a bit of green and open paving ("erf", "groenvoorziening", "open
 * verharding" in the BGT land use of the same file), with no building on it: the one
 * open place big enough for a tower's footprint, and surrounded on all sides by
 * two- and three-storey houses, so the study has facades to judge in every direction.
 * It is an invented plan to show the bezonningsstudie, not a real proposal.
 */
export const DEMO_SCENARIO: ScenarioInput = {
  name: 'Voorbeeld: nieuwe toren Delft',
  description:
    'Verzonnen voorbeeldplan: een toren van 40 m hoog (18 × 18 m) op het binnenterrein van het bouwblok midden in de wijk, om de schaduw en de bezonningsstudie te laten zien.',
  ownerId: OWNER,
  additions: [
    {
      id: 'voorbeeld-toren',
      name: 'Toren (40 m)',
      crs: 'EPSG:28992',
      footprint: { type: 'Polygon', coordinates: [[[84961, 447508], [84979, 447508], [84979, 447526], [84961, 447526], [84961, 447508]]] },
      height: 40,
    },
  ],
  removals: [],
};

/** Idempotent: imports the Delft district when the model is empty, and (re)writes the example scenario. */
export async function seedTwinDemo(ctx: AppContext): Promise<void> {
  const store = buildingStore(ctx.store);
  if ((await store.count(ctx.store)) === 0) {
    await importBuildings(ctx, await readFile(DEMO_FILE), { name: 'demo/delft/buildings-lod1-2016.city.json' });
  }
  // The scenario belongs to the municipality; without the governance demo there is no owner to give it.
  if (!(await getOrganisation(ctx.store, OWNER))) return;
  if (await scenarioStore().get(ctx.store, DEMO_SCENARIO_ID)) return;
  await createScenario(ctx, DEMO_SCENARIO, DEMO_SCENARIO_ID);
}

