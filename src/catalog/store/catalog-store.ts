import type { Params, Queryable } from '../../kernel/storage/port.js';
import type { Dataset } from '../model.js';
import { countFacetKeys, facetPairs, groupFacetRows, searchTerms, type SearchQuery, type SearchResult } from './query.js';

/**
 * What differs between engines: how text is matched and ranked, how the bounding
 * box is indexed, and how a row is written. Everything else is shared SQL.
 */
export interface CatalogDialect {
  /** A FROM-clause source `hits(rid, score)` for the terms, with its parameters. */
  textHits(terms: readonly string[]): { sql: string; params: Params };
  /** The best-ranked rows for the terms alone (no other filter), using the engine's top-N path. */
  textTop(terms: readonly string[], limit: number, offset: number): { sql: string; params: Params };
  bboxCondition(bbox: readonly [number, number, number, number]): { sql: string; params: Params };
  /** Inserts or replaces the dataset row and its search/spatial index entries. */
  writeRow(db: Queryable, d: Dataset): Promise<{ rid: number; created: boolean }>;
  /** Removes index entries that are not cleaned up by the foreign key cascade. */
  deleteIndexes(db: Queryable, rid: number): Promise<void>;
}

/** Each order matches an index, tie-breaker included, so a first page never sorts the whole table. */
const ORDER: Record<SearchQuery['sort'], string> = {
  relevance: 'd.modified DESC, d.rid DESC',
  title: 'd.title_sort ASC, d.rid ASC',
  '-title': 'd.title_sort DESC, d.rid DESC',
  modified: 'd.modified ASC, d.rid ASC',
  '-modified': 'd.modified DESC, d.rid DESC',
};

export class CatalogStore {
  constructor(private readonly dialect: CatalogDialect) {}

  async get(db: Queryable, id: string): Promise<Dataset | undefined> {
    const row = await db.one<{ doc: string }>('SELECT x.doc FROM datasets d JOIN dataset_docs x ON x.rid = d.rid WHERE d.id = ?', [id]);
    return row ? (JSON.parse(row.doc) as Dataset) : undefined;
  }

  async getByIdentifier(db: Queryable, identifier: string): Promise<Dataset | undefined> {
    const row = await db.one<{ doc: string }>('SELECT x.doc FROM datasets d JOIN dataset_docs x ON x.rid = d.rid WHERE d.identifier = ?', [identifier]);
    return row ? (JSON.parse(row.doc) as Dataset) : undefined;
  }

  /** The id held by an identifier, without reading the document. */
  async idOfIdentifier(db: Queryable, identifier: string): Promise<string | undefined> {
    return (await db.one<{ id: string }>('SELECT id FROM datasets WHERE identifier = ?', [identifier]))?.id;
  }

  /** The identifier of the dataset with this id, without reading the document. */
  async identifierOfId(db: Queryable, id: string): Promise<string | undefined> {
    return (await db.one<{ identifier: string }>('SELECT identifier FROM datasets WHERE id = ?', [id]))?.identifier;
  }

  async count(db: Queryable): Promise<number> {
    return Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM datasets'))!.n);
  }

  /** Writes one dataset with its facets, keeping the cached facet totals exact. */
  async put(db: Queryable, d: Dataset): Promise<void> {
    const old = await db.all<{ facet: string; value: string }>(
      'SELECT f.facet, f.value FROM dataset_facets f JOIN datasets d ON d.rid = f.rid WHERE d.id = ?',
      [d.id],
    );
    const { rid } = await this.dialect.writeRow(db, d);
    await CatalogStore.writeDocument(db, rid, d);
    await db.run('DELETE FROM dataset_facets WHERE rid = ?', [rid]);
    const pairs = facetPairs(d);
    await db.insertMany('dataset_facets', ['facet', 'value', 'rid'], pairs.map(([f, v]) => [f, v, rid]));
    await this.adjustCounts(db, old, -1);
    await this.adjustCounts(db, pairs.map(([facet, value]) => ({ facet, value })), +1);
  }

  /** Bulk write for imports; facet totals are recomputed at the end unless the caller does it once after all batches. */
  async putMany(db: Queryable, datasets: readonly Dataset[], opts: { recount?: boolean } = {}): Promise<void> {
    const facetRows: Params[] = [];
    for (const d of datasets) {
      const { rid, created } = await this.dialect.writeRow(db, d);
      await CatalogStore.writeDocument(db, rid, d);
      if (!created) await db.run('DELETE FROM dataset_facets WHERE rid = ?', [rid]);
      for (const [f, v] of facetPairs(d)) facetRows.push([f, v, rid]);
    }
    await db.insertMany('dataset_facets', ['facet', 'value', 'rid'], facetRows);
    if (opts.recount !== false) await this.recountFacets(db);
  }

