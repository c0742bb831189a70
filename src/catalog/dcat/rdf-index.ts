import jsonld from 'jsonld';
import { Parser } from 'n3';
import { AppError } from '../../kernel/errors.js';
import { jsonErrorOffset, lineAt } from './json-error.js';
import { RDF_LANG_STRING, XSD_STRING } from './ns.js';

/** The one error unparseable RDF raises: the parser's own message and, when known, the line. */
export class DcatParseError extends AppError {
  override readonly name = 'DcatParseError';
  constructor(
    readonly format: 'turtle' | 'jsonld',
    readonly parserMessage: string,
    readonly line?: number,
  ) {
    super('malformed-rdf', `${format === 'turtle' ? 'Turtle' : 'JSON-LD'}${line === undefined ? '' : ` (line ${line})`}: ${parserMessage}`);
  }
}

export type Term =
  | { type: 'iri'; value: string }
  | { type: 'bnode'; value: string }
  | { type: 'literal'; value: string; language: string; datatype: string };

const key = (t: Term): string => (t.type === 'bnode' ? `_:${t.value}` : t.value);

/**
 * Triples indexed by subject and predicate, objects in document order so repeated values
 * (distributions, keywords) come back in the order they were written.
 */
export class RdfIndex {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  readonly subjects: Term[] = [];

  add(s: Term, p: string, o: Term): void {
    let props = this.bySubject.get(key(s));
    if (!props) {
      props = new Map();
      this.bySubject.set(key(s), props);
      this.subjects.push(s);
    }
    const list = props.get(p);
    if (!list) props.set(p, [o]);
    else if (!list.some((x) => x.type === o.type && x.value === o.value && (x.type !== 'literal' || (o.type === 'literal' && x.language === o.language && x.datatype === o.datatype)))) list.push(o);
  }

  objects(s: Term, p: string): Term[] {
    return this.bySubject.get(key(s))?.get(p) ?? [];
  }

  has(s: Term): boolean {
    return this.bySubject.has(key(s));
  }
}

interface RdfJsLikeTerm { termType: string; value: string; language?: string; datatype?: { value: string } }

function term(t: RdfJsLikeTerm): Term {
  if (t.termType === 'NamedNode') return { type: 'iri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value.replace(/^_:/, '') };
  const language = t.language ?? '';
  return { type: 'literal', value: t.value, language, datatype: t.datatype?.value ?? (language ? RDF_LANG_STRING : XSD_STRING) };
}

function indexOf(quads: Iterable<{ subject: RdfJsLikeTerm; predicate: RdfJsLikeTerm; object: RdfJsLikeTerm }>): RdfIndex {
  const index = new RdfIndex();
  for (const q of quads) index.add(term(q.subject), q.predicate.value, term(q.object));
  return index;
}

export function parseTurtle(text: string): RdfIndex {
  try {
    return indexOf(new Parser({ format: 'text/turtle' }).parse(text));
  } catch (e) {
    const err = e as Error & { context?: { line?: number } };
    throw new DcatParseError('turtle', err.message, err.context?.line ?? lineIn(err.message));
  }
}

/** Remote contexts are never fetched: importing a file must not make this server call out. */
const noRemoteLoader = async (url: string): Promise<never> => {
  throw new Error(`remote JSON-LD context '${url}' is not loaded; inline the context in the document`);
};

export async function parseJsonLd(text: string): Promise<RdfIndex> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    throw new DcatParseError('jsonld', (e as Error).message, offset === undefined ? undefined : lineAt(text, offset));
  }
  try {
    const quads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { documentLoader: noRemoteLoader } as jsonld.Options.ToRdf)) as unknown as Array<{ subject: RdfJsLikeTerm; predicate: RdfJsLikeTerm; object: RdfJsLikeTerm; graph: RdfJsLikeTerm }>;
    return indexOf(quads.filter((q) => q.graph.termType === 'DefaultGraph'));
  } catch (e) {
    const err = e as Error & { details?: { cause?: Error } };
    const cause = err.details?.cause?.message;
    throw new DcatParseError('jsonld', cause ? `${err.message}: ${cause}` : err.message);
  }
}

function lineIn(message: string): number | undefined {
  const m = /line (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}
