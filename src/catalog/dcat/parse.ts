import jsonld from 'jsonld';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { jsonErrorOffset, lineAt } from './json-error.js';
import { indexOf, type RdfIndex, type RdfJsQuad } from './rdf-index.js';
import { type RdfSyntax, SYNTAX_LABELS } from './syntax.js';
import { unsafeXml } from './xml-safety.js';

/** Harvests are held in memory and indexed; past this they are refused before parsing. */
export const MAX_RDF_CHARS = 64 * 1024 * 1024;

/**
 * The one error a document that cannot be read raises: unparseable (`malformed`), refused
 * for safety (`unsafe`: external entities, entity bombs) or too large (`too-large`). Free
 * of HTTP: the routes and the CLI translate it.
 */
export class DcatParseError extends Error {
  override readonly name = 'DcatParseError';
  constructor(
    readonly syntax: RdfSyntax,
    readonly parserMessage: string,
    readonly line?: number,
    readonly kind: 'malformed' | 'unsafe' | 'too-large' = 'malformed',
  ) {
    super(`${SYNTAX_LABELS[syntax]}${line === undefined ? '' : ` (line ${line})`}: ${parserMessage}`);
  }
}

/** Parses RDF text in the given syntax into an index of its default graph; throws DcatParseError. */
export async function parseRdf(text: string, syntax: RdfSyntax, maxChars = MAX_RDF_CHARS, base?: string): Promise<RdfIndex> {
  if (text.length > maxChars) {
    throw new DcatParseError(syntax, `the document has ${text.length.toLocaleString('en')} characters; at most ${maxChars.toLocaleString('en')} are read`, undefined, 'too-large');
  }
  switch (syntax) {
    case 'turtle':
    case 'ntriples':
      return parseN3(text, syntax, base);
    case 'jsonld':
      return parseJsonLd(text, base);
    case 'rdfxml':
      return parseRdfXml(text, maxChars, base);
  }
}

function parseN3(text: string, syntax: 'turtle' | 'ntriples', base: string | undefined): RdfIndex {
  try {
    return indexOf(new Parser({ format: syntax === 'turtle' ? 'text/turtle' : 'application/n-triples', ...(base ? { baseIRI: base } : {}) }).parse(text));
  } catch (e) {
    const err = e as Error & { context?: { line?: number } };
    throw new DcatParseError(syntax, err.message, err.context?.line ?? lineIn(err.message));
  }
}

/** Remote contexts are never fetched: importing a file must not make this server call out. */
const noRemoteLoader = async (url: string): Promise<never> => {
  throw new Error(`remote JSON-LD context '${url}' is not loaded; inline the context in the document`);
};

async function parseJsonLd(text: string, base: string | undefined): Promise<RdfIndex> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    throw new DcatParseError('jsonld', (e as Error).message, offset === undefined ? undefined : lineAt(text, offset));
  }
  try {
    const quads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { documentLoader: noRemoteLoader, ...(base ? { base } : {}) } as jsonld.Options.ToRdf)) as unknown as RdfJsQuad[];
    return indexOf(quads.filter((q) => q.graph.termType === 'DefaultGraph'));
  } catch (e) {
    const err = e as Error & { details?: { cause?: Error } };
    const cause = err.details?.cause?.message;
    throw new DcatParseError('jsonld', cause ? `${err.message}: ${cause}` : err.message);
  }
}

/** RDF/XML through a streaming SAX parser that fetches nothing; the text is checked for entity tricks first. */
async function parseRdfXml(text: string, maxChars: number, base: string | undefined): Promise<RdfIndex> {
  const unsafe = unsafeXml(text, maxChars);
  if (unsafe) throw new DcatParseError('rdfxml', unsafe, undefined, 'unsafe');
  const quads: RdfJsQuad[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = new RdfXmlParser({ trackPosition: true, ...(base ? { baseIRI: base } : {}) });
      parser.on('data', (q: RdfJsQuad) => quads.push(q));
      parser.on('error', reject);
      parser.on('end', resolve);
      parser.end(text);
    });
  } catch (e) {
    const message = (e as Error).message;
    // The RDF layer says "Line 3 column 5: …", the XML layer "3:5: …".
    const m = /^(?:Line (\d+) column \d+|(\d+):\d+): /.exec(message);
    throw new DcatParseError('rdfxml', m ? message.slice(m[0].length) : message, m ? Number(m[1] ?? m[2]) : undefined);
  }
  return indexOf(quads.filter((q) => q.graph.termType === 'DefaultGraph'));
}

function lineIn(message: string): number | undefined {
  const m = /line (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}
