import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/stores.js';

const root = new URL('../../', import.meta.url).pathname;
const run = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    // Each node has its own public URL, so its dataset identifiers are its own.
    env: { ...process.env, THORBECKE_DATA_DIR: dataDir, THORBECKE_PUBLIC_URL: `https://${dataDir.split('/').pop()}.example`, THORBECKE_DATABASE_URL: '', THORBECKE_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('thorbecke catalog export / import', () => {
  const a = tempDir();
  const b = tempDir();
  afterAll(() => (a.remove(), b.remove()));

  it('exports the demo register and imports it into another node', () => {
    const file = join(a.path, 'catalog.ttl');
    const exported = run(a.path, 'catalog', 'export', '--format', 'ttl', '--out', file);
    expect(exported.status, exported.stderr).toBe(0);
    const ttl = readFileSync(file, 'utf8');
    expect(ttl).toContain('a dcat:Catalog');
    const count = ttl.match(/a dcat:Dataset/g)?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(9);

    // Node b has the same demo organisations; a's datasets are new to it, and a second run updates them.
    const imported = run(b.path, 'catalog', 'import', file);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`catalog import: ${count} created, 0 updated, 0 rejected`));
    const again = run(b.path, 'catalog', 'import', file);
    expect(again.stderr).toMatch(new RegExp(`catalog import: 0 created, ${count} updated, 0 rejected`));
  }, 120_000);

  it('imports RDF/XML from outside DCAT-AP-NL with stated assumptions, and prints what it kept, defaulted and dropped', () => {
    const file = join(a.path, 'elders.rdf');
    writeFileSync(file, `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/">
  <dcat:Dataset rdf:about="https://elders.example/ds/bomen">
    <dct:title>Bomen</dct:title><dct:description>Alle bomen.</dct:description>
    <dct:provenance>Getekend in het veld</dct:provenance>
    <dct:publisher><foaf:Organization><foaf:name>Stichting Bomen</foaf:name></foaf:Organization></dct:publisher>
    <dcat:distribution><dcat:Distribution><dcat:downloadURL rdf:resource="https://elders.example/bomen.csv"/><dcat:mediaType>text/csv</dcat:mediaType></dcat:Distribution></dcat:distribution>
  </dcat:Dataset>
</rdf:RDF>`);
    const refused = run(b.path, 'catalog', 'import', file);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/rejected https:\/\/elders\.example\/ds\/bomen: themes: .*accessRights: /);
    const report = join(a.path, 'report.json');
    const res = run(b.path, 'catalog', 'import', file, '--assume', 'theme=ENVI', '--assume', 'accessRights=PUBLIC', '--assume=license=CC0-1.0', '--report', report);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toContain('catalog import: 1 created, 0 updated, 0 rejected');
    expect(res.stdout).toContain('Assumed: accessRights=PUBLIC, theme=ENVI, license=CC0-1.0');
    expect(res.stdout).toMatch(/Organisations created: 1\n {2}\+ stichting-bomen "Stichting Bomen" — defaulted: kind = "ngo"/);
    expect(res.stdout).toMatch(/ {4}kept: title, description, publisher, distribution\.downloadUrl/);
    expect(res.stdout).toMatch(/ {4}defaulted: .*distributions\.0\.accessUrl = "https:\/\/elders\.example\/bomen\.csv" \(no dcat:accessURL; the download URL is one\).*distributions\.0\.format = "CSV"/);
    expect(res.stdout).toMatch(/ {4}dropped: dct:provenance ×1\n/);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ created: 1, dropped: { 'http://purl.org/dc/terms/provenance': 1 } });
  }, 120_000);

  it.each([
    ['a file that is not RDF', ['bad.ttl', '<a> <b> "unterminated'], [], 1, /^cannot import: Turtle \(line \d+\)/],
    ['XML with an external entity', ['bad.rdf', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'], [], 1, /^cannot import: RDF\/XML: the document refers to an external DTD or entity/],
    ['a file that does not exist', undefined, [], 1, /^cannot read .*missing\.ttl: no such file/],
    ['an unknown assumption', ['ok.ttl', ''], ['--assume', 'colour=blue'], 2, /^--assume: 'colour' is not an assumption a harvest takes/],
    ['an unknown format', ['ok.ttl', ''], ['--format', 'csv'], 2, /^--format must be ttl, nt, jsonld or rdfxml, not 'csv'/],
    ['a URL nothing answers on', undefined, [], 1, /^cannot fetch http:\/\/127\.0\.0\.1:9\/catalog\.ttl: /],
  ] as const)('fails on %s with a clear message, no stack trace', (_, file, extra, status, message) => {
    const name = file ? join(a.path, file[0]) : undefined;
    if (file) writeFileSync(name!, file[1]);
    const target = name ?? (message.source.includes('fetch') ? 'http://127.0.0.1:9/catalog.ttl' : join(a.path, 'missing.ttl'));
    const res = run(a.path, 'catalog', 'import', target, ...extra);
    expect(res.status, res.stderr).toBe(status);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('prints usage for unknown commands', () => {
    const res = run(a.path, 'catalog', 'nonsense');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Unknown command');
  }, 60_000);
});
