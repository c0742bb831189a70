import { readFile } from 'node:fs/promises';
import type { Principal } from '../../kernel/auth/index.js';
import type { AppContext } from '../../kernel/capability.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { dialectFor } from '../sta/dialect/index.js';
import { ENTITIES } from '../sta/entities.js';
import { ingestObservations } from '../sta/ingest.js';
import { refreshLatest, Writer } from '../sta/write.js';
import { AIR_QUALITY_FILE, COMPONENTS, FACILITIES_FILE, OCCUPANCY_FILE, parseAirQualityCsv, parseFacilities, parseOccupancyCsv, type AirReading, type Facility, type OccupancyRow } from './data.js';

/** Marks in `properties` by which the seed finds what it created before (it must be idempotent). */
export const PARKING_DEMO = 'delft-parkeren';
export const AIR_DEMO = 'amsterdam-luchtmeetnet';
/** Data register entries (catalog demo) each demo Datastream belongs to, with their mandates. */
export const PARKING_DATASET = 'delft-parkeerbezetting';
export const AIR_DATASET = 'amsterdam-luchtkwaliteit-2017-04-30';
/** Hours of occupancy history stored at seed time, so the map and charts have data without the replay. */
export const SEEDED_HISTORY_HOURS = 72;
/** Who owns the demo's sensors: the publishers of their data register entries (RDW's parking register, RIVM's Luchtmeetnet). */
export const PARKING_OWNER = 'rdw';
export const AIR_OWNER = 'rivm';
const actingFor = (organisationId: string): Principal => ({ kind: 'organisation', organisationId, via: 'api-key' });
/** Plausible results per pollutant (µg/m³): physical limits, far above any real reading, below a sensor fault's 99999. */
const AIR_BOUNDS: Record<string, { min: number; max: number }> = { CO: { min: 0, max: 50_000 } };
const AIR_DEFAULT_BOUNDS = { min: 0, max: 2_000 };

const COUNT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation';
const TRUTH = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_TruthObservation';
const MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';
const SPACES = { name: 'parkeerplaatsen', symbol: '', definition: 'http://qudt.org/vocab/unit/NUM' };
const BOOLEAN = { name: 'waar/onwaar', symbol: '', definition: 'http://www.w3.org/2001/XMLSchema#boolean' };
const UG_M3 = { name: 'microgram per kubieke meter', symbol: 'µg/m³', definition: 'http://qudt.org/vocab/unit/MicroGM-PER-M3' };

/** The four parking Datastreams: role (stable key), name, type, and how a CSV row gives its result. */
export const PARKING_STREAMS = [
  { role: 'vacant', name: 'vrije plaatsen', description: 'Aantal vrije parkeerplaatsen', type: COUNT, unit: SPACES, result: (r: OccupancyRow) => r.vacant },
  { role: 'capacity', name: 'capaciteit', description: 'Aantal parkeerplaatsen in gebruik te nemen', type: COUNT, unit: SPACES, result: (r: OccupancyRow) => r.capacity },
  { role: 'open', name: 'open', description: 'Of de voorziening open is', type: TRUTH, unit: BOOLEAN, result: (r: OccupancyRow) => r.open },
  { role: 'full', name: 'vol', description: 'Of de voorziening vol is gemeld', type: TRUTH, unit: BOOLEAN, result: (r: OccupancyRow) => r.full },
] as const;
export type ParkingRole = (typeof PARKING_STREAMS)[number]['role'];

export interface SeedReport {
  parkingThings: number;
  airThings: number;
  created: number;
  observations: number;
  /** Readings refused as implausible (outside their Datastream's bounds, e.g. -3 free places). */
  refused: number;
}

type Props = Record<string, unknown>;
const parse = (text: unknown): Props => {
  if (typeof text !== 'string') return (text as Props | null) ?? {};
  try {
    return JSON.parse(text) as Props;
  } catch {
    return {};
  }
};

/** Rows of `table` whose `properties.demo` is `demo`, keyed by `properties[key]`. */
async function demoRows(db: Queryable, table: string, demo: string, key: string): Promise<Map<string, number>> {
  const rows = await db.all<{ id: number; properties: unknown }>(`SELECT id, properties FROM ${table} WHERE properties IS NOT NULL`);
  const out = new Map<string, number>();
  for (const r of rows) {
    const p = parse(r.properties);
    if (p.demo === demo && typeof p[key] === 'string') out.set(p[key] as string, Number(r.id));
  }
  return out;
}

