import { getOrganisation, missingRef } from '../governance/index.js';
import { AppError, invalid, notFound } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { peerInput, type Peer } from './model.js';
import * as store from './store.js';

async function check(db: Queryable, p: { organisationId: string; certificateFingerprint: string }): Promise<void> {
  if (!(await getOrganisation(db, p.organisationId))) throw missingRef('organisationId', 'Organisation', p.organisationId);
  const holder = await store.findPeerByFingerprint(db, p.certificateFingerprint);
  // One certificate, one organisation: otherwise a fingerprint could not say who is calling.
  if (holder && holder.organisationId !== p.organisationId) {
    throw new AppError('conflict', `This certificate already identifies peer '${holder.organisationId}'`, [{ name: 'certificateFingerprint', reason: 'already in use', in: 'body' }]);
  }
}

export async function createPeer(db: Queryable, input: unknown, now = new Date()): Promise<Peer> {
  const data = peerInput.parse(input);
  if (await store.getPeer(db, data.organisationId)) throw new AppError('conflict', `Peer '${data.organisationId}' already exists`);
  await check(db, data);
  const stamp = now.toISOString();
  const peer: Peer = { ...data, createdAt: stamp, updatedAt: stamp };
  await store.upsertPeer(db, peer);
  return peer;
}

export async function updatePeer(db: Queryable, organisationId: string, input: unknown, now = new Date()): Promise<Peer> {
  const existing = await store.getPeer(db, organisationId);
  if (!existing) throw notFound('Peer', organisationId);
  const data = peerInput.parse(input);
  if (data.organisationId !== organisationId) throw invalid('organisationId', `must equal the id in the path ('${organisationId}')`);
  await check(db, data);
  const peer: Peer = { ...data, createdAt: existing.createdAt, updatedAt: now.toISOString() };
  await store.upsertPeer(db, peer);
  return peer;
}

export async function removePeer(db: Queryable, organisationId: string): Promise<void> {
  if (!(await store.deletePeer(db, organisationId))) throw notFound('Peer', organisationId);
}
