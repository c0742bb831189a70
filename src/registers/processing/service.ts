import { catalogStore, type Dataset } from '../../catalog/index.js';
import { getOrganisation } from '../../governance/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { datasetRecord } from './catalog-source.js';
import { processingDetailsInput, type ProcessingDetails, type ProcessingRecord } from './model.js';
import { detailsFor, putDetails } from './store.js';

export async function datasetWithPersonalData(db: Queryable, id: string): Promise<Dataset> {
  const d = await catalogStore(db).get(db, id);
  if (!d) throw notFound('Dataset', id);
  if (d.personalData === 'none') throw new AppError('conflict', `Dataset '${id}' holds no personal data (personalData: none), so it has no processing record`);
  return d;
}

export async function datasetProcessingRecord(db: Queryable, d: Dataset): Promise<ProcessingRecord> {
  const details = (await detailsFor(db, [d.id])).get(d.id);
  return datasetRecord(d, (await getOrganisation(db, d.publisherId))?.name ?? d.publisherId, details);
}

/** Replaces the art. 30 details of a dataset; fields left out show "onbekend" again. */
export async function setDatasetDetails(db: Queryable, id: string, input: unknown, now = new Date()): Promise<ProcessingRecord> {
  const d = await datasetWithPersonalData(db, id);
  const { internal, ...rest } = processingDetailsInput.parse(input);
  const details: ProcessingDetails = { ...rest, updatedAt: now.toISOString() };
  await putDetails(db, id, details, internal);
  return datasetRecord(d, (await getOrganisation(db, d.publisherId))?.name ?? d.publisherId, details);
}
