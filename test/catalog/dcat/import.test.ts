import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DcatParseError, parseDcat, type ParseDcatResult, UNRESOLVED_PUBLISHER_ID } from '../../../src/catalog/dcat/import.js';
import { jsonErrorOffset } from '../../../src/catalog/dcat/json-error.js';
import { bboxOfWkt } from '../../../src/catalog/dcat/spatial.js';
import type { RdfSyntax } from '../../../src/catalog/dcat/syntax.js';
import { AppError } from '../../../src/kernel/errors.js';
import { DEMO_DATASETS, expectedInput, exportDemo, generatedDatasets } from './helpers.js';
import { quadsOf, toNTriples, toRdfXml } from './serialise.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const byIdentifier = (r: ParseDcatResult) => new Map(r.datasets.map((d) => [d.identifier, d]));

/** The Turtle export and the same triples in the three other syntaxes a harvest reads. */
async function exportIn(syntax: RdfSyntax, datasets = DEMO_DATASETS): Promise<string> {
  if (syntax === 'jsonld') return exportDemo('jsonld', datasets);
  const turtle = await exportDemo('turtle', datasets);
  return syntax === 'turtle' ? turtle : syntax === 'ntriples' ? toNTriples(quadsOf(turtle)) : toRdfXml(quadsOf(turtle));
}

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix tb: <urn:thorbecke:ns:> .
@prefix eu-theme: <http://publications.europa.eu/resource/authority/data-theme/> .
@prefix gsp: <http://www.opengis.net/ont/geosparql#> .
`;
/** A minimal DCAT-AP-NL dataset from "another catalogue"; `extra` adds triples. */
const foreign = (extra = '', distribution = 'dcat:accessURL <https://example.org/d.csv> ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dct:license <https://definities.geostandaarden.nl/dcat-ap-nl/id/waardelijst/licenties/cc0>') => `${PREFIXES}
<https://example.org/ds/1> a dcat:Dataset ;
  dct:identifier "ds-1" ;
  dct:title "Speeltuinen"@nl ;
  dct:description "Alle speeltuinen."@nl ;
  dct:publisher <https://identifier.overheid.nl/tooi/id/gemeente/gm0599> ;
  dcat:contactPoint [ a vcard:Kind ; vcard:fn "Gemeente Rotterdam" ; vcard:hasEmail <mailto:data@rotterdam.nl> ] ;
  dcat:theme eu-theme:SOCI ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:distribution [ a dcat:Distribution ; ${distribution} ] ;
  ${extra}
  dct:creator <https://identifier.overheid.nl/tooi/id/gemeente/gm0599> .
