import type { AppContext } from '../kernel/capability.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { Assumptions } from './dcat/assumptions.js';
import { parseDcat, type ParseDcatResult, type ReadDataset, type UnreadDataset } from './dcat/import.js';
import type { DefaultedField, DroppedValue } from './dcat/node-reader.js';
import { tb } from './dcat/ns.js';
import type { RdfSyntax } from './dcat/syntax.js';
import { MandatePlan } from './mandate-plan.js';
import { type CreatedNote, OrganisationPlan } from './organisation-plan.js';
import { importDatasetsIn, type ImportItem, type ImportProgress } from './import.js';
import type { Dataset } from './model.js';
import { ReferenceCheck } from './service.js';
import { catalogStore } from './store/index.js';

/** What became of one record of the harvested document. */
export interface HarvestedDataset {
  identifier: string;
  state: 'created' | 'updated' | 'rejected';
  /** The dataset's id here, when written. */
  id?: string;
  reasons?: string[];
  /** Fields taken from the source. */
  kept: string[];
  /** Fields the register filled in, each with its value and why. */
  defaulted: DefaultedField[];
  /** Values left out: unknown properties by URI (no reason) and known ones that could not be used (with the reason), counted. */
  dropped: DroppedValue[];
}

export interface HarvestReport {
  created: number;
  updated: number;
  rejected: Array<{ identifier: string; reasons: string[] }>;
  /** The operator's assumptions this harvest ran with. */
  assumptions: Assumptions;
  organisations: { created: CreatedNote[] };
  mandates: { created: CreatedNote[] };
  datasets: HarvestedDataset[];
  /** Over the whole document: every dropped property URI with its count (datasets, their parts, agents and mandates). */
  dropped: Record<string, number>;
}

export interface HarvestOptions {
  assume?: Assumptions;
  /** Base IRI for relative IRIs in the document. */
  base?: string;
  /**
   * Who harvests. The administrator may create the organisations and mandates the datasets
   * need; an organisation's key imports only datasets it publishes and creates nothing else.
   */
  principal: { kind: 'admin' } | { kind: 'organisation'; organisationId: string };
  onProgress?: (p: ImportProgress) => void;
}

/** Parses a DCAT document and harvests it (see `harvestParsed`); throws DcatParseError on unreadable text. */
export async function importDcat(ctx: AppContext, text: string, syntax: RdfSyntax, opts: HarvestOptions): Promise<HarvestReport> {
  const parsed = await parseDcat(text, syntax, { assume: opts.assume ?? {}, ...(opts.base ? { base: opts.base } : {}) });
  return harvestParsed(ctx, parsed, opts);
}

/**
 * Upserts the parsed datasets by identifier, and creates the organisations and mandates they
 * need that this platform does not have yet, all in one transaction: if anything fails
 * halfway, nothing of the harvest is kept. Organisations and mandates are created only for
 * datasets that are written.
 */
