import type { Migration } from '../kernel/storage/port.js';

/*
 * Times are epoch milliseconds (INTEGER) on SQLite and timestamptz on PostgreSQL.
 * Observation results go in result_num (numbers), result_str (strings) or result_json
 * (anything else), so numeric filters use a plain REAL/float8 column.
 * sta_datastreams keeps observation_count and the latest observation (id and time), updated
 * on every insert, so "$count" and "latest per Datastream" never scan observations.
 * `meta` holds per-Datastream governance metadata (purpose, legal basis, retention, ...).
 */
const sqlite = `
CREATE TABLE sta_things (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE sta_locations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  location TEXT NOT NULL,
  properties TEXT,
  minx REAL, miny REAL, maxx REAL, maxy REAL
);
CREATE TABLE sta_thing_locations (
  thing_id INTEGER NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES sta_locations(id) ON DELETE CASCADE,
  PRIMARY KEY (thing_id, location_id)
) WITHOUT ROWID;
CREATE INDEX sta_thing_locations_location ON sta_thing_locations(location_id, thing_id);
CREATE TABLE sta_historical_locations (
  id INTEGER PRIMARY KEY,
  thing_id INTEGER NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  time INTEGER NOT NULL
);
CREATE INDEX sta_historical_locations_thing ON sta_historical_locations(thing_id, time);
CREATE TABLE sta_hl_locations (
  hl_id INTEGER NOT NULL REFERENCES sta_historical_locations(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES sta_locations(id) ON DELETE CASCADE,
  PRIMARY KEY (hl_id, location_id)
) WITHOUT ROWID;
CREATE INDEX sta_hl_locations_location ON sta_hl_locations(location_id, hl_id);
CREATE TABLE sta_sensors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  metadata TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE sta_observed_properties (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  description TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE sta_datastreams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  observation_type TEXT NOT NULL,
  unit_of_measurement TEXT NOT NULL,
  observed_area TEXT,
  phenomenon_time_start INTEGER,
  phenomenon_time_end INTEGER,
  result_time_start INTEGER,
  result_time_end INTEGER,
  properties TEXT,
  thing_id INTEGER NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  sensor_id INTEGER NOT NULL REFERENCES sta_sensors(id) ON DELETE CASCADE,
  observed_property_id INTEGER NOT NULL REFERENCES sta_observed_properties(id) ON DELETE CASCADE,
  observation_count INTEGER NOT NULL DEFAULT 0,
  latest_observation_id INTEGER,
  latest_phenomenon_time INTEGER,
  meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sta_datastreams_thing ON sta_datastreams(thing_id);
CREATE INDEX sta_datastreams_sensor ON sta_datastreams(sensor_id);
CREATE INDEX sta_datastreams_observed_property ON sta_datastreams(observed_property_id);
CREATE TABLE sta_features (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  feature TEXT NOT NULL,
  properties TEXT,
  source_location_id INTEGER REFERENCES sta_locations(id) ON DELETE SET NULL,
  minx REAL, miny REAL, maxx REAL, maxy REAL
);
CREATE INDEX sta_features_source ON sta_features(source_location_id);
CREATE TABLE sta_observations (
  id INTEGER PRIMARY KEY,
  datastream_id INTEGER NOT NULL REFERENCES sta_datastreams(id) ON DELETE CASCADE,
  phenomenon_time INTEGER NOT NULL,
  phenomenon_time_end INTEGER,
  result_time INTEGER,
  result_num REAL,
  result_str TEXT,
  result_json TEXT,
  result_quality TEXT,
  valid_time_start INTEGER,
  valid_time_end INTEGER,
  parameters TEXT,
  feature_id INTEGER NOT NULL REFERENCES sta_features(id) ON DELETE CASCADE
);
CREATE INDEX sta_observations_datastream_time ON sta_observations(datastream_id, phenomenon_time);
CREATE INDEX sta_observations_feature ON sta_observations(feature_id);
`;

/*
 * PostgreSQL: observations are range-partitioned by phenomenon_time into monthly
 * partitions created on demand by the ingest path (before it inserts), with a DEFAULT
 * partition catching anything written another way.
 */
