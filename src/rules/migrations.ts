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

export const rulesMigrations: Migration[] = [
  { id: 'rules/001-plans', sqlite, postgres },
  { id: 'rules/002-check-expiry', sqlite: checkExpiry, postgres: checkExpiry },
  { id: 'rules/003-sttr-files', sqlite: sttrFiles('INTEGER'), postgres: sttrFiles('BIGINT') },
];