<https://identifier.overheid.nl/tooi/id/gemeente/gm0599> a foaf:Agent ; foaf:name "Gemeente Rotterdam" .
`;

describe('round trip: export, then parse, gives the inputs back', () => {
  it.each(['turtle', 'jsonld', 'ntriples', 'rdfxml'] as const)('the hand-built catalogue as %s, with nothing defaulted and nothing dropped', async (syntax) => {
    const result = await parseDcat(await exportIn(syntax), syntax);
    expect(result.rejected).toEqual([]);
    const parsed = byIdentifier(result);
    expect(parsed.size).toBe(DEMO_DATASETS.length);
    for (const d of DEMO_DATASETS) {
      const p = parsed.get(d.identifier);
      expect(p?.input, d.id).toEqual(expectedInput(d));
      // Our own export says everything the register holds: nothing is left out or filled in.
      expect(p?.report.dropped, d.id).toEqual([]);
      expect(p?.report.defaulted, d.id).toEqual([]);
    }
    expect(result.descriptions.report.dropped).toEqual([]);
  });

  it.each([
    [11, 150, 'turtle'],
    [12, 150, 'jsonld'],
    [13, 60, 'rdfxml'],
    [14, 60, 'ntriples'],
  ] as const)('a generated catalogue (seed %i, %i datasets, %s)', async (seed, count, syntax) => {
    const datasets = generatedDatasets(count, seed);
    const result = await parseDcat(await exportIn(syntax, datasets), syntax);
    const parsed = byIdentifier(result);
    expect(parsed.size).toBe(count);
    for (const d of datasets) {
      expect(parsed.get(d.identifier)?.input, d.id).toEqual(expectedInput(d));
      expect(parsed.get(d.identifier)?.report.dropped, d.id).toEqual([]);
    }
  });

  it('describes the publisher, a different creator, and the mandates with everything needed to create them again', async () => {
    const result = await parseDcat(await exportDemo('turtle'), 'turtle');
    const parsed = byIdentifier(result);
    const bag = parsed.get(DEMO_DATASETS[0]!.identifier)!;
    expect(bag.input.publisherId).toBe(UNRESOLVED_PUBLISHER_ID);
    expect(bag.publisher).toMatchObject({
      uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0503', name: 'Gemeente Delft', id: 'gemeente-delft', oin: '00000001001963437000',
      kind: { value: 'gemeente', from: 'tb:organisationKind' }, website: 'https://www.delft.nl', email: 'data@delft.nl',
    });
    expect(bag.creator).toBeUndefined();
    const parking = parsed.get('urn:uuid:6f1c7a3e-2d4b-4f6a-9c1e-8b7d5a3f2e10')!;
    expect(parking.creator).toMatchObject({ uri: 'https://data.delft.nl/api/v1/organisations/parkeerbedrijf', name: 'Parkeerbedrijf Delft B.V.', id: 'parkeerbedrijf', kind: { value: 'bedrijf' } });
    const mandate = result.descriptions.mandates.get(parking.mandates[0]!)!;
    expect(mandate).toMatchObject({ id: 'college-2023-parkeersensoren', kind: 'collegebesluit', date: '2023-03-14', example: true, decidedBy: { name: 'College van burgemeester en wethouders', elected: false } });
    expect(result.descriptions.mandates.get(mandate.basedOn!)).toMatchObject({ id: 'raad-2021-datastrategie', decidedBy: { elected: true, organisation: bag.publisher.key } });
    expect(result.descriptions.agents.get(mandate.owner!)?.id).toBe('gemeente-delft');
  });
});

describe('import from other catalogues: only what DCAT-AP-NL requires is required', () => {
  it('accepts a valid foreign dataset, maps its URIs to codes, and says what it dropped', async () => {
    const r = await parseDcat(foreign('dcat:theme <https://data.example.org/thema/spelen> ; dct:spatial [ dcat:bbox "<http://www.opengis.net/def/crs/EPSG/0/4326> POLYGON((51.9 4.4, 51.9 4.5, 52.0 4.5, 52.0 4.4, 51.9 4.4))"^^gsp:wktLiteral ] ;'), 'turtle');
    expect(r.rejected).toEqual([]);
    const [d] = r.datasets;
    expect(d?.input).toMatchObject({ identifier: 'ds-1', themes: ['SOCI'], accessRights: 'PUBLIC', spatial: { bbox: [4.4, 51.9, 4.5, 52] }, personalData: 'none' });
    expect(d?.input.distributions).toEqual([{ accessUrl: 'https://example.org/d.csv', format: 'CSV', license: 'CC0-1.0' }]);
    expect(d?.publisher).toMatchObject({ uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0599', name: 'Gemeente Rotterdam', kind: { value: 'gemeente', from: 'its TOOI URI (gemeente)' } });
    expect(d?.report.dropped).toEqual([{ property: 'http://www.w3.org/ns/dcat#theme', count: 1, reason: '<https://data.example.org/thema/spelen> is from another vocabulary than the EU data themes' }]);
    expect(d?.report.defaulted).toEqual([{ field: 'personalData', value: 'none', because: expect.stringMatching(/^not stated by the source; the default/) }]);
  });

  it('needs no dct:format: a media type gives one, and without either the distribution is kept as it is', async () => {
    const withMedia = await parseDcat(foreign('', 'dcat:accessURL <https://example.org/d> ; dcat:mediaType <http://www.iana.org/assignments/media-types/application/geo+json> ; dct:license <http://creativecommons.org/licenses/by/4.0/>'), 'turtle');
    expect(withMedia.datasets[0]?.input.distributions).toEqual([{ accessUrl: 'https://example.org/d', mediaType: 'application/geo+json', format: 'GEOJSON', license: 'CC-BY-4.0' }]);
    expect(withMedia.datasets[0]?.report.defaulted).toContainEqual({ field: 'distributions.0.format', value: 'GEOJSON', because: 'no usable dct:format; inferred from the media type application/geo+json' });
    const bare = await parseDcat(foreign('', 'dcat:accessURL <https://example.org/d> ; dct:license <http://creativecommons.org/licenses/by/4.0/>'), 'turtle');
    expect(bare.rejected).toEqual([]);
    expect(bare.datasets[0]?.input.distributions).toEqual([{ accessUrl: 'https://example.org/d', license: 'CC-BY-4.0' }]);
  });

  it('drops unusable optional values with the reason and keeps the dataset', async () => {
    const r = await parseDcat(foreign('dcat:theme eu-theme:OP_DATPRO ; dct:language <http://publications.europa.eu/resource/authority/language/ELL> ; dct:issued "2024"^^xsd:gYear ;', 'dcat:accessURL <https://example.org/d.csv> ; dct:license <https://example.org/my-licence>'), 'turtle');
    expect(r.rejected).toEqual([]);
    const d = r.datasets[0]!;
    expect(d.input).toMatchObject({ themes: ['SOCI'], languages: [], distributions: [] });
    expect(d.input.issued).toBeUndefined();
    expect(d.report.dropped.map((x) => [x.property.replace(/^.*[#/]/, ''), x.count, x.reason])).toEqual([
      ['theme', 1, '<http://publications.europa.eu/resource/authority/data-theme/OP_DATPRO> is not on Thorbecke\'s theme list'],
      ['language', 1, '<http://publications.europa.eu/resource/authority/language/ELL> is not Dutch, English, Frisian or German (the languages the register lists)'],
      ['issued', 1, '"2024": not a calendar date, or more than one'],
      ['distribution', 1, expect.stringContaining("licence <https://example.org/my-licence> is not on Thorbecke's licence list")],
    ]);
  });

  it('rejects only for what DCAT-AP-NL requires, naming each missing field and the assumption that would stand in', async () => {
    const bare = `${PREFIXES}<https://example.org/ds/9> a dcat:Dataset ; dct:description "Zonder titel"@nl .`;
    const r = await parseDcat(bare, 'turtle');
    expect(r.rejected).toEqual([{
      identifier: 'https://example.org/ds/9',
      reasons: [
        'title: missing (DCAT-AP requires dct:title)',
        'publisher: no dct:publisher, on the dataset or its catalogue (DCAT-AP-NL requires one)',
        'contactPoint: no dcat:contactPoint, and no publisher name to stand in (DCAT-AP-NL requires one)',
        'themes: no dcat:theme from the EU data theme vocabulary, which DCAT-AP-NL prescribes (state one with the assumption theme=…)',
        'accessRights: no dct:accessRights public, restricted or non-public (DCAT-AP-NL requires one; state it with the assumption accessRights=…)',
      ],
      report: expect.anything(),
    }]);
  });

  it('takes the operator’s assumptions for what the source leaves out, and names each use', async () => {
    const text = foreign().replace(/ {2}dcat:theme eu-theme:SOCI ;\n {2}dct:accessRights <[^>]+> ;\n/, '');
    expect((await parseDcat(text, 'turtle')).rejected[0]?.reasons).toHaveLength(2);
    const r = await parseDcat(text, 'turtle', { assume: { theme: 'GOVE', accessRights: 'PUBLIC', personalData: 'personal', legalBasis: 'AVG art. 6 lid 1 sub e' } });
    expect(r.datasets[0]?.input).toMatchObject({ themes: ['GOVE'], accessRights: 'PUBLIC', personalData: 'personal', legalBasis: 'AVG art. 6 lid 1 sub e' });
    expect(r.datasets[0]?.report.defaulted.map((d) => [d.field, d.value, d.because])).toEqual([
      ['themes', ['GOVE'], 'no EU data theme; assumed (theme=GOVE)'],
      ['accessRights', 'PUBLIC', 'no usable dct:accessRights; assumed (accessRights=PUBLIC)'],
      ['personalData', 'personal', 'not stated by the source; assumed (personalData=personal)'],
      ['legalBasis', 'AVG art. 6 lid 1 sub e', 'not stated by the source; assumed (legalBasis=…)'],
    ]);
  });

  it('never refuses for a missing Thorbecke-only property, but does when the source itself claims personal data without a legal basis', async () => {
    const none = await parseDcat(foreign(), 'turtle');
    expect(none.datasets[0]?.input.personalData).toBe('none');
    const claimed = await parseDcat(foreign('tb:personalDataClass "personal" ;'), 'turtle');
    expect(claimed.rejected[0]?.reasons).toEqual([expect.stringMatching(/^legalBasis: the dataset is marked as holding personal data but states no legal basis/)]);
  });

  it('maps what it can of the DCAT-AP 3.0.1 examples and says why each is rejected', async () => {
    const r = await parseDcat(fixture('example-bee-population.ttl'), 'turtle');
    expect(r.datasets).toEqual([]);
    expect(r.rejected[0]?.identifier).toBe('https://data.gov.gr/id/dataset/BeePopulation');
    expect(r.rejected[0]?.reasons).toEqual([
      'contactPoint: no dcat:contactPoint, and no publisher name to stand in (DCAT-AP-NL requires one)',
      'themes: no dcat:theme from the EU data theme vocabulary, which DCAT-AP-NL prescribes (state one with the assumption theme=…)',
      'accessRights: no dct:accessRights public, restricted or non-public (DCAT-AP-NL requires one; state it with the assumption accessRights=…)',
    ]);
    // English-only titles are no reason to refuse: the English one stands in for Dutch.
    expect(r.rejected[0]?.report.defaulted.map((d) => d.field)).toEqual(['identifier', 'title.nl', 'description.nl', 'creator', 'personalData']);

    const series = await parseDcat(fixture('example-bee-population-dataset-series-gea-nha.ttl'), 'turtle');
    expect(series.rejected.map((x) => x.identifier)).toEqual([
      'https://data.gov.gr/id/dataset/BeePopulation2000',
      'https://data.gov.gr/id/dataset/BeePopulation2022',
      'https://data.gov.gr/id/dataset/BeePopulation2023',
    ]);
    expect(series.rejected[0]?.reasons).toContain('publisher: no dct:publisher, on the dataset or its catalogue (DCAT-AP-NL requires one)');
  });
});

