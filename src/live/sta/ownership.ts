import { owns, type Principal } from '../../kernel/auth/index.js';
import { AppError, invalid } from '../../kernel/errors.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { EntityDef, EntityName } from './entities.js';

/**
 * Entities another organisation's entities may refer to without owning them: a Sensor
 * model, an ObservedProperty such as "PM10", a FeatureOfInterest. Referring to them
 * changes nothing of theirs. Linking to a Thing, Location or Datastream adds to it, so
 * that needs its owner.
 */
export const SHAREABLE: ReadonlySet<EntityName> = new Set(['Sensor', 'ObservedProperty', 'FeatureOfInterest']);

/** The owner of each entity by id: its own column, or its Thing's (HistoricalLocation) or Datastream's (Observation). */
const OWNER_SQL: Record<EntityName, string> = {
  Thing: 'SELECT owner_org AS owner FROM sta_things WHERE id = ?',
  Location: 'SELECT owner_org AS owner FROM sta_locations WHERE id = ?',
  HistoricalLocation: 'SELECT t.owner_org AS owner FROM sta_historical_locations h JOIN sta_things t ON t.id = h.thing_id WHERE h.id = ?',
  Datastream: 'SELECT owner_org AS owner FROM sta_datastreams WHERE id = ?',
  Sensor: 'SELECT owner_org AS owner FROM sta_sensors WHERE id = ?',
  ObservedProperty: 'SELECT owner_org AS owner FROM sta_observed_properties WHERE id = ?',
  FeatureOfInterest: 'SELECT owner_org AS owner FROM sta_features WHERE id = ?',
  Observation: 'SELECT d.owner_org AS owner FROM sta_observations o JOIN sta_datastreams d ON d.id = o.datastream_id WHERE o.id = ?',
};

/** Entities of other owners that hang on a shareable one: deleting it would cascade into them. */
/** Owners compared null-safely on both engines: the platform (NULL) is an owner like any other. */
const DEPENDANTS: Partial<Record<EntityName, string>> = {
  Sensor: "SELECT 1 AS ok FROM sta_datastreams WHERE sensor_id = ? AND COALESCE(owner_org, '') <> ? LIMIT 1",
  ObservedProperty: "SELECT 1 AS ok FROM sta_datastreams WHERE observed_property_id = ? AND COALESCE(owner_org, '') <> ? LIMIT 1",
  FeatureOfInterest: "SELECT 1 AS ok FROM sta_observations o JOIN sta_datastreams d ON d.id = o.datastream_id WHERE o.feature_id = ? AND COALESCE(d.owner_org, '') <> ? LIMIT 1",
};

export const forbiddenFor = (entity: EntityDef, id: number, owner: string | null): AppError =>
  new AppError('forbidden', owner ? `${entity.name} ${id} belongs to organisation '${owner}'; only its keys may change it` : `${entity.name} ${id} belongs to the platform; only the administrator may change it`);

/** The entity's owner; undefined when it does not exist. */
export async function ownerOf(db: Queryable, entity: EntityDef, id: number): Promise<string | null | undefined> {
  const row = await db.one<{ owner: string | null }>(OWNER_SQL[entity.name], [id]);
  return row ? (row.owner ?? null) : undefined;
}

/**
 * Checks that `principal` may change (or link to) the entity: 404 for a missing entity
 * (a 400 naming `field` when it was referred to from a body), 403 when someone else owns it.
 */
export async function requireOwned(db: Queryable, principal: Principal, entity: EntityDef, id: number, field?: string): Promise<void> {
  const owner = await ownerOf(db, entity, id);
  if (owner === undefined) throw field !== undefined ? invalid(field, `${entity.name} ${id} does not exist`) : new AppError('not-found', `${entity.name} ${id} does not exist`);
  if (!owns(principal, owner)) throw forbiddenFor(entity, id, owner);
}

/** A shareable entity whose deletion would take other owners' Datastreams or Observations with it is kept. */
export async function refuseCascadeIntoOthers(db: Queryable, entity: EntityDef, id: number, owner: string | null): Promise<void> {
  const sql = DEPENDANTS[entity.name];
  if (!sql) return;
  if (await db.one(sql, [id, owner ?? ''])) {
    throw new AppError('conflict', `${entity.name} ${id} is used by Datastreams of other organisations; deleting it would delete their data`);
  }
}
