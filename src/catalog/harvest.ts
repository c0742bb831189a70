import { listOrganisations, type Organisation } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { DcatFormat } from './dcat/export.js';
import { parseDcat, type AgentRef, type ParseDcatOptions } from './dcat/import.js';
import { importDatasets, type ImportItem, type ImportProgress, type ImportReport } from './import.js';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Finds our organisation for an RDF agent: by URI (TOOI), then by exact name. */
async function organisationResolver(db: Queryable): Promise<(ref: AgentRef) => Organisation | undefined> {
  const orgs: Organisation[] = [];
  for (let page = 0; ; page++) {
    const { items } = await listOrganisations(db, 1000, page * 1000);
    orgs.push(...items);
    if (items.length < 1000) break;
  }
  const byUri = new Map(orgs.filter((o) => o.uri).map((o) => [o.uri!, o]));
  const byName = new Map(orgs.map((o) => [norm(o.name), o]));
  return (ref) => (ref.uri ? byUri.get(ref.uri) : undefined) ?? (ref.name ? byName.get(norm(ref.name)) : undefined);
}

const describe = (ref: AgentRef) => [ref.name && `'${ref.name}'`, ref.uri && `<${ref.uri}>`].filter(Boolean).join(' ') || '(unnamed)';

/**
 * Harvests a DCAT document: parses it, maps publishers onto registered organisations,
 * and upserts by identifier. Records whose publisher is not registered are rejected
 * with that reason, never attributed to someone else.
 */
export async function importDcat(
  ctx: AppContext,
  text: string,
  format: DcatFormat,
  opts: { onProgress?: (p: ImportProgress) => void; onlyPublisher?: string } & ParseDcatOptions = {},
): Promise<ImportReport> {
  const parsed = await parseDcat(text, format, opts);
  const resolve = await organisationResolver(ctx.store);
  const items: ImportItem[] = [];
  const rejected = [...parsed.rejected];
  for (const p of parsed.datasets) {
    const publisher = resolve(p.publisher);
    if (!publisher) {
      rejected.push({ identifier: p.identifier, reasons: [`publisher ${describe(p.publisher)} is not a registered organisation`] });
      continue;
    }
    if (opts.onlyPublisher && publisher.id !== opts.onlyPublisher) {
      rejected.push({ identifier: p.identifier, reasons: [`publisher '${publisher.id}': this key may only import datasets of '${opts.onlyPublisher}'`] });
      continue;
    }
    const input: Record<string, unknown> = { ...p.input, publisherId: publisher.id };
    if (p.creator) {
      const creator = resolve(p.creator);
      if (!creator) {
        rejected.push({ identifier: p.identifier, reasons: [`creator ${describe(p.creator)} is not a registered organisation`] });
        continue;
      }
      input.creatorId = creator.id;
    } else {
      input.creatorId = publisher.id;
    }
    items.push({ identifier: p.identifier, input });
  }
  const report = await importDatasets(ctx.store, items, { baseUrl: ctx.baseUrl, onProgress: opts.onProgress });
  return { ...report, rejected: [...rejected, ...report.rejected] };
}
