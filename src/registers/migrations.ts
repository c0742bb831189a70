import type { Migration } from '../kernel/storage/port.js';

/**
 * The registers' own tables. Public documents and internal fields live in separate
 * columns, so a public read never even loads what it must not show.
 */
const tables = `
CREATE TABLE register_algorithms (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  status TEXT,
  publication_category TEXT,
  -- Identity of an imported row (organisation + name), so a re-import updates instead of duplicating.
  source_key TEXT UNIQUE,
  -- JSON array of mandate ids, read by the traceability report without parsing the document.
  mandate_ids TEXT NOT NULL,
  doc TEXT NOT NULL,
  internal TEXT
);
CREATE INDEX register_algorithms_owner ON register_algorithms(owner_id);
CREATE INDEX register_algorithms_name ON register_algorithms(name_sort);
-- Art. 30 details a publisher adds to a dataset that holds personal data. No foreign key:
-- datasets belong to the catalog; rows of removed datasets are simply not shown.
CREATE TABLE register_processing_details (
  dataset_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  internal TEXT,
  updated_at TEXT NOT NULL
);
`;

/** Sensors registered without data flowing in; live sensors are read from the live capability. */
const sensorDevices = `
CREATE TABLE register_sensor_devices (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  mandate_ids TEXT NOT NULL,
  doc TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX register_sensor_devices_owner ON register_sensor_devices(owner_id);
`;

export const registersMigrations: Migration[] = [
  { id: 'registers/001-algorithms-processing', sqlite: tables, postgres: tables },
  { id: 'registers/002-sensor-devices', sqlite: sensorDevices, postgres: sensorDevices },
];
