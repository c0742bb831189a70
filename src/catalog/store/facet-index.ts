import { LISTED_FACETS, type FacetName, type SortOrder } from './query.js';

/** One dataset as the index needs it: its facet keys (`facet\u001fvalue` joined by `\u001e`) and sort keys. */
export interface IndexRow {
  rid: number;
  keys: string;
  modified: string;
  title: string;
}

/** Facet pairs and their codes, shared by every version of an index: it only ever grows. */
interface Dictionary {
  codeOf: Map<string, number>;
  names: Array<{ facet: string; value: string; key: string }>;
}

interface State {
  slots: number;
  live: number;
  rids: Float64Array;
  denseOf: Map<number, number>;
  /** Slots still holding a dataset; undefined while none was deleted. */
  alive: Uint32Array | undefined;
  postings: Map<string, Uint32Array>;
  codeStart: Int32Array;
  codes: Int32Array;
  dict: Dictionary;
  modified: string[];
  titles: string[];
  orders: Map<string, Int32Array>;
  /** Datasets per facet code over the whole register, once someone asked. */
  totals?: Uint32Array;
}

const wordsFor = (slots: number) => Math.ceil(slots / 32);

/** More changed rows than this: re-sort cached orders instead of moving each row. */
const MOVE_LIMIT = 64;

/**
 * An in-memory view of the register's narrow columns — which facet values each dataset
 * has, and the sort keys — so that filtering, counting, facet totals and ordering run over
 * bitsets instead of index rows. SQLite and PostgreSQL both pay a fixed cost per row
 * read, which put facet counts over 20,000 matches at 30–80 ms; over bitsets it is under
 * a millisecond. The store stays the source of truth: each version of the register (a
 * token every write sets) has its own index, built from the store or derived from the
 * previous version with `withChanges`.
 */
export class FacetIndex {
  /** Datasets in the index. */
  readonly size: number;
  private readonly s: State;

  constructor(
    readonly version: string,
    source: ReadonlyArray<IndexRow> | State,
  ) {
    this.s = Array.isArray(source) ? FacetIndex.build(source) : (source as State);
    this.size = this.s.live;
  }

  private static build(rows: ReadonlyArray<IndexRow>): State {
    const n = rows.length;
    const dict: Dictionary = { codeOf: new Map(), names: [] };
    const s: State = {
      slots: n,
      live: n,
      rids: new Float64Array(n),
      denseOf: new Map(),
      alive: undefined,
      postings: new Map(),
      codeStart: new Int32Array(n + 1),
      codes: new Int32Array(0),
      dict,
      modified: new Array<string>(n),
      titles: new Array<string>(n),
      orders: new Map(),
    };
    const codes: number[] = [];
    const words = wordsFor(n);
    rows.forEach((row, i) => {
      s.rids[i] = row.rid;
      s.denseOf.set(row.rid, i);
      s.modified[i] = row.modified;
      s.titles[i] = row.title;
      s.codeStart[i] = codes.length;
      for (const code of FacetIndex.encode(dict, row.keys)) {
        codes.push(code);
        FacetIndex.posting(s, code, words)[i >>> 5]! |= 1 << (i & 31);
      }
    });
    s.codeStart[n] = codes.length;
    s.codes = Int32Array.from(codes);
    return s;
  }

  private static encode(dict: Dictionary, keys: string): number[] {
    if (!keys) return [];
    return keys.split('\u001e').map((pair) => {
      let code = dict.codeOf.get(pair);
      if (code === undefined) {
        code = dict.names.length;
        dict.codeOf.set(pair, code);
        const cut = pair.indexOf('\u001f');
        dict.names.push({ facet: pair.slice(0, cut), value: pair.slice(cut + 1), key: pair });
      }
      return code;
    });
  }

  private static posting(s: State, code: number, words: number): Uint32Array {
    const key = s.dict.names[code]!.key;
    let p = s.postings.get(key);
    if (!p) s.postings.set(key, (p = new Uint32Array(words)));
    return p;
  }