describe('unparseable RDF', () => {
  it('throws DcatParseError with the parser message and line (a DCAT-AP example that is not valid Turtle)', async () => {
    const error = await parseDcat(fixture('example-bee-population-dataset-series-combined.ttl'), 'turtle').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    // An engine error, free of HTTP: the routes translate it.
    expect(error).not.toBeInstanceOf(AppError);
    expect(error).toMatchObject({ syntax: 'turtle', kind: 'malformed', line: 32 });
    expect((error as DcatParseError).parserMessage).toContain('example-dist:BeePopulation2023/biojson');
    expect((error as Error).message).toMatch(/^Turtle \(line 32\): /);
  });

  it.each([
    ['jsonld', '{\n "@context": {},\n "@id": \n}', 4, /^JSON-LD \(line 4\)/],
    ['rdfxml', '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="https://a.example/x">\n</rdf:RDF>', 4, /^RDF\/XML \(line 4\)/],
    ['ntriples', '<https://a.example/s> <https://a.example/p> "o" .\n<https://a.example/s> <https://a.example/p> .', 2, /^N-Triples \(line 2\)/],
  ] as const)('throws DcatParseError for broken %s, with the line', async (syntax, text, line, message) => {
    const error = await parseDcat(text, syntax).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    expect(error).toMatchObject({ syntax, line });
    expect((error as Error).message).toMatch(message);
  });

  it('refuses documents over the size limit before parsing', async () => {
    const { parseRdf } = await import('../../../src/catalog/dcat/parse.js');
    const error = await parseRdf('<a> <b> <c> .'.repeat(10), 'turtle', 100).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'too-large' });
  });

  it('never fetches a remote JSON-LD context', async () => {
    const error = await parseDcat(JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'https://x.org/d', '@type': 'http://www.w3.org/ns/dcat#Dataset' }), 'jsonld').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    expect((error as Error).message).toContain('https://example.org/context.jsonld');
  });
});

