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
