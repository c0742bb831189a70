import type { Queryable } from '../../kernel/storage/port.js';
import type { Dataset } from '../model.js';
import type { CatalogDialect } from './catalog-store.js';
import { encodeFacetKeys, searchText } from './query.js';

/**
 * PostgreSQL: a weighted tsvector with the 'simple' configuration (Dutch and English
 * text side by side, prefix matching as on SQLite), in `dataset_search` apart from the
 * dataset rows, and a PostGIS extent with GiST.
 */
const tsquery = (terms: readonly string[]) => terms.map((t) => `${t}:*`).join(' & ');

/** Title and keywords weigh A, the description B. */
const weighted = (title: string, description: string, keywords: string) =>
  `setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${description}), 'B') || setweight(to_tsvector('simple', ${keywords}), 'A')`;

/** The weight class of a row: how many terms hit its title or keywords (the term's prefix restricted to weight A). */
const weightClass = (terms: readonly string[]) => ({
  sql: terms.map(() => "(search @@ to_tsquery('simple', ?))::int").join(' + '),
  params: terms.map((t) => `${t}:*A`),
});

const UPSERT_DATASET = `ON CONFLICT (id) DO UPDATE SET identifier = excluded.identifier, publisher_id = excluded.publisher_id, title = excluded.title,
  title_sort = excluded.title_sort, modified = excluded.modified, facet_keys = excluded.facet_keys, extent = excluded.extent
  RETURNING id, rid, (xmax = 0) AS created`;
const UPSERT_SEARCH = 'ON CONFLICT (rid) DO UPDATE SET search = excluded.search';

export const postgresCatalog: CatalogDialect = {
  textMatchList(terms) {
    // One text value for thousands of matches: the driver parses one row, not one per match.
    return { sql: "SELECT string_agg(rid::text, ',') AS rids FROM dataset_search WHERE search @@ to_tsquery('simple', ?)", params: [tsquery(terms)] };
  },
  textClasses(terms, rids) {
    const cls = weightClass(terms);
    const where = rids
      ? { sql: "rid = ANY(string_to_array(?, ',')::bigint[])", params: [rids.join(',')] }
      : { sql: "search @@ to_tsquery('simple', ?)", params: [tsquery(terms)] };
    return {
      sql: `SELECT cls, string_agg(rid::text, ',') AS rids FROM (SELECT rid, ${cls.sql} AS cls FROM dataset_search WHERE ${where.sql}) m GROUP BY cls`,
      params: [...cls.params, ...where.params],
    };
  },
  bboxRids([w, s, e, n]) {
    // && compares the GiST's float32 boxes (rounded outwards); ST_XMin & co. read the geometry's doubles.
    return {
      sql: 'SELECT rid FROM datasets WHERE extent && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_XMin(extent) <= ? AND ST_XMax(extent) >= ? AND ST_YMin(extent) <= ? AND ST_YMax(extent) >= ?',
      params: [w, s, e, n, e, w, n, s],
    };
  },
  async writeRows(db: Queryable, ds: readonly Dataset[]) {
    // The batch travels as one JSON parameter; PostgreSQL builds the tsvector and extent per row.
    const rows = ds.map((d) => {
      const t = searchText(d);
      const b = d.spatial?.bbox;
      return {
        id: d.id, identifier: d.identifier, publisher_id: d.publisherId, title: d.title.nl, title_sort: d.title.nl.toLocaleLowerCase('nl'),
        modified: d.modified ?? d.updatedAt, facet_keys: encodeFacetKeys(d), t_title: t.title, t_description: t.description, t_keywords: t.keywords,
        w: b?.[0] ?? null, s: b?.[1] ?? null, e: b?.[2] ?? null, n: b?.[3] ?? null,
      };
    });
    const out = await db.all<{ id: string; rid: number; created: boolean }>(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(id text, identifier text, publisher_id text, title text, title_sort text, modified text, facet_keys text,
           t_title text, t_description text, t_keywords text, w float8, s float8, e float8, n float8)
       ), d AS (
         INSERT INTO datasets (id, identifier, publisher_id, title, title_sort, modified, facet_keys, extent)
         SELECT x.id, x.identifier, x.publisher_id, x.title, x.title_sort, x.modified, x.facet_keys,
           CASE WHEN x.w IS NULL THEN NULL ELSE ST_MakeEnvelope(x.w, x.s, x.e, x.n, 4326) END
         FROM x
         ${UPSERT_DATASET}
       ), s AS (
         INSERT INTO dataset_search (rid, search)
         SELECT d.rid, ${weighted('x.t_title', 'x.t_description', 'x.t_keywords')} FROM d JOIN x ON x.id = d.id
         ${UPSERT_SEARCH}
       )
       SELECT id, rid, created FROM d`,
      [JSON.stringify(rows)],
    );
    const byId = new Map(out.map((r) => [r.id, { rid: Number(r.rid), created: Boolean(r.created) }]));
    return ds.map((d) => byId.get(d.id)!);
  },
  async writeRow(db: Queryable, d: Dataset) {
    const t = searchText(d);
    const bbox = d.spatial?.bbox;
    const row = await db.one<{ rid: number; created: boolean }>(
      `WITH d AS (
         INSERT INTO datasets (id, identifier, publisher_id, title, title_sort, modified, facet_keys, extent)
         VALUES (?, ?, ?, ?, ?, ?, ?,
           CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326) END)
         ${UPSERT_DATASET}
       ), s AS (
         INSERT INTO dataset_search (rid, search) SELECT d.rid, ${weighted('?::text', '?::text', '?::text')} FROM d
         ${UPSERT_SEARCH}
       )
       SELECT rid, created FROM d`,
      [
        d.id,
        d.identifier,
        d.publisherId,
        d.title.nl,
        d.title.nl.toLocaleLowerCase('nl'),
        d.modified ?? d.updatedAt,
        encodeFacetKeys(d),
        bbox?.[0] ?? null,
        bbox?.[0] ?? null,
        bbox?.[1] ?? null,
        bbox?.[2] ?? null,
        bbox?.[3] ?? null,
        t.title,
        t.description,
        t.keywords,
      ],
    );
    return { rid: Number(row!.rid), created: Boolean(row!.created) };
  },
  async settle(db) {
    await db.one("SELECT gin_clean_pending_list('dataset_search_words'::regclass)");
  },
  async deleteIndexes(db, rid) {
    // The extent lives in the datasets row; the search row has no foreign key (a check per imported row).
    await db.run('DELETE FROM dataset_search WHERE rid = ?', [rid]);
  },
};