  async recountFacets(db: Queryable): Promise<void> {
    await db.run('DELETE FROM dataset_facet_counts');
    await db.run('INSERT INTO dataset_facet_counts (facet, value, n) SELECT facet, value, COUNT(*) FROM dataset_facets GROUP BY facet, value');
  }

  private async adjustCounts(db: Queryable, pairs: ReadonlyArray<{ facet: string; value: string }>, delta: number): Promise<void> {
    for (const { facet, value } of pairs) {
      await db.run(
        `INSERT INTO dataset_facet_counts (facet, value, n) VALUES (?, ?, ?)
         ON CONFLICT (facet, value) DO UPDATE SET n = dataset_facet_counts.n + excluded.n`,
        [facet, value, delta],
      );
    }
    if (delta < 0) await db.run('DELETE FROM dataset_facet_counts WHERE n <= 0');
  }

  async delete(db: Queryable, id: string): Promise<boolean> {
    const row = await db.one<{ rid: number }>('SELECT rid FROM datasets WHERE id = ?', [id]);
    if (!row) return false;
    const old = await db.all<{ facet: string; value: string }>('SELECT facet, value FROM dataset_facets WHERE rid = ?', [row.rid]);
    await this.dialect.deleteIndexes(db, Number(row.rid));
    await db.run('DELETE FROM dataset_facets WHERE rid = ?', [row.rid]);
    await db.run('DELETE FROM dataset_docs WHERE rid = ?', [row.rid]);
    await db.run('DELETE FROM datasets WHERE rid = ?', [row.rid]);
    await this.adjustCounts(db, old, -1);
    return true;
  }

  async search(db: Queryable, query: SearchQuery): Promise<SearchResult> {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = 'datasets d';
    let order = ORDER[query.sort];
    const fromParams: unknown[] = [];
    if (query.q) {
      const terms = searchTerms(query.q);
      if (terms.length === 0) return { items: [], total: 0, facets: {} };
      const hits = this.dialect.textHits(terms);
      from = `(${hits.sql}) h JOIN datasets d ON d.rid = h.rid`;
      fromParams.push(...hits.params);
      if (query.sort === 'relevance') order = 'h.score DESC, d.rid DESC';
    }
    for (const [facet, values] of Object.entries(query.filters)) {
      if (!values || values.length === 0) continue;
      where.push(`d.rid IN (SELECT rid FROM dataset_facets WHERE facet = ? AND value IN (${values.map(() => '?').join(', ')}))`);
      params.push(facet, ...values);
    }
    if (query.bbox) {
      const c = this.dialect.bboxCondition(query.bbox);
      where.push(c.sql);
      params.push(...c.params);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const base = [...fromParams, ...params] as Params;
    const textOnly = query.q && where.length === 0 && query.sort === 'relevance';
    const pageQuery = textOnly
      ? this.dialect.textTop(searchTerms(query.q!), query.limit, query.offset)
      : { sql: `SELECT d.rid FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`, params: [...base, query.limit, query.offset] };
    const page = await db.all<{ rid: number }>(pageQuery.sql, pageQuery.params);
    const items = await this.documents(db, page.map((r) => Number(r.rid)));
    const unfiltered = !query.q && where.length === 0;
    const total = unfiltered
      ? await this.count(db)
      : Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${from} ${whereSql}`, base))!.n);
    let facets: SearchResult['facets'] = {};
    if (query.facets) {
      const facetRows = unfiltered
        ? await db.all<{ facet: string; value: string; n: number }>('SELECT facet, value, n FROM dataset_facet_counts')
        : countFacetKeys((await db.all<{ k: string }>(`SELECT d.facet_keys AS k FROM ${from} ${whereSql}`, base)).map((r) => r.k));
      facets = groupFacetRows(facetRows);
    }
    return { items, total, facets };
  }

  /** The documents of the given rows, in the given order. */
  private async documents(db: Queryable, rids: readonly number[]): Promise<Dataset[]> {
    if (rids.length === 0) return [];
    const rows = await db.all<{ rid: number; doc: string }>(`SELECT rid, doc FROM dataset_docs WHERE rid IN (${rids.map(() => '?').join(', ')})`, rids);
    const byRid = new Map(rows.map((r) => [Number(r.rid), r.doc]));
    return rids.map((rid) => JSON.parse(byRid.get(rid)!) as Dataset);
  }

  /** Writes the document of a row written by the dialect. */
  static async writeDocument(db: Queryable, rid: number, d: Dataset): Promise<void> {
    await db.run('INSERT INTO dataset_docs (rid, doc) VALUES (?, ?) ON CONFLICT (rid) DO UPDATE SET doc = excluded.doc', [rid, JSON.stringify(d)]);
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
