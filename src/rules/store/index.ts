import type { Queryable } from '../../kernel/storage/port.js';
import { postgresRules } from './postgres.js';
import { RulesStore } from './rules-store.js';
import { sqliteRules } from './sqlite.js';

export { featureProperties, toWgs84, type FoundObject, type GeoJsonFeature, type Importer, type ObjectRecord, type StoredSttrFile, type PlanRecord, type RulesDialect, RulesStore } from './rules-store.js';

const bySpatialIndex = { rtree: new RulesStore(sqliteRules), postgis: new RulesStore(postgresRules) };

/** The plan store for the engine behind `db`, chosen by its spatial index. */
export function rulesStore(db: Queryable): RulesStore {
  return bySpatialIndex[db.features.spatialIndex];
}
