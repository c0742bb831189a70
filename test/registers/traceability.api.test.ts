import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTraceabilitySource, type TraceItem } from '../../src/registers/index.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY } from '../support/platform.js';
import { STORES } from '../support/stores.js';
import { registersPlatform, standardEntry, type RegistersPlatform } from './platform.js';

for (const kind of STORES) {
  describe(`democratic traceability: ${kind.name}`, () => {
    let p: RegistersPlatform;
    const url = '/api/v1/registers/traceability';

    beforeAll(async () => {
      p = await registersPlatform(kind.name);
      const key = await p.org('gemeente-test', 'gemeente', 'Gemeente Test');
      await p.org('netwerk', 'netwerkorganisatie', 'Smart City Netwerk');
      const mandates = [
        { id: 'raad', kind: 'raadsbesluit', title: 'Raadsbesluit data', ownerId: 'gemeente-test', decidedBy: { name: 'Gemeenteraad Test', elected: true, organisationId: 'gemeente-test' } },
        { id: 'college', kind: 'collegebesluit', title: 'Collegebesluit uitvoering', ownerId: 'gemeente-test', basedOn: 'raad', decidedBy: { name: 'College van B en W Test', elected: false, organisationId: 'gemeente-test' } },
        { id: 'city-deal', kind: 'convenant', title: 'City Deal', ownerId: 'netwerk', signatories: ['gemeente-test', 'netwerk'] },
        { id: 'geen', kind: 'geen', title: 'Geen besluit', ownerId: 'gemeente-test' },
      ];
      for (const m of mandates) expect((await p.call('POST', '/api/v1/mandates', m, ADMIN_KEY)).status).toBe(201);
      const datasets: Array<[string, string[]]> = [['d-raad', ['raad']], ['d-college', ['college']], ['d-deal', ['city-deal']], ['d-geen', ['geen']], ['d-niets', []], ['d-mix', ['city-deal', 'college']]];
      for (const [id, mandateIds] of datasets) expect((await p.call('POST', '/api/v1/catalog/datasets', datasetFixture({ id, mandateIds }), key)).status).toBe(201);
      expect((await p.call('POST', '/api/v1/registers/algorithms', { id: 'a-deal', ownerId: 'gemeente-test', mandateIds: ['city-deal'], standard: standardEntry() }, key)).status).toBe(201);
      expect((await p.call('POST', '/api/v1/registers/algorithms', { id: 'a-niets', ownerId: 'gemeente-test', standard: standardEntry({ name: 'Ander' }) }, key)).status).toBe(201);
    });
    afterAll(async () => p.close());

    it('classifies every item and totals per class, kind and owner', async () => {
      const s = (await p.call('GET', `${url}/summary`)).json;
      expect(s.totals).toEqual({ a: 1, b: 2, c: 2, d: 3, total: 8 });
      expect(s.byKind.dataset).toEqual({ a: 1, b: 2, c: 1, d: 2, total: 6 });
      expect(s.byKind.algorithm).toEqual({ a: 0, b: 0, c: 1, d: 1, total: 2 });
      expect(s.byOwner['gemeente-test'].total).toBe(8);
      expect(s.classes.a.nl).toMatch(/gekozen orgaan/);
    });

    it('lists items of one class with the mandate that decided it and the elected decision it rests on', async () => {
      const r = (await p.call('GET', `${url}?class=b`)).json;
      expect(r.total).toBe(2);
      const mix = r.items.find((i: { id: string }) => i.id === 'd-mix');
      expect(mix).toMatchObject({ kind: 'dataset', class: 'b', via: 'college', electedId: 'raad', href: '/api/v1/catalog/datasets/d-mix', ownerId: 'gemeente-test' });
      const c = (await p.call('GET', `${url}?class=c&kind=algorithm`)).json;
      expect(c.items.map((i: { id: string }) => i.id)).toEqual(['a-deal']);
      expect(c.totals).toEqual({ a: 0, b: 0, c: 1, d: 1, total: 2 });
    });

    it('pages through the items with links that keep the filters', async () => {
      const first = (await p.call('GET', `${url}?pageSize=3`)).json;
      const second = (await p.call('GET', `${url}?pageSize=3&page=2`)).json;
      const third = (await p.call('GET', `${url}?pageSize=3&page=3`)).json;
      expect(first.total).toBe(8);
      const ids = [...first.items, ...second.items, ...third.items].map((i: { id: string }) => i.id);
      expect(new Set(ids).size).toBe(8);
      expect(first._links.next.href).toContain('page=2');
      const d = (await p.call('GET', `${url}?class=d&pageSize=2`)).json;
      expect(d._links.next.href).toMatch(/class=d/);
      expect((await p.call('GET', `${url}?class=x`)).status).toBe(400);
    });

    it('filters by owner and takes items from sources other capabilities add', async () => {
      expect((await p.call('GET', `${url}/summary?owner=netwerk`)).json.totals.total).toBe(0);
      const sensors: TraceItem[] = [
        { kind: 'sensor', id: 's1', title: 'Camera Markt', ownerId: 'netwerk', mandateIds: ['city-deal'], href: '/sensors/s1' },
        { kind: 'sensor', id: 's2', title: 'Teller', ownerId: 'netwerk', mandateIds: ['verdwenen'], href: '/sensors/s2' },
      ];
      addTraceabilitySource(p.ctx, { name: 'test-sensors', kind: 'sensor', async *items() { yield sensors; } });
      const s = (await p.call('GET', `${url}/summary?owner=netwerk`)).json;
      expect(s.totals).toEqual({ a: 0, b: 0, c: 1, d: 1, total: 2 });
      expect(s.unknownMandateReferences).toBe(1);
      const d = (await p.call('GET', `${url}?kind=sensor&class=d`)).json.items[0];
      expect(d).toMatchObject({ id: 's2', class: 'd', unknownMandateIds: ['verdwenen'] });
    });

    it('draws the governance network with layers and item counts', async () => {
      const g = (await p.call('GET', '/api/v1/registers/governance-graph')).json;
      const node = (id: string) => g.nodes.find((n: { id: string }) => n.id === id);
      expect(node('mandate:raad')).toMatchObject({ type: 'mandate', class: 'a', layer: 'constitutional' });
      expect(node('mandate:city-deal')).toMatchObject({ class: 'c', layer: 'parallel', items: { dataset: 2, algorithm: 1, sensor: 1 } });
      expect(node('org:netwerk').layer).toBe('parallel');
      expect(node('org:gemeente-test').layer).toBe('constitutional');
      const has = (from: string, to: string, type: string) => g.edges.some((e: { from: string; to: string; type: string }) => e.from === from && e.to === to && e.type === type);
      expect(has('mandate:college', 'mandate:raad', 'based-on')).toBe(true);
      expect(has('mandate:city-deal', 'org:netwerk', 'signed-by')).toBe(true);
      const body = g.nodes.find((n: { type: string; label: string }) => n.type === 'body' && n.label === 'Gemeenteraad Test');
      expect(body).toMatchObject({ elected: true, layer: 'constitutional' });
      expect(has('mandate:raad', body.id, 'decided-by')).toBe(true);
      const rests = g.edges.find((e: { from: string; to: string; type: string }) => e.from === 'items:dataset:gemeente-test' && e.to === 'mandate:city-deal');
      expect(rests).toMatchObject({ type: 'rests-on', count: 2 });
      expect(node('items:dataset:gemeente-test')).toMatchObject({ count: 6, withoutMandate: 1 });
      const ids = new Set(g.nodes.map((n: { id: string }) => n.id));
      for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    });
  });
}
