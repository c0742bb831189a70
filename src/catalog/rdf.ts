import { getMandates, listOrganisations, type Mandate, type Organisation } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { exportCatalog, exportDataset, type DcatExportInput, type DcatFormat } from './dcat/export.js';
import type { Dataset } from './model.js';
import { catalogStore } from './store/index.js';

async function allOrganisations(db: Queryable): Promise<Map<string, Organisation>> {
  const out = new Map<string, Organisation>();
  for (let page = 0; ; page++) {
    const { items } = await listOrganisations(db, 1000, page * 1000);
    for (const o of items) out.set(o.id, o);
    if (items.length < 1000) return out;
  }
}

async function allMandates(db: Queryable): Promise<Map<string, Mandate>> {
  const ids = (await db.all<{ id: string }>('SELECT id FROM mandates')).map((r) => r.id);
  return new Map((await getMandates(db, ids)).map((m) => [m.id, m]));
}

/** The organisation whose register this is: configured, else the first municipality, else the first organisation. */
function owner(ctx: AppContext, orgs: Map<string, Organisation>): Organisation {
  const configured = ctx.config.catalogOwner ? orgs.get(ctx.config.catalogOwner) : undefined;
  const sorted = [...orgs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const found = configured ?? sorted.find((o) => o.kind === 'gemeente') ?? sorted[0];
  if (!found) throw new AppError('conflict', 'The register has no organisations yet; register one before exporting the catalogue');
  return found;
}

/** Everything the DCAT export needs, with datasets streamed from the store. */
export async function catalogExportInput(ctx: AppContext): Promise<DcatExportInput> {
  const orgs = await allOrganisations(ctx.store);
  const publisher = owner(ctx, orgs);
  const store = catalogStore(ctx.store);
  async function* datasets(): AsyncGenerator<Dataset> {
    for await (const batch of store.iterate(ctx.store)) yield* batch;
  }
  return {
    catalog: {
      uri: `${ctx.baseUrl}/api/v1/catalog`,
      title: { nl: `Dataregister van ${publisher.name}`, en: `Data register of ${publisher.name}` },
      description: {
        nl: `Alle datasets van ${publisher.name} en haar partners, met licentie, persoonsgegevens en het besluit waarop ze rusten.`,
        en: `All datasets of ${publisher.name} and its partners, with licence, personal data and the decision they rest on.`,
      },
      publisher,
      homepage: `${ctx.baseUrl}/dataregister`,
      contactEmail: publisher.email,
    },
    datasets: datasets(),
    organisations: orgs,
    mandates: await allMandates(ctx.store),
    baseUrl: ctx.baseUrl,
  };
}

export async function* catalogRdf(ctx: AppContext, format: DcatFormat): AsyncGenerator<string> {
  yield* exportCatalog(await catalogExportInput(ctx), format);
}

export async function datasetRdf(ctx: AppContext, dataset: Dataset, format: DcatFormat): Promise<string> {
  const orgs = await allOrganisations(ctx.store);
  return exportDataset({ dataset, organisations: orgs, mandates: await allMandates(ctx.store), baseUrl: ctx.baseUrl }, format);
}

/** Picks the RDF format from `?format=` or the Accept header; undefined means plain JSON. */
export function negotiateRdf(accept: string | undefined, format: string | undefined): DcatFormat | undefined {
  if (format === 'ttl' || format === 'turtle') return 'turtle';
  if (format === 'jsonld') return 'jsonld';
  if (format === 'json') return undefined;
  if (!accept) return undefined;
  const ranked = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type!.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { type } of ranked) {
    if (type === 'text/turtle') return 'turtle';
    if (type === 'application/ld+json') return 'jsonld';
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return undefined;
  }
  throw new AppError('not-acceptable', `Cannot give ${accept}; this route offers text/turtle, application/ld+json and application/json`);
}
