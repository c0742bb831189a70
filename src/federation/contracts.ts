import { createHash, randomUUID } from 'node:crypto';
import { getOrganisation, missingRef, requireMandates } from '../governance/index.js';
import { AppError, notFound } from '../kernel/errors.js';
import { personalDataUnder } from '../live/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import { contractInput, type Contract, type Party, type StoredContract } from './model.js';
import * as store from './store.js';

type Content = Pick<StoredContract, 'id' | 'providerId' | 'consumerId' | 'service' | 'purpose' | 'legalBasis' | 'personalData' | 'validFrom' | 'validUntil'>;

/**
 * The hash both parties accept, like FSC's contract content hash. Mandates are left out:
 * each node names its own governance records, which the other node does not have.
 */
export function contentHash(c: Content): string {
  const canonical = JSON.stringify([c.id, c.providerId, c.consumerId, c.service.name, c.service.pathPrefix, c.purpose, c.legalBasis ?? null, c.personalData, c.validFrom, c.validUntil]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** The state as the world sees it at `now`: an unrevoked contract past validUntil has expired. */
export function present(c: StoredContract, now = new Date()): Contract {
  const t = now.toISOString();
  const expired = c.state !== 'revoked' && t >= c.validUntil;
  const state = expired ? 'expired' : c.state;
  return { ...c, state, active: state === 'accepted' && t >= c.validFrom };
}

/**
 * A contract for a service whose Datastreams hold personal data (pseudonymised included)
 * must say so and name its legal basis (AVG art. 6). Checked where the provider's data is:
 * on this node, for the provider's own Datastreams under the service path.
 */
export async function requirePersonalDataTerms(db: Queryable, c: Pick<StoredContract, 'providerId' | 'service' | 'personalData' | 'legalBasis'>): Promise<void> {
  if (c.personalData && c.legalBasis) return;
  const found = await personalDataUnder(db, c.service.pathPrefix, c.providerId);
  if (!found.length) return;
  const which = found.slice(0, 5).map((f) => `Datastream ${f.datastreamId} (${f.personalData})`).join(', ');
  throw new AppError(
    'validation-failed',
    `The service reaches personal data — ${which}; pseudonymised data is personal data (AVG art. 4(5)). The contract must set personalData: true and name its legalBasis`,
    [{ name: c.personalData ? 'legalBasis' : 'personalData', reason: 'the service reaches Datastreams that hold personal data', in: 'body' }],
  );
}

export async function createContract(db: Queryable, input: unknown, now = new Date()): Promise<StoredContract> {
  const data = contractInput.parse(input);
  await requirePersonalDataTerms(db, data);
  const id = data.id ?? randomUUID();
  if (await store.getContract(db, id)) throw new AppError('conflict', `Contract '${id}' already exists`);
  for (const field of ['providerId', 'consumerId'] as const) {
    if (!(await getOrganisation(db, data[field]))) throw missingRef(field, 'Organisation', data[field]);
  }
  await requireMandates(db, data.mandateIds);
  const stamp = now.toISOString();
  const content = { ...data, id };
  const c: StoredContract = { ...content, contentHash: contentHash(content), state: 'proposed', acceptedBy: {}, createdAt: stamp, updatedAt: stamp };
  await store.saveContract(db, c);
  return c;
}

async function load(db: Queryable, id: string): Promise<StoredContract> {
  const c = await store.getContract(db, id);
  if (!c) throw notFound('Contract', id);
  return c;
}

/** One party accepts exactly this content; with both, the contract is accepted. */
export async function acceptContract(db: Queryable, id: string, party: Party, hash: string, now = new Date()): Promise<StoredContract> {
  const c = await load(db, id);
  const state = present(c, now).state;
  if (state === 'revoked' || state === 'expired') throw new AppError('conflict', `Contract '${id}' is ${state}; it can no longer be accepted`);
  if (hash !== c.contentHash) {
    throw new AppError('contract-mismatch', `The contentHash sent is not the hash of contract '${id}' as this node holds it`, [{ name: 'contentHash', reason: `expected ${c.contentHash}`, in: 'body' }]);
  }
  if (c.acceptedBy[party]) return c;
  await requirePersonalDataTerms(db, c);
  const stamp = now.toISOString();
  const acceptedBy = { ...c.acceptedBy, [party]: stamp };
  const next: StoredContract = { ...c, acceptedBy, state: acceptedBy.provider && acceptedBy.consumer ? 'accepted' : 'proposed', updatedAt: stamp };
  await store.saveContract(db, next);
  return next;
}

/** Either party may end a contract at any time (FSC: revoke); it cannot be taken back. */
export async function revokeContract(db: Queryable, id: string, reason: string, now = new Date()): Promise<StoredContract> {
  const c = await load(db, id);
  if (c.state === 'revoked') throw new AppError('conflict', `Contract '${id}' is already revoked`);
  const stamp = now.toISOString();
  const next: StoredContract = { ...c, state: 'revoked', revoked: { at: stamp, reason }, updatedAt: stamp };
  await store.saveContract(db, next);
  return next;
}

/** Only a contract nobody accepted yet may disappear; after that, the record is the history. */
export async function removeContract(db: Queryable, id: string): Promise<void> {
  const c = await load(db, id);
  if (c.acceptedBy.provider || c.acceptedBy.consumer) throw new AppError('conflict', `Contract '${id}' has been accepted by a party; revoke it instead`);
  await store.deleteContract(db, id);
}