  /**
   * The index of the next version: these rows added or replaced (by rid), these rids gone.
   * Copies what changes and leaves this version as it was (a transaction that wrote the
   * change may still roll back). Costs a few milliseconds at 100,000 datasets, against a
   * rebuild from the store of several hundred.
   */
  withChanges(version: string, upserts: ReadonlyArray<IndexRow>, deletedRids: Iterable<number>): FacetIndex {
    const old = this.s;
    const byRid = new Map<number, IndexRow>();
    for (const row of upserts) byRid.set(row.rid, row);
    const removed = new Set<number>();
    for (const rid of deletedRids) if (!byRid.has(rid)) removed.add(rid);
    const appended = [...byRid.values()].filter((r) => !old.denseOf.has(r.rid));
    const slots = old.slots + appended.length;
    const words = wordsFor(slots);
    const grow = <T extends Float64Array | Uint32Array>(a: T, length: number): T => {
      const out = new (a.constructor as new (n: number) => T)(length);
      out.set(a);
      return out;
    };
    const s: State = {
      slots,
      live: old.live,
      rids: grow(old.rids, slots),
      // Replacing rows keeps every row id where it was: share the map unless rows come or go.
      denseOf: removed.size || appended.length ? new Map(old.denseOf) : old.denseOf,
      alive: old.alive ? grow(old.alive, words) : undefined,
      postings: new Map([...old.postings].map(([k, p]) => [k, grow(p, words)])),
      codeStart: old.codeStart,
      codes: old.codes,
      dict: old.dict,
      modified: old.modified.slice(),
      titles: old.titles.slice(),
      orders: new Map(),
    };
    if ((removed.size || appended.length) && !s.alive) {
      // From now on slots can be empty: mark the ones in use.
      s.alive = new Uint32Array(words);
      for (let i = 0; i < old.slots; i++) s.alive[i >>> 5]! |= 1 << (i & 31);
    }
    const changed = new Map<number, number[]>();
    const clear = (dense: number) => {
      for (let k = old.codeStart[dense]!; k < old.codeStart[dense + 1]!; k++) {
        s.postings.get(old.dict.names[old.codes[k]!]!.key)![dense >>> 5]! &= ~(1 << (dense & 31));
      }
    };
    for (const rid of removed) {
      const dense = old.denseOf.get(rid);
      if (dense === undefined) continue;
      clear(dense);
      s.alive![dense >>> 5]! &= ~(1 << (dense & 31));
      s.denseOf.delete(rid);
      s.live--;
      changed.set(dense, []);
    }
    let next = old.slots;
    for (const row of byRid.values()) {
      let dense = old.denseOf.get(row.rid);
      if (dense !== undefined) clear(dense);
      else {
        dense = next++;
        s.denseOf.set(row.rid, dense);
        s.alive![dense >>> 5]! |= 1 << (dense & 31);
        s.live++;
      }
      s.rids[dense] = row.rid;
      s.modified[dense] = row.modified;
      s.titles[dense] = row.title;
      const codes = FacetIndex.encode(s.dict, row.keys);
      for (const code of codes) FacetIndex.posting(s, code, words)[dense >>> 5]! |= 1 << (dense & 31);
      changed.set(dense, codes);
    }
    // Every slot's code list, the changed ones replaced; unchanged runs are copied whole.
    const start = new Int32Array(slots + 1);
    const codes = new Int32Array(old.codes.length + [...changed].reduce((n, [i, c]) => n + c.length - (i < old.slots ? old.codeStart[i + 1]! - old.codeStart[i]! : 0), 0));
    let from = 0;
    let at = 0;
    for (const i of [...changed.keys()].sort((a, b) => a - b)) {
      const upTo = Math.min(i, old.slots);
      if (upTo > from) {
        const shift = at - old.codeStart[from]!;
        codes.set(old.codes.subarray(old.codeStart[from]!, old.codeStart[upTo]!), at);
        for (let k = from; k < upTo; k++) start[k] = old.codeStart[k]! + shift;
        at += old.codeStart[upTo]! - old.codeStart[from]!;
      }
      const mine = changed.get(i)!;
      start[i] = at;
      codes.set(mine, at);
      at += mine.length;
      from = i + 1;
    }
    if (from < old.slots) {
      const shift = at - old.codeStart[from]!;
      codes.set(old.codes.subarray(old.codeStart[from]!, old.codeStart[old.slots]!), at);
      for (let k = from; k < old.slots; k++) start[k] = old.codeStart[k]! + shift;
      at += old.codeStart[old.slots]! - old.codeStart[from]!;
    }
    for (let k = Math.max(from, old.slots); k < slots; k++) start[k] = at;
    start[slots] = at;
    s.codeStart = start;
    s.codes = codes;
    if (old.totals) {
      const totals = new Uint32Array(s.dict.names.length);
      totals.set(old.totals);
      for (const [i, mine] of changed) {
        if (i < old.slots && (!old.alive || FacetIndex.has(old.alive, i))) for (let k = old.codeStart[i]!; k < old.codeStart[i + 1]!; k++) totals[old.codes[k]!]!--;
        for (const code of mine) totals[code]!++;
      }
      s.totals = totals;
    }
    const index = new FacetIndex(version, s);
    if (changed.size <= MOVE_LIMIT) for (const [sort, order] of old.orders) s.orders.set(sort, index.moved(sort as SortKey, order, changed.keys()));
    return index;
  }

  /** Datasets having any of the values of one facet. */
  anyOf(facet: FacetName, values: readonly string[]): Uint32Array {
    const out = new Uint32Array(wordsFor(this.s.slots));
    for (const v of values) {
      const p = this.s.postings.get(`${facet}\u001f${v}`);
      if (p) for (let w = 0; w < out.length; w++) out[w]! |= p[w]!;
    }
    return out;
  }

  /** The datasets with these row ids (unknown ids are ignored). */
  fromRids(rids: Iterable<number>): Uint32Array {
    const out = new Uint32Array(wordsFor(this.s.slots));
    for (const rid of rids) {
      const i = this.dense(rid);
      if (i !== undefined) out[i >>> 5]! |= 1 << (i & 31);
    }
    return out;
  }

