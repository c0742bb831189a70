import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetIndex, type IndexRow } from '../../src/catalog/store/facet-index.js';
import type { FacetName, SortOrder } from '../../src/catalog/store/query.js';

const FACET_VALUES: Array<[FacetName, string[]]> = [
  ['theme', ['TRAN', 'ENVI', 'ECON']],
  ['publisher', ['delft', 'amsterdam']],
  ['license', ['CC0', 'CC-BY']],
  ['mandate', ['m1', 'm2']],
];
const SORTS: Array<Exclude<SortOrder, 'relevance'>> = ['title', '-title', 'modified', '-modified'];

const row = (rid: number) =>
  fc.record({
    keys: fc.subarray(FACET_VALUES.flatMap(([f, vs]) => vs.map((v) => `${f}\u001f${v}`))).map((ks) => ks.join('\u001e')),
    modified: fc.constantFrom('2024-01-01', '2025-06-01', '2026-03-15'),
    title: fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
  }).map((r): IndexRow => ({ rid, ...r }));

/** Everything a search can observe of an index, in row ids. */
function observe(index: FacetIndex) {
  const all = index.ordered('title');
  return {
    size: index.size,
    total: index.count(undefined),
    facets: [...index.facetCounts(undefined)].sort((a, b) => (a.facet + a.value < b.facet + b.value ? -1 : 1)),
    perValue: FACET_VALUES.flatMap(([f, vs]) => vs.map((v) => index.page(all, index.anyOf(f, [v]), 0, 1000))),
    orders: SORTS.map((s) => index.page(index.ordered(s), undefined, 0, 1000)),
    paged: index.page(index.ordered('-modified'), undefined, 2, 3),
  };
}

describe('FacetIndex.withChanges', () => {
  it('gives the same answers as an index built from scratch from the changed rows', () => {
    const scenario = fc
      .integer({ min: 0, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.tuple(...Array.from({ length: n }, (_, i) => row(i + 1))),
          // Three rounds of changes: replace some, add some (new rids), delete some.
          fc.array(
            fc.record({
              replace: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }),
              add: fc.integer({ min: 0, max: 4 }),
              remove: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }),
              seed: fc.array(row(0), { minLength: 10, maxLength: 10 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        ),
      );
    fc.assert(
      fc.property(scenario, ([initial, rounds]) => {
        let rows = new Map<number, IndexRow>(initial.map((r) => [r.rid, r]));
        let index = new FacetIndex('v0', [...rows.values()]);
        observe(index); // caches orders and totals, so the derived index must move rows in them
        let nextRid = 1000;
        rounds.forEach((round, k) => {
          let s = 0;
          const upserts: IndexRow[] = [];
          for (const rid of round.replace) if (rows.has(rid)) upserts.push({ ...round.seed[s++ % 10]!, rid });
          for (let a = 0; a < round.add; a++) upserts.push({ ...round.seed[s++ % 10]!, rid: nextRid++ });
          const removed = round.remove.filter((rid) => rows.has(rid) && !upserts.some((u) => u.rid === rid));
          index = index.withChanges(`v${k + 1}`, upserts, removed);
          rows = new Map(rows);
          for (const u of upserts) rows.set(u.rid, u);
          for (const rid of removed) rows.delete(rid);
          const fresh = new FacetIndex('fresh', [...rows.values()].sort((a, b) => a.rid - b.rid));
          expect(observe(index)).toEqual(observe(fresh));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('leaves the version it was derived from as it was', () => {
    const rows: IndexRow[] = [1, 2, 3].map((rid) => ({ rid, keys: `theme\u001fTRAN`, modified: `2026-01-0${rid}`, title: `t${rid}` }));
    const before = new FacetIndex('a', rows);
    const seen = observe(before);
    before.withChanges('b', [{ rid: 2, keys: 'theme\u001fENVI', modified: '2027-01-01', title: 'z' }, { rid: 9, keys: '', modified: '2020-01-01', title: 'a' }], [3]);
    expect(observe(before)).toEqual(seen);
  });
});
