import type { Params, Queryable } from '../../kernel/storage/port.js';
import type { Dataset } from '../model.js';
import { randomUUID } from 'node:crypto';
import { FacetIndex, FacetIndexCache, type IndexRow } from './facet-index.js';
import { decodeFacetKeys, facetPairs, groupFacetRows, searchTerms, type DatasetRef, type FacetName, type SearchQuery, type SearchResult } from './query.js';

/**
 * What differs between engines: how text is matched and ranked, how the bounding
 * box is indexed, and how a row is written. Everything else is shared SQL.
 */
export type CatalogDialect = DialectBase & (EngineRankedText | ClassRankedText);

interface DialectBase {
  /** Row ids whose extent intersects the box. */
  bboxRids(bbox: readonly [number, number, number, number]): { sql: string; params: Params };
  /** Inserts or replaces the dataset row and its search/spatial index entries. */
  /** `isNew` lets a caller that has already checked skip the lookup of an existing row. */
  writeRow(db: Queryable, d: Dataset, isNew?: boolean): Promise<{ rid: number; created: boolean }>;
  /** Many rows in one statement, where a round trip per row is the cost (PostgreSQL). */
  writeRows?(db: Queryable, ds: readonly Dataset[]): Promise<Array<{ rid: number; created: boolean }>>;
  /** Removes index entries that are not cleaned up by the foreign key cascade. */
  deleteIndexes(db: Queryable, rid: number): Promise<void>;
  /** After a bulk write: folds index entries the engine deferred into the index proper. */
  settle?(db: Queryable): Promise<void>;
}

/** Engines whose full-text index ranks cheaply by itself (SQLite FTS5: bm25 over the kept rows only). */
interface EngineRankedText {
  /** Row ids matching all terms (no ranking: cheap, for the result set). */
  textMatches(terms: readonly string[]): { sql: string; params: Params };
  /** The `limit` best-ranked row ids for the terms, best first. */
  textRanked(terms: readonly string[], limit: number): { sql: string; params: Params };
}

/**
 * Engines where scoring a match means reading its row (PostgreSQL: ts_rank reads the
 * tsvector of every match, and every row fetched costs): the matches come back as one list,
 * and relevance is a weight class — how many terms hit the title or keywords — asked only
 * for as many rows as a page needs (see `classRankedPage`).
 */
interface ClassRankedText {
  /** One row `{ rids }`: the ids of all rows matching all terms, comma-separated (null if none). */
  textMatchList(terms: readonly string[]): { sql: string; params: Params };
  /**
   * Rows `{ cls, rids }`: row ids (comma-separated) per weight class, 0 to `terms.length`,
   * of these rows, or of every match when none are given.
   */
  textClasses(terms: readonly string[], rids?: readonly number[]): { sql: string; params: Params };
}

/** Lists of bound values stay under both engines' parameter limits. */
function* chunks<T>(xs: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}
const marks = (xs: readonly unknown[]) => xs.map(() => '?').join(', ');
/** Writes of up to this many datasets derive the next facet index instead of leaving a rebuild to the next search. */
const STAGE_LIMIT = 5_000;
/** How many of the newest matches a relevance page classes first (four times the rows it needs, if more). */
const CLASS_SAMPLE = 200;

export class CatalogStore {
  private readonly indexes = new FacetIndexCache();

  constructor(private readonly dialect: CatalogDialect) {}

  /**
   * Marks the register changed, inside the writer's transaction, and stages the facet index
   * of the new version, derived from the previous one: the first search after a small write
   * then finds it ready instead of rebuilding it from the store. Staged under the new token,
   * it is found only if the transaction commits; on PostgreSQL the token row is locked first,
   * so concurrent writers derive from each other's committed versions, never past them.
   */
  private async bumpVersion(db: Queryable, changed: { written?: readonly number[]; deleted?: readonly number[] }): Promise<void> {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const previous = (await db.one<{ v: string }>(`SELECT v FROM catalog_meta WHERE k = 'version'${lock}`))!.v;
    const version = randomUUID();
    await db.run("UPDATE catalog_meta SET v = ? WHERE k = 'version'", [version]);
    const base = this.indexes.get(previous);
    const written = changed.written ?? [];
    // Past a few thousand rows (an import) a rebuild on the next search costs about the same.
    if (!base || written.length > STAGE_LIMIT) return;
    const rows: IndexRow[] = [];
    for (const chunk of chunks(written)) {
      const got = await db.all<{ rid: number; keys: string; modified: string; title: string }>(
        `SELECT rid, facet_keys AS keys, modified, title_sort AS title FROM datasets WHERE rid IN (${marks(chunk)})`,
        chunk,
      );
      for (const r of got) rows.push({ ...r, rid: Number(r.rid) });
    }
    this.indexes.set(base.withChanges(version, rows, changed.deleted ?? []));
  }

