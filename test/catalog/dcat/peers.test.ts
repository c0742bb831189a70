import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DcatParseError, parseDcat, type ParseDcatResult } from '../../../src/catalog/dcat/import.js';
import { resolveSyntax } from '../../../src/catalog/dcat/syntax.js';
import { importDcat } from '../../../src/catalog/harvest.js';
import { catalogRdf } from '../../../src/catalog/rdf.js';
import { testPlatform, type TestPlatform } from '../../support/platform.js';
import { formatViolations, validateTurtle } from './shacl.js';

const DIR = new URL('./fixtures/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => /\.(ttl|rdf|jsonld)$/.test(f)).sort();
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const parse = (name: string, assume = {}) => parseDcat(read(name), resolveSyntax({ path: name, text: read(name) }), { assume });
const byId = (r: ParseDcatResult) => new Map(r.datasets.map((d) => [d.identifier, d]));
const dropped = (d: { report: { dropped: Array<{ property: string; count: number; reason?: string }> } }) =>
  Object.fromEntries(d.report.dropped.map((x) => [`${x.property}${x.reason ? ` (${x.reason.replace(/_:\S+/g, '_:…')})` : ''}`, x.count]));
const defaulted = (d: { report: { defaulted: Array<{ field: string; value: unknown }> } }) => Object.fromEntries(d.report.defaulted.map((x) => [x.field, x.value]));

describe('datasets in the shapes peers publish (our own fixtures)', () => {
  it('RDF/XML with nested descriptions, blank-node distributions, a catalogue publisher and words for codes', async () => {
    const r = await parse('peer-catalogue.rdf');
    expect(r.rejected).toEqual([]);
    const wells = byId(r).get('wsv-peilbuizen')!;
    expect(wells.publisher).toMatchObject({ uri: 'https://data.waterschap.example/id/organisatie', name: 'Waterschap Voorbeeld', email: 'data@waterschap.example', kind: { value: 'provincie', from: 'its ADMS publisher type (RegionalAuthority)' } });
    expect(wells.input).toMatchObject({
      title: { nl: 'Grondwaterstanden peilbuizen', en: 'Groundwater levels' },
      contactPoint: { name: 'Team Grondwater', email: 'grondwater@waterschap.example' },
      themes: ['ENVI'], accessRights: 'PUBLIC', languages: ['NLD'], accrualPeriodicity: 'DAILY', status: 'COMPLETED',
      issued: '2020-01-15', modified: '2025-03-01', temporal: { start: '1990-01-01' },
      // Exactly the doubles of the WKT, none rounded.
      spatial: { bbox: [4.1234567890123, 51.8765432109876, 4.9876543210987, 52.2345678901234], name: 'Beheergebied' },
    });
    expect(wells.input.distributions).toEqual([
      { title: { nl: 'Metingen als CSV' }, accessUrl: 'https://data.waterschap.example/dataset/peilbuizen', downloadUrl: 'https://data.waterschap.example/files/peilbuizen.csv', format: 'CSV', license: 'CC-BY-4.0', byteSize: 1048576, modified: '2025-03-01T08:30:00Z' },
      { title: { nl: 'Kaartlaag' }, accessUrl: 'https://geo.waterschap.example/wms?service=WMS&request=GetCapabilities', format: 'GEOJSON', mediaType: 'application/geo+json', license: 'CC0-1.0' },
      { title: { nl: 'Zonder formaat' }, accessUrl: 'https://data.waterschap.example/api/peilbuizen', license: 'CC-BY-4.0' },
    ]);
    expect(defaulted(wells)).toEqual({
      publisher: 'Waterschap Voorbeeld', creator: 'Waterschap Voorbeeld',
      'distributions.0.license': 'CC-BY-4.0', 'distributions.0.modified': '2025-03-01T08:30:00Z', 'distributions.2.license': 'CC-BY-4.0',
      personalData: 'none',
    });
    expect(dropped(wells)).toEqual({
      'http://purl.org/dc/terms/title (more values, or languages other than Dutch and English)': 1,
      'http://www.w3.org/2006/vcard/ns#hasTelephone': 1,
      'http://www.w3.org/ns/dcat#theme (<http://eurovoc.europa.eu/2481> is from another vocabulary than the EU data themes)': 1,
      'http://purl.org/dc/terms/spatial (<http://sws.geonames.org/2750405/> has no dcat:bbox or locn:geometry)': 1,
      'http://www.w3.org/2000/01/rdf-schema#label': 1,
      'http://www.w3.org/2002/07/owl#versionInfo': 1,
      'http://www.w3.org/ns/adms#identifier': 1,
      'https://vocab.waterschap.example/def#meetnet': 2,
    });

    const dikes = byId(r).get('https://data.waterschap.example/dataset/dijken')!;
    expect(dikes.input).toMatchObject({ spatial: { bbox: [4.2, 51.9, 4.8, 52.1], geometry: { type: 'Polygon' } }, contactPoint: { name: 'Waterschap Voorbeeld', email: 'data@waterschap.example' }, distributions: [] });
    expect(dikes.input.temporal).toBeUndefined();
    expect(dropped(dikes)).toEqual({
      'http://purl.org/dc/terms/temporal (the period starts (2015-01-01) after it ends (2014-01-01))': 1,
      "http://www.w3.org/ns/dcat#distribution (_:… left out: licence <https://data.waterschap.example/licentie> is not on Thorbecke's licence list (DCAT-AP-NL requires a known dct:license))": 1,
    });
  });

  it('Turtle with GeoJSON and latitude-first WKT extents, literal URLs, three languages and unknown vocabularies', async () => {
    const r = await parse('peer-datasets.ttl');
    expect(r.rejected).toEqual([]);
    const air = byId(r).get('https://data.gemeente.example/id/dataset/luchtmeetnet')!;
    expect(air.input).toMatchObject({
      title: { nl: 'Luchtkwaliteit', en: 'Air quality' }, themes: ['ENVI', 'HEAL'], languages: ['NLD', 'ENG'],
      contactPoint: { name: 'Servicedesk data', email: 'data@gemeente.example', url: 'https://www.gemeente.example/contact' },
      spatial: { bbox: [4.6, 52.3, 4.75, 52.42] }, temporal: { start: '2019-01-01', end: '2024-12-31' },
    });
    expect(air.input.distributions?.map((d) => [d.accessUrl, d.format, d.license])).toEqual([['https://api.gemeente.example/lucht', 'JSON', 'CC0-1.0'], ['https://data.gemeente.example/lucht.zip', 'ZIP', 'CC-BY-4.0']]);
    expect(air.publisher).toMatchObject({ name: 'Gemeente Voorbeeld', kind: { value: 'gemeente' } });
    expect(dropped(air)).toEqual({
      'http://purl.org/dc/terms/title (more values, or languages other than Dutch and English)': 1,
      'http://data.europa.eu/r5r/applicableLegislation': 1,
      'http://purl.org/dc/terms/conformsTo': 1,
      'http://www.w3.org/ns/prov#wasGeneratedBy': 1,
      'http://healthdataportal.eu/ns/health#numberOfRecords': 1,
    });
    const play = byId(r).get('https://data.gemeente.example/id/dataset/speelplekken')!;
    expect(play.input).toMatchObject({ title: { nl: 'Playgrounds', en: 'Playgrounds' }, accessRights: 'NON_PUBLIC', spatial: { bbox: [4.6, 52.3, 4.75, 52.42] }, contactPoint: { name: 'speelplekken@gemeente.example' } });
    expect(play.input.distributions).toEqual([{ accessUrl: 'https://data.gemeente.example/speelplekken.geojson', format: 'GEOJSON', license: 'PDM-1.0' }]);
    expect(defaulted(play)).toMatchObject({ 'title.nl': 'Playgrounds', 'description.nl': 'All public playgrounds.', 'contactPoint.name': 'speelplekken@gemeente.example' });
    expect(dropped(play)).toEqual({ 'http://www.w3.org/ns/locn#geometry (bbox is not a WKT POLYGON)': 1 });
  });

  it('JSON-LD with @graph, references by @id and the publisher on the catalogue', async () => {
    const strict = await parse('peer-catalogue.jsonld');
    const paths = byId(strict).get('pv99-fietspaden')!;
    expect(paths.input.distributions).toEqual([{ title: { nl: 'Shapefile' }, accessUrl: 'https://open.provincie.example/files/fietspaden.zip', downloadUrl: 'https://open.provincie.example/files/fietspaden.zip', format: 'SHP', license: 'CC-BY-4.0' }]);
    expect(dropped(paths)).toMatchObject({ 'http://www.w3.org/ns/dcat#distribution (_:… left out: no dct:license (DCAT-AP-NL requires one per distribution; state one with the assumption license=…))': 1 });
    const assumed = byId(await parse('peer-catalogue.jsonld', { license: 'CC0-1.0' })).get('pv99-fietspaden')!;
    expect(assumed.input).toMatchObject({ accrualPeriodicity: 'ANNUAL', keywords: ['fiets', 'mobiliteit'], description: { nl: 'Alle provinciale fietspaden.', en: 'All provincial cycle paths.' } });
    expect(assumed.input.distributions?.[1]).toEqual({ accessUrl: 'https://geo.provincie.example/wfs', format: 'WFS_SRVC', license: 'CC0-1.0' });
    expect(defaulted(assumed)).toEqual({ publisher: 'Provincie Voorbeeld', creator: 'Provincie Voorbeeld', 'distributions.0.accessUrl': 'https://open.provincie.example/files/fietspaden.zip', 'distributions.1.license': 'CC0-1.0', personalData: 'none' });
    expect(dropped(assumed)).toEqual({ 'http://www.w3.org/2006/vcard/ns#hasTelephone': 1, 'http://www.w3.org/ns/dcat#accessService': 1, 'https://project-open-data.cio.gov/v1.1/schema#programCode': 1 });
  });
});

/**
 * Every shipped fixture: what parses is harvested into an empty platform (with the assumptions
 * a harvest of catalogues outside DCAT-AP-NL needs), and what the platform then exports must
 * pass the DCAT-AP-NL shapes and read back as it was stored, with nothing defaulted or dropped.
 */
describe('a walk over every shipped fixture: harvest, export, validate, read back', () => {
  let p: TestPlatform;
  beforeAll(async () => (p = await testPlatform('sqlite')));
  afterAll(async () => p.close());
  const ASSUME = { theme: 'GOVE', accessRights: 'PUBLIC', license: 'CC-BY-4.0' } as const;

  it('finds the fixtures, and only the DCAT-AP example known to be invalid Turtle fails to parse', async () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
    const failing: string[] = [];
    for (const f of FILES) await parse(f).catch((e: unknown) => (e instanceof DcatParseError ? failing.push(f) : Promise.reject(e)));
    expect(failing).toEqual(['example-bee-population-dataset-series-combined.ttl']);
  });

  it.each(FILES.filter((f) => f !== 'example-bee-population-dataset-series-combined.ttl'))('%s', async (file) => {
    const text = read(file);
    const report = await importDcat(p.ctx, text, resolveSyntax({ path: file, text }), { assume: ASSUME, principal: { kind: 'admin' } });
    for (const d of report.datasets) for (const x of d.dropped) expect(x.count, `${d.identifier} ${x.property}`).toBeGreaterThan(0);
    if (report.created + report.updated === 0) return; // all rejected (the DCAT-AP bee examples lack what DCAT-AP-NL requires)
    let turtle = '';
    for await (const chunk of catalogRdf(p.ctx, 'turtle')) turtle += chunk;
    const violations = (await validateTurtle(turtle)).filter((v) => v.severity === 'Violation');
    expect(violations, formatViolations(violations)).toEqual([]);
    const again = await parseDcat(turtle, 'turtle');
    expect(again.rejected).toEqual([]);
    for (const d of report.datasets.filter((x) => x.state !== 'rejected')) {
      const back = again.datasets.find((x) => x.identifier === d.identifier);
      expect(back, d.identifier).toBeDefined();
      expect(back!.report.dropped, d.identifier).toEqual([]);
      expect(back!.report.defaulted, d.identifier).toEqual([]);
    }
  });
});
