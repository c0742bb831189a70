import { createMandate, createOrganisation, getMandates, getOrganisation, slugify } from '../../../governance/index.js';
import { AppError } from '../../../kernel/errors.js';
import type { Queryable } from '../../../kernel/storage/port.js';
import type { Algorithm } from '../model.js';
import * as store from '../store.js';
import { citedBasis, directMandateIds, type MandateInput } from './laws.js';
import { mapRow, UNMAPPED_02_FIELDS, type ExportRow } from './map-row.js';
import { fold, OrganisationResolver, type ResolvedOrganisation } from './organisations.js';
import { templateRowReason } from './template-rows.js';

/** Owner of the law mandates the import creates: laws are the state's, not one municipality's. */
export const LAW_OWNER = { id: 'rijksoverheid', name: 'Rijksoverheid', kind: 'rijk' as const, website: 'https://www.rijksoverheid.nl', example: false };

export interface ImportReport {
  file: string;
  rows: number;
  created: number;
  updated: number;
  /** Entries whose imported content is already stored as it is (a re-import writes nothing). */
  unchanged: number;
  /** Entries edited through the API since their last import: left as they are. */
  keptEdited: Array<{ row: number; id: string }>;
  skipped: Array<{ row: number; name?: string; reason: string }>;
  organisations: ResolvedOrganisation[];
  mandates: {
    created: string[];
    entriesLinked: number;
    entriesWithoutMandate: Array<{ row: number; id: string; reason: string }>;
  };
  encoding: {
    repaired: Array<{ row: number; field: string; from: string; to: string }>;
    unrepairable: Array<{ row: number; field: string; count: number; sample: string }>;
    replacementCharacters: number;
  };
  shortened: Array<{ row: number; field: string; from: number; to: number }>;
  dropped: Array<{ row: number; field: string; reason: string }>;
  /** Entries that lack fields the standard requires, and how often each field is missing. */
  incomplete: number;
  missingFields: Record<string, number>;
  unmappedFields: string[];
}

