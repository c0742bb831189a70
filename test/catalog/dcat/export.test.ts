import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { DcatExportError, exportCatalog, exportCatalogToString, exportDataset } from '../../../src/catalog/dcat/export.js';
import { type Dataset } from '../../../src/catalog/model.js';
import { BASE_URL, DEMO_DATASETS, demoExportInput, exportDemo, generatedDatasets, MANDATES, ORGANISATIONS } from './helpers.js';
import { formatViolations, validateTurtle } from './shacl.js';

async function expectConforms(turtle: string): Promise<void> {
  const violations = await validateTurtle(turtle);
  // Printed in full so a failing run says which node broke which rule.
  expect(violations, `SHACL violations:\n${formatViolations(violations)}`).toEqual([]);
}

/** JSON-LD → N-Quads, so both formats can be validated and compared as graphs. */
async function jsonLdToNQuads(text: string): Promise<string> {
  return (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
}

describe('DCAT-AP-NL export passes the DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes', () => {
  it('the hand-built Delft catalogue, as Turtle', async () => {
    await expectConforms(await exportDemo('turtle'));
  });

  it('the hand-built Delft catalogue, as JSON-LD', async () => {
    await expectConforms(await jsonLdToNQuads(await exportDemo('jsonld')));
  });

  it.each([
    [1, 40],
    [2, 120],
    [3, 300],
  ])('a generated catalogue (seed %i, %i datasets)', async (seed, count) => {
    const datasets = generatedDatasets(count, seed);
    await expectConforms(await exportDemo('turtle', datasets));
  });

  it('a single dataset on its own', async () => {
    for (const d of DEMO_DATASETS) {
      await expectConforms(exportDataset({ dataset: d, organisations: ORGANISATIONS, mandates: MANDATES, baseUrl: BASE_URL }, 'turtle'));
    }
  });
});

describe('the validator really runs', () => {
  it.each([
    ['a distribution without dct:license', (t: string) => t.replace(/^ {2}dct:license [^\n]*\n/m, ''), 'http://purl.org/dc/terms/license'],
    ['a dataset without dcat:theme', (t: string) => t.replace(/^ {2}dcat:theme [^\n]*\n/m, ''), 'http://www.w3.org/ns/dcat#theme'],
    ['a dataset without dct:identifier', (t: string) => t.replace(/^ {2}dct:identifier "https:[^\n]*\n/m, ''), 'http://purl.org/dc/terms/identifier'],
    ['a catalogue without its contact point', (t: string) => t.replace(/ {2}dcat:contactPoint \[\n {4}a vcard:Kind ;\n {4}vcard:fn "Gemeente Delft"[^\]]*\] ;\n/, ''), 'http://www.w3.org/ns/dcat#contactPoint'],
    ['an agent without foaf:name', (t: string) => t.replace(/^ {2}foaf:name "Provincie Zuid-Holland" ;\n/m, ''), 'http://xmlns.com/foaf/0.1/name'],
    ['a theme that is not typed skos:Concept', (t: string) => t.replace(/<http:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/TRAN>\n {2}a skos:Concept ;/, '<http://publications.europa.eu/resource/authority/data-theme/TRAN>\n  a dct:Agent ;'), 'http://www.w3.org/ns/dcat#theme'],
  ])('removing a mandatory part: %s', async (_name, mutate, path) => {
    const turtle = await exportDemo('turtle');
    const broken = mutate(turtle);
    expect(broken).not.toBe(turtle);
    const violations = await validateTurtle(broken);
    expect(violations.map((v) => v.path)).toContain(path);
  });
});

describe('export', () => {
  it('writes the same graph as Turtle and as JSON-LD', async () => {
    const nquads = toNQuads(new Parser().parse(await exportDemo('turtle')));
    const ttlCanon = await jsonld.canonize(nquads as never, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads', format: 'application/n-quads' } as never);
    const jsonCanon = await jsonld.canonize(JSON.parse(await exportDemo('jsonld')), { algorithm: 'URDNA2015', format: 'application/n-quads' });
    expect(jsonCanon.split('\n').length).toBeGreaterThan(200);
    expect(ttlCanon).toBe(jsonCanon);
  });

  it('states publisher and creator as agents with TOOI URIs where the organisation has one', async () => {
    const ttl = await exportDemo('turtle');
    expect(ttl).toContain('dct:publisher <https://identifier.overheid.nl/tooi/id/gemeente/gm0503>');
    expect(ttl).toContain(`dct:creator <${BASE_URL}/api/v1/organisations/parkeerbedrijf>`);
    expect(ttl).toMatch(/<https:\/\/identifier\.overheid\.nl\/tooi\/id\/gemeente\/gm0503>\n {2}a foaf:Agent, foaf:Organization ;\n {2}foaf:name "Gemeente Delft"/);
  });

  it('links mandates, with the chain they rest on', async () => {
    const ttl = await exportDemo('turtle');
    expect(ttl).toContain(`tb:mandate <${BASE_URL}/api/v1/mandates/college-2023-parkeersensoren>`);
    expect(ttl).toContain(`tb:basedOn <${BASE_URL}/api/v1/mandates/raad-2021-datastrategie>`);
    expect(ttl).toMatch(/tb:decidedBy \[\n\s+a foaf:Agent ;\n\s+foaf:name "Gemeenteraad van Delft" ;\n\s+tb:elected "true"\^\^xsd:boolean/);
  });

  it('streams: yields chunks before the datasets are all read', async () => {
    let read = 0;
    const all = generatedDatasets(2000, 7);
    async function* source(): AsyncGenerator<Dataset> {
      for (const d of all) {
        read++;
        yield d;
      }
    }
    for (const format of ['turtle', 'jsonld'] as const) {
      read = 0;
      const stream = exportCatalog(demoExportInput(source()), format);
      const first = await stream.next();
      expect(first.done).toBe(false);
      expect(read).toBeLessThan(all.length);
      let chunks = 1;
      for await (const _ of stream) chunks++;
      expect(read).toBe(all.length);
      expect(chunks).toBeGreaterThan(10);
    }
  });

  it('JSON-LD output is one well-formed document with an inline @context', async () => {
    const doc = JSON.parse(await exportCatalogToString(demoExportInput(generatedDatasets(50, 9)), 'jsonld')) as { '@context': Record<string, unknown>; '@graph': Array<Record<string, unknown>> };
    expect(doc['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    const catalog = doc['@graph'][0]!;
    expect(catalog['@type']).toBe('dcat:Catalog');
    expect(catalog['dcat:dataset']).toHaveLength(50);
  });

  it('refuses a dataset whose publisher is unknown, naming both', async () => {
    const orphan = { ...DEMO_DATASETS[0]!, publisherId: 'nobody' };
    await expect(exportDemo('turtle', [orphan])).rejects.toThrow(DcatExportError);
    await expect(exportDemo('turtle', [orphan])).rejects.toThrow(/bag-panden-delft.*nobody/);
  });
});

function toNQuads(quads: Quad[]): string {
  const t = (x: { termType: string; value: string; language?: string; datatype?: { value: string } }): string =>
    x.termType === 'NamedNode' ? `<${x.value}>` : x.termType === 'BlankNode' ? `_:${x.value}` : `${JSON.stringify(x.value)}${x.language ? '@' + x.language : x.datatype && x.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? `^^<${x.datatype.value}>` : ''}`;
  return quads.map((q) => `${t(q.subject)} ${t(q.predicate)} ${t(q.object)} .\n`).join('');
}
