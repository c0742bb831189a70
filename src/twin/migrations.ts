import type { Migration } from '../kernel/storage/port.js';

/*
 * Buildings: the fields queries need as columns, the rest as JSON text, the 3D
 * surfaces as a compact binary blob (store/surfaces-codec.ts). `tile` is the RD grid
 * tile (tiles/grid.ts) the building's centre falls in, so a GLB tile is one index scan.
 */
const buildingColumns = (blob: string, serial: string) => `
  rid ${serial} PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  bag_id TEXT,
  year INTEGER,
  lod TEXT,
  ground_height DOUBLE PRECISION,
  roof_min DOUBLE PRECISION,
  roof_p50 DOUBLE PRECISION,
  roof_p70 DOUBLE PRECISION,
  roof_max DOUBLE PRECISION,
  height_source TEXT,
  area DOUBLE PRECISION,
  footprint_rd TEXT,
  footprint_wgs84 TEXT,
  extent_rd TEXT,
  minx DOUBLE PRECISION,
  miny DOUBLE PRECISION,
  maxx DOUBLE PRECISION,
  maxy DOUBLE PRECISION,
  tile TEXT,
  surfaces ${blob} NOT NULL,
  attributes TEXT NOT NULL,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL`;

const sqlite = `
CREATE TABLE twin_buildings (${buildingColumns('BLOB', 'INTEGER')});
CREATE INDEX twin_buildings_tile ON twin_buildings(tile);
CREATE INDEX twin_buildings_bag ON twin_buildings(bag_id);
CREATE VIRTUAL TABLE twin_buildings_rtree USING rtree(rid, minx, maxx, miny, maxy);
CREATE TABLE twin_scenarios (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX twin_scenarios_owner ON twin_scenarios(owner_id);
`;

const postgres = `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE twin_buildings (${buildingColumns('BYTEA', 'BIGSERIAL')},
  bbox geometry(Polygon, 4326),
  footprint geometry(Geometry, 4326)
);
CREATE INDEX twin_buildings_tile ON twin_buildings(tile);
CREATE INDEX twin_buildings_bag ON twin_buildings(bag_id);
CREATE INDEX twin_buildings_bbox ON twin_buildings USING GIST (bbox);
CREATE INDEX twin_buildings_footprint ON twin_buildings USING GIST (footprint);
CREATE TABLE twin_scenarios (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX twin_scenarios_owner ON twin_scenarios(owner_id);
`;

export const twinMigrations: Migration[] = [{ id: 'twin/001-buildings-and-scenarios', sqlite, postgres }];