/** The Datastreams of the demo Things, by Thing key and role. */
export async function demoDatastreams(db: Queryable, demo: string, thingKey: string): Promise<Map<string, Map<string, number>>> {
  const things = await demoRows(db, 'sta_things', demo, thingKey);
  const byThing = new Map<number, string>([...things].map(([k, id]) => [id, k]));
  const rows = await db.all<{ id: number; thing_id: number; properties: unknown }>('SELECT id, thing_id, properties FROM sta_datastreams');
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = byThing.get(Number(r.thing_id));
    const role = parse(r.properties).role;
    if (key === undefined || typeof role !== 'string') continue;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(role, Number(r.id));
  }
  return out;
}

/** Finds or creates a shared Sensor / ObservedProperty by its key, so Datastreams can reference it. */
async function shared(w: Writer, entity: 'Sensor' | 'ObservedProperty', demo: string, key: string, body: Props): Promise<number> {
  const table = entity === 'Sensor' ? 'sta_sensors' : 'sta_observed_properties';
  const found = (await demoRows(w.db, table, demo, 'key')).get(key);
  if (found !== undefined) return found;
  return w.create(ENTITIES[entity], { ...body, properties: { demo, key } });
}

async function seedParking(w: Writer, facilities: Facility[]): Promise<number> {
  const existing = await demoRows(w.db, 'sta_things', PARKING_DEMO, 'uuid');
  const sensor = await shared(w, 'Sensor', PARKING_DEMO, 'spdp', {
    name: 'SPDP-parkeerdata',
    description: 'Bezetting zoals de exploitant die via het Nationaal Parkeer Register (SPDP v2) publiceert',
    encodingType: 'text/html',
    metadata: 'https://opendata.rdw.nl',
  });
  const properties = new Map<string, number>();
  for (const s of PARKING_STREAMS) {
    properties.set(s.role, await shared(w, 'ObservedProperty', PARKING_DEMO, s.role, { name: s.name, description: s.description, definition: `https://opendata.rdw.nl/#${s.role}` }));
  }
  let created = 0;
  for (const f of facilities) {
    if (existing.has(f.uuid)) continue;
    const address = `${f.street} ${f.houseNumber}, ${f.zipcode} ${f.city}`.replace(/\s+/g, ' ').trim();
    await w.create(ENTITIES.Thing, {
      name: f.name,
      description: `Parkeervoorziening ${f.name}, ${address}`,
      properties: {
        demo: PARKING_DEMO,
        uuid: f.uuid,
        address,
        operator: f.operator,
        capacity: f.capacity,
        heightLimitM: f.minimumHeightInMeters,
        chargingPoints: f.chargingPointCapacity,
        usage: f.usage ?? null,
      },
      Locations: [{ name: f.name, description: address, encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [f.longitude, f.latitude] } }],
      Datastreams: PARKING_STREAMS.map((s) => ({
        name: s.name,
        description: `${s.description} in ${f.name}`,
        observationType: s.type,
        unitOfMeasurement: s.unit,
        properties: { role: s.role, facility: f.uuid, catalogDataset: PARKING_DATASET, ...parkingBounds(s.role, f.capacity) },
        Sensor: { '@iot.id': sensor },
        ObservedProperty: { '@iot.id': properties.get(s.role)! },
      })),
    });
    created++;
  }
  return created;
}

/** Free places lie between 0 and the facility's capacity; a capacity is never negative. */
function parkingBounds(role: string, capacity: number): { resultBounds?: { min: number; max?: number } } {
  if (role === 'vacant') return { resultBounds: { min: 0, max: capacity } };
  if (role === 'capacity') return { resultBounds: { min: 0 } };
  return {};
}

interface Station {
  name: string;
  latitude: number;
  longitude: number;
  components: string[];
}

export function stationsOf(readings: AirReading[]): Station[] {
  const byName = new Map<string, Station>();
  for (const r of readings) {
    let s = byName.get(r.station);
    if (!s) byName.set(r.station, (s = { name: r.station, latitude: r.latitude, longitude: r.longitude, components: [] }));
    if (!s.components.includes(r.component)) s.components.push(r.component);
  }
  return [...byName.values()];
}