  /** The datasets whose row ids are listed, comma-separated: one string from the store instead of a row per match. */
  fromRidList(list: string): Uint32Array {
    const out = new Uint32Array(wordsFor(this.s.slots));
    let rid = 0;
    for (let k = 0; k <= list.length; k++) {
      const c = k < list.length ? list.charCodeAt(k) : 44;
      if (c !== 44) {
        rid = rid * 10 + (c - 48);
        continue;
      }
      const i = k > 0 ? this.dense(rid) : undefined;
      if (i !== undefined) out[i >>> 5]! |= 1 << (i & 31);
      rid = 0;
    }
    return out;
  }

  dense(rid: number): number | undefined {
    // Built in rid order from gap-free ids (a fresh import), the slot is the offset from the
    // first id: no hash look-up for each of thousands of matches.
    const { rids, alive } = this.s;
    const guess = rid - rids[0]!;
    if (guess >= 0 && guess < this.s.slots && rids[guess] === rid && (!alive || FacetIndex.has(alive, guess))) return guess;
    return this.s.denseOf.get(rid);
  }

  rid(dense: number): number {
    return this.s.rids[dense]!;
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

  /** Facet value totals over a set (or over everything: kept per version, carried into the next). */
  facetCounts(set: Uint32Array | undefined): Array<{ facet: string; value: string; n: number }> {
    if (!set) return this.listed((this.s.totals ??= this.countOver(this.s.alive)));
    return this.listed(this.countOver(set));
  }

  private countOver(set: Uint32Array | undefined): Uint32Array {
    const { codeStart, codes, dict } = this.s;
    const counts = new Uint32Array(dict.names.length);
    if (!set) for (let k = codeStart[0]!; k < codeStart[this.s.slots]!; k++) counts[codes[k]!]!++;
    else
      for (let w = 0; w < set.length; w++) {
        let x = set[w]!;
        while (x !== 0) {
          const i = w * 32 + 31 - Math.clz32(x & -x);
          for (let k = codeStart[i]!, end = codeStart[i + 1]!; k < end; k++) counts[codes[k]!]!++;
          x &= x - 1;
        }
      }
    return counts;
  }

  private listed(counts: Uint32Array): Array<{ facet: string; value: string; n: number }> {
    const out: Array<{ facet: string; value: string; n: number }> = [];
    counts.forEach((n, code) => {
      const name = this.s.dict.names[code]!;
      if (n > 0 && LISTED_FACETS.includes(name.facet as FacetName)) out.push({ facet: name.facet, value: name.value, n });
    });
    return out;
  }

  /** Ascending comparison of two slots by a sort key, ties broken by row id. */
  private compare(key: 'title' | 'modified', a: number, b: number): number {
    const keys = key === 'title' ? this.s.titles : this.s.modified;
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : this.s.rids[a]! - this.s.rids[b]!;
  }

  /** Dense indexes of the datasets in the given order (ties broken by row id, in the same direction). */
  ordered(sort: Exclude<SortOrder, 'relevance'>): Int32Array {
    const cached = this.s.orders.get(sort);
    if (cached) return cached;
    const { key, sign } = sortKey(sort);
    const live: number[] = [];
    for (let i = 0; i < this.s.slots; i++) if (!this.s.alive || FacetIndex.has(this.s.alive, i)) live.push(i);
    const order = Int32Array.from(live).sort((a, b) => sign * this.compare(key, a, b));
    this.s.orders.set(sort, order);
    return order;
  }

  /** An order of the previous version with the changed slots taken out and put back where they now belong. */
  private moved(sort: SortKey, order: Int32Array, changedSlots: Iterable<number>): Int32Array {
    const { key, sign } = sortKey(sort);
    const changed = [...changedSlots];
    const mark = new Uint8Array(this.s.slots);
    for (const i of changed) mark[i] = 1;
    const out = new Int32Array(order.length + changed.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (mark[i] === 0) out[n++] = i;
    }
    for (const i of changed) {
      if (this.s.alive && !FacetIndex.has(this.s.alive, i)) continue;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sign * this.compare(key, out[mid]!, i) < 0) lo = mid + 1;
        else hi = mid;
      }
      out.copyWithin(lo + 1, lo, n);
      out[lo] = i;
      n++;
    }
    return out.slice(0, n);
  }

  /** One page of a set, walking an order; returns row ids. */
  page(order: ArrayLike<number>, set: Uint32Array | undefined, offset: number, limit: number): number[] {
    const within = set ?? this.s.alive;
    const out: number[] = [];
    let seen = 0;
    for (let k = 0; k < order.length && out.length < limit; k++) {
      const i = order[k]!;
      if (within && !FacetIndex.has(within, i)) continue;
      if (seen++ >= offset) out.push(this.s.rids[i]!);
    }
    return out;
  }
}

type SortKey = Exclude<SortOrder, 'relevance'>;

function sortKey(sort: SortKey): { key: 'title' | 'modified'; sign: 1 | -1 } {
  return { key: sort === 'title' || sort === '-title' ? 'title' : 'modified', sign: sort.startsWith('-') ? -1 : 1 };
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
