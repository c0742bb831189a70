import type { Queryable } from '../../kernel/storage/port.js';
import { BuildingStore } from './building-store.js';
import { postgresBuildings } from './postgres.js';
import { sqliteBuildings } from './sqlite.js';

export type { BuildingQuery, BuildingStore } from './building-store.js';
export { ScenarioStore, scenarioStore } from './scenario-store.js';
export { decodeSurfaces, encodeSurfaces } from './surfaces-codec.js';

const bySpatialIndex = { rtree: new BuildingStore(sqliteBuildings), postgis: new BuildingStore(postgresBuildings) };

/** The building store for the engine behind `db`, chosen by its spatial index. */
export function buildingStore(db: Queryable): BuildingStore {
  return bySpatialIndex[db.features.spatialIndex];
}
