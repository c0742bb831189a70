import type { Migration } from '../kernel/storage/port.js';

// Plans and their objects: JSON documents plus the columns queries need. Boxes and
// geometry are RD New (EPSG:28992), the CRS plans are drawn in; WGS84 is kept next to
// it only to serve GeoJSON without transforming on every request.
const sqlite = `
CREATE TABLE rules_plans (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE rules_objects (
  rid INTEGER PRIMARY KEY,
  plan_rid INTEGER NOT NULL REFERENCES rules_plans(rid) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  doc TEXT NOT NULL,
  geom_rd TEXT,
  geom_wgs84 TEXT,
  minx REAL, miny REAL, maxx REAL, maxy REAL,
  UNIQUE (plan_rid, id)
);
CREATE INDEX rules_objects_kind ON rules_objects(kind, rid);
CREATE VIRTUAL TABLE rules_objects_rtree USING rtree(rid, minx, maxx, miny, maxy);
CREATE TABLE rules_checks (
  id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

const postgres = `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE rules_plans (
  rid BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE rules_objects (
  rid BIGSERIAL PRIMARY KEY,
  plan_rid BIGINT NOT NULL REFERENCES rules_plans(rid) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  doc TEXT NOT NULL,
  geom_rd TEXT,
  geom_wgs84 TEXT,
  minx DOUBLE PRECISION, miny DOUBLE PRECISION, maxx DOUBLE PRECISION, maxy DOUBLE PRECISION,
  geom geometry(Geometry, 28992),
  UNIQUE (plan_rid, id)
);
CREATE INDEX rules_objects_kind ON rules_objects(kind, rid);
CREATE INDEX rules_objects_plan ON rules_objects(plan_rid);
CREATE INDEX rules_objects_geom ON rules_objects USING GIST (geom);
CREATE TABLE rules_checks (
  id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

// Anonymous permit checks expire 24 hours after their last answer; the sweep finds them by updated_at.
const checkExpiry = 'CREATE INDEX rules_checks_updated ON rules_checks(updated_at);';

// STTR rule files imported at run time (the shipped ones stay files in demo/): the document
// itself, its hash (compiled models are cached by it) and who imported it when.
const sttrFiles = (int: string) => `
CREATE TABLE rules_sttr_files (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes ${int} NOT NULL,
  xml TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  doc TEXT NOT NULL
);
`;

/*
 * Each object's WGS84 box next to its RD box, indexed, so an OGC API bbox in CRS84
 * is decided on the box of the geometry served rather than on a transformed RD box
 * (which is larger at the corners). Existing rows get theirs from geom_wgs84: on
 * SQLite the numbers with array index 0 / 1 in the coordinates are the x / y values.
 */
const wgsBox = (fn: 'MIN' | 'MAX', axis: 0 | 1) =>
  `(SELECT ${fn}(value) FROM json_tree(rules_objects.geom_wgs84, '$.coordinates') WHERE key = ${axis} AND type IN ('integer', 'real'))`;

const sqliteWgs = `
ALTER TABLE rules_objects ADD COLUMN wminx REAL;
ALTER TABLE rules_objects ADD COLUMN wminy REAL;
ALTER TABLE rules_objects ADD COLUMN wmaxx REAL;
ALTER TABLE rules_objects ADD COLUMN wmaxy REAL;
UPDATE rules_objects SET wminx = ${wgsBox('MIN', 0)}, wminy = ${wgsBox('MIN', 1)}, wmaxx = ${wgsBox('MAX', 0)}, wmaxy = ${wgsBox('MAX', 1)}
  WHERE geom_wgs84 IS NOT NULL;
CREATE VIRTUAL TABLE rules_objects_wgs_rtree USING rtree(rid, minx, maxx, miny, maxy);
INSERT INTO rules_objects_wgs_rtree (rid, minx, maxx, miny, maxy) SELECT rid, wminx, wmaxx, wminy, wmaxy FROM rules_objects WHERE wminx IS NOT NULL;
`;

const postgresWgs = `
ALTER TABLE rules_objects ADD COLUMN wminx DOUBLE PRECISION, ADD COLUMN wminy DOUBLE PRECISION,
  ADD COLUMN wmaxx DOUBLE PRECISION, ADD COLUMN wmaxy DOUBLE PRECISION, ADD COLUMN wbox geometry(Geometry, 4326);
UPDATE rules_objects o SET wminx = ST_XMin(s.g), wminy = ST_YMin(s.g), wmaxx = ST_XMax(s.g), wmaxy = ST_YMax(s.g), wbox = ST_Envelope(s.g)
  FROM (SELECT rid, ST_SetSRID(ST_GeomFromGeoJSON(geom_wgs84), 4326) AS g FROM rules_objects WHERE geom_wgs84 IS NOT NULL) s
  WHERE o.rid = s.rid;
CREATE INDEX rules_objects_wbox ON rules_objects USING GIST (wbox);
`;

export const rulesMigrations: Migration[] = [
  { id: 'rules/001-plans', sqlite, postgres },
  { id: 'rules/002-check-expiry', sqlite: checkExpiry, postgres: checkExpiry },
  { id: 'rules/003-sttr-files', sqlite: sttrFiles('INTEGER'), postgres: sttrFiles('BIGINT') },
  { id: 'rules/004-wgs84-boxes', sqlite: sqliteWgs, postgres: postgresWgs },
];