  /** The in-memory facet index for the register as `db` sees it now. */
  private async facetIndex(db: Queryable): Promise<FacetIndex> {
    const version = (await db.one<{ v: string }>("SELECT v FROM catalog_meta WHERE k = 'version'"))!.v;
    const cached = this.indexes.get(version);
    if (cached) return cached;
    const rows = await db.all<{ rid: number; keys: string; modified: string; title: string }>(
      'SELECT rid, facet_keys AS keys, modified, title_sort AS title FROM datasets ORDER BY rid',
    );
    const index = new FacetIndex(
      version,
      rows.map((r) => ({ ...r, rid: Number(r.rid) })),
    );
    this.indexes.set(index);
    return index;
  }

  async get(db: Queryable, id: string): Promise<Dataset | undefined> {
    const row = await db.one<{ doc: string }>('SELECT x.doc FROM datasets d JOIN dataset_docs x ON x.rid = d.rid WHERE d.id = ?', [id]);
    return row ? (JSON.parse(row.doc) as Dataset) : undefined;
  }

  async getByIdentifier(db: Queryable, identifier: string): Promise<Dataset | undefined> {
    const row = await db.one<{ doc: string }>('SELECT x.doc FROM datasets d JOIN dataset_docs x ON x.rid = d.rid WHERE d.identifier = ?', [identifier]);
    return row ? (JSON.parse(row.doc) as Dataset) : undefined;
  }