const postgres = `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE sta_things (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  properties JSONB
);
CREATE TABLE sta_locations (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  location JSONB NOT NULL,
  properties JSONB,
  geom geometry(Geometry, 4326)
);
CREATE INDEX sta_locations_geom ON sta_locations USING GIST (geom);
CREATE TABLE sta_thing_locations (
  thing_id BIGINT NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  location_id BIGINT NOT NULL REFERENCES sta_locations(id) ON DELETE CASCADE,
  PRIMARY KEY (thing_id, location_id)
);
CREATE INDEX sta_thing_locations_location ON sta_thing_locations(location_id, thing_id);
CREATE TABLE sta_historical_locations (
  id BIGSERIAL PRIMARY KEY,
  thing_id BIGINT NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  time TIMESTAMPTZ NOT NULL
);
CREATE INDEX sta_historical_locations_thing ON sta_historical_locations(thing_id, time);
CREATE TABLE sta_hl_locations (
  hl_id BIGINT NOT NULL REFERENCES sta_historical_locations(id) ON DELETE CASCADE,
  location_id BIGINT NOT NULL REFERENCES sta_locations(id) ON DELETE CASCADE,
  PRIMARY KEY (hl_id, location_id)
);
CREATE INDEX sta_hl_locations_location ON sta_hl_locations(location_id, hl_id);
CREATE TABLE sta_sensors (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  metadata JSONB NOT NULL,
  properties JSONB
);
CREATE TABLE sta_observed_properties (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  description TEXT NOT NULL,
  properties JSONB
);
CREATE TABLE sta_datastreams (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  observation_type TEXT NOT NULL,
  unit_of_measurement JSONB NOT NULL,
  observed_area JSONB,
  phenomenon_time_start TIMESTAMPTZ,
  phenomenon_time_end TIMESTAMPTZ,
  result_time_start TIMESTAMPTZ,
  result_time_end TIMESTAMPTZ,
  properties JSONB,
  thing_id BIGINT NOT NULL REFERENCES sta_things(id) ON DELETE CASCADE,
  sensor_id BIGINT NOT NULL REFERENCES sta_sensors(id) ON DELETE CASCADE,
  observed_property_id BIGINT NOT NULL REFERENCES sta_observed_properties(id) ON DELETE CASCADE,
  observation_count BIGINT NOT NULL DEFAULT 0,
  latest_observation_id BIGINT,
  latest_phenomenon_time TIMESTAMPTZ,
  meta JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX sta_datastreams_thing ON sta_datastreams(thing_id);
CREATE INDEX sta_datastreams_sensor ON sta_datastreams(sensor_id);
CREATE INDEX sta_datastreams_observed_property ON sta_datastreams(observed_property_id);
CREATE TABLE sta_features (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  feature JSONB NOT NULL,
  properties JSONB,
  source_location_id BIGINT REFERENCES sta_locations(id) ON DELETE SET NULL,
  geom geometry(Geometry, 4326)
);
CREATE INDEX sta_features_source ON sta_features(source_location_id);
CREATE INDEX sta_features_geom ON sta_features USING GIST (geom);
CREATE TABLE sta_observations (
  id BIGSERIAL NOT NULL,
  datastream_id BIGINT NOT NULL REFERENCES sta_datastreams(id) ON DELETE CASCADE,
  phenomenon_time TIMESTAMPTZ NOT NULL,
  phenomenon_time_end TIMESTAMPTZ,
  result_time TIMESTAMPTZ,
  result_num DOUBLE PRECISION,
  result_str TEXT,
  result_json JSONB,
  result_quality JSONB,
  valid_time_start TIMESTAMPTZ,
  valid_time_end TIMESTAMPTZ,
  parameters JSONB,
  feature_id BIGINT NOT NULL REFERENCES sta_features(id) ON DELETE CASCADE,
  PRIMARY KEY (id, phenomenon_time)
) PARTITION BY RANGE (phenomenon_time);
CREATE TABLE sta_observations_default PARTITION OF sta_observations DEFAULT;
CREATE INDEX sta_observations_datastream_time ON sta_observations(datastream_id, phenomenon_time, id);
CREATE INDEX sta_observations_feature ON sta_observations(feature_id);
CREATE INDEX sta_observations_id ON sta_observations(id);
`;

/**
 * Every entity an organisation creates is owned by it; only its keys (or the administrator)
 * change it. NULL: owned by the platform, changed by the administrator only. Observations
 * and HistoricalLocations belong to their Datastream's and Thing's owner: no column, so the
 * widest table stays narrow.
 */
const OWNED = ['sta_things', 'sta_locations', 'sta_sensors', 'sta_observed_properties', 'sta_datastreams', 'sta_features'];
const owners = OWNED.map((t) => `ALTER TABLE ${t} ADD COLUMN owner_org TEXT;`).join('\n');

export const liveMigrations: Migration[] = [
  { id: 'live/001-sensing', sqlite, postgres },
  { id: 'live/002-owners', sqlite: owners, postgres: owners },
];
