import type { Queryable } from '../../kernel/storage/port.js';
import type { InternalFields } from '../internal.js';
import type { ProcessingDetails } from './model.js';

export async function putDetails(db: Queryable, datasetId: string, details: ProcessingDetails, internal: InternalFields | undefined): Promise<void> {
  await db.run(
    `INSERT INTO register_processing_details (dataset_id, doc, internal, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (dataset_id) DO UPDATE SET doc = excluded.doc, internal = excluded.internal, updated_at = excluded.updated_at`,
    [datasetId, JSON.stringify(details), internal ? JSON.stringify(internal) : null, details.updatedAt],
  );
}

/** Public details of many datasets at once (one query per batch of records). */
export async function detailsFor(db: Queryable, datasetIds: readonly string[]): Promise<Map<string, ProcessingDetails>> {
  const out = new Map<string, ProcessingDetails>();
  for (let i = 0; i < datasetIds.length; i += 500) {
    const ids = datasetIds.slice(i, i + 500);
    if (!ids.length) break;
    const rows = await db.all<{ dataset_id: string; doc: string }>(
      `SELECT dataset_id, doc FROM register_processing_details WHERE dataset_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const r of rows) out.set(r.dataset_id, JSON.parse(r.doc) as ProcessingDetails);
  }
  return out;
}

export async function internalFor(db: Queryable, datasetId: string): Promise<InternalFields | undefined> {
  const row = await db.one<{ internal: string | null }>('SELECT internal FROM register_processing_details WHERE dataset_id = ?', [datasetId]);
  return row?.internal ? (JSON.parse(row.internal) as InternalFields) : undefined;
}
