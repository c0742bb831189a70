import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssumptionError, parseAssumptions } from '../../../src/catalog/dcat/assumptions.js';
import { parseDcat } from '../../../src/catalog/dcat/import.js';
import { DcatParseError, parseRdf } from '../../../src/catalog/dcat/parse.js';
import { RDF_SYNTAXES, resolveSyntax, sniffSyntax, SYNTAX_MEDIA_TYPES, syntaxFromMediaType, syntaxFromName, syntaxFromPath } from '../../../src/catalog/dcat/syntax.js';
import { unsafeXml } from '../../../src/catalog/dcat/xml-safety.js';
import { exportDemo, generatedDatasets } from './helpers.js';
import { quadsOf, toNTriples, toRdfXml } from './serialise.js';

describe('which syntax a document is in', () => {
  it.each([
    ['catalogus.ttl', 'turtle'], ['dump.nt', 'ntriples'], ['catalog.jsonld', 'jsonld'], ['catalog.json', 'jsonld'], ['catalog.rdf', 'rdfxml'],
    ['catalog.xml', 'rdfxml'], ['ontology.owl', 'rdfxml'], ['https://x.example/catalog.rdf?page=2', 'rdfxml'], ['catalog.csv', undefined], ['catalog', undefined],
  ] as const)('by file name: %s → %s', (path, syntax) => expect(syntaxFromPath(path)).toBe(syntax));

  it('by media type: every registered type, generic XML and JSON, with parameters; plain text is unknown', () => {
    for (const syntax of RDF_SYNTAXES) for (const type of SYNTAX_MEDIA_TYPES[syntax]) expect(syntaxFromMediaType(`${type}; charset=utf-8`), type).toBe(syntax);
    expect(syntaxFromMediaType('application/xml')).toBe('rdfxml');
    expect(syntaxFromMediaType('TEXT/XML')).toBe('rdfxml');
    expect(syntaxFromMediaType('application/json')).toBe('jsonld');
    expect(syntaxFromMediaType('text/plain')).toBeUndefined();
    expect(syntaxFromMediaType('application/octet-stream')).toBeUndefined();
    expect(syntaxFromMediaType(undefined)).toBeUndefined();
  });

  it.each([['ttl', 'turtle'], ['NT', 'ntriples'], ['n-triples', 'ntriples'], ['json-ld', 'jsonld'], ['rdf/xml', 'rdfxml'], ['xml', 'rdfxml'], ['csv', undefined]] as const)(
    'by --format %s → %s', (name, syntax) => expect(syntaxFromName(name)).toBe(syntax),
  );

  it('the stated syntax wins over the media type, which wins over the file name, which wins over the text', () => {
    const text = '{"@id": "x"}';
    expect(resolveSyntax({ stated: 'turtle', mediaType: 'application/rdf+xml', path: 'a.nt', text })).toBe('turtle');
    expect(resolveSyntax({ mediaType: 'application/rdf+xml', path: 'a.nt', text })).toBe('rdfxml');
    expect(resolveSyntax({ mediaType: 'text/plain', path: 'a.nt', text })).toBe('ntriples');
    expect(resolveSyntax({ mediaType: 'application/octet-stream', text })).toBe('jsonld');
  });

  it('sniffs each syntax from its own text, for exports of generated catalogues (property)', async () => {
    const turtle = await exportDemo('turtle', generatedDatasets(3, 5));
    const docs = { turtle, jsonld: await exportDemo('jsonld', generatedDatasets(3, 5)), ntriples: toNTriples(quadsOf(turtle)), rdfxml: toRdfXml(quadsOf(turtle)) };
    for (const [syntax, text] of Object.entries(docs)) expect(sniffSyntax(text), syntax).toBe(syntax);
    // Whitespace, a byte order mark and comments before the content change nothing.
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(docs) as Array<keyof typeof docs>)), fc.constantFrom('', '\uFEFF', '\n\n  ', '\t'), (syntax, lead) => {
        const text = docs[syntax];
        const withComment = syntax === 'rdfxml' ? text.replace('<rdf:RDF', '<!-- harvested -->\n<rdf:RDF') : syntax === 'jsonld' ? text : `# harvested\n${text}`;
        expect(sniffSyntax(lead + withComment)).toBe(syntax);
      }),
    );
  });
});

