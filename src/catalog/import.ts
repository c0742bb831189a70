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

/** What became of one item, in the order of the items. */
export type ImportOutcome = { state: 'created' | 'updated'; id: string } | { state: 'rejected'; reasons: string[] };

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ identifier: string; reasons: string[] }>;
  outcomes: ImportOutcome[];
}

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportOptions {
  baseUrl: string;
  onProgress?: (p: ImportProgress) => void;
  batchSize?: number;
  /** References that do not exist yet but will before the datasets are written (see `beforeWrite`). */
  refs?: ReferenceCheck;
  /** Runs in the transaction after every dataset is built and before any is written, with the ones that will be. */
  beforeWrite?: (tx: Queryable, datasets: readonly Dataset[]) => Promise<void>;
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
export async function importDatasets(store: Store, items: readonly ImportItem[], opts: ImportOptions): Promise<ImportReport> {
  const report = await store.transaction((tx) => importDatasetsIn(tx, items, opts));
  // After the commit and best effort: it only speeds up later searches, and it needs the
  // role that owns the index; a failure inside the transaction would have undone the import.
  if (report.created + report.updated > 0) await catalogStore(store).settle(store).catch(() => undefined);
  return report;
}

/** The same inside a transaction the caller holds (a harvest that also creates organisations). */
export async function importDatasetsIn(tx: Queryable, items: readonly ImportItem[], opts: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, rejected: [], outcomes: [] };
  const batchSize = opts.batchSize ?? 2000;
  const catalog = catalogStore(tx);
  const refs = opts.refs ?? new ReferenceCheck(tx);
  const now = new Date();
  const seen = new Set<string>();
  const ids = new Set<string>();
  const built: Array<{ dataset: Dataset; fresh: boolean }> = [];
  const identifierOf = (item: ImportItem) => (typeof item.input.identifier === 'string' ? item.input.identifier : item.identifier);
  const candidateId = (item: ImportItem) =>
    typeof item.input.id === 'string' ? item.input.id : idForIdentifier(identifierOf(item), (item.input.title as { nl?: string } | undefined)?.nl ?? identifierOf(item));
  const write = async (batch: typeof built) => {
    for (let start = 0; start < batch.length; start += batchSize) {
      const slice = batch.slice(start, start + batchSize);
      await catalog.putMany(tx, slice.map((b) => b.dataset), new Set(slice.filter((b) => b.fresh).map((b) => b.dataset.id)));
    }
  };
  // With `beforeWrite`, every record is built (validated, references checked) before any is
  // written, so the hook learns exactly which datasets will be stored; without it each batch
  // is written as soon as it is built, and let go.
  for (let start = 0; start < items.length; start += batchSize) {
    const slice = items.slice(start, start + batchSize);
    // One look-up per batch, not per record: a round trip each on PostgreSQL.
    const existingIds = await catalog.idsOfIdentifiers(tx, slice.map(identifierOf));
    const existingDocs = await catalog.getMany(tx, [...existingIds.values()]);
    const takenIds = await catalog.identifiersOfIds(tx, slice.map(candidateId));
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
        const dataset = await buildDataset(tx, { ...item.input, id, identifier }, { baseUrl: opts.baseUrl, existing, now, refs });
        seen.add(identifier);
        ids.add(id);
        built.push({ dataset, fresh: !existing });
        report.outcomes.push({ state: existing ? 'updated' : 'created', id });
        if (existing) report.updated++;
        else report.created++;
      } catch (error) {
        const reasons = reasonsOf(error);
        report.rejected.push({ identifier: item.identifier, reasons });
        report.outcomes.push({ state: 'rejected', reasons });
      }
    }
    if (!opts.beforeWrite) await write(built.splice(0));
    if (start + batchSize < items.length) opts.onProgress?.({ done: start + slice.length, total: items.length });
  }
  if (opts.beforeWrite) {
    await opts.beforeWrite(tx, built.map((b) => b.dataset));
    await write(built);
  }
  opts.onProgress?.({ done: items.length, total: items.length });
  return report;
}
