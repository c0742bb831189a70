import { getOrganisation, mandateChain, type MandateLink, type Organisation } from '../governance/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { Dataset } from './model.js';

type OrgRef = Pick<Organisation, 'id' | 'name' | 'kind'>;

async function orgRefs(db: Queryable, ids: Iterable<string>): Promise<Map<string, OrgRef>> {
  const out = new Map<string, OrgRef>();
  for (const id of new Set(ids)) {
    const org = await getOrganisation(db, id);
    out.set(id, org ? { id: org.id, name: org.name, kind: org.kind } : { id, name: id, kind: 'gemeente' });
  }
  return out;
}

/** List items carry their publisher's name so a client needs no second request. */
export async function withPublishers(db: Queryable, items: readonly Dataset[]): Promise<Array<Dataset & { publisher: OrgRef }>> {
  const orgs = await orgRefs(db, items.map((d) => d.publisherId));
  return items.map((d) => ({ ...d, publisher: orgs.get(d.publisherId)! }));
}

export async function publisherLabels(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const orgs = await orgRefs(db, ids);
  return new Map([...orgs].map(([id, o]) => [id, o.name]));
}

export interface DatasetDetail extends Dataset {
  publisher: OrgRef;
  creator: OrgRef;
  /** Each linked mandate with the chain of mandates it rests on, nearest first. */
  mandates: Array<{ mandate: MandateLink['mandate']; chain: MandateLink[] }>;
}

export async function datasetDetail(db: Queryable, d: Dataset): Promise<DatasetDetail> {
  const orgs = await orgRefs(db, [d.publisherId, d.creatorId]);
  const mandates: DatasetDetail['mandates'] = [];
  for (const id of d.mandateIds) {
    const chain = await mandateChain(db, id);
    if (chain[0]) mandates.push({ mandate: chain[0].mandate, chain });
  }
  return { ...d, publisher: orgs.get(d.publisherId)!, creator: orgs.get(d.creatorId)!, mandates };
}