export interface ImportOptions {
  file: string;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

/** Parses the export; the file is a JSON array of rows (objects with string values). */
export function parseExport(text: string): ExportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError('validation-failed', `The export is not well-formed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data) || data.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new AppError('validation-failed', 'The export must be a JSON array of objects, one per algorithm');
  }
  return data as ExportRow[];
}

async function ensureMandates(db: Queryable, mandates: readonly MandateInput[], created: string[]): Promise<void> {
  if (mandates.some((m) => m.ownerId === LAW_OWNER.id) && !(await getOrganisation(db, LAW_OWNER.id))) await createOrganisation(db, LAW_OWNER);
  const existing = new Set((await getMandates(db, mandates.map((m) => m.id))).map((m) => m.id));
  // Parents first: citedBasis lists a law's parent before the law itself.
  for (const m of mandates) {
    if (existing.has(m.id)) continue;
    await createMandate(db, m);
    existing.add(m.id);
    created.push(m.id);
  }
}

/**
 * Imports the register's export: template rows are skipped with a reason, text is
 * checked for mis-encoding (repaired where unambiguous, otherwise reported), each row's
 * organisation is matched or created, cited laws become mandates, and entries are
 * upserted by (organisation, name). Run inside one transaction by the caller.
 */
export async function importAlgorithms(db: Queryable, rows: readonly ExportRow[], opts: ImportOptions): Promise<ImportReport> {
  const now = opts.now ?? new Date();
  const report: ImportReport = {
    file: opts.file,
    rows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    keptEdited: [],
    skipped: [],
    organisations: [],
    mandates: { created: [], entriesLinked: 0, entriesWithoutMandate: [] },
    encoding: { repaired: [], unrepairable: [], replacementCharacters: 0 },
    shortened: [],
    dropped: [],
    incomplete: 0,
    missingFields: {},
    unmappedFields: UNMAPPED_02_FIELDS.filter((f) => rows.some((r) => typeof r[f] === 'string' && (r[f] as string).trim())),
  };
  const orgs = new OrganisationResolver(db);
  const seenKeys = new Set<string>();

  for (const [index, row] of rows.entries()) {
    const rowNo = index + 1;
    opts.onProgress?.(index, rows.length);
    const name = typeof row.name === 'string' ? row.name.trim() : undefined;
    const template = templateRowReason(row);
    if (template) {
      report.skipped.push({ row: rowNo, ...(name ? { name: name.slice(0, 80) } : {}), reason: `template row: ${template}` });
      continue;
    }
    const org = await orgs.resolve(String(row.organization));
    if (!org.organisationId) {
      report.skipped.push({ row: rowNo, name, reason: org.reason ?? 'organisation not resolved' });
      continue;
    }
    const mapped = mapRow(row, org.name!);
    const key = `${org.organisationId}|${fold(String(mapped.standard.name ?? name))}`;
    if (seenKeys.has(key)) {
      report.skipped.push({ row: rowNo, name, reason: 'duplicate of an earlier row (same organisation and name)' });
      continue;
    }
    seenKeys.add(key);

    for (const r of mapped.repairs) report.encoding.repaired.push({ row: rowNo, ...r });
    for (const e of mapped.encodingIssues) {
      report.encoding.unrepairable.push({ row: rowNo, ...e });
      report.encoding.replacementCharacters += e.count;
    }
    for (const s of mapped.shortened) report.shortened.push({ row: rowNo, ...s });
    for (const d of mapped.dropped) report.dropped.push({ row: rowNo, ...d });

    const basisText = typeof mapped.standard.legal_basis === 'string' ? mapped.standard.legal_basis : '';
    const basis = citedBasis(basisText, { id: org.organisationId, name: org.name!, kind: org.kind }, LAW_OWNER.id);
    await ensureMandates(db, basis.mandates, report.mandates.created);
    const derived = directMandateIds(basisText, basis);

    const existingId = await store.idBySourceKey(db, key);
    const existing = existingId ? await store.getAlgorithm(db, existingId) : undefined;
    if (existing && existing.provenance && existing.updatedAt !== existing.provenance.importedAt) {
      report.keptEdited.push({ row: rowNo, id: existing.id });
      continue;
    }
    const id = existing?.id ?? (await freeId(db, slugify(`${org.organisationId}-${String(mapped.standard.name ?? name)}`)));
    const mandateIds = [...new Set([...(existing?.mandateIds ?? []), ...derived])];
    const tally = () => {
      if (mandateIds.length) report.mandates.entriesLinked++;
      else report.mandates.entriesWithoutMandate.push({ row: rowNo, id, reason: basis.reason ?? 'no mandate' });
      if (mapped.missing.length) {
        report.incomplete++;
        for (const f of mapped.missing) report.missingFields[f] = (report.missingFields[f] ?? 0) + 1;
      }
    };
    if (existing && sameContent(existing, mapped.standard, mapped.missing, mandateIds, existing.ownerId === org.organisationId)) {
      report.unchanged++;
      tally();
      continue;
    }
    const stamp = now.toISOString();
    const algorithm: Algorithm = {
      id,
      ownerId: org.organisationId,
      mandateIds,
      standard: mapped.standard,
      missingFields: mapped.missing,
      provenance: {
        file: opts.file,
        row: rowNo,
        importedAt: stamp,
        ...(typeof row.schema === 'string' && row.schema ? { sourceSchema: row.schema } : {}),
        repairs: mapped.repairs,
        encodingIssues: mapped.encodingIssues,
        shortened: mapped.shortened,
      },
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
    };
    if (existing?.aiAct) algorithm.aiAct = existing.aiAct;
    await store.putAlgorithm(db, algorithm, existing ? await store.getAlgorithmInternal(db, id) : undefined, key);
    if (existing) report.updated++;
    else report.created++;
    tally();
  }
  opts.onProgress?.(rows.length, rows.length);
  report.organisations = orgs.all();
  return report;
}

function sameContent(a: Algorithm, standard: Algorithm['standard'], missing: readonly string[], mandateIds: readonly string[], sameOwner: boolean): boolean {
  return sameOwner && JSON.stringify(a.standard) === JSON.stringify(standard) && a.missingFields.join() === missing.join() && a.mandateIds.join() === mandateIds.join();
}

async function freeId(db: Queryable, base: string): Promise<string> {
  let id = base;
  for (let n = 2; await store.getAlgorithm(db, id); n++) id = `${base.slice(0, 58)}-${n}`;
  return id;
}
