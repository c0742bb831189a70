import type { Queryable } from '../../kernel/storage/port.js';

/**
 * Read-only view of the live capability's SensorThings tables (sta_things, sta_locations,
 * sta_datastreams, sta_observed_properties). The live capability exports no reader that
 * fits a whole-register scan, so the register reads its tables through the storage port;
 * it never writes them. JSON columns are TEXT on SQLite and JSONB (already parsed) on
 * PostgreSQL, hence `json()`.
 */
export interface LiveThing {
  id: string;
  /** The organisation that owns the Thing in the SensorThings store (null: the platform's); only its keys change it. */
  owner: string | null;
  name: string;
  description: string;
  properties: Record<string, unknown>;
  location: { longitude: number; latitude: number } | null;
  datastreams: LiveDatastream[];
}

export interface LiveDatastream {
  id: string;
  name: string;
  unit: Record<string, unknown>;
  properties: Record<string, unknown>;
  /** Governance metadata (purpose, legalBasis, personalData, retention, mandate, ...), whatever is present. */
  meta: Record<string, unknown>;
  observationCount: number;
  observedProperty: { name: string; definition: string };
}

const json = (value: unknown): Record<string, unknown> => {
  if (value === null || value === undefined) return {};
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

/** A GeoJSON Point (bare or in a Feature) as longitude/latitude; anything else has no point. */
export function pointOf(value: unknown): { longitude: number; latitude: number } | null {
  const g = json(value);
  const geom = g.type === 'Feature' ? json(g.geometry) : g;
  if (geom.type !== 'Point' || !Array.isArray(geom.coordinates)) return null;
  const [x, y] = geom.coordinates as unknown[];
  return typeof x === 'number' && typeof y === 'number' ? { longitude: x, latitude: y } : null;
}

/** A platform may run without the live capability (tests, a register-only node): then there are no Things. */
async function liveInstalled(db: Queryable): Promise<boolean> {
  return !!(await db.one('SELECT id FROM schema_migrations WHERE id = ?', ['live/001-sensing']));
}

export async function readLiveThings(db: Queryable): Promise<LiveThing[]> {
  if (!(await liveInstalled(db))) return [];
  const things = await db.all<{ id: number | string; name: string; description: string; properties: unknown; owner_org: string | null }>(
    'SELECT id, name, description, properties, owner_org FROM sta_things ORDER BY id',
  );
  const locations = await db.all<{ thing_id: number | string; location: unknown }>(
    'SELECT tl.thing_id, l.location FROM sta_thing_locations tl JOIN sta_locations l ON l.id = tl.location_id ORDER BY tl.thing_id, l.id',
  );
  const streams = await db.all<{
    id: number | string;
    thing_id: number | string;
    name: string;
    unit_of_measurement: unknown;
    properties: unknown;
    meta: unknown;
    observation_count: number | string;
    op_name: string;
    op_definition: string;
  }>(
    `SELECT d.id, d.thing_id, d.name, d.unit_of_measurement, d.properties, d.meta, d.observation_count,
            op.name AS op_name, op.definition AS op_definition
       FROM sta_datastreams d JOIN sta_observed_properties op ON op.id = d.observed_property_id
      ORDER BY d.thing_id, d.id`,
  );
  const byId = new Map<string, LiveThing>();
  for (const t of things) {
    byId.set(String(t.id), { id: String(t.id), owner: t.owner_org ?? null, name: t.name, description: t.description, properties: json(t.properties), location: null, datastreams: [] });
  }
  for (const l of locations) {
    const thing = byId.get(String(l.thing_id));
    if (thing && !thing.location) thing.location = pointOf(l.location);
  }
  for (const d of streams) {
    byId.get(String(d.thing_id))?.datastreams.push({
      id: String(d.id),
      name: d.name,
      unit: json(d.unit_of_measurement),
      properties: json(d.properties),
      meta: json(d.meta),
      observationCount: Number(d.observation_count),
      observedProperty: { name: d.op_name, definition: d.op_definition },
    });
  }
  return [...byId.values()];
}
