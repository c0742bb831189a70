import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEntry } from '../../src/registers/algorithms/standard.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES } from '../support/stores.js';
import { registersPlatform, standardEntry, type RegistersPlatform } from './platform.js';

for (const kind of STORES) {
  describe(`algorithm register API: ${kind.name}`, () => {
    let p: RegistersPlatform;
    let key: string;
    let otherKey: string;
    const url = '/api/v1/registers/algorithms';

    beforeAll(async () => {
      p = await registersPlatform(kind.name);
      key = await p.org('gemeente-test', 'gemeente', 'Gemeente Test');
      otherKey = await p.org('ander', 'bedrijf');
      expect((await p.call('POST', '/api/v1/mandates', { id: 'raad-verkeer', kind: 'raadsbesluit', title: 'Verkeersplan', ownerId: 'gemeente-test' }, ADMIN_KEY)).status).toBe(201);
    });
    afterAll(async () => p.close());

    it('creates, reads, replaces and deletes an entry with the owner’s key', async () => {
      const created = await p.call('POST', url, { id: 'ringweg', ownerId: 'gemeente-test', mandateIds: ['raad-verkeer'], standard: standardEntry() }, key);
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`${url}/ringweg`);
      expect(created.json).toMatchObject({ id: 'ringweg', ownerId: 'gemeente-test', mandateIds: ['raad-verkeer'], missingFields: [] });
      expect((await p.call('GET', `${url}/ringweg`)).json.standard.name).toBe('Automatische verkeersregeling Ringweg');

      const replaced = await p.call('PUT', `${url}/ringweg`, { ownerId: 'gemeente-test', standard: standardEntry({ status: 'Buiten gebruik', end_date: '2024-01' }) }, key);
      expect(replaced.status).toBe(200);
      expect(replaced.json.standard.status).toBe('Buiten gebruik');
      expect(replaced.json.createdAt).toBe(created.json.createdAt);

      const list = await p.call('GET', `${url}?status=Buiten%20gebruik&q=ringweg`);
      expect(list.json.items.map((a: { id: string }) => a.id)).toEqual(['ringweg']);
      expect((await p.call('GET', `${url}?status=In%20gebruik`)).json.total).toBe(0);

      expect((await p.call('DELETE', `${url}/ringweg`, undefined, key)).status).toBe(204);
      expect((await p.call('GET', `${url}/ringweg`)).status).toBe(404);
    });

    it('derives an id from owner and name when none is given', async () => {
      const r = await p.call('POST', url, { ownerId: 'gemeente-test', standard: standardEntry({ name: 'Slim vegen' }) }, key);
      expect(r.json.id).toBe('gemeente-test-slim-vegen');
      expect((await p.call('POST', url, { ownerId: 'gemeente-test', standard: standardEntry({ name: 'Slim vegen' }) }, key)).status).toBe(409);
    });

    it('needs a key (401) of the owning organisation (403)', async () => {
      const body = { id: 'geheim', ownerId: 'gemeente-test', standard: standardEntry() };
      expect((await p.call('POST', url, body)).status).toBe(401);
      expect((await p.call('POST', url, body, otherKey)).status).toBe(403);
      expect((await p.call('POST', url, body, key)).status).toBe(201);
      expect((await p.call('PUT', `${url}/geheim`, body, otherKey)).status).toBe(403);
      expect((await p.call('DELETE', `${url}/geheim`, undefined, otherKey)).status).toBe(403);
      // The owner cannot hand the entry to another organisation's name either.
      expect((await p.call('PUT', `${url}/geheim`, { ...body, ownerId: 'ander' }, key)).status).toBe(403);
    });

    it('validates the standard’s fields with its JSON Schema, naming each field', async () => {
      const r = await p.call('POST', url, { ownerId: 'gemeente-test', standard: standardEntry({ status: 'Actief', start_date: '2021', link: 'geen url', language: 'eng', extra_field: 1, supplier: undefined }) }, key);
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const names = r.json.invalidParams.map((x: { name: string }) => x.name);
      expect(names).toEqual(expect.arrayContaining(['standard.status', 'standard.start_date', 'standard.link', 'standard.language', 'standard.extra_field', 'standard.supplier']));
      const status = r.json.invalidParams.find((x: { name: string }) => x.name === 'standard.status');
      expect(status.reason).toMatch(/In ontwikkeling \| In gebruik \| Buiten gebruik/);
      expect(r.json.invalidParams.find((x: { name: string }) => x.name === 'standard.name')).toBeUndefined();
    });

    it('rejects unknown envelope fields, unknown mandates and unknown owners', async () => {
      expect((await p.call('POST', url, { ownerId: 'gemeente-test', standard: standardEntry(), extra: 1 }, key)).json.invalidParams[0].name).toBe('extra');
      const m = await p.call('POST', url, { ownerId: 'gemeente-test', mandateIds: ['bestaat-niet'], standard: standardEntry({ name: 'X' }) }, key);
      expect(m.status).toBe(422);
      expect(m.json.invalidParams[0].name).toBe('mandateIds.0');
      const o = await p.call('POST', url, { ownerId: 'nergens', standard: standardEntry({ name: 'Y' }) }, ADMIN_KEY);
      expect(o.status).toBe(422);
    });

    it('keeps the AI Act answers and assessment with the entry', async () => {
      const answers = { 'ai-system': 'yes', 'h-essential-services': 'yes', 'h-derogation': 'no', 'h-profiling': 'yes' };
      const r = await p.call('POST', url, { id: 'bijstand', ownerId: 'gemeente-test', standard: standardEntry({ name: 'Bijstand', publication_category: 'Impactvolle algoritmes (Categorie B)' }), aiActAnswers: answers }, key);
      expect(r.status).toBe(201);
      expect(r.json.aiAct.answers).toEqual(answers);
      expect(r.json.aiAct.assessment.outcome).toBe('hoog-risico');
      // The register says B, the assessment says A: shown, not hidden.
      expect(r.json.aiAct.matchesEntry).toBe(false);
      const bad = await p.call('POST', url, { ownerId: 'gemeente-test', standard: standardEntry({ name: 'Z' }), aiActAnswers: { 'no-such-question': 'yes' } }, key);
      expect(bad.status).toBe(400);
      expect(bad.json.invalidParams[0].name).toBe('aiActAnswers.no-such-question');
    });

    it('shows internal fields only to the owner’s key', async () => {
      const internal = { contactPerson: { name: 'J. Jansen', email: 'j.jansen@example.org' }, notes: 'interne notitie' };
      expect((await p.call('POST', url, { id: 'met-intern', ownerId: 'gemeente-test', standard: standardEntry({ name: 'Intern' }), internal }, key)).status).toBe(201);
      expect((await p.call('GET', `${url}/met-intern`)).json.internal).toBeUndefined();
      expect((await p.call('GET', `${url}/met-intern`, undefined, otherKey)).json.internal).toBeUndefined();
      expect((await p.call('GET', `${url}/met-intern`, undefined, key)).json.internal).toEqual(internal);
      expect((await p.call('GET', `${url}/met-intern`, undefined, ADMIN_KEY)).json.internal).toEqual(internal);
      expect((await p.call('GET', `${url}/met-intern`, undefined, 'tbk_00000000_unknown')).status).toBe(401);
    });

    it('exports complete entries in the standard’s format, valid against its schema', async () => {
      // An incomplete (imported-like) entry cannot come through the API, so count the complete ones.
      const r = await p.call('GET', `${url}/export`);
      expect(r.status).toBe(200);
      expect(Array.isArray(r.json)).toBe(true);
      expect(r.json.length).toBeGreaterThanOrEqual(3);
      for (const entry of r.json) expect(validateEntry(entry)).toEqual([]);
      expect(r.headers['x-incomplete-entries']).toBe('0');
      expect(JSON.stringify(r.json)).not.toContain('j.jansen@example.org');
      const owned = await p.call('GET', `${url}/export?owner=ander`);
      expect(owned.json).toEqual([]);
    });
  });
}

describe('algorithm register export with imported entries', () => {
  it('leaves out incomplete entries unless asked, and says how many', async () => {
    const p = await registersPlatform('sqlite', { demo: true });
    try {
      const excluded = await p.call('GET', '/api/v1/registers/algorithms/export');
      expect(excluded.json).toEqual([]);
      expect(excluded.headers['x-incomplete-entries']).toBe('96');
      const included = await p.call('GET', '/api/v1/registers/algorithms/export?incomplete=include');
      expect(included.json).toHaveLength(96);
      expect(included.json[0]).toMatchObject({ language: 'nld', schema: '1.0.0' });
    } finally {
      await p.close();
    }
  }, 60_000);
});
