import { createHash } from 'node:crypto';
import { z } from 'zod';
import { slugify } from '../governance/index.js';
import { AppError } from '../kernel/errors.js';
import { issuesToParams } from '../kernel/http/validation.js';
import type { Queryable, Store } from '../kernel/storage/port.js';
import type { Dataset } from './model.js';
import { buildDataset, ReferenceCheck } from './service.js';
import { catalogStore } from './store/index.js';

export interface ImportItem {
  /** Where the record came from, for the report: its dct:identifier or position. */
  identifier: string;
  input: Record<string, unknown>;
}

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ identifier: string; reasons: string[] }>;
}

export interface ImportProgress {
  done: number;
  total: number;
}

/** A stable, readable id for a harvested record without one: slug of the title plus a hash of the identifier. */
export function idForIdentifier(identifier: string, title: string): string {
  const hash = createHash('sha256').update(identifier).digest('hex').slice(0, 8);
  return `${slugify(title).slice(0, 50).replace(/-+$/, '')}-${hash}`;
}

function reasonsOf(error: unknown): string[] {
  if (error instanceof z.ZodError) return issuesToParams(error.issues, 'body').map((p) => `${p.name}: ${p.reason}`);
  if (error instanceof AppError) return [error.detail ?? error.title];
  throw error;
}

/**
 * Upserts datasets by identifier in one transaction: a record that fails validation or
 * refers to something unknown is rejected with its reasons, the others are written.
 * If the process dies halfway, nothing of the import is kept.
 */
export async function importDatasets(
  store: Store,
  items: readonly ImportItem[],
  opts: { baseUrl: string; onProgress?: (p: ImportProgress) => void; batchSize?: number },
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, rejected: [] };
  const batchSize = opts.batchSize ?? 2000;
  await store.transaction(async (tx: Queryable) => {
    const catalog = catalogStore(tx);
    const refs = new ReferenceCheck(tx);
    const now = new Date();
    const seen = new Map<string, string>();
    const ids = new Set<string>();
    for (let start = 0; start < items.length; start += batchSize) {
      const slice = items.slice(start, start + batchSize);
      const identifierOf = (item: ImportItem) => (typeof item.input.identifier === 'string' ? item.input.identifier : item.identifier);
      const candidateId = (item: ImportItem) =>
        typeof item.input.id === 'string' ? item.input.id : idForIdentifier(identifierOf(item), (item.input.title as { nl?: string } | undefined)?.nl ?? identifierOf(item));
      // One look-up per batch, not per record: a round trip each on PostgreSQL.
      const existingIds = await catalog.idsOfIdentifiers(tx, slice.map(identifierOf));
      const existingDocs = await catalog.getMany(tx, [...existingIds.values()]);
      const takenIds = await catalog.identifiersOfIds(tx, slice.map(candidateId));
      const batch: Dataset[] = [];
      const fresh = new Set<string>();
      for (const item of slice) {
        try {
          const identifier = identifierOf(item);
          if (seen.has(identifier)) throw new AppError('conflict', `identifier '${identifier}' appears twice in this import`);
          const existingId = existingIds.get(identifier);
          const existing = existingId ? existingDocs.get(existingId) : undefined;
          const id = existing?.id ?? candidateId(item);
          if (!existing && ids.has(id)) throw new AppError('conflict', `id '${id}' appears twice in this import`);
          const clash = existing ? undefined : takenIds.get(id);
          if (clash) throw new AppError('conflict', `id '${id}' already belongs to dataset with identifier '${clash}'`);
          const d = await buildDataset(tx, { ...item.input, id, identifier }, { baseUrl: opts.baseUrl, existing, now, refs });
          seen.set(identifier, id);
          ids.add(id);
          batch.push(d);
          if (existing) report.updated++;
          else (report.created++, fresh.add(id));
        } catch (error) {
          report.rejected.push({ identifier: item.identifier, reasons: reasonsOf(error) });
        }
      }
      await catalog.putMany(tx, batch, fresh);
      opts.onProgress?.({ done: Math.min(items.length, start + batchSize), total: items.length });
    }
  });
  // After the commit and best effort: it only speeds up later searches, and it needs the
  // role that owns the index; a failure inside the transaction would have undone the import.
  if (report.created + report.updated > 0) await catalogStore(store).settle(store).catch(() => undefined);
  return report;
}