async function seedAir(w: Writer, stations: Station[]): Promise<number> {
  const existing = await demoRows(w.db, 'sta_things', AIR_DEMO, 'station');
  const sensor = await shared(w, 'Sensor', AIR_DEMO, 'station', {
    name: 'Luchtmeetnet-meetstation',
    description: 'Meetstation van het Luchtmeetnet (RIVM, GGD, provincies)',
    encodingType: 'text/html',
    metadata: 'https://www.luchtmeetnet.nl',
  });
  let created = 0;
  for (const s of stations) {
    if (existing.has(s.name)) continue;
    const streams = [];
    for (const c of s.components) {
      const info = COMPONENTS[c] ?? { label: c, nl: c, definition: `https://www.luchtmeetnet.nl/informatie/stoffen/${c}` };
      const op = await shared(w, 'ObservedProperty', AIR_DEMO, c, { name: info.label, description: info.nl, definition: info.definition });
      streams.push({
        name: info.label,
        description: `Uurgemiddelde ${info.nl} op ${s.name}`,
        observationType: MEASUREMENT,
        unitOfMeasurement: UG_M3,
        properties: { role: c, station: s.name, catalogDataset: AIR_DATASET, resultBounds: AIR_BOUNDS[c] ?? AIR_DEFAULT_BOUNDS },
        Sensor: { '@iot.id': sensor },
        ObservedProperty: { '@iot.id': op },
      });
    }
    await w.create(ENTITIES.Thing, {
      name: s.name,
      description: `Luchtmeetnet-meetstation ${s.name}`,
      properties: { demo: AIR_DEMO, station: s.name },
      Locations: [{ name: s.name, description: 'meetstation', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [s.longitude, s.latitude] } }],
      Datastreams: streams,
    });
    created++;
  }
  return created;
}

async function isEmpty(ctx: AppContext, datastream: number): Promise<boolean> {
  const row = await ctx.store.one<{ n: number }>('SELECT observation_count AS n FROM sta_datastreams WHERE id = ?', [datastream]);
  return Number(row?.n ?? 0) === 0;
}

/**
 * Stores `series` into each Datastream that has no observations yet, as its owner; returns
 * how many were stored and how many were refused (real feeds hold readings such as -3 free
 * places, outside the Datastream's declared bounds).
 */
async function loadHistory(ctx: AppContext, series: Map<number, { owner: Principal; rows: Array<{ phenomenonTime: string; result: unknown }> }>): Promise<{ stored: number; refused: number }> {
  let stored = 0;
  let refused = 0;
  for (const [ds, { owner, rows }] of series) {
    if (rows.length === 0 || !(await isEmpty(ctx, ds))) continue;
    const outcome = await ingestObservations(ctx, ds, rows, { principal: owner });
    for (const r of outcome.results) if ('id' in r) stored++;
    else refused++;
  }
  return { stored, refused };
}

/**
 * Readings an older version stored before the demo declared its bounds (-3 free places):
 * removed, so no page shows them; the counters and latest pointer follow.
 */
async function dropImplausible(db: Queryable, datastream: number, bounds: { min?: number; max?: number } | undefined): Promise<void> {
  if (!bounds) return;
  const { changes } = await db.run('DELETE FROM sta_observations WHERE datastream_id = ? AND result_num IS NOT NULL AND (result_num < ? OR result_num > ?)', [
    datastream,
    bounds.min ?? -Number.MAX_VALUE,
    bounds.max ?? Number.MAX_VALUE,
  ]);
  if (!changes) return;
  await db.run('UPDATE sta_datastreams SET observation_count = observation_count - ? WHERE id = ?', [changes, datastream]);
  await refreshLatest(db, datastream);
}

/**
 * Demo entities made before entities had owners (an older data directory) are given to
 * their publisher, with the bounds the seed now declares; entities with an owner are left alone.
 */
