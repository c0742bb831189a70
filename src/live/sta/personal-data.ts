import type { Queryable } from '../../kernel/storage/port.js';
import { declarationOfMeta } from '../privacy/declaration.js';

const STA_ROOT = /^\/sta\/v\d+(\.\d+)?(\/|$)/;

/**
 * The Datastreams whose observations a service path on this node reaches, and that hold
 * personal data (pseudonymised counts: a pseudonym is personal data under the AVG, art. 4(5)).
 * A contract for such a service must say it shares personal data and name a legal basis.
 * `owner`: only Datastreams of this organisation (the contract's provider) count.
 */
export async function personalDataUnder(db: Queryable, pathPrefix: string, owner?: string): Promise<Array<{ datastreamId: number; personalData: string }>> {
  if (!STA_ROOT.test(pathPrefix)) return [];
  const rest = pathPrefix.replace(STA_ROOT, '');
  const one = /^Datastreams\((\d+)\)/.exec(rest);
  // The whole API or its Observations reach every Datastream; one Datastream's path reaches that one.
  if (!one && rest !== '' && !rest.startsWith('Observations')) return [];
  const rows = one
    ? await db.all<{ id: number; meta: unknown; owner_org: string | null }>('SELECT id, meta, owner_org FROM sta_datastreams WHERE id = ?', [Number(one[1])])
    : await db.all<{ id: number; meta: unknown; owner_org: string | null }>('SELECT id, meta, owner_org FROM sta_datastreams');
  return rows
    .filter((r) => owner === undefined || r.owner_org === owner)
    .map((r) => ({ datastreamId: Number(r.id), personalData: declarationOfMeta(r.meta).personalData }))
    .filter((r) => r.personalData !== 'none');
}
