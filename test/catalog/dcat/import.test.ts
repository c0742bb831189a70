import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DcatParseError, parseDcat, type ParseDcatResult, UNRESOLVED_PUBLISHER_ID } from '../../../src/catalog/dcat/import.js';
import { bboxOfWkt } from '../../../src/catalog/dcat/import.js';
import { jsonErrorOffset } from '../../../src/catalog/dcat/json-error.js';
import { AppError } from '../../../src/kernel/errors.js';
import { DEMO_DATASETS, expectedInput, exportDemo, generatedDatasets } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const byIdentifier = (r: ParseDcatResult) => new Map(r.datasets.map((d) => [d.identifier, d]));

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix tb: <urn:thorbecke:ns:> .
@prefix eu-theme: <http://publications.europa.eu/resource/authority/data-theme/> .
@prefix gsp: <http://www.opengis.net/ont/geosparql#> .
`;
/** A minimal valid DCAT-AP-NL dataset from "another catalogue"; `extra` adds or overrides triples. */
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
  tb:personalDataClass "none" .
<https://identifier.overheid.nl/tooi/id/gemeente/gm0599> a foaf:Agent ; foaf:name "Gemeente Rotterdam" .
`;

describe('round trip: export, then parse, gives the inputs back', () => {
  it.each(['turtle', 'jsonld'] as const)('the hand-built catalogue as %s', async (format) => {
    const result = await parseDcat(await exportDemo(format), format);
    expect(result.rejected).toEqual([]);
    const parsed = byIdentifier(result);
    expect(parsed.size).toBe(DEMO_DATASETS.length);
    for (const d of DEMO_DATASETS) {
      const p = parsed.get(d.identifier);
      expect(p?.input, d.id).toEqual(expectedInput(d));
      expect(p?.warnings).toEqual([]);
    }
  });

  it.each([
    [11, 150, 'turtle'],
    [12, 150, 'jsonld'],
  ] as const)('a generated catalogue (seed %i, %i datasets, %s)', async (seed, count, format) => {
    const datasets = generatedDatasets(count, seed);
    const parsed = byIdentifier(await parseDcat(await exportDemo(format, datasets), format));
    expect(parsed.size).toBe(count);
    for (const d of datasets) expect(parsed.get(d.identifier)?.input, d.id).toEqual(expectedInput(d));
  });

  it('returns the publisher by URI and name, and a different creator apart', async () => {
    const parsed = byIdentifier(await parseDcat(await exportDemo('turtle'), 'turtle'));
    const bag = parsed.get(DEMO_DATASETS[0]!.identifier)!;
    expect(bag.input.publisherId).toBe(UNRESOLVED_PUBLISHER_ID);
    expect(bag.publisher).toEqual({ uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0503', name: 'Gemeente Delft' });
    expect(bag.creator).toBeUndefined();
    const parking = parsed.get('urn:uuid:6f1c7a3e-2d4b-4f6a-9c1e-8b7d5a3f2e10')!;
    expect(parking.creator).toEqual({ uri: 'https://data.delft.nl/api/v1/organisations/parkeerbedrijf', name: 'Parkeerbedrijf Delft B.V.' });
  });
});

describe('import from other catalogues', () => {
  it('accepts a valid foreign dataset and maps its URIs to codes', async () => {
    const r = await parseDcat(foreign('dcat:theme <https://data.example.org/thema/spelen> ; dct:spatial [ dcat:bbox "<http://www.opengis.net/def/crs/EPSG/0/4326> POLYGON((51.9 4.4, 51.9 4.5, 52.0 4.5, 52.0 4.4, 51.9 4.4))"^^gsp:wktLiteral ] ;'), 'turtle');
    expect(r.rejected).toEqual([]);
    const [d] = r.datasets;
    expect(d?.input).toMatchObject({ identifier: 'ds-1', themes: ['SOCI'], accessRights: 'PUBLIC', spatial: { bbox: [4.4, 51.9, 4.5, 52] } });
    expect(d?.input.distributions).toEqual([{ accessUrl: 'https://example.org/d.csv', format: 'CSV', license: 'CC0-1.0' }]);
    expect(d?.publisher).toEqual({ uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0599', name: 'Gemeente Rotterdam' });
    expect(d?.warnings).toEqual(['themes: <https://data.example.org/thema/spelen> is from another taxonomy; left out']);
  });

  it('accepts Creative Commons URIs for the licence and infers a format from the media type', async () => {
    const r = await parseDcat(foreign('', 'dcat:accessURL <https://example.org/d> ; dcat:mediaType <http://www.iana.org/assignments/media-types/application/geo+json> ; dct:license <http://creativecommons.org/licenses/by/4.0/>'), 'turtle');
    expect(r.datasets[0]?.input.distributions).toEqual([{ accessUrl: 'https://example.org/d', mediaType: 'application/geo+json', format: 'GEOJSON', license: 'CC-BY-4.0' }]);
  });

  it('rejects a dataset whose values cannot be mapped, with readable reasons, and keeps the others', async () => {
    const bad = foreign('dcat:theme eu-theme:OP_DATPRO ; dct:language <http://publications.europa.eu/resource/authority/language/ELL> ;', 'dcat:accessURL <https://example.org/d.csv> ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dct:license <https://example.org/my-licence>')
      .replace('<https://example.org/ds/1>', '<https://example.org/ds/2>').replace('"ds-1"', '"ds-2"');
    const r = await parseDcat(foreign() + bad.replace(PREFIXES, ''), 'turtle');
    expect(r.datasets.map((d) => d.identifier)).toEqual(['ds-1']);
    expect(r.rejected).toEqual([{
      identifier: 'ds-2',
      reasons: [
        'themes: <http://publications.europa.eu/resource/authority/data-theme/OP_DATPRO> is not a value of the theme list Thorbecke supports',
        'languages: <http://publications.europa.eu/resource/authority/language/ELL> is not a value of the language list Thorbecke supports',
        'distributions.0.license: <https://example.org/my-licence> is not a value of the licence list Thorbecke supports',
      ],
    }]);
  });

  it('rejects what fails the dataset schema, e.g. personal data without a legal basis', async () => {
    const r = await parseDcat(foreign().replace('tb:personalDataClass "none"', 'tb:personalDataClass "personal"'), 'turtle');
    expect(r.rejected).toEqual([{ identifier: 'ds-1', reasons: ['legalBasis: a dataset that holds personal data must state its legal basis (AVG art. 6)'] }]);
  });

  it('rejects a dataset without tb:personalDataClass unless the caller states a default', async () => {
    const text = foreign().replace('tb:personalDataClass "none" .', 'dct:issued "2024"^^xsd:gYear .');
    const strict = await parseDcat(text, 'turtle');
    expect(strict.rejected[0]?.reasons).toEqual([
      'issued: "2024"^^<http://www.w3.org/2001/XMLSchema#gYear> is not a calendar date',
      expect.stringMatching(/^personalData: no tb:personalDataClass/),
    ]);
    const lenient = await parseDcat(text.replace(/ dct:issued[^\n]*/, ' dct:issued "2024-01-01"^^xsd:date .'), 'turtle', { defaultPersonalData: 'none' });
    expect(lenient.datasets[0]?.input).toMatchObject({ personalData: 'none', issued: '2024-01-01' });
  });

  it('maps what it can of the DCAT-AP 3.0.1 examples and says why each is rejected', async () => {
    const r = await parseDcat(fixture('example-bee-population.ttl'), 'turtle', { defaultPersonalData: 'none' });
    expect(r.datasets).toEqual([]);
    expect(r.rejected).toEqual([{
      identifier: 'https://data.gov.gr/id/dataset/BeePopulation',
      reasons: [
        'title: no Dutch (@nl) or untagged value; found only @en',
        'description: no Dutch (@nl) or untagged value; found only @en',
        'contactPoint: no dcat:contactPoint',
        'themes: no dcat:theme from the EU data theme vocabulary (DCAT-AP-NL requires one)',
        'accessRights: no dct:accessRights',
      ],
    }]);

    const series = await parseDcat(fixture('example-bee-population-dataset-series-gea-nha.ttl'), 'turtle');
    expect(series.rejected.map((x) => x.identifier)).toEqual([
      'https://data.gov.gr/id/dataset/BeePopulation2000',
      'https://data.gov.gr/id/dataset/BeePopulation2022',
      'https://data.gov.gr/id/dataset/BeePopulation2023',
    ]);
    // The dataset series itself is not a dcat:Dataset and is not read.
    expect(series.rejected[0]?.reasons).toContain('publisherId: no dct:publisher');

    const frequency = await parseDcat(fixture('example-bee-population-dataset-frequency.ttl'), 'turtle');
    expect(frequency.rejected[0]?.reasons).not.toContainEqual(expect.stringMatching(/^accrualPeriodicity/));
  });
});

describe('unparseable RDF', () => {
  it('throws DcatParseError with the parser message and line (a DCAT-AP example that is not valid Turtle)', async () => {
    const error = await parseDcat(fixture('example-bee-population-dataset-series-combined.ttl'), 'turtle').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'malformed-rdf', status: 400, line: 32 });
    expect((error as DcatParseError).parserMessage).toContain('example-dist:BeePopulation2023/biojson');
    expect((error as Error).message).toMatch(/^Turtle \(line 32\): /);
  });

  it('throws DcatParseError for broken JSON, with the line', async () => {
    const error = await parseDcat('{\n "@context": {},\n "@id": \n}', 'jsonld').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcatParseError);
    expect(error).toMatchObject({ format: 'jsonld', line: 4 });
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
