import type { Mandate, Organisation } from '../../governance/index.js';
import type { Dataset } from '../model.js';
import { type CatalogDescription, catalogNode, datasetNode, SharedNodes } from './build.js';
import type { RdfNode } from './graph.js';
import { JSONLD_CONTEXT, jsonLdNode } from './jsonld.js';
import { dcat } from './ns.js';
import { turtleNode, turtlePrologue, turtleTriple } from './turtle.js';
import { platformUris } from './uris.js';

export type { CatalogDescription } from './build.js';
export { DcatExportError } from './build.js';

export type DcatFormat = 'turtle' | 'jsonld';
export const DCAT_MEDIA_TYPES: Record<DcatFormat, string> = { turtle: 'text/turtle', jsonld: 'application/ld+json' };

export interface DcatExportInput {
  catalog: CatalogDescription;
  datasets: Iterable<Dataset> | AsyncIterable<Dataset>;
  organisations: ReadonlyMap<string, Organisation>;
  mandates: ReadonlyMap<string, Mandate>;
  /** Public base URL of this platform, e.g. https://data.delft.nl; dataset URIs hang under it. */
  baseUrl: string;
}

export interface DcatDatasetExportInput {
  dataset: Dataset;
  organisations: ReadonlyMap<string, Organisation>;
  mandates: ReadonlyMap<string, Mandate>;
  baseUrl: string;
}

/** Chunks are batched to about this many characters: few enough writes, little held in memory. */
const CHUNK = 64 * 1024;

/** Lets an async generator yield batched text without each caller re-implementing the buffer. */
class Chunker {
  private parts: string[] = [];
  private size = 0;
  push(s: string): boolean {
    this.parts.push(s);
    this.size += s.length;
    return this.size >= CHUNK;
  }
  take(): string {
    const out = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return out;
  }
}

/**
 * The whole catalogue as DCAT-AP-NL 3.0, streamed: datasets are read one at a time from the
 * (async) iterable and written out in chunks of text, so memory stays flat for 100k datasets.
 * Agents, mandates and code-list concepts are described once, after the datasets.
 */
export async function* exportCatalog(input: DcatExportInput, format: DcatFormat): AsyncGenerator<string> {
  const uris = platformUris(input.baseUrl);
  const shared = new SharedNodes(uris, input.organisations, input.mandates);
  const languages = input.catalog.title.en !== undefined || input.catalog.description.en !== undefined ? ['NLD', 'ENG'] : ['NLD'];
  const catalog = catalogNode(input.catalog, shared, languages);
  const out = new Chunker();

  if (format === 'turtle') {
    out.push(turtlePrologue() + turtleNode(catalog));
    for await (const d of input.datasets) {
      const node = datasetNode(d, uris, shared);
      out.push(turtleNode(node));
      if (out.push(turtleTriple(catalog.id!, dcat('dataset'), node.id!) + '\n')) yield out.take();
    }
    for (const n of shared.drain()) out.push(turtleNode(n));
    yield out.take();
    return;
  }

  // JSON-LD: the catalogue node embeds its datasets; the array is opened and closed by hand.
  const head = JSON.stringify(jsonLdNode(catalog));
  out.push(`{"@context":${JSON.stringify(JSONLD_CONTEXT)},\n"@graph":[\n${head.slice(0, -1)},"dcat:dataset":[\n`);
  let first = true;
  for await (const d of input.datasets) {
    const json = JSON.stringify(jsonLdNode(datasetNode(d, uris, shared)));
    if (out.push(first ? json : ',\n' + json)) yield out.take();
    first = false;
  }
  out.push('\n]}');
  for (const n of shared.drain()) out.push(',\n' + JSON.stringify(jsonLdNode(n)));
  out.push('\n]}\n');
  yield out.take();
}

/** One dataset on its own (for GET /api/v1/catalog/datasets/{id}), with what it refers to. */
export function exportDataset(input: DcatDatasetExportInput, format: DcatFormat): string {
  const uris = platformUris(input.baseUrl);
  const shared = new SharedNodes(uris, input.organisations, input.mandates);
  const nodes: RdfNode[] = [datasetNode(input.dataset, uris, shared), ...shared.drain()];
  if (format === 'turtle') return turtlePrologue() + nodes.map(turtleNode).join('');
  return JSON.stringify({ '@context': JSONLD_CONTEXT, '@graph': nodes.map(jsonLdNode) }, null, 1) + '\n';
}

/** Collects the stream; for tests, small catalogues and callers that need one string. */
export async function exportCatalogToString(input: DcatExportInput, format: DcatFormat): Promise<string> {
  let s = '';
  for await (const chunk of exportCatalog(input, format)) s += chunk;
  return s;
}
