import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STTR_BYTES } from '../../../src/rules/sttr/index.js';
import { ADMIN_KEY } from '../../support/platform.js';
import { STORES } from '../../support/stores.js';
import { unevaluableTreeXml } from '../sttr/generated-tree.js';
import { shippedTrees, STTR_DIR } from '../sttr/paths.js';
import { rulesPlatform, type RulesPlatform } from './platform.js';

/**
 * Importing STTR rule files at run time: validated, refused with a clear reason, stored
 * (with who imported them and when) in one transaction, listed, and kept over a restart.
 */
const XML = 'application/xml';
const TREE = readFileSync(join(STTR_DIR, 'tree-felling.dmn'), 'utf8');
const DAKKAPEL = readFileSync(join(STTR_DIR, 'ConclusieBouwenDakkapel.dmn'), 'utf8');
const PLAIN_DMN = `<?xml version="1.0"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" namespace="urn:t" name="Fee" id="d">
  <inputData id="i" name="Area"/>
  <decision id="d_fee" name="Fee"><informationRequirement><requiredInput href="#i"/></informationRequirement>
    <literalExpression><text>Area * 3</text></literalExpression></decision>
</definitions>`;

/** Files that must be refused, each with the reason code the refusal names. */
const REFUSED: Array<[string, string, string]> = [
  ['broken XML', TREE.slice(0, TREE.length / 2), 'not-xml'],
  ['not XML at all', 'Dit is geen XML.', 'not-xml'],
  ['XML but not DMN (a plan file)', readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'imro', 'imro2008-sample.gml'), 'utf8'), 'not-dmn'],
  ['DMN without the STTR structure', PLAIN_DMN, 'not-sttr'],
  ['an entity bomb', `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${TREE.replace(/^<\?xml[^>]*>/, '').replace('<uitv:vraagTekst>', '<uitv:vraagTekst>&c; ')}`, 'dtd'],
  ['an external entity', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${TREE.replace(/^<\?xml[^>]*>/, '').replace('<uitv:vraagTekst>', '<uitv:vraagTekst>&x; ')}`, 'dtd'],
  ['an unknown entity without a DTD', TREE.replace('<uitv:vraagTekst>', '<uitv:vraagTekst>&x; '), 'not-xml'],
  ['elements nested 5,000 deep', TREE.replace('</dmn:definitions>', `<dmn:extensionElements>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</dmn:extensionElements></dmn:definitions>`), 'too-deep'],
  ['a decision that does not compile', TREE.replace(/<dmn:text>([^<]*)<\/dmn:text>/, '<dmn:text>$1 + + (</dmn:text>'), 'dmn-invalid'],
];

for (const kind of STORES) {
  describe(`STTR import on ${kind.name}`, () => {
    let p: RulesPlatform;
    let orgKey: string;
    let otherKey: string;
    const rows = async () => Number((await p.ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM rules_sttr_files'))!.n);
    const send = (xml: string, key: string | undefined, query = '') => p.call('POST', `/api/v1/rules/activities${query}`, xml, { ...(key ? { key } : {}), contentType: XML });

    beforeAll(async () => {
      p = await rulesPlatform(kind.name);
      for (const id of ['gemeente-venlo', 'ander']) expect((await p.call('POST', '/api/v1/organisations', { id, name: id, kind: 'gemeente' }, { key: ADMIN_KEY })).status).toBe(201);
      orgKey = (await p.call('POST', '/api/v1/organisations/gemeente-venlo/keys', { label: 'tests' }, { key: ADMIN_KEY })).json.key;
      otherKey = (await p.call('POST', '/api/v1/organisations/ander/keys', { label: 'tests' }, { key: ADMIN_KEY })).json.key;
    }, 60_000);
    afterAll(async () => p?.close());

    it('needs a key and an XML body', async () => {
      expect((await send(TREE, undefined)).status).toBe(401);
      const json = await p.call('POST', '/api/v1/rules/activities', { xml: TREE }, { key: orgKey });
      expect(json.status).toBe(415);
      expect(await rows()).toBe(0);
    });

    it.each(REFUSED)('refuses %s with the reason, writing nothing', async (_what, xml, reason) => {
      const r = await send(xml, orgKey);
      expect(r.status, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json.invalidParams[0].reason).toMatch(new RegExp(`^${reason}: `));
      expect(r.json.detail).toMatch(/^The STTR file is refused: /);
      expect(r.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
      expect(await rows()).toBe(0);
    });

    it('refuses a file over the size limit with 413', async () => {
      const big = TREE.replace('</dmn:definitions>', `<!-- ${'x'.repeat(MAX_STTR_BYTES)} --></dmn:definitions>`);
      const r = await send(big, orgKey);
      expect(r.status).toBe(413);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await rows()).toBe(0);
    });

    it('refuses rules the engine cannot evaluate, saying what the engine reported', async () => {
      // An error in words, not a silent null or a 500.
      const r = await send(unevaluableTreeXml(), orgKey, '?id=Onberekenbaar');
      expect(r.status, r.body).toBe(400);
      expect(r.json.invalidParams[0].reason).toBe(
        "evaluation-failed: the rules cannot be evaluated: Conclusie: invokes 'Vraag 0', which is no business knowledge model, decision service or function in its scope (bindings: none); a BKM or decision service must be a knowledge requirement of 'Conclusie'",
      );
      expect(await rows()).toBe(0);
    });

    it('imports under an organisation key: stored with who and when, listed, usable, kept over a restart', async () => {
      const r = await send(TREE, orgKey, '?id=BomenVenlo&fileName=tree-felling.dmn');
      expect(r.status, r.body).toBe(201);
      expect(r.headers.location).toBe('/api/v1/rules/activities/BomenVenlo');
      expect(r.json).toMatchObject({ replaced: false, activity: { id: 'BomenVenlo', source: 'imported', importedBy: { kind: 'organisation', organisationId: 'gemeente-venlo' } } });
      expect(Date.parse(r.json.activity.importedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(await rows()).toBe(1);

      p = await p.restart();
      const list = (await p.call('GET', '/api/v1/rules/activities')).json;
      const listed = list.items.find((a: any) => a.id === 'BomenVenlo');
      expect(listed).toEqual(r.json.activity);
      expect(list.items.find((a: any) => a.id === 'ConclusieBouwenDakkapel').source).toBe('shipped');
      expect((await p.call('GET', '/api/v1/rules/activities/BomenVenlo')).json).toEqual(r.json.activity);
      const check = await p.call('POST', '/api/v1/rules/checks', { activity: 'BomenVenlo' });
      expect(check.status, check.body).toBe(201);
      expect(check.json.step.kind).toBe('question');
    });

    it('names the activity after the model when no id is given, and an admin import says so', async () => {
      const r = await send(DAKKAPEL.replace('name="Conclusie Bouwen Dakkapel"', 'name="Dakkapel Proefgemeente"'), ADMIN_KEY);
      expect(r.status, r.body).toBe(201);
      expect(r.json.activity).toMatchObject({ id: 'DakkapelProefgemeente', name: 'Dakkapel Proefgemeente', importedBy: { kind: 'admin' } });
    });

    it('replaces an import by the same organisation; refuses another organisation and shipped ids', async () => {
      const started = await p.call('POST', '/api/v1/rules/checks', { activity: 'BomenVenlo' });
      expect((await send(TREE, otherKey, '?id=BomenVenlo')).status).toBe(403);
      expect((await send(TREE, orgKey, '?id=ConclusieBouwenDakkapel')).status).toBe(409);
      const changed = TREE.replace('Met een tuin', 'Met een tuin (gewijzigd)');
      const r = await send(changed, orgKey, '?id=BomenVenlo');
      expect(r.status, r.body).toBe(200);
      expect(r.json.replaced).toBe(true);
      expect(await rows()).toBe(2);
      // A check that started on the earlier rules is not answered by the new ones.
      const q = started.json.step.question;
      const late = await p.call('POST', `/api/v1/rules/checks/${started.json.id}/answers`, { questionId: q.id, value: q.type === 'boolean' ? true : q.options[0].text });
      expect(late.status).toBe(409);
      expect(late.json.detail).toMatch(/replaced/);
    });

    it('removes an import (its organisation or the administrator), never a shipped activity', async () => {
      expect((await p.call('DELETE', '/api/v1/rules/activities/BomenVenlo', undefined, { key: otherKey })).status).toBe(403);
      expect((await p.call('DELETE', '/api/v1/rules/activities/ConclusieBouwenDakkapel', undefined, { key: ADMIN_KEY })).status).toBe(409);
      expect((await p.call('DELETE', '/api/v1/rules/activities/BomenVenlo', undefined, { key: orgKey })).status).toBe(204);
      expect((await p.call('DELETE', '/api/v1/rules/activities/BomenVenlo', undefined, { key: orgKey })).status).toBe(404);
      expect((await p.call('GET', '/api/v1/rules/activities')).json.items.map((a: any) => a.id)).not.toContain('BomenVenlo');
    });

    it('takes every shipped file, or refuses it only for what the engine cannot evaluate', async () => {
      for (const { file, xml } of shippedTrees()) {
        const r = await send(xml, ADMIN_KEY, `?id=Kopie-${file.replace(/\.dmn$/, '')}`);
        if (r.status !== 201) {
          expect(r.status, `${file}: ${r.body}`).toBe(400);
          expect(r.json.invalidParams[0].reason, file).toMatch(/^evaluation-failed: /);
        }
      }
    });
  });
}
