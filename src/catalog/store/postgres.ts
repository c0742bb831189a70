import type { Queryable } from '../../kernel/storage/port.js';
import type { Dataset } from '../model.js';
import type { CatalogDialect } from './catalog-store.js';
import { encodeFacetKeys, searchText } from './query.js';

/**
 * PostgreSQL: a weighted tsvector with the 'simple' configuration (Dutch and English
 * text side by side, prefix matching as on SQLite) and a PostGIS extent with GiST.
 */
const tsquery = (terms: readonly string[]) => terms.map((t) => `${t}:*`).join(' & ');

export const postgresCatalog: CatalogDialect = {
  textMatches(terms) {
    return { sql: "SELECT rid FROM datasets WHERE search @@ to_tsquery('simple', ?)", params: [tsquery(terms)] };
  },
  textScored(terms) {
    const q = tsquery(terms);
    return { sql: "SELECT rid, ts_rank(search, to_tsquery('simple', ?)) AS score FROM datasets WHERE search @@ to_tsquery('simple', ?)", params: [q, q] };
  },
  textRanked(terms, limit) {
    const q = tsquery(terms);
    return {
      sql: "SELECT rid FROM datasets WHERE search @@ to_tsquery('simple', ?) ORDER BY ts_rank(search, to_tsquery('simple', ?)) DESC, rid DESC LIMIT ?",
      params: [q, q, limit],
    };
  },
  bboxRids([w, s, e, n]) {
    return { sql: 'SELECT rid FROM datasets WHERE extent && ST_MakeEnvelope(?, ?, ?, ?, 4326)', params: [w, s, e, n] };
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
      `INSERT INTO datasets (id, identifier, publisher_id, title, title_sort, modified, facet_keys, search, extent)
       SELECT x.id, x.identifier, x.publisher_id, x.title, x.title_sort, x.modified, x.facet_keys,
         setweight(to_tsvector('simple', x.t_title), 'A') || setweight(to_tsvector('simple', x.t_description), 'B') || setweight(to_tsvector('simple', x.t_keywords), 'A'),
         CASE WHEN x.w IS NULL THEN NULL ELSE ST_MakeEnvelope(x.w, x.s, x.e, x.n, 4326) END
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, identifier text, publisher_id text, title text, title_sort text, modified text, facet_keys text,
         t_title text, t_description text, t_keywords text, w float8, s float8, e float8, n float8)
       ON CONFLICT (id) DO UPDATE SET identifier = excluded.identifier, publisher_id = excluded.publisher_id, title = excluded.title, title_sort = excluded.title_sort,
         modified = excluded.modified, facet_keys = excluded.facet_keys, search = excluded.search, extent = excluded.extent
       RETURNING id, rid, (xmax = 0) AS created`,
      [JSON.stringify(rows)],
    );
    const byId = new Map(out.map((r) => [r.id, { rid: Number(r.rid), created: Boolean(r.created) }]));
    return ds.map((d) => byId.get(d.id)!);
  },
  async writeRow(db: Queryable, d: Dataset) {
    const t = searchText(d);
    const bbox = d.spatial?.bbox;
    const row = await db.one<{ rid: number; created: boolean }>(
      `INSERT INTO datasets (id, identifier, publisher_id, title, title_sort, modified, facet_keys, search, extent)
       VALUES (?, ?, ?, ?, ?, ?, ?,
         setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'A'),
         CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326) END)
       ON CONFLICT (id) DO UPDATE SET identifier = excluded.identifier, publisher_id = excluded.publisher_id, title = excluded.title, title_sort = excluded.title_sort,
         modified = excluded.modified, facet_keys = excluded.facet_keys, search = excluded.search, extent = excluded.extent
       RETURNING rid, (xmax = 0) AS created`,
      [
        d.id,
        d.identifier,
        d.publisherId,
        d.title.nl,
        d.title.nl.toLocaleLowerCase('nl'),
        d.modified ?? d.updatedAt,
        encodeFacetKeys(d),
        t.title,
        t.description,
        t.keywords,
        bbox?.[0] ?? null,
        bbox?.[0] ?? null,
        bbox?.[1] ?? null,
        bbox?.[2] ?? null,
        bbox?.[3] ?? null,
      ],
    );
    return { rid: Number(row!.rid), created: Boolean(row!.created) };
  },
  async deleteIndexes() {
    // The tsvector and extent live in the datasets row itself.
  },
};
