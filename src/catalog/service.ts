import { getMandates, getOrganisation, missingRef, slugify } from '../governance/index.js';
import { AppError, invalid, notFound } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { datasetInput, type Dataset } from './model.js';
import { catalogStore } from './store/index.js';

export const datasetUri = (baseUrl: string, id: string): string => `${baseUrl}/api/v1/catalog/datasets/${id}`;

/** Turns validated input into a stored dataset, checking every reference it makes. */
export async function buildDataset(
  db: Queryable,
  input: unknown,
  opts: { id?: string; baseUrl: string; existing?: Dataset; now?: Date },
): Promise<Dataset> {
  const data = datasetInput.parse(input);
  if (opts.id && data.id && data.id !== opts.id) throw invalid('id', `must equal the id in the path ('${opts.id}') or be left out`);
  const id = opts.id ?? data.id ?? slugify(`${data.title.nl}`);
  if (!(await getOrganisation(db, data.publisherId))) throw missingRef('publisherId', 'Organisation', data.publisherId);
  const creatorId = data.creatorId ?? data.publisherId;
  if (creatorId !== data.publisherId && !(await getOrganisation(db, creatorId))) throw missingRef('creatorId', 'Organisation', creatorId);
  const mandateIds = [...new Set(data.mandateIds)];
  const found = new Set((await getMandates(db, mandateIds)).map((m) => m.id));
  for (const [i, m] of mandateIds.entries()) if (!found.has(m)) throw missingRef(`mandateIds.${i}`, 'Mandate', m);
  const seen = new Set<string>();
  const distributions = data.distributions.map((dist, i) => {
    const distId = dist.id ?? `distributie-${i + 1}`;
    if (seen.has(distId)) throw invalid(`distributions.${i}.id`, `'${distId}' is used twice in this dataset`);
    seen.add(distId);
    return { ...dist, id: distId };
  });
  const stamp = (opts.now ?? new Date()).toISOString();
  return {
    ...data,
    id,
    identifier: data.identifier ?? opts.existing?.identifier ?? datasetUri(opts.baseUrl, id),
    creatorId,
    mandateIds,
    distributions,
    createdAt: opts.existing?.createdAt ?? stamp,
    updatedAt: stamp,
  };
}

export async function createDataset(db: Queryable, input: unknown, baseUrl: string): Promise<Dataset> {
  const d = await buildDataset(db, input, { baseUrl });
  const store = catalogStore(db);
  if (await store.get(db, d.id)) throw new AppError('conflict', `Dataset '${d.id}' already exists; use PUT to change it`);
  const clash = await store.getByIdentifier(db, d.identifier);
  if (clash) throw new AppError('conflict', `Identifier '${d.identifier}' already belongs to dataset '${clash.id}'`, [{ name: 'identifier', reason: 'already in use', in: 'body' }]);
  await store.put(db, d);
  return d;
}

export async function replaceDataset(db: Queryable, id: string, input: unknown, baseUrl: string): Promise<Dataset> {
  const store = catalogStore(db);
  const existing = await store.get(db, id);
  if (!existing) throw notFound('Dataset', id);
  const d = await buildDataset(db, input, { id, baseUrl, existing });
  const clash = await store.getByIdentifier(db, d.identifier);
  if (clash && clash.id !== id) throw new AppError('conflict', `Identifier '${d.identifier}' already belongs to dataset '${clash.id}'`, [{ name: 'identifier', reason: 'already in use', in: 'body' }]);
  await store.put(db, d);
  return d;
}

export async function deleteDataset(db: Queryable, id: string): Promise<void> {
  if (!(await catalogStore(db).delete(db, id))) throw notFound('Dataset', id);
}