async function claimDemo(db: Queryable, demo: string, owner: string, bounds: (role: string, thing: Props) => { resultBounds?: unknown }): Promise<void> {
  const things = await demoRows(db, 'sta_things', demo, demo === PARKING_DEMO ? 'uuid' : 'station');
  for (const thingId of things.values()) {
    const claimed = await db.run('UPDATE sta_things SET owner_org = ? WHERE id = ? AND owner_org IS NULL', [owner, thingId]);
    if (claimed.changes === 0) continue;
    const thing = parse((await db.one<{ properties: unknown }>('SELECT properties FROM sta_things WHERE id = ?', [thingId]))?.properties);
    await db.run('UPDATE sta_locations SET owner_org = ? WHERE owner_org IS NULL AND id IN (SELECT location_id FROM sta_thing_locations WHERE thing_id = ?)', [owner, thingId]);
    for (const ds of await db.all<{ id: number; properties: unknown; meta: unknown }>('SELECT id, properties, meta FROM sta_datastreams WHERE thing_id = ?', [thingId])) {
      const props = parse(ds.properties);
      const extra = bounds(String(props.role), thing);
      const meta = { ...parse(ds.meta), ...extra };
      await db.run('UPDATE sta_datastreams SET owner_org = ?, properties = ?, meta = ? WHERE id = ?', [owner, JSON.stringify({ ...props, ...extra }), JSON.stringify(meta), ds.id]);
      await dropImplausible(db, Number(ds.id), extra.resultBounds as { min?: number; max?: number } | undefined);
    }
  }
  for (const table of ['sta_sensors', 'sta_observed_properties']) {
    for (const id of (await demoRows(db, table, demo, 'key')).values()) await db.run(`UPDATE ${table} SET owner_org = ? WHERE id = ? AND owner_org IS NULL`, [owner, id]);
  }
}

/**
 * The live demo: Delft's 13 parking facilities (four Datastreams each, the first
 * SEEDED_HISTORY_HOURS of occupancy) and Amsterdam's three Luchtmeetnet stations (a
 * Datastream per component, the whole day's series). Idempotent: Things are found by
 * `properties.demo` + uuid / station name, and history is only loaded into empty Datastreams.
 */
export async function seedLiveDemo(ctx: AppContext): Promise<SeedReport> {
  const facilities = parseFacilities(await readFile(FACILITIES_FILE, 'utf8'));
  const occupancy = parseOccupancyCsv(await readFile(OCCUPANCY_FILE, 'utf8'));
  const air = parseAirQualityCsv(await readFile(AIR_QUALITY_FILE, 'utf8'));
  const stations = stationsOf(air);
  const d = dialectFor(ctx.store);
  const capacity = new Map(facilities.map((f) => [f.uuid, f.capacity]));
  const created = await ctx.store.transaction(async (tx) => {
    await claimDemo(tx, PARKING_DEMO, PARKING_OWNER, (role, thing) => parkingBounds(role, capacity.get(String(thing.uuid)) ?? Number(thing.capacity)));
    await claimDemo(tx, AIR_DEMO, AIR_OWNER, (role) => ({ resultBounds: AIR_BOUNDS[role] ?? AIR_DEFAULT_BOUNDS }));
    const parked = await seedParking(new Writer(tx, d, actingFor(PARKING_OWNER)), facilities);
    return parked + (await seedAir(new Writer(tx, d, actingFor(AIR_OWNER)), stations));
  });

  const parking = await demoDatastreams(ctx.store, PARKING_DEMO, 'uuid');
  const series = new Map<number, { owner: Principal; rows: Array<{ phenomenonTime: string; result: unknown }> }>();
  const until = (occupancy[0]?.time ?? 0) + SEEDED_HISTORY_HOURS * 3_600_000;
  for (const row of occupancy) {
    if (row.time >= until) break;
    const streams = parking.get(row.uuid);
    if (!streams) continue;
    for (const s of PARKING_STREAMS) {
      const ds = streams.get(s.role);
      if (ds === undefined) continue;
      if (!series.has(ds)) series.set(ds, { owner: actingFor(PARKING_OWNER), rows: [] });
      series.get(ds)!.rows.push({ phenomenonTime: new Date(row.time).toISOString(), result: s.result(row) });
    }
  }
  const airStreams = await demoDatastreams(ctx.store, AIR_DEMO, 'station');
  for (const r of air) {
    const ds = airStreams.get(r.station)?.get(r.component);
    if (ds === undefined) continue;
    if (!series.has(ds)) series.set(ds, { owner: actingFor(AIR_OWNER), rows: [] });
    series.get(ds)!.rows.push({ phenomenonTime: new Date(r.time).toISOString(), result: r.value });
  }
  const { stored: observations, refused } = await loadHistory(ctx, series);
  if (created > 0 || observations > 0) ctx.log.info({ things: created, observations, refusedOutsideBounds: refused }, 'live demo seeded');
  return { parkingThings: parking.size, airThings: airStreams.size, created, observations, refused };
}