describe('XML that is refused before parsing', () => {
  const MAX = 1_000_000;
  const lol = (levels: number) =>
    `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: levels }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&lol${levels};</rdf:RDF>`;

  it.each([
    ['an external entity', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', /external DTD or entity/],
    ['an external DTD', '<!DOCTYPE r SYSTEM "http://evil.example/r.dtd"><r/>', /external DTD or entity/],
    ['a public identifier', '<!DOCTYPE r PUBLIC "-//X//EN" "http://evil.example/r.dtd"><r/>', /external DTD or entity/],
    ['a parameter entity', '<!DOCTYPE r [<!ENTITY % p "x">]><r/>', /parameter entities/],
    ['nested entities (billion laughs)', lol(9), /refers to other entities or markup/],
    ['markup in an entity', '<!DOCTYPE r [<!ENTITY m "<b>x</b>">]><r>&m;</r>', /refers to other entities or markup/],
    ['an amplifying entity (quadratic blowup)', `<!DOCTYPE r [<!ENTITY a "${'a'.repeat(10_000)}">]><r>${'&a;'.repeat(200)}</r>`, /larger than 1,000,000 characters/],
    ['an amplifying entity behind a value that closes the subset', `<!DOCTYPE r [<!ENTITY a "]>"> <!ENTITY b "${'b'.repeat(10_000)}">]><r>${'&b;'.repeat(200)}</r>`, /larger than 1,000,000 characters/],
  ])('%s', async (_, xml, reason) => {
    expect(unsafeXml(xml, MAX)).toMatch(reason);
    const error = await parseRdf(xml, 'rdfxml', MAX).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    expect(error).toMatchObject({ kind: 'unsafe' });
  });

  it('reads plain internal entities that abbreviate namespaces, as OWL tools write them', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY dcat "http://www.w3.org/ns/dcat#"> <!ENTITY xsd 'http://www.w3.org/2001/XMLSchema#'> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">
  <rdf:Description rdf:about="https://x.example/d"><rdf:type rdf:resource="&dcat;Dataset"/><dct:issued rdf:datatype="&xsd;date">2024-01-01</dct:issued></rdf:Description>
</rdf:RDF>`;
    expect(unsafeXml(xml, MAX)).toBeUndefined();
    const r = await parseDcat(xml, 'rdfxml');
    expect(r.rejected[0]?.report.kept).toContain('issued');
  });
});

describe('assumptions', () => {
  it('reads name=value pairs into checked assumptions', () => {
    expect(parseAssumptions(['personalData=pseudonymised', 'legalBasis=AVG art. 6 lid 1 sub e, Wet x', 'theme=GOVE', 'accessRights=RESTRICTED', 'license=CC0-1.0', 'organisationKind=gemeente']))
      .toEqual({ personalData: 'pseudonymised', legalBasis: 'AVG art. 6 lid 1 sub e, Wet x', theme: 'GOVE', accessRights: 'RESTRICTED', license: 'CC0-1.0', organisationKind: 'gemeente' });
    expect(parseAssumptions([])).toEqual({});
  });

  it.each([
    [['personalData'], /is not name=value/],
    [['colour=blue'], /'colour' is not an assumption a harvest takes; known names: personalData, legalBasis, organisationKind, accessRights, theme, license/],
    [['theme=SPORT'], /^theme: /],
    [['personalData=special-category'], /legalBasis: personalData other than none needs a legalBasis too/],
  ])('refuses %j', (pairs, message) => {
    expect(() => parseAssumptions(pairs)).toThrow(AssumptionError);
    expect(() => parseAssumptions(pairs)).toThrow(message);
  });
});
