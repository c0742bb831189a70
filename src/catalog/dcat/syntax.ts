/** The RDF syntaxes a harvest reads; the export writes the first and the third. */
export const RDF_SYNTAXES = ['turtle', 'ntriples', 'jsonld', 'rdfxml'] as const;
export type RdfSyntax = (typeof RDF_SYNTAXES)[number];

export const SYNTAX_LABELS: Record<RdfSyntax, string> = { turtle: 'Turtle', ntriples: 'N-Triples', jsonld: 'JSON-LD', rdfxml: 'RDF/XML' };

/** Media types per syntax, the registered one first. */
export const SYNTAX_MEDIA_TYPES: Record<RdfSyntax, readonly string[]> = {
  turtle: ['text/turtle', 'application/x-turtle'],
  ntriples: ['application/n-triples'],
  jsonld: ['application/ld+json'],
  rdfxml: ['application/rdf+xml'],
};

/** An Accept header that asks for any of them, Turtle first. */
export const RDF_ACCEPT = 'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.9, application/n-triples;q=0.8, */*;q=0.1';

/** What `--format` and `?format=` accept. */
const NAMES: Record<string, RdfSyntax> = {
  ttl: 'turtle', turtle: 'turtle',
  nt: 'ntriples', ntriples: 'ntriples', 'n-triples': 'ntriples',
  jsonld: 'jsonld', 'json-ld': 'jsonld', json: 'jsonld',
  rdf: 'rdfxml', xml: 'rdfxml', rdfxml: 'rdfxml', 'rdf-xml': 'rdfxml', 'rdf/xml': 'rdfxml', owl: 'rdfxml',
};
export const SYNTAX_NAMES = Object.keys(NAMES);

export function syntaxFromName(name: string): RdfSyntax | undefined {
  return NAMES[name.trim().toLowerCase()];
}

/** By file name or URL path: `.ttl`, `.nt`, `.jsonld`/`.json`, `.rdf`/`.xml`/`.owl`. */
export function syntaxFromPath(path: string): RdfSyntax | undefined {
  const m = /\.([a-z-]+)$/i.exec(path.split(/[?#]/)[0]!);
  return m ? NAMES[m[1]!.toLowerCase()] : undefined;
}

/** By Content-Type; generic XML and JSON types count as RDF/XML and JSON-LD, text/plain and octet streams as unknown. */
export function syntaxFromMediaType(contentType: string | undefined): RdfSyntax | undefined {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  if (!type) return undefined;
  for (const syntax of RDF_SYNTAXES) if (SYNTAX_MEDIA_TYPES[syntax].includes(type)) return syntax;
  if (type === 'application/xml' || type === 'text/xml') return 'rdfxml';
  if (type === 'application/json') return 'jsonld';
  return undefined;
}

/**
 * Guesses the syntax from the text itself: JSON opens with `{` or `[`, XML with `<?xml`, a
 * comment or an element; N-Triples is a line of three terms where Turtle would use a prefix.
 * Anything else is read as Turtle, whose parser then names the line it cannot read.
 */
export function sniffSyntax(text: string): RdfSyntax {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000);
  if (head.startsWith('{') || head.startsWith('[')) return 'jsonld';
  if (/^<(\?xml|!--|!DOCTYPE|[A-Za-z_][\w.-]*:RDF\b|rdf:RDF\b|[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?\s+xmlns)/.test(head)) return 'rdfxml';
  const firstStatement = head.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'))?.trim() ?? '';
  if (/^(<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+(<[^>\s]*>|_:\S+|"([^"\\]|\\.)*"(@[\w-]+|\^\^<[^>\s]*>)?)\s*\.$/.test(firstStatement)) return 'ntriples';
  return 'turtle';
}

/** The syntax of a document: the one stated, else the media type, else the file name, else the text. */
export function resolveSyntax(source: { stated?: RdfSyntax; mediaType?: string; path?: string; text: string }): RdfSyntax {
  return source.stated ?? syntaxFromMediaType(source.mediaType) ?? (source.path ? syntaxFromPath(source.path) : undefined) ?? sniffSyntax(source.text);
}
