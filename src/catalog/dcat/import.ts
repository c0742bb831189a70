import { Descriptions } from './agents.js';
import type { Assumptions } from './assumptions.js';
import { DatasetReader, type ReadDataset, type UnreadDataset } from './dataset-reader.js';
import { dcat, dct, RDF_TYPE } from './ns.js';
import { parseRdf } from './parse.js';
import { type RdfIndex, type Term, termKey } from './rdf-index.js';
import type { RdfSyntax } from './syntax.js';

export { DcatParseError, MAX_RDF_CHARS } from './parse.js';
export type { AgentDescription, MandateDescription } from './agents.js';
export { type ReadDataset, type UnreadDataset, UNRESOLVED_PUBLISHER_ID } from './dataset-reader.js';
export { bboxOfWkt } from './spatial.js';

export interface ParseDcatOptions {
  /** What the operator states for records that do not say it (see assumptions.ts). */
  assume?: Assumptions;
  /** Base IRI for relative IRIs: the URL or file the document came from. */
  base?: string;
}

export interface ParseDcatResult {
  /** Datasets that map onto the register, each with what was kept, defaulted and dropped. */
  datasets: ReadDataset[];
  /** Datasets that lack what DCAT-AP-NL requires and nothing can stand in for, with the reasons. */
  rejected: UnreadDataset[];
  /** The agents and mandates the datasets point at. */
  descriptions: Descriptions;
}

/** Reads every dcat:Dataset of a DCAT(-AP) document; throws DcatParseError when the text is not RDF in that syntax. */
export async function parseDcat(text: string, syntax: RdfSyntax, options: ParseDcatOptions = {}): Promise<ParseDcatResult> {
  return readDcat(await parseRdf(text, syntax, undefined, options.base), options.assume ?? {});
}

export function readDcat(index: RdfIndex, assume: Assumptions): ParseDcatResult {
  const descriptions = new Descriptions(index);
  const result: ParseDcatResult = { datasets: [], rejected: [], descriptions };
  const publisherOf = cataloguePublishers(index);
  for (const s of index.subjects) {
    if (!isA(index, s, dcat('Dataset'))) continue;
    const cataloguePublisher = publisherOf.get(termKey(s));
    const outcome = new DatasetReader(index, s, { descriptions, assume, ...(cataloguePublisher ? { cataloguePublisher } : {}) }).read();
    if ('reasons' in outcome) result.rejected.push(outcome);
    else result.datasets.push(outcome);
  }
  return result;
}

const isA = (index: RdfIndex, s: Term, type: string) => index.objects(s, RDF_TYPE).some((t) => t.value === type);

/** Dataset key → the publisher of a catalogue that lists it: the publisher a dataset without one inherits. */
function cataloguePublishers(index: RdfIndex): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const s of index.subjects) {
    if (!isA(index, s, dcat('Catalog'))) continue;
    const publisher = index.objects(s, dct('publisher'))[0];
    if (!publisher) continue;
    for (const d of index.objects(s, dcat('dataset'))) if (!out.has(termKey(d))) out.set(termKey(d), publisher);
  }
  return out;
}
