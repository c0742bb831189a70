import type { Migration } from '../kernel/storage/port.js';

const sqlite = `
CREATE TABLE datasets (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  identifier TEXT NOT NULL UNIQUE,
  publisher_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  title_sort TEXT NOT NULL,
  modified TEXT NOT NULL,
  -- The dataset's (facet, value) pairs, encoded: facet counts over a result read this narrow column.
  facet_keys TEXT NOT NULL
);
CREATE INDEX datasets_publisher ON datasets(publisher_id);
CREATE INDEX datasets_title ON datasets(title_sort, rid);
CREATE INDEX datasets_modified ON datasets(modified, rid);
-- Documents apart from the narrow rows that filters and sorts read: a page of 20 reads 20 documents.
CREATE TABLE dataset_docs (
  rid INTEGER PRIMARY KEY REFERENCES datasets(rid) ON DELETE CASCADE,
  doc TEXT NOT NULL
);
-- One row per (facet, value) a dataset has: theme, publisher, format, license, personalData, sector, mandate.
CREATE TABLE dataset_facets (
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  rid INTEGER NOT NULL REFERENCES datasets(rid) ON DELETE CASCADE,
  PRIMARY KEY (facet, value, rid)
) WITHOUT ROWID;
CREATE INDEX dataset_facets_rid ON dataset_facets(rid, facet, value);
-- A random token replaced by every write: in-memory indexes know when they are stale.
CREATE TABLE catalog_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO catalog_meta (k, v) VALUES ('version', 'initial');
CREATE VIRTUAL TABLE datasets_fts USING fts5(title, description, keywords, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE datasets_rtree USING rtree(rid, minx, maxx, miny, maxy);
`;

const postgres = `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE datasets (
  rid BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  identifier TEXT NOT NULL UNIQUE,
  publisher_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  title_sort TEXT NOT NULL,
  modified TEXT NOT NULL,
  facet_keys TEXT NOT NULL,
  search tsvector NOT NULL,
  extent geometry(Polygon, 4326)
);
CREATE INDEX datasets_publisher ON datasets(publisher_id);
CREATE INDEX datasets_title ON datasets(title_sort, rid);
CREATE INDEX datasets_modified ON datasets(modified, rid);
CREATE TABLE dataset_docs (
  rid BIGINT PRIMARY KEY REFERENCES datasets(rid) ON DELETE CASCADE,
  doc TEXT NOT NULL
);
CREATE INDEX datasets_search ON datasets USING GIN (search);
CREATE INDEX datasets_extent ON datasets USING GIST (extent);
CREATE TABLE dataset_facets (
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  rid BIGINT NOT NULL REFERENCES datasets(rid) ON DELETE CASCADE,
  PRIMARY KEY (facet, value, rid)
);
CREATE INDEX dataset_facets_rid ON dataset_facets(rid, facet, value);
CREATE TABLE catalog_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO catalog_meta (k, v) VALUES ('version', 'initial');
`;

/**
 * PostgreSQL: the tsvector apart from the dataset rows. A text search fetches the heap row
 * of every match (GIN has no index-only scans); rows of (rid, tsvector) take about 60% of
 * the pages of full dataset rows, and the datasets rows that facet rebuilds and exports
 * read get narrower. No foreign key: the dialect deletes the row with the dataset.
 */
const searchTablePostgres = `
CREATE TABLE dataset_search (
  rid BIGINT PRIMARY KEY,
  search tsvector NOT NULL
);
INSERT INTO dataset_search (rid, search) SELECT rid, search FROM datasets;
CREATE INDEX dataset_search_words ON dataset_search USING GIN (search);
DROP INDEX datasets_search;
ALTER TABLE datasets DROP COLUMN search;
`;

/**
 * SQLite: an R*Tree keeps its coordinates as 32-bit floats, rounded outwards, so a box
 * filter on it alone matches datasets up to a float32 step (some 4e-6 degrees) outside the
 * query. The exact doubles ride along as auxiliary columns (stored as given, not indexed)
 * and the filter rechecks them. PostgreSQL needs no change: its GiST box is float32 too,
 * but the extent geometry holds the doubles, and the filter rechecks against those.
 */
const exactExtentSqlite = `
CREATE VIRTUAL TABLE datasets_extent USING rtree(rid, minx, maxx, miny, maxy, +w, +s, +e, +n);
INSERT INTO datasets_extent (rid, minx, maxx, miny, maxy, w, s, e, n)
  SELECT r.rid, r.minx, r.maxx, r.miny, r.maxy,
    json_extract(x.doc, '$.spatial.bbox[0]'), json_extract(x.doc, '$.spatial.bbox[1]'),
    json_extract(x.doc, '$.spatial.bbox[2]'), json_extract(x.doc, '$.spatial.bbox[3]')
  FROM datasets_rtree r JOIN dataset_docs x ON x.rid = r.rid;
DROP TABLE datasets_rtree;
`;

export const catalogMigrations: Migration[] = [
  { id: 'catalog/001-datasets', sqlite, postgres },
  { id: 'catalog/002-search-table', sqlite: '-- SQLite keeps its FTS5 table.', postgres: searchTablePostgres },
  { id: 'catalog/003-exact-extent', sqlite: exactExtentSqlite, postgres: '-- The extent geometry already holds the exact doubles.' },
];
