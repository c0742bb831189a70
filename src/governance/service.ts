import type { AppContext } from '../kernel/capability.js';
import { AppError, invalid, notFound } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { generateKey, hashKey, slowKeyHash } from './keys.js';
import { mandateInput, organisationInput, type Mandate, type MandateLink, type Organisation } from './model.js';
import * as store from './store.js';

/** A readable id from a name: "Gemeente Delft" → "gemeente-delft". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : `id-${slug}`;
}

export async function createOrganisation(db: Queryable, input: unknown, now = new Date()): Promise<Organisation> {
  const data = organisationInput.parse(input);
  const id = data.id ?? slugify(data.name);
  if (await store.getOrganisation(db, id)) throw new AppError('conflict', `Organisation '${id}' already exists`);
  await checkOrganisationRefs(db, data.oin, data.parentId, id);
  const stamp = now.toISOString();
  const org: Organisation = { ...data, id, createdAt: stamp, updatedAt: stamp };
  await store.upsertOrganisation(db, org);
  return org;
}

export async function updateOrganisation(db: Queryable, id: string, input: unknown, now = new Date()): Promise<Organisation> {
  const existing = await store.getOrganisation(db, id);
  if (!existing) throw notFound('Organisation', id);
  const data = organisationInput.parse(input);
  if (data.id && data.id !== id) throw invalid('id', `must equal the id in the path ('${id}') or be left out`);
  await checkOrganisationRefs(db, data.oin, data.parentId, id);
  const org: Organisation = { ...data, id, createdAt: existing.createdAt, updatedAt: now.toISOString() };
  await store.upsertOrganisation(db, org);
  return org;
}

async function checkOrganisationRefs(db: Queryable, oin: string | undefined, parentId: string | undefined, selfId: string) {
  if (oin) {
    const holder = await store.findOrganisationByOin(db, oin);
    if (holder && holder.id !== selfId) throw new AppError('conflict', `OIN ${oin} already belongs to '${holder.id}'`, [{ name: 'oin', reason: 'already in use', in: 'body' }]);
  }
  if (parentId) {
    if (parentId === selfId) throw invalid('parentId', 'an organisation cannot be its own parent');
    if (!(await store.getOrganisation(db, parentId))) throw missingRef('parentId', 'Organisation', parentId);
  }
}

export async function removeOrganisation(db: Queryable, id: string): Promise<void> {
  if (!(await store.getOrganisation(db, id))) throw notFound('Organisation', id);
  const refs = await store.countOrganisationReferences(db, id);
  if (refs > 0) throw new AppError('conflict', `Organisation '${id}' still owns ${refs} mandate(s); remove or reassign them first`);
  await store.deleteOrganisation(db, id);
}

export const missingRef = (field: string, what: string, id: string) =>
  new AppError('referenced-resource-missing', `${field}: ${what} '${id}' does not exist`, [{ name: field, reason: `${what} '${id}' does not exist`, in: 'body' }]);

/** Throws `referenced-resource-missing` naming `mandateIds.<i>` for the first id that is no mandate; one query. */
export async function requireMandates(db: Queryable, ids: readonly string[]): Promise<void> {
  const found = new Set((await store.getMandates(db, [...new Set(ids)])).map((m) => m.id));
  for (const [i, m] of ids.entries()) if (!found.has(m)) throw missingRef(`mandateIds.${i}`, 'Mandate', m);
}

export async function createMandate(db: Queryable, input: unknown, now = new Date()): Promise<Mandate> {
  const data = mandateInput.parse(input);
  const id = data.id ?? slugify(`${data.kind}-${data.title}`);
  if (await store.getMandate(db, id)) throw new AppError('conflict', `Mandate '${id}' already exists`);
  const stamp = now.toISOString();
  const m: Mandate = { ...data, id, createdAt: stamp, updatedAt: stamp };
  await checkMandateRefs(db, m);
  await store.upsertMandate(db, m);
  return m;
}

export async function updateMandate(db: Queryable, id: string, input: unknown, now = new Date()): Promise<Mandate> {
  const existing = await store.getMandate(db, id);
  if (!existing) throw notFound('Mandate', id);
  const data = mandateInput.parse(input);
  if (data.id && data.id !== id) throw invalid('id', `must equal the id in the path ('${id}') or be left out`);
  const m: Mandate = { ...data, id, createdAt: existing.createdAt, updatedAt: now.toISOString() };
  await checkMandateRefs(db, m);
  await store.upsertMandate(db, m);
  return m;
}

async function checkMandateRefs(db: Queryable, m: Mandate): Promise<void> {
  if (!(await store.getOrganisation(db, m.ownerId))) throw missingRef('ownerId', 'Organisation', m.ownerId);
  if (m.decidedBy?.organisationId && !(await store.getOrganisation(db, m.decidedBy.organisationId))) {
    throw missingRef('decidedBy.organisationId', 'Organisation', m.decidedBy.organisationId);
  }
  for (const [i, s] of m.signatories.entries()) {
    if (!(await store.getOrganisation(db, s))) throw missingRef(`signatories.${i}`, 'Organisation', s);
  }
  // Walk up the basedOn chain: the parent must exist and the chain must not loop back.
  const seen = new Set([m.id]);
  let next = m.basedOn;
  while (next) {
    if (seen.has(next)) throw invalid('basedOn', `would make a cycle through mandate '${next}'`);
    seen.add(next);
    const parent = await store.getMandate(db, next);
    if (!parent) throw missingRef('basedOn', 'Mandate', next);
    next = parent.basedOn;
  }
}

export async function removeMandate(db: Queryable, id: string): Promise<void> {
  if (!(await store.getMandate(db, id))) throw notFound('Mandate', id);
  const children = await store.mandatesBasedOn(db, id);
  if (children > 0) throw new AppError('conflict', `${children} mandate(s) are based on '${id}'; change those first`);
  await store.deleteMandate(db, id);
}

/** The mandate and every mandate above it (basedOn), each with the body that decided it. */
export async function mandateChain(db: Queryable, id: string): Promise<MandateLink[]> {
  const chain: MandateLink[] = [];
  const seen = new Set<string>();
  let next: string | undefined = id;
  while (next && !seen.has(next)) {
    seen.add(next);
    const m = await store.getMandate(db, next);
    if (!m) break;
    const link: MandateLink = { mandate: m };
    if (m.decidedBy) {
      const org = m.decidedBy.organisationId ? await store.getOrganisation(db, m.decidedBy.organisationId) : undefined;
      link.body = { name: m.decidedBy.name, elected: m.decidedBy.elected };
      if (org) link.body.organisation = { id: org.id, name: org.name, kind: org.kind };
    }
    if (m.signatories.length) {
      link.signatories = [];
      for (const id of m.signatories) {
        const org = await store.getOrganisation(db, id);
        link.signatories.push(org ? { id: org.id, name: org.name, kind: org.kind } : { id, name: id, kind: 'ngo' });
      }
    }
    chain.push(link);
    next = m.basedOn;
  }
  return chain;
}

export async function issueKey(ctx: AppContext, organisationId: string, label: string): Promise<{ key: string; prefix: string }> {
  if (!(await store.getOrganisation(ctx.store, organisationId))) throw notFound('Organisation', organisationId);
  const { key, prefix } = generateKey();
  await store.insertKey(ctx.store, hashKey(key), { prefix, organisationId, label, createdAt: new Date().toISOString() }, slowKeyHash(key));
  return { key, prefix };
}
