import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadActivities } from '../../../src/rules/check/activities.js';
import { rulesEvalCommand, rulesImportCommand, rulesImportSttrCommand } from '../../../src/rules/cli.js';
import { rulesStore } from '../../../src/rules/store/index.js';
import { tempDir } from '../../support/stores.js';
import { rulesPlatform, type RulesPlatform } from './platform.js';

const root = join(import.meta.dirname, '..', '..', '..');
const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="fee" namespace="urn:test">
  <inputData id="i_area" name="Area"><variable name="Area" typeRef="number"/></inputData>
  <decision id="d_fee" name="Fee">
    <variable name="Fee" typeRef="number"/>
    <informationRequirement><requiredInput href="#i_area"/></informationRequirement>
    <decisionTable hitPolicy="UNIQUE">
      <input><inputExpression typeRef="number"><text>Area</text></inputExpression></input>
      <output name="fee" typeRef="number"/>
      <rule id="small"><inputEntry><text>&lt; 100</text></inputEntry><outputEntry><text>250</text></outputEntry></rule>
      <rule id="large"><inputEntry><text>&gt;= 100</text></inputEntry><outputEntry><text>Area * 3</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

describe('rules CLI and demo', () => {
  let p: RulesPlatform;
  const dir = tempDir('thorbecke-rules-cli-');
  const dmnFile = join(dir.path, 'fee.dmn');
  beforeAll(async () => {
    writeFileSync(dmnFile, DMN);
    p = await rulesPlatform('sqlite', true);
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    dir.remove();
  });

  async function capture(run: () => Promise<number>) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      return { code: await run(), out: out.join('\n'), err: err.join('') };
    } finally {
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
  }

  it('demo: the Goes plan is imported once, idempotently', async () => {
    const { seedRulesDemo } = await import('../../../src/rules/demo.js');
    await seedRulesDemo(p.ctx);
    const { items, total } = await rulesStore(p.ctx.store).listPlans(p.ctx.store, 10, 0);
    expect(total).toBe(1);
    expect(items[0]!.id).toBe('NL.IMRO.0664.BPBS02-VG99');
  });

  it('eval prints the decision result as JSON', async () => {
    const r = await capture(() => rulesEvalCommand.run(p.ctx, [dmnFile, '--decision', 'Fee', '--input', '{"Area": 120}']));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.result).toBe(360);
    expect(json.firedRules.Fee.map((f: any) => f.id)).toEqual(['large']);
    const byId = await capture(() => rulesEvalCommand.run(p.ctx, [dmnFile, '--decision', 'd_fee', '--input', '{"Area": 10}']));
    expect(JSON.parse(byId.out).result).toBe(250);
  });

  it('eval exits 1 with a clear message on a DMN error or bad input', async () => {
    const r = await capture(() => rulesEvalCommand.run(p.ctx, [dmnFile, '--decision', 'Nope', '--input', '{}']));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/decision-not-found/);
    const broken = join(dir.path, 'broken.dmn');
    writeFileSync(broken, DMN.replace('</definitions>', ''));
    const b = await capture(() => rulesEvalCommand.run(p.ctx, [broken, '--decision', 'Fee']));
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/dmn-xml-invalid.*line \d+/);
    const badInput = await capture(() => rulesEvalCommand.run(p.ctx, [dmnFile, '--decision', 'Fee', '--input', '[1]']));
    expect(badInput.code).toBe(1);
    expect((await capture(() => rulesEvalCommand.run(p.ctx, [dmnFile]))).code).toBe(2);
  });

  it('import reads a GML file with a progress line and reports errors with their line', async () => {
    const r = await capture(() => rulesImportCommand.run(p.ctx, [join(root, 'test', 'fixtures', 'imro', 'imro2008-sample.gml')]));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/imported 'Testplan & omgeving' \(IMRO2008, ontwerp\)/);
    expect(r.err).toMatch(/unknown type <Verklaring>/);
    const bad = join(dir.path, 'bad.gml');
    writeFileSync(bad, '<?xml version="1.0"?>\n<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1">\n<imro:featureMember>\n</imro:FeatureCollectionIMRO>');
    const e = await capture(() => rulesImportCommand.run(p.ctx, [bad]));
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/line 4/);
  });

  it('import-sttr imports an STTR file as the administrator, refuses what is not one, and the API lists it', async () => {
    const file = join(root, 'demo', 'omgevingswet', 'sttr', 'tree-felling.dmn');
    const r = await capture(() => rulesImportSttrCommand.run(p.ctx, [file, '--id', 'BomenCli']));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/imported 'ConclusieBoomKappen' as activity BomenCli \(4 questions/);
    const listed = (await p.call('GET', '/api/v1/rules/activities')).json.items.find((a: any) => a.id === 'BomenCli');
    expect(listed).toMatchObject({ source: 'imported', importedBy: { kind: 'admin' } });
    const again = await capture(() => rulesImportSttrCommand.run(p.ctx, [file, '--id', 'BomenCli']));
    expect(again.err).toMatch(/^replaced /);
    // A DMN file without the STTR structure, a missing file, no file.
    const refused = await capture(() => rulesImportSttrCommand.run(p.ctx, [dmnFile]));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/fee\.dmn: The STTR file is refused: the file is DMN but has no STTR uitvoeringsregels/);
    expect((await capture(() => rulesImportSttrCommand.run(p.ctx, [join(dir.path, 'nope.dmn')]))).err).toMatch(/no such file/);
    expect((await capture(() => rulesImportSttrCommand.run(p.ctx, []))).code).toBe(2);
  });

  it('a broken STTR file is reported as "rule X is broken" and the others still load', () => {
    const sttr = tempDir('thorbecke-sttr-');
    try {
      copyFileSync(join(root, 'demo', 'omgevingswet', 'sttr', 'ConclusieBouwenDakkapel.dmn'), join(sttr.path, 'Dakkapel.dmn'));
      writeFileSync(join(sttr.path, 'Kapot.dmn'), DMN.replace('Area * 3', 'Area * * 3'));
      const warnings: string[] = [];
      const set = loadActivities(sttr.path, (m) => warnings.push(m));
      expect([...set.activities.keys()]).toEqual(['Dakkapel']);
      expect(set.broken.map((b) => b.id)).toEqual(['Kapot']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^rule Kapot is broken: /);
    } finally {
      sttr.remove();
    }
  });
});

describe('rules in the OpenAPI document, and odd input', () => {
  let p: RulesPlatform;
  beforeAll(async () => {
    p = await rulesPlatform('sqlite');
  }, 60_000);
  afterAll(async () => p?.close());

  it('describes every rules route', async () => {
    const doc = (await p.call('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/rules/plans', '/api/v1/rules/here', '/api/v1/rules/check-building', '/api/v1/rules/collections/{collectionId}/items', '/api/v1/rules/checks/{id}/answers']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/rules/here'].get.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['lon', 'lat', 'x', 'y', 'crs']));
  });
});
