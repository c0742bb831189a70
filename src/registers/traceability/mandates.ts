import { allMandates, type Mandate } from '../../governance/index.js';
import type { Queryable } from '../../kernel/storage/port.js';

/** Every mandate, read once per request: they are few (hundreds), unlike the items. */
export async function loadMandates(db: Queryable): Promise<Mandate[]> {
  return allMandates(db);
}
