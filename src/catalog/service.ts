import { getMandates, getOrganisation, missingRef, slugify } from '../governance/index.js';
import { AppError, invalid, notFound } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { bboxOfCoordinates, type GeoJsonGeometry } from '../kernel/geo/index.js';
import { datasetInput, type Dataset } from './model.js';
import { catalogStore } from './store/index.js';

export const datasetUri = (baseUrl: string, id: string): string => `${baseUrl}/api/v1/catalog/datasets/${id}`;

/**
 * Answers "does this organisation / mandate exist?", remembering answers so a bulk
 * import of 100,000 datasets asks the store once per referenced record, not per dataset.
 * A harvest that will create organisations and mandates in the same transaction, once it
 * knows which datasets need them, declares them `pending`: they count as existing.
 */
export class ReferenceCheck {
  private readonly orgs = new Map<string, boolean>();
  private readonly mandates = new Map<string, boolean>();
  constructor(private readonly db: Queryable, pending: { organisations?: Iterable<string>; mandates?: Iterable<string> } = {}) {
    for (const id of pending.organisations ?? []) this.orgs.set(id, true);
    for (const id of pending.mandates ?? []) this.mandates.set(id, true);
  }

  async organisation(id: string): Promise<boolean> {
    let known = this.orgs.get(id);
    if (known === undefined) this.orgs.set(id, (known = (await getOrganisation(this.db, id)) !== undefined));
    return known;
  }

  async missingMandates(ids: readonly string[]): Promise<Set<string>> {
    const unknown = ids.filter((id) => !this.mandates.has(id));
    if (unknown.length) {
      const found = new Set((await getMandates(this.db, unknown)).map((m) => m.id));
      for (const id of unknown) this.mandates.set(id, found.has(id));
    }
    return new Set(ids.filter((id) => !this.mandates.get(id)));
  }
}

/** Turns validated input into a stored dataset, checking every reference it makes. */
export async function buildDataset(
  db: Queryable,
  input: unknown,
  opts: { id?: string; baseUrl: string; existing?: Dataset; now?: Date; refs?: ReferenceCheck },
): Promise<Dataset> {
  const data = datasetInput.parse(input);
  const refs = opts.refs ?? new ReferenceCheck(db);
  if (opts.id && data.id && data.id !== opts.id) throw invalid('id', `must equal the id in the path ('${opts.id}') or be left out`);
  const id = opts.id ?? data.id ?? slugify(`${data.title.nl}`);
  if (!(await refs.organisation(data.publisherId))) throw missingRef('publisherId', 'Organisation', data.publisherId);
  const creatorId = data.creatorId ?? data.publisherId;
  if (!(await refs.organisation(creatorId))) throw missingRef('creatorId', 'Organisation', creatorId);
  const mandateIds = [...new Set(data.mandateIds)];
  const missing = await refs.missingMandates(mandateIds);
  for (const [i, m] of mandateIds.entries()) if (missing.has(m)) throw missingRef(`mandateIds.${i}`, 'Mandate', m);
  const seen = new Set<string>();
  const distributions = data.distributions.map((dist, i) => {
    const distId = dist.id ?? `distributie-${i + 1}`;
    if (seen.has(distId)) throw invalid(`distributions.${i}.id`, `'${distId}' is used twice in this dataset`);
    seen.add(distId);
    return { ...dist, id: distId };
  });
  const stamp = (opts.now ?? new Date()).toISOString();
  let spatial: Dataset['spatial'];
  if (data.spatial) {
    const { bbox, geometry, name } = data.spatial;
    spatial = { bbox: bbox ?? bboxOfGeometry(geometry!), ...(geometry ? { geometry } : {}), ...(name ? { name } : {}) };
  }
  return {
    ...data,
    spatial,
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

function bboxOfGeometry(g: GeoJsonGeometry): [number, number, number, number] {
  const flat = JSON.stringify((g as { coordinates: unknown }).coordinates).match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi)!.map(Number);
  const [w, s, e, n] = bboxOfCoordinates(flat);
  return [w!, s!, e!, n!];
}
