import { LISTED_FACETS, type FacetName, type SortOrder } from './query.js';

/**
 * An in-memory view of the register's narrow columns — which facet values each dataset
 * has, and the sort keys — so that filtering, counting, facet totals and ordering run over
 * bitsets instead of index rows. SQLite and PostgreSQL both pay a fixed cost per row
 * read, which put facet counts over 20,000 matches at 30–80 ms; over bitsets it is under
 * a millisecond. The store stays the source of truth: the index is rebuilt when the
 * register's version token changes (every write sets a new random token).
 */
export class FacetIndex {
  readonly size: number;
  private readonly rids: Float64Array;
  private readonly denseOf = new Map<number, number>();
  /** Per facet value (key `facet\u001fvalue`): the datasets that have it, as a bitset. */
  private readonly postings = new Map<string, Uint32Array>();
  /** CSR lists of each dataset's facet value codes. */
  private readonly codeStart: Int32Array;
  private readonly codes: Uint16Array;
  private readonly codeNames: Array<{ facet: string; value: string }> = [];
  private readonly modified: string[];
  private readonly titles: string[];
  private readonly orders = new Map<string, Int32Array>();

  constructor(
    readonly version: string,
    rows: ReadonlyArray<{ rid: number; keys: string; modified: string; title: string }>,
  ) {
    this.size = rows.length;
    this.rids = new Float64Array(rows.length);
    this.modified = new Array<string>(rows.length);
    this.titles = new Array<string>(rows.length);
    this.codeStart = new Int32Array(rows.length + 1);
    const codeOf = new Map<string, number>();
    const codes: number[] = [];
    const words = Math.ceil(rows.length / 32);
    rows.forEach((row, i) => {
      this.rids[i] = row.rid;
      this.denseOf.set(row.rid, i);
      this.modified[i] = row.modified;
      this.titles[i] = row.title;
      this.codeStart[i] = codes.length;
      if (!row.keys) return;
      for (const pair of row.keys.split('\u001e')) {
        let code = codeOf.get(pair);
        if (code === undefined) {
          code = this.codeNames.length;
          codeOf.set(pair, code);
          const cut = pair.indexOf('\u001f');
          this.codeNames.push({ facet: pair.slice(0, cut), value: pair.slice(cut + 1) });
          this.postings.set(pair, new Uint32Array(words));
        }
        codes.push(code);
        this.postings.get(pair)![i >>> 5]! |= 1 << (i & 31);
      }
    });
    this.codeStart[rows.length] = codes.length;
    this.codes = Uint16Array.from(codes);
  }

  /** Datasets having any of the values of one facet. */
  anyOf(facet: FacetName, values: readonly string[]): Uint32Array {
    const out = new Uint32Array(Math.ceil(this.size / 32));
    for (const v of values) {
      const p = this.postings.get(`${facet}\u001f${v}`);
      if (p) for (let w = 0; w < out.length; w++) out[w]! |= p[w]!;
    }
    return out;
  }

  /** The datasets with these row ids (unknown ids are ignored). */
  fromRids(rids: Iterable<number>): Uint32Array {
    const out = new Uint32Array(Math.ceil(this.size / 32));
    for (const rid of rids) {
      const i = this.denseOf.get(rid);
      if (i !== undefined) out[i >>> 5]! |= 1 << (i & 31);
    }
    return out;
  }

  dense(rid: number): number | undefined {
    return this.denseOf.get(rid);
  }

  rid(dense: number): number {
    return this.rids[dense]!;
  }

  static and(a: Uint32Array | undefined, b: Uint32Array): Uint32Array {
    if (!a) return b;
    for (let w = 0; w < a.length; w++) a[w]! &= b[w]!;
    return a;
  }

  static has(set: Uint32Array, i: number): boolean {
    return (set[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  count(set: Uint32Array | undefined): number {
    if (!set) return this.size;
    let n = 0;
    for (let w = 0; w < set.length; w++) {
      let x = set[w]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  private allCounts?: Array<{ facet: string; value: string; n: number }>;

  /** Facet value totals over a set (or over everything, computed once per version). */
  facetCounts(set: Uint32Array | undefined): Array<{ facet: string; value: string; n: number }> {
    if (!set) return (this.allCounts ??= this.countOver(undefined));
    return this.countOver(set);
  }

  private countOver(set: Uint32Array | undefined): Array<{ facet: string; value: string; n: number }> {
    const counts = new Uint32Array(this.codeNames.length);
    const add = (i: number) => {
      for (let k = this.codeStart[i]!; k < this.codeStart[i + 1]!; k++) counts[this.codes[k]!]!++;
    };
    if (!set) for (let i = 0; i < this.size; i++) add(i);
    else
      for (let w = 0; w < set.length; w++) {
        let x = set[w]!;
        while (x !== 0) {
          const bit = 31 - Math.clz32(x & -x);
          add(w * 32 + bit);
          x &= x - 1;
        }
      }
    const out: Array<{ facet: string; value: string; n: number }> = [];
    counts.forEach((n, code) => {
      const name = this.codeNames[code]!;
      if (n > 0 && LISTED_FACETS.includes(name.facet as FacetName)) out.push({ ...name, n });
    });
    return out;
  }

  /** Dense indexes in the given order (ties broken by row id, in the same direction). */
  ordered(sort: Exclude<SortOrder, 'relevance'>): Int32Array {
    const cached = this.orders.get(sort);
    if (cached) return cached;
    const keys = sort === 'title' || sort === '-title' ? this.titles : this.modified;
    const asc = Int32Array.from({ length: this.size }, (_, i) => i).sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      return ka < kb ? -1 : ka > kb ? 1 : this.rids[a]! - this.rids[b]!;
    });
    const order = sort === 'title' || sort === 'modified' ? asc : asc.reverse();
    this.orders.set(sort, order);
    return order;
  }

  /** One page of a set, walking an order; returns row ids. */
  page(order: ArrayLike<number>, set: Uint32Array | undefined, offset: number, limit: number): number[] {
    const out: number[] = [];
    let seen = 0;
    for (let k = 0; k < order.length && out.length < limit; k++) {
      const i = order[k]!;
      if (set && !FacetIndex.has(set, i)) continue;
      if (seen++ >= offset) out.push(this.rids[i]!);
    }
    return out;
  }
}

/** A few indexes at most: one per database a process talks to, keyed by version token. */
export class FacetIndexCache {
  private readonly entries = new Map<string, FacetIndex>();
  get(version: string): FacetIndex | undefined {
    const hit = this.entries.get(version);
    if (hit) {
      this.entries.delete(version);
      this.entries.set(version, hit);
    }
    return hit;
  }
  set(index: FacetIndex): void {
    this.entries.set(index.version, index);
    while (this.entries.size > 4) this.entries.delete(this.entries.keys().next().value!);
  }
}
