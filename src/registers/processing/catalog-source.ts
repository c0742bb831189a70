import { catalogStore, type Dataset } from '../../catalog/index.js';
import { getOrganisation } from '../../governance/index.js';
import type { AppContext } from '../../kernel/capability.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { UNKNOWN, type ProcessingDetails, type ProcessingRecord } from './model.js';
import { detailsFor } from './store.js';
import type { ProcessingSource } from './sources.js';

/** Builds the art. 30 record of one dataset from its catalog entry and the details its publisher added. */
export function datasetRecord(d: Dataset, controllerName: string, details: ProcessingDetails | undefined): ProcessingRecord {
  const unknown: string[] = [];
  const list = (field: string, value: string[] | undefined, fallback?: string[]): string[] => {
    if (value?.length) return value;
    if (fallback) return fallback;
    unknown.push(field);
    return [UNKNOWN];
  };
  const one = (field: string, value: string | undefined): string => {
    if (value) return value;
    unknown.push(field);
    return UNKNOWN;
  };
  return {
    id: `dataset:${d.id}`,
    source: 'catalog',
    name: d.title.nl,
    href: `/api/v1/catalog/datasets/${d.id}`,
    controller: { id: d.publisherId, name: controllerName },
    personalData: d.personalData as ProcessingRecord['personalData'],
    purposes: list('purposes', details?.purposes),
    dataSubjects: list('dataSubjects', details?.dataSubjects),
    dataCategories: list('dataCategories', details?.dataCategories),
    // An openly published dataset has, by its access rights, everyone as recipient.
    recipients: list('recipients', details?.recipients, d.accessRights === 'PUBLIC' ? ['iedereen (openbaar gepubliceerd)'] : undefined),
    internationalTransfers: one('internationalTransfers', details?.internationalTransfers),
    retention: one('retention', details?.retention),
    legalBasis: one('legalBasis', d.legalBasis),
    securityMeasures: list('securityMeasures', details?.securityMeasures),
    mandateIds: d.mandateIds ?? [],
    unknownFields: unknown,
  };
}

async function controllerNames(db: Queryable, ids: Iterable<string>, cache: Map<string, string>): Promise<void> {
  for (const id of ids) {
    if (cache.has(id)) continue;
    cache.set(id, (await getOrganisation(db, id))?.name ?? id);
  }
}

/** Datasets that hold personal data (personalData is not 'none'). */
export const catalogProcessingSource: ProcessingSource = {
  name: 'catalog',
  async *records(ctx: AppContext) {
    const names = new Map<string, string>();
    for await (const batch of catalogStore(ctx.store).iterate(ctx.store)) {
      const personal = batch.filter((d) => d.personalData !== 'none');
      if (!personal.length) continue;
      const details = await detailsFor(ctx.store, personal.map((d) => d.id));
      await controllerNames(ctx.store, personal.map((d) => d.publisherId), names);
      yield personal.map((d) => datasetRecord(d, names.get(d.publisherId)!, details.get(d.id)));
    }
  },
};