  /** Identifier → id for those identifiers that are stored. */
  async idsOfIdentifiers(db: Queryable, identifiers: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(identifiers)) {
      const rows = await db.all<{ id: string; identifier: string }>(`SELECT id, identifier FROM datasets WHERE identifier IN (${marks(chunk)})`, chunk);
      for (const r of rows) out.set(r.identifier, r.id);
    }
    return out;
  }

  /** Id → identifier for those ids that are stored. */
  async identifiersOfIds(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(ids)) {
      const rows = await db.all<{ id: string; identifier: string }>(`SELECT id, identifier FROM datasets WHERE id IN (${marks(chunk)})`, chunk);
      for (const r of rows) out.set(r.id, r.identifier);
    }
    return out;
  }

  async getMany(db: Queryable, ids: readonly string[]): Promise<Map<string, Dataset>> {
    const out = new Map<string, Dataset>();
    for (const chunk of chunks(ids)) {
      const rows = await db.all<{ doc: string }>(`SELECT x.doc FROM datasets d JOIN dataset_docs x ON x.rid = d.rid WHERE d.id IN (${marks(chunk)})`, chunk);
      for (const r of rows) {
        const d = JSON.parse(r.doc) as Dataset;
        out.set(d.id, d);
      }
    }
    return out;
  }

  async count(db: Queryable): Promise<number> {
    return Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM datasets'))!.n);
  }

  /** Writes one dataset with its facets. */
  async put(db: Queryable, d: Dataset): Promise<void> {
    const { rid } = await this.dialect.writeRow(db, d);
    await CatalogStore.writeDocument(db, rid, d);
    await db.run('DELETE FROM dataset_facets WHERE rid = ?', [rid]);
    const pairs = facetPairs(d);
    await db.insertMany('dataset_facets', ['facet', 'value', 'rid'], pairs.map(([f, v]) => [f, v, rid]));
    await this.bumpVersion(db, { written: [rid] });
  }

  /** Bulk write for imports; `newIds` are ids the caller knows are not stored yet. */
  async putMany(db: Queryable, datasets: readonly Dataset[], newIds?: ReadonlySet<string>): Promise<void> {
    const facetRows: Params[] = [];
    if (this.dialect.writeRows && datasets.length > 0) {
      const written = await this.dialect.writeRows(db, datasets);
      await db.insertMany('dataset_docs', ['rid', 'doc'], written.map((w, i) => [w.rid, JSON.stringify(datasets[i])]), 'ON CONFLICT (rid) DO UPDATE SET doc = excluded.doc');
      const replaced = written.filter((w) => !w.created).map((w) => w.rid);
      for (const chunk of chunks(replaced)) await db.run(`DELETE FROM dataset_facets WHERE rid IN (${marks(chunk)})`, chunk);
      written.forEach((w, i) => {
        for (const [f, v] of facetPairs(datasets[i]!)) facetRows.push([f, v, w.rid]);
      });
      await db.insertMany('dataset_facets', ['facet', 'value', 'rid'], facetRows);
      await this.bumpVersion(db, { written: written.map((w) => w.rid) });
      return;
    }
    const rids: number[] = [];
    for (const d of datasets) {
      const { rid, created } = await this.dialect.writeRow(db, d, newIds?.has(d.id));
      rids.push(rid);
      await CatalogStore.writeDocument(db, rid, d);
      if (!created) await db.run('DELETE FROM dataset_facets WHERE rid = ?', [rid]);
      for (const [f, v] of facetPairs(d)) facetRows.push([f, v, rid]);
    }
    await db.insertMany('dataset_facets', ['facet', 'value', 'rid'], facetRows);
    await this.bumpVersion(db, { written: rids });
  }

  /**
   * Ends an import: on PostgreSQL, the GIN pending list (up to 4 MB of entries written since
   * its last flush) is merged now; until autovacuum would do it, every text search scans it.
   */
  async settle(db: Queryable): Promise<void> {
    await this.dialect.settle?.(db);
  }

  async delete(db: Queryable, id: string): Promise<boolean> {
    const row = await db.one<{ rid: number }>('SELECT rid FROM datasets WHERE id = ?', [id]);
    if (!row) return false;
    await this.dialect.deleteIndexes(db, Number(row.rid));
    await db.run('DELETE FROM dataset_facets WHERE rid = ?', [row.rid]);
    await db.run('DELETE FROM dataset_docs WHERE rid = ?', [row.rid]);
    await db.run('DELETE FROM datasets WHERE rid = ?', [row.rid]);
    await this.bumpVersion(db, { deleted: [Number(row.rid)] });
    return true;
  }

  /**
   * Text and bbox narrow the set in the store (FTS / R*Tree / PostGIS); facet filters,
   * totals, facet counts and ordering run on the in-memory facet index; the page's
   * documents come from the store.
   */
  async search(db: Queryable, query: SearchQuery): Promise<SearchResult> {
    const terms = query.q ? searchTerms(query.q) : undefined;
    if (terms?.length === 0) return { items: [], total: 0, facets: {} };
    const list = terms && 'textMatchList' in this.dialect ? this.dialect.textMatchList(terms) : undefined;
    // The matches do not depend on the index version: on a pool both queries run side by side.
    const [index, listed] = await Promise.all([this.facetIndex(db), list && db.one<{ rids: string | null }>(list.sql, list.params)]);
    let set: Uint32Array | undefined;
    let ranked: number[] | undefined;
    let byClass: { dialect: ClassRankedText; terms: string[] } | undefined;
    if (terms) {
      if ('textMatchList' in this.dialect) {
        set = index.fromRidList(listed?.rids ?? '');
        if (query.sort === 'relevance') byClass = { dialect: this.dialect, terms };
      } else {
        const m = this.dialect.textMatches(terms);
        const rids = (await db.all<{ rid: number }>(m.sql, m.params)).map((r) => Number(r.rid));
        set = index.fromRids(rids);
        if (query.sort === 'relevance') ranked = await this.rankedPage(db, this.dialect, index, terms, query, rids.length);
      }
    }
    for (const [facet, values] of Object.entries(query.filters)) {
      if (values && values.length) set = FacetIndex.and(set, index.anyOf(facet as FacetName, values));
    }
    if (query.bbox) {
      const c = this.dialect.bboxRids(query.bbox);
      const rids = await db.all<{ rid: number }>(c.sql, c.params);
      set = FacetIndex.and(set, index.fromRids(rids.map((r) => Number(r.rid))));
    }
    let pageRids: number[];
    if (byClass && set) pageRids = await this.classRankedPage(db, byClass.dialect, index, byClass.terms, set, query.offset, query.limit);
    else {
      // The ranked list is re-checked against the final set: facet and bbox filters apply after text.
      const order = ranked ?? index.ordered(query.sort === 'relevance' ? '-modified' : query.sort);
      pageRids = index.page(order, set, query.offset, query.limit);
    }
    const items = await this.documents(db, pageRids);
    const total = index.count(set);
    const facets = query.facets ? groupFacetRows(index.facetCounts(set)) : {};
    return { items, total, facets };
  }

  /**
   * A relevance page by weight class: rows where more terms hit the title or keywords come
   * first, the most recently modified first within a class (as relevance orders without text).
   * Classes are asked for the newest rows of the final set only: once `offset + limit` of
   * those have the top class (every term in title or keywords), no older row can rank above
   * them. Otherwise every match is classed, in one more query.
   */
  private async classRankedPage(db: Queryable, dialect: ClassRankedText, index: FacetIndex, terms: string[], set: Uint32Array, offset: number, limit: number): Promise<number[]> {
    const need = offset + limit;
    const total = index.count(set);
    if (total === 0) return [];
    const newest = index.ordered('-modified');
    const members = (max: number): number[] => {
      const out: number[] = [];
      for (let k = 0; k < newest.length && out.length < max; k++) if (FacetIndex.has(set, newest[k]!)) out.push(newest[k]!);
      return out;
    };
    const classSets = async (rids?: number[]) => {
      const q = dialect.textClasses(terms, rids);
      const rows = await db.all<{ cls: number; rids: string }>(q.sql, q.params);
      return rows.map((r) => ({ cls: Number(r.cls), set: index.fromRidList(r.rids) }));
    };
    let rows = members(Math.max(CLASS_SAMPLE, 4 * need));
    let classes = await classSets(rows.map((i) => index.rid(i)));
    const top = classes.find((c) => c.cls === terms.length)?.set;
    const topCount = top ? rows.reduce((n, i) => n + (FacetIndex.has(top, i) ? 1 : 0), 0) : 0;
    if (rows.length < total && topCount < need) {
      rows = members(total);
      classes = await classSets();
    }
    // Stable per class, best first: each class keeps the newest-first order of `rows`.
    const buckets: number[][] = Array.from({ length: terms.length + 1 }, () => []);
    for (const i of rows) buckets[terms.length - (classes.find((c) => FacetIndex.has(c.set, i))?.cls ?? 0)]!.push(i);
    return buckets
      .flat()
      .slice(offset, need)
      .map((i) => index.rid(i));
  }

  /**
   * Best-ranked hits as dense indexes: just enough for the page when nothing else filters,
   * all of them when facets or a bbox may remove some (the page is cut after filtering).
   */
  private async rankedPage(db: Queryable, dialect: EngineRankedText, index: FacetIndex, terms: string[], query: SearchQuery, hits: number): Promise<number[]> {
    const filtered = Object.values(query.filters).some((v) => v && v.length) || query.bbox !== undefined;
    const r = dialect.textRanked(terms, filtered ? hits : query.offset + query.limit);
    const out: number[] = [];
    for (const row of await db.all<{ rid: number }>(r.sql, r.params)) {
      const i = index.dense(Number(row.rid));
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  /** The documents of the given rows, in the given order. */
  private async documents(db: Queryable, rids: readonly number[]): Promise<Dataset[]> {
    if (rids.length === 0) return [];
    const byRid = new Map<number, string>();
    // In chunks: PostgreSQL takes at most 65,535 parameters per statement.
    for (let i = 0; i < rids.length; i += 1000) {
      const chunk = rids.slice(i, i + 1000);
      const rows = await db.all<{ rid: number; doc: string }>(`SELECT rid, doc FROM dataset_docs WHERE rid IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) byRid.set(Number(r.rid), r.doc);
    }
    return rids.map((rid) => JSON.parse(byRid.get(rid)!) as Dataset);
  }

  /** Writes the document of a row written by the dialect. */
  static async writeDocument(db: Queryable, rid: number, d: Dataset): Promise<void> {
    await db.run('INSERT INTO dataset_docs (rid, doc) VALUES (?, ?) ON CONFLICT (rid) DO UPDATE SET doc = excluded.doc', [rid, JSON.stringify(d)]);
  }

  /**
   * What reports need of every dataset — id, title, publisher, personal-data class, mandate
   * ids — read from the narrow rows without parsing documents.
   */
  async *iterateRefs(db: Queryable, batchSize = 5000): AsyncGenerator<DatasetRef[]> {
    let after = -1;
    for (;;) {
      const rows = await db.all<{ rid: number; id: string; title: string; publisher_id: string; facet_keys: string }>(
        'SELECT rid, id, title, publisher_id, facet_keys FROM datasets WHERE rid > ? ORDER BY rid LIMIT ?',
        [after, batchSize],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.rid);
      yield rows.map((r) => {
        const ref: DatasetRef = { id: r.id, title: r.title, publisherId: r.publisher_id, personalData: 'none', mandateIds: [] };
        for (const { facet, value } of decodeFacetKeys(r.facet_keys)) {
          if (facet === 'mandate') ref.mandateIds.push(value);
          else if (facet === 'personalData') ref.personalData = value;
        }
        return ref;
      });
    }
  }

  /** All datasets in batches, for exports that must not hold 100k documents at once. */
  async *iterate(db: Queryable, batchSize = 2000): AsyncGenerator<Dataset[]> {
    let after = -1;
    for (;;) {
      const rows = await db.all<{ rid: number; doc: string }>('SELECT rid, doc FROM dataset_docs WHERE rid > ? ORDER BY rid LIMIT ?', [after, batchSize]);
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.rid);
      yield rows.map((r) => JSON.parse(r.doc) as Dataset);
    }
  }
}
