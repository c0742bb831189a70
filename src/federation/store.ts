import type { Queryable } from '../kernel/storage/port.js';
import type { ContractState, Peer, StoredContract } from './model.js';

const docs = <T>(rows: Array<{ doc: string }>): T[] => rows.map((r) => JSON.parse(r.doc) as T);

export async function getPeer(db: Queryable, organisationId: string): Promise<Peer | undefined> {
  return docs<Peer>(await db.all('SELECT doc FROM federation_peers WHERE organisation_id = ?', [organisationId]))[0];
}

export async function findPeerByFingerprint(db: Queryable, fingerprint: string): Promise<Peer | undefined> {
  return docs<Peer>(await db.all('SELECT doc FROM federation_peers WHERE fingerprint = ?', [fingerprint]))[0];
}

export async function listPeers(db: Queryable, limit: number, offset: number): Promise<{ items: Peer[]; total: number }> {
  const items = docs<Peer>(await db.all('SELECT doc FROM federation_peers ORDER BY organisation_id LIMIT ? OFFSET ?', [limit, offset]));
  const total = await db.one<{ n: number | string }>('SELECT COUNT(*) AS n FROM federation_peers');
  return { items, total: Number(total?.n ?? 0) };
}

export async function upsertPeer(db: Queryable, p: Peer): Promise<void> {
  await db.run(
    `INSERT INTO federation_peers (organisation_id, fingerprint, doc) VALUES (?, ?, ?)
     ON CONFLICT (organisation_id) DO UPDATE SET fingerprint = excluded.fingerprint, doc = excluded.doc`,
    [p.organisationId, p.certificateFingerprint, JSON.stringify(p)],
  );
}

export async function deletePeer(db: Queryable, organisationId: string): Promise<boolean> {
  return (await db.run('DELETE FROM federation_peers WHERE organisation_id = ?', [organisationId])).changes > 0;
}

export async function getContract(db: Queryable, id: string): Promise<StoredContract | undefined> {
  return docs<StoredContract>(await db.all('SELECT doc FROM federation_contracts WHERE id = ?', [id]))[0];
}

export async function saveContract(db: Queryable, c: StoredContract): Promise<void> {
  await db.run(
    `INSERT INTO federation_contracts (id, provider_id, consumer_id, state, valid_until, doc) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, valid_until = excluded.valid_until, doc = excluded.doc`,
    [c.id, c.providerId, c.consumerId, c.state, c.validUntil, JSON.stringify(c)],
  );
}

export async function deleteContract(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM federation_contracts WHERE id = ?', [id])).changes > 0;
}

export interface ContractFilter {
  provider?: string;
  consumer?: string;
  state?: ContractState;
}

/** `expired` is not stored: it is an unrevoked contract whose validUntil has passed at `now`. */
function where(filter: ContractFilter, now: string): { clause: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (filter.provider) (parts.push('provider_id = ?'), params.push(filter.provider));
  if (filter.consumer) (parts.push('consumer_id = ?'), params.push(filter.consumer));
  if (filter.state === 'revoked') parts.push("state = 'revoked'");
  else if (filter.state === 'expired') (parts.push("state <> 'revoked' AND valid_until <= ?"), params.push(now));
  else if (filter.state) (parts.push('state = ? AND valid_until > ?'), params.push(filter.state, now));
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function listContracts(db: Queryable, filter: ContractFilter, now: string, limit: number, offset: number): Promise<{ items: StoredContract[]; total: number }> {
  const { clause, params } = where(filter, now);
  const items = docs<StoredContract>(await db.all(`SELECT doc FROM federation_contracts ${clause} ORDER BY id LIMIT ? OFFSET ?`, [...params, limit, offset]));
  const total = await db.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM federation_contracts ${clause}`, params);
  return { items, total: Number(total?.n ?? 0) };
}

/** Every contract, for the traceability report: they are few (a node has tens, not millions). */
export async function allContracts(db: Queryable): Promise<StoredContract[]> {
  return docs<StoredContract>(await db.all('SELECT doc FROM federation_contracts ORDER BY id'));
}