describe('bboxOfWkt', () => {
  it('reads CRS84 polygons longitude first and EPSG:4326 latitude first', () => {
    expect(bboxOfWkt('POLYGON((4.3 51.9, 4.4 51.9, 4.4 52, 4.3 52, 4.3 51.9))')).toEqual([4.3, 51.9, 4.4, 52]);
    expect(bboxOfWkt('<http://www.opengis.net/def/crs/EPSG/0/4326> POLYGON((51.9 4.3, 52 4.4, 51.9 4.3))')).toEqual([4.3, 51.9, 4.4, 52]);
    expect(bboxOfWkt('<http://www.opengis.net/def/crs/EPSG/0/28992> POLYGON((80000 440000, 90000 450000, 80000 440000))')).toMatch(/other than WGS84/);
    expect(bboxOfWkt('POINT(4 52)')).toMatch(/not a WKT POLYGON/);
  });

  it('reads numbers with exponents, signs and bare fractions', () => {
    expect(bboxOfWkt('POLYGON((-.5 +5.1e1, 4.4E0 51.9, -.5 +5.1e1))')).toEqual([-0.5, 51, 4.4, 51.9]);
    expect(bboxOfWkt('ENVELOPE(4.3, 4.4, 52, 51.9)')).toEqual([4.3, 51.9, 4.4, 52]);
  });
});

describe('jsonErrorOffset', () => {
  it('finds where JSON stops being valid, for the errors V8 reports without a position', () => {
    const cases: Array<[string, number | undefined]> = [
      ['{"a": 1}', undefined],
      ['{"a": 1,\n"b": tru}', 14],
      ['[1,2,]', 5],
      ['{"a": "x\ny"}', 8],
      ['{"a": 1} x', 9],
      ['{"a": 1', 7],
    ];
    for (const [text, offset] of cases) expect(jsonErrorOffset(text), text).toBe(offset);
  });
});