export async function harvestParsed(ctx: AppContext, parsed: ParseDcatResult, opts: HarvestOptions): Promise<HarvestReport> {
  const mayCreate = opts.principal.kind === 'admin';
  const assume = opts.assume ?? {};
  // In document order: the parsed datasets first, then those that could not be read.
  const notes: HarvestedDataset[] = parsed.datasets.map(noteOf);
  const report = await ctx.store.transaction(async (tx) => {
    const orgs = new OrganisationPlan(parsed.descriptions.agents, { mayCreate, assume, baseUrl: ctx.baseUrl });
    await orgs.load(tx);
    const mandates = new MandatePlan(parsed.descriptions.mandates, orgs, mayCreate);
    await mandates.load(tx);
    const items: ImportItem[] = [];
    const pending: number[] = [];
    parsed.datasets.forEach((read, i) => {
      const attributed = attribute(read, orgs, mandates, opts.principal);
      if ('reason' in attributed) notes[i] = { ...noteOf(read), state: 'rejected', reasons: [attributed.reason] };
      else {
        items.push({ identifier: read.identifier, input: attributed.input });
        pending.push(i);
      }
    });
    const refs = new ReferenceCheck(tx, { organisations: orgs.plannedIds(), mandates: mandates.plannedIds() });
    const imported = await importDatasetsIn(tx, items, {
      baseUrl: ctx.baseUrl,
      refs,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      beforeWrite: (db, written) => createWhatIsNeeded(db, written, orgs, mandates),
    });
    imported.outcomes.forEach((outcome, k) => {
      const i = pending[k]!;
      // Read again: attributing may have dropped mandate links.
      const note = noteOf(parsed.datasets[i]!);
      notes[i] = outcome.state === 'rejected' ? { ...note, reasons: outcome.reasons } : { ...note, state: outcome.state, id: outcome.id };
    });
    return { orgs: orgs.created, mandates: mandates.created, imported };
  });
  if (report.imported.created + report.imported.updated > 0) await catalogStore(ctx.store).settle(ctx.store).catch(() => undefined);
  for (const r of parsed.rejected) notes.push({ ...noteOf(r), state: 'rejected', reasons: r.reasons });
  return {
    created: report.imported.created,
    updated: report.imported.updated,
    rejected: notes.filter((n) => n.state === 'rejected').map((n) => ({ identifier: n.identifier, reasons: n.reasons ?? [] })),
    assumptions: assume,
    organisations: { created: report.orgs },
    mandates: { created: report.mandates },
    datasets: notes,
    dropped: droppedTotals(notes, parsed.descriptions.report.dropped),
  };
}

function noteOf(read: ReadDataset | UnreadDataset): HarvestedDataset {
  return { identifier: read.identifier, state: 'rejected', kept: read.report.kept, defaulted: read.report.defaulted, dropped: read.report.dropped };
}

/** The dataset input with publisher, creator and mandates mapped onto this platform's ids, or why it cannot be. */
function attribute(read: ReadDataset, orgs: OrganisationPlan, mandates: MandatePlan, principal: HarvestOptions['principal']): { input: Record<string, unknown> } | { reason: string } {
  const publisher = orgs.resolve(read.publisher.key);
  if ('reason' in publisher) return { reason: `publisher ${publisher.reason}` };
  if (principal.kind === 'organisation' && publisher.id !== principal.organisationId) {
    return { reason: `publisher '${publisher.id}': this key may only import datasets of '${principal.organisationId}'` };
  }
  const creator = read.creator ? orgs.resolve(read.creator.key) : publisher;
  if ('reason' in creator) return { reason: `creator ${creator.reason}` };
  const mandateIds: string[] = [];
  for (const key of read.mandates) {
    const m = mandates.resolve(key, publisher.id);
    if ('id' in m) mandateIds.push(m.id);
    else read.report.drop(tb('mandate'), 1, m.reason);
  }
  if (mandateIds.length) read.report.keep('mandateIds');
  return { input: { ...read.input, publisherId: publisher.id, creatorId: creator.id, mandateIds } };
}

/** Creates the planned organisations and mandates the datasets about to be written refer to. */
async function createWhatIsNeeded(db: Queryable, written: readonly Dataset[], orgs: OrganisationPlan, mandates: MandatePlan): Promise<void> {
  const { mandates: ordered, organisations } = mandates.closure(new Set(written.flatMap((d) => d.mandateIds)));
  const needed = new Set([...written.flatMap((d) => [d.publisherId, d.creatorId]), ...organisations]);
  const now = new Date();
  await orgs.create(db, [...needed].filter((id) => orgs.isPlanned(id)), now);
  await mandates.create(db, ordered, now);
}

function droppedTotals(notes: readonly HarvestedDataset[], shared: readonly DroppedValue[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const d of [...notes.flatMap((n) => n.dropped), ...shared]) totals[d.property] = (totals[d.property] ?? 0) + d.count;
  return Object.fromEntries(Object.entries(totals).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
