import { organisationOf, owns, type Principal } from '../../kernel/auth/index.js';
import type { AuditEntry } from '../../kernel/audit/index.js';
import { AppError, invalid } from '../../kernel/errors.js';
import type { Queryable, SqlValue } from '../../kernel/storage/port.js';
import type { StaDialect } from './dialect/types.js';
import { ENTITIES, type EntityDef, type EntityName } from './entities.js';
import type { Geometry } from './geo.js';
import { boundsOfMeta, outOfBounds, parseBounds } from './bounds.js';
import { findDatastream, insertObservations, parseObservation, refusal, type FeatureCreator, type IngestPrivacy, type InsertOptions } from './ingest.js';
import { forbiddenFor, ownerOf, refuseCascadeIntoOthers, requireOwned, SHAREABLE } from './ownership.js';
import { declarationOfMeta, parseDeclaration, type PrivacyDeclaration } from '../privacy/declaration.js';
import { DAY_MS, pseudonymiseRow, pseudonymiserIn, scopeOf } from '../privacy/pseudonymise.js';
import type { ObservationRow } from './dialect/types.js';
import { observationCreated, type ChangeEvent } from './events.js';
import { Fields, refId, safeKey, type Obj } from './input.js';
import { parseTime } from './time.js';

const REQUIRED: Record<EntityName, string[]> = {
  Thing: ['name', 'description'],
  Location: ['name', 'description', 'encodingType', 'location'],
  HistoricalLocation: ['time'],
  Datastream: ['name', 'description', 'unitOfMeasurement', 'observationType'],
  Sensor: ['name', 'description', 'encodingType', 'metadata'],
  ObservedProperty: ['name', 'definition', 'description'],
  Observation: ['result'],
  FeatureOfInterest: ['name', 'description', 'encodingType', 'feature'],
};

/** Properties the service maintains itself; accepted in a body and ignored. */
const MAINTAINED = new Set(['phenomenonTime@Datastream', 'resultTime@Datastream']);

/** The navigation in `child` that points back at `parent`, used to link deep-inserted children. */
export function inverseNav(parent: EntityDef, navName: string): string | undefined {
  const nav = parent.navs.find((n) => n.name === navName);
  if (!nav) return undefined;
  return ENTITIES[nav.target].navs.find((n) => n.target === parent.name)?.name;
}

function jsonText(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/**
 * Creates, updates and deletes SensorThings entities inside one transaction (`db`), for
 * `principal`: what it creates is owned by the principal's organisation, and it changes or
 * links to only what that organisation owns (shareable entities may be referred to).
 * `changes` lists what it created and updated, for the caller to emit once the transaction
 * has committed (`changeFeedOf(store).emit(writer.changes)`); `audit` what the caller
 * records in the audit trail in the same transaction.
 */
export class Writer {
  readonly changes: ChangeEvent[] = [];
  readonly audit: AuditEntry[] = [];
  /** The owner of what this writer creates: the principal's organisation, or the platform (null) for the administrator. */
  private readonly owner: string | null;

  constructor(
    readonly db: Queryable,
    readonly d: StaDialect,
    readonly principal: Principal,
    readonly privacy: IngestPrivacy = { rotationMs: DAY_MS },
  ) {
    this.owner = organisationOf(principal) ?? null;
  }

  /** Inserts an owned entity row and records its creation in the audit trail. */
  private async insertOwned(entity: EntityDef, values: Record<string, SqlValue>, detail?: Record<string, unknown>): Promise<number> {
    const id = await this.d.insert(this.db, entity.table as Parameters<StaDialect['insert']>[1], { ...values, owner_org: this.owner });
    this.audit.push({ action: 'create', targetType: `sta:${entity.name}`, targetId: String(id), ...(detail ? { detail } : {}) });
    return id;
  }

  /**
   * The privacy declaration (`properties.privacy`) and plausibility bounds
   * (`properties.resultBounds`) of a Datastream body, as the `meta` column value; undefined
   * when the body does not set properties. `previous` is the stored declaration (PATCH): a
   * Datastream with personal data cannot silently lose it.
   */
  private datastreamMeta(f: Fields, previous?: PrivacyDeclaration): { meta: string; privacy?: PrivacyDeclaration } | undefined {
    if (!('properties' in f.obj)) return undefined;
    const props = f.obj.properties;
    const given = props && typeof props === 'object' && !Array.isArray(props) ? (props as Obj).privacy : undefined;
    const resultBounds = parseBounds(props, f.name('properties.resultBounds'));
    if (given === undefined || given === null) {
      if (previous && previous.personalData !== 'none') {
        throw invalid(f.name('properties.privacy'), `cannot be removed from a Datastream declared '${previous.personalData}'; declare personalData 'none' explicitly`);
      }
      return { meta: JSON.stringify(resultBounds ? { resultBounds } : {}) };
    }
    const privacy = parseDeclaration(given, f.name('properties.privacy'));
    return { meta: JSON.stringify(resultBounds ? { privacy, resultBounds } : { privacy }), privacy };
  }

  /** For ingest: a FeatureOfInterest it derived from a Thing's Location is a created entity too. */
  readonly featureDerived = (id: number): void => this.created('FeatureOfInterest', id);

  private insertOptions(featurePath: string): InsertOptions {
    return { principal: this.principal, createFeature: this.featureCreator, featurePath, privacy: this.privacy, onFeatureDerived: this.featureDerived };
  }

  private created(type: EntityName, id: number, related?: ChangeEvent['related']): void {
    this.changes.push(related ? { kind: 'create', type, id, related } : { kind: 'create', type, id });
  }

  /** Adds a link to an entity created in this transaction (links made after its insert, e.g. Thing ↔ Location). */
  private relate(type: EntityName, id: number, nav: string, otherId: number): void {
    const event = this.changes.find((e) => e.kind === 'create' && e.type === type && e.id === id);
    if (!event) return;
    const related = (event.related ??= {});
    const ids = (related[nav] ??= []);
    if (!ids.includes(otherId)) ids.push(otherId);
  }

  private async exists(entity: EntityDef, id: number, field: string): Promise<number> {
    const row = await this.db.one(`SELECT 1 AS ok FROM ${entity.table} WHERE id = ?`, [id]);
    if (!row) throw invalid(field, `${entity.name} ${id} does not exist`);
    return id;
  }

  /**
   * The id of a linked entity given by reference or as a new entity to create. Linking to
   * an existing Thing, Location or Datastream adds to it, so it must be the principal's.
   */
  private async linked(entity: EntityDef, value: unknown, field: string): Promise<number> {
    const id = refId(value, field);
    if (id === undefined) return this.create(entity, value, field);
    if (SHAREABLE.has(entity.name)) return this.exists(entity, id, field);
    await requireOwned(this.db, this.principal, entity, id, field);
    return id;
  }

  /** Plain properties of a body as column values; `partial` for PATCH. */
  private columns(entity: EntityDef, f: Fields, partial: boolean): { values: Record<string, SqlValue>; geometry?: Geometry } {
    const required = new Set(partial ? [] : REQUIRED[entity.name]);
    const values: Record<string, SqlValue> = {};
    let geometry: Geometry | undefined;
    for (const p of entity.props) {
      if (p.kind === 'id' || p.kind === 'result') continue;
      if (MAINTAINED.has(`${p.name}@${entity.name}`)) {
        f.raw(p.name);
        continue;
      }
      if (partial && !(p.name in f.obj)) continue;
      if (partial && f.obj[p.name] === null && REQUIRED[entity.name].includes(p.name)) throw invalid(f.name(p.name), 'cannot be removed');
      switch (p.kind) {
        case 'text': {
          const v = f.string(p.name, required.has(p.name));
          if (v !== undefined || partial) values[p.column] = v ?? null;
          break;
        }
        case 'json': {
          const v = p.name === 'metadata' || p.name === 'resultQuality' ? f.any(p.name, required.has(p.name)) : f.object(p.name, required.has(p.name));
          if (p.name === 'unitOfMeasurement' && v) {
            for (const k of Object.keys(v as Obj)) if (!['name', 'symbol', 'definition'].includes(k)) throw invalid(f.name(`unitOfMeasurement.${safeKey(k)}`), 'is not one of name, symbol, definition');
          }
          if (v !== undefined || partial) values[p.column] = jsonText(v);
          break;
        }
        case 'geo': {
          const encoding = typeof f.obj.encodingType === 'string' ? f.obj.encodingType : undefined;
          const g = f.geometry(p.name, required.has(p.name), encoding);
          if (g) {
            values[p.column] = JSON.stringify(g.value);
            geometry = g.geometry;
          }
          break;
        }
        case 'time': {
          const v = f.raw(p.name);
          if (v === undefined || v === null) {
            if (required.has(p.name)) throw invalid(f.name(p.name), 'is required');
            break;
          }
          const t = parseTime(v, f.name(p.name));
          if (t.end !== null) throw invalid(f.name(p.name), 'must be an instant');
          values[p.column] = this.d.time(t.start);
          break;
        }
        case 'interval':
          if (f.has(p.name)) throw invalid(f.name(p.name), 'cannot be set on this entity');
          break;
      }
    }
    return geometry ? { values, geometry } : { values };
  }

  /** Deep insert: creates the entity and the entities nested in it; returns the new id. */
  async create(entity: EntityDef, body: unknown, path = ''): Promise<number> {
    switch (entity.name) {
      case 'Thing':
        return this.createThing(body, path);
      case 'Location':
        return this.createLocation(body, path);
      case 'HistoricalLocation':
        return this.createHistoricalLocation(body, path);
      case 'Datastream':
        return this.createDatastream(body, path);
      case 'Sensor':
      case 'ObservedProperty':
        return this.createWithDatastreams(entity, body, path);
      case 'FeatureOfInterest':
        return this.createFeature(body, path);
      case 'Observation':
        return this.createObservation(body, path);
    }
  }

  private async createThing(body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values } = this.columns(ENTITIES.Thing, f, false);
    const locations = f.array('Locations') ?? [];
    const datastreams = f.array('Datastreams') ?? [];
    const historical = f.array('HistoricalLocations') ?? [];
    f.done();
    const id = await this.insertOwned(ENTITIES.Thing, values);
    this.created('Thing', id);
    const locationIds: number[] = [];
    for (const [i, loc] of locations.entries()) locationIds.push(await this.linked(ENTITIES.Location, loc, f.name(`Locations.${i}`)));
    if (locationIds.length) await this.setThingLocations(id, locationIds);
    for (const [i, ds] of datastreams.entries()) await this.createChild(ENTITIES.Thing, 'Datastreams', id, ds, f.name(`Datastreams.${i}`));
    for (const [i, hl] of historical.entries()) await this.createChild(ENTITIES.Thing, 'HistoricalLocations', id, hl, f.name(`HistoricalLocations.${i}`));
    return id;
  }

  /** Creates a nested child linked back to its parent (`{"Thing": {"@iot.id": parentId}}`). */
  async createChild(parent: EntityDef, navName: string, parentId: number, body: unknown, path: string): Promise<number> {
    const nav = parent.navs.find((n) => n.name === navName)!;
    const target = ENTITIES[nav.target];
    const back = inverseNav(parent, navName)!;
    const f = Fields.of(body, path);
    if (refId(body, path) !== undefined) throw invalid(path, `linking an existing ${target.name} here is not supported; create it or PATCH it`);
    if (back in f.obj) throw invalid(f.name(back), `is given by the enclosing ${parent.name}`);
    const backNav = target.navs.find((n) => n.name === back)!;
    const link = backNav.kind === 'one' ? { '@iot.id': parentId } : [{ '@iot.id': parentId }];
    return this.create(target, { ...f.obj, [back]: link }, path);
  }

  /** Makes `locationIds` the Thing's current Locations and records a HistoricalLocation. */
  async setThingLocations(thingId: number, locationIds: number[]): Promise<void> {
    await this.db.run('DELETE FROM sta_thing_locations WHERE thing_id = ?', [thingId]);
    for (const loc of new Set(locationIds)) await this.db.run('INSERT INTO sta_thing_locations (thing_id, location_id) VALUES (?, ?)', [thingId, loc]);
    const hl = await this.d.insert(this.db, 'sta_historical_locations', { thing_id: thingId, time: this.d.time(Date.now()) });
    for (const loc of new Set(locationIds)) await this.db.run('INSERT INTO sta_hl_locations (hl_id, location_id) VALUES (?, ?)', [hl, loc]);
    this.created('HistoricalLocation', hl, { Thing: [thingId], Locations: [...new Set(locationIds)] });
    for (const loc of new Set(locationIds)) {
      this.relate('Thing', thingId, 'Locations', loc);
      this.relate('Location', loc, 'Things', thingId);
    }
  }

  private async createLocation(body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values, geometry } = this.columns(ENTITIES.Location, f, false);
    const things = f.array('Things') ?? [];
    f.done();
    const id = await this.insertOwned(ENTITIES.Location, values);
    this.created('Location', id);
    await this.d.indexGeometry(this.db, 'sta_locations', id, geometry ?? null);
    for (const [i, t] of things.entries()) {
      const thingId = await this.linked(ENTITIES.Thing, t, f.name(`Things.${i}`));
      await this.setThingLocations(thingId, [id]);
    }
    return id;
  }

  private async createHistoricalLocation(body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values } = this.columns(ENTITIES.HistoricalLocation, f, false);
    const thing = f.raw('Thing');
    if (thing === undefined || thing === null) throw invalid(f.name('Thing'), 'is required');
    const locations = f.array('Locations') ?? [];
    f.done();
    const thingId = await this.linked(ENTITIES.Thing, thing, f.name('Thing'));
    const id = await this.d.insert(this.db, 'sta_historical_locations', { ...values, thing_id: thingId });
    this.audit.push({ action: 'create', targetType: 'sta:HistoricalLocation', targetId: String(id) });
    this.created('HistoricalLocation', id, { Thing: [thingId] });
    for (const [i, loc] of locations.entries()) {
      const locId = await this.linked(ENTITIES.Location, loc, f.name(`Locations.${i}`));
      await this.db.run('INSERT INTO sta_hl_locations (hl_id, location_id) VALUES (?, ?)', [id, locId]);
      this.relate('HistoricalLocation', id, 'Locations', locId);
    }
    return id;
  }

  private async requiredLink(f: Fields, entity: EntityDef, nav: string): Promise<number> {
    const v = f.raw(nav);
    if (v === undefined || v === null) throw invalid(f.name(nav), 'is required');
    return this.linked(entity, v, f.name(nav));
  }

  private async createDatastream(body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values } = this.columns(ENTITIES.Datastream, f, false);
    const declared = this.datastreamMeta(f);
    const meta = declared?.meta ?? '{}';
    const observations = f.array('Observations') ?? [];
    const thingId = await this.requiredLink(f, ENTITIES.Thing, 'Thing');
    const sensorId = await this.requiredLink(f, ENTITIES.Sensor, 'Sensor');
    const opId = await this.requiredLink(f, ENTITIES.ObservedProperty, 'ObservedProperty');
    f.done();
    const id = await this.insertOwned(ENTITIES.Datastream, { ...values, meta, thing_id: thingId, sensor_id: sensorId, observed_property_id: opId }, declared?.privacy ? { privacy: declared.privacy } : undefined);
    this.created('Datastream', id, { Thing: [thingId], Sensor: [sensorId], ObservedProperty: [opId] });
    if (observations.length) {
      const now = Date.now();
      const parsed = observations.map((o, i) => {
        const p = f.name(`Observations.${i}`);
        if (o && typeof o === 'object' && 'Datastream' in o) throw invalid(`${p}.Datastream`, 'is given by the enclosing Datastream');
        return parseObservation(o, p, now);
      });
      const identifierFields = declarationOfMeta(meta).identifierFields;
      const bounds = boundsOfMeta(meta);
      parsed.forEach((o, i) => {
        const bad = outOfBounds(bounds, o.row, f.name(`Observations.${i}.result`));
        if (bad) throw bad;
      });
      const ds = { id, thingId, ownerId: this.owner, identifierFields, ...(bounds ? { bounds } : {}) };
      const ids = await insertObservations(this.db, this.d, ds, parsed, this.insertOptions(f.name('Observations.FeatureOfInterest')));
      ids.forEach((obsId, i) => this.changes.push(observationCreated(obsId, parsed[i]!.row)));
    }
    return id;
  }

  private async createWithDatastreams(entity: EntityDef, body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values } = this.columns(entity, f, false);
    const datastreams = f.array('Datastreams') ?? [];
    f.done();
    const id = await this.insertOwned(entity, values);
    this.created(entity.name, id);
    for (const [i, ds] of datastreams.entries()) await this.createChild(entity, 'Datastreams', id, ds, f.name(`Datastreams.${i}`));
    return id;
  }

  private async createFeature(body: unknown, path: string): Promise<number> {
    const f = Fields.of(body, path);
    const { values, geometry } = this.columns(ENTITIES.FeatureOfInterest, f, false);
    const observations = f.array('Observations') ?? [];
    f.done();
    const id = await this.insertOwned(ENTITIES.FeatureOfInterest, values);
    this.created('FeatureOfInterest', id);
    await this.d.indexGeometry(this.db, 'sta_features', id, geometry ?? null);
    for (const [i, o] of observations.entries()) await this.createChild(ENTITIES.FeatureOfInterest, 'Observations', id, o, f.name(`Observations.${i}`));
    return id;
  }

  readonly featureCreator: FeatureCreator = (_db, body, path) => this.createFeature(body, path);

  private async createObservation(body: unknown, path: string): Promise<number> {
    const parsed = parseObservation(body, path);
    const f = Fields.of(body, path);
    const dsValue = f.raw('Datastream');
    if (dsValue === undefined || dsValue === null) throw invalid(f.name('Datastream'), 'is required');
    const dsId = refId(dsValue, f.name('Datastream')) ?? (await this.create(ENTITIES.Datastream, dsValue, f.name('Datastream')));
    const ds = await findDatastream(this.db, dsId, f.name('Datastream'));
    const refused = refusal(this.principal, ds, parsed.row, f.name('result'));
    if (refused) throw refused;
    const [id] = await insertObservations(this.db, this.d, ds, [parsed], this.insertOptions(f.name('FeatureOfInterest')));
    this.changes.push(observationCreated(id!, parsed.row));
    return id!;
  }

  /** PATCH: changes the given properties and links. */
  async update(entity: EntityDef, id: number, body: unknown): Promise<void> {
    const f = Fields.of(body, '');
    if ('@iot.id' in f.obj) {
      f.raw('@iot.id');
      if (refId({ '@iot.id': f.obj['@iot.id'] }, '') !== id) throw invalid('@iot.id', 'cannot be changed');
    }
    await requireOwned(this.db, this.principal, entity, id);
    // What the body sets (properties and links), for property topics; the entity topic gets every PATCH.
    const changed = [...entity.props, ...entity.navs].map((p) => p.name).filter((name) => name !== 'id' && name in f.obj && !MAINTAINED.has(`${name}@${entity.name}`));
    const detail = entity.name === 'Observation' ? await this.updateObservation(id, f) : await this.updateEntity(entity, id, f);
    this.changes.push({ kind: 'update', type: entity.name, id, changed });
    this.audit.push({ action: 'update', targetType: `sta:${entity.name}`, targetId: String(id), detail: { changed, ...detail } });
  }

  /** Returns what the audit trail keeps of the change: a privacy declaration before and after. */
  private async updateEntity(entity: EntityDef, id: number, f: Fields): Promise<Record<string, unknown>> {
    const { values, geometry } = this.columns(entity, f, true);
    let detail: Record<string, unknown> = {};
    if (entity.name === 'Datastream') {
      const old = await this.db.one<{ meta: unknown }>('SELECT meta FROM sta_datastreams WHERE id = ?', [id]);
      const before = declarationOfMeta(old?.meta);
      const declared = this.datastreamMeta(f, before);
      if (declared !== undefined) {
        values.meta = declared.meta;
        // Pseudonyms already stored stay pseudonyms whatever the new declaration says: their keys are gone.
        const after = declared.privacy ?? declarationOfMeta('{}');
        if (JSON.stringify(before) !== JSON.stringify(after)) detail = { privacy: { before, after } };
      }
    }
    const links: Record<string, number> = {};
    for (const nav of entity.navs) {
      if (!(nav.name in f.obj)) continue;
      const v = f.raw(nav.name);
      if (nav.kind === 'one') {
        if (v === null) throw invalid(nav.name, 'cannot be removed');
        links[nav.fk!] = await this.linked(ENTITIES[nav.target], v, nav.name);
      } else if (entity.name === 'Thing' && nav.name === 'Locations') {
        if (!Array.isArray(v)) throw invalid(nav.name, 'must be an array');
        const ids: number[] = [];
        for (const [i, loc] of v.entries()) ids.push(await this.linked(ENTITIES.Location, loc, `Locations.${i}`));
        await this.setThingLocations(id, ids);
      } else if (entity.name === 'HistoricalLocation' && nav.name === 'Locations') {
        if (!Array.isArray(v)) throw invalid(nav.name, 'must be an array');
        await this.db.run('DELETE FROM sta_hl_locations WHERE hl_id = ?', [id]);
        for (const [i, loc] of v.entries()) {
          await this.db.run('INSERT INTO sta_hl_locations (hl_id, location_id) VALUES (?, ?)', [id, await this.linked(ENTITIES.Location, loc, `Locations.${i}`)]);
        }
      } else {
        throw invalid(nav.name, `change the link from the other side (PATCH the ${ENTITIES[nav.target].name})`);
      }
    }
    f.done(['@iot.id']);
    const all = { ...values, ...links };
    const cols = Object.keys(all);
    if (cols.length) await this.db.run(`UPDATE ${entity.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...Object.values(all), id]);
    if (geometry && (entity.name === 'Location' || entity.name === 'FeatureOfInterest')) await this.d.indexGeometry(this.db, entity.table as 'sta_locations', id, geometry);
    return detail;
  }

  private async updateObservation(id: number, f: Fields): Promise<Record<string, unknown>> {
    const old = (await this.db.one<Obj>('SELECT * FROM sta_observations WHERE id = ?', [id]))!;
    const values: Record<string, SqlValue> = {};
    if (f.has('phenomenonTime')) {
      const t = parseTime(f.raw('phenomenonTime'), 'phenomenonTime');
      values.phenomenon_time = this.d.time(t.start);
      values.phenomenon_time_end = this.d.time(t.end);
    }
    if ('result' in f.obj) {
      const r = f.raw('result');
      values.result_num = typeof r === 'number' ? r : null;
      values.result_str = typeof r === 'string' ? r : null;
      values.result_json = typeof r === 'number' || typeof r === 'string' ? null : JSON.stringify(r ?? null);
    }
    if ('resultTime' in f.obj) {
      const v = f.raw('resultTime');
      values.result_time = v === null ? null : this.d.time(parseTime(v, 'resultTime').start);
    }
    if ('validTime' in f.obj) {
      const v = f.raw('validTime');
      const t = v === null ? null : parseTime(v, 'validTime');
      values.valid_time_start = t ? this.d.time(t.start) : null;
      values.valid_time_end = t ? this.d.time(t.end) : null;
    }
    if ('resultQuality' in f.obj) values.result_quality = jsonText(f.raw('resultQuality'));
    if ('parameters' in f.obj) values.parameters = jsonText(f.object('parameters', false));
    if ('FeatureOfInterest' in f.obj) values.feature_id = await this.linked(ENTITIES.FeatureOfInterest, f.raw('FeatureOfInterest'), 'FeatureOfInterest');
    if ('Datastream' in f.obj) {
      const moved = refId(f.raw('Datastream'), 'Datastream') ?? -1;
      await requireOwned(this.db, this.principal, ENTITIES.Datastream, moved, 'Datastream');
      values.datastream_id = moved;
    }
    f.done(['@iot.id']);
    const target = await findDatastream(this.db, values.datastream_id === undefined ? Number(old.datastream_id) : Number(values.datastream_id), 'Datastream');
    if ('result' in f.obj) {
      const bad = outOfBounds(target.bounds, { resultNum: (values.result_num ?? null) as number | null, resultStr: null, resultJson: null }, 'result');
      if (bad) throw bad;
    }
    if ('result' in f.obj || 'parameters' in f.obj) await this.pseudonymiseUpdate(values, target.id);
    const cols = Object.keys(values);
    if (!cols.length) return {};
    await this.db.run(`UPDATE sta_observations SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...Object.values(values), id]);
    const oldDs = Number(old.datastream_id);
    const newDs = values.datastream_id === undefined ? oldDs : Number(values.datastream_id);
    if (newDs !== oldDs) {
      await this.db.run('UPDATE sta_datastreams SET observation_count = observation_count - 1 WHERE id = ?', [oldDs]);
      await this.db.run('UPDATE sta_datastreams SET observation_count = observation_count + 1 WHERE id = ?', [newDs]);
      await this.refreshLatest(oldDs);
    }
    await this.refreshLatest(newDs);
    return {};
  }

  /** A PATCH writes identifiers as pseudonyms too, keyed for the Datastream the observation ends up in. */
  private async pseudonymiseUpdate(values: Record<string, SqlValue>, datastreamId: number): Promise<void> {
    const fields = (await findDatastream(this.db, datastreamId, 'Datastream')).identifierFields ?? [];
    if (!fields.length) return;
    const row = {
      resultNum: (values.result_num ?? null) as number | null,
      resultStr: (values.result_str ?? null) as string | null,
      resultJson: (values.result_json ?? null) as string | null,
      parameters: (values.parameters ?? null) as string | null,
    } as ObservationRow;
    const p = pseudonymiserIn(this.db, this.privacy.rotationMs);
    const touched = fields.filter((x) => (x === 'result' || x.startsWith('result.') ? 'result_num' in values : 'parameters' in values));
    await pseudonymiseRow(row, touched, (v) => p.pseudonymise(v, scopeOf(datastreamId)));
    if ('result_num' in values) Object.assign(values, { result_num: row.resultNum, result_str: row.resultStr, result_json: row.resultJson });
    if ('parameters' in values) values.parameters = row.parameters;
  }

  refreshLatest(datastreamId: number): Promise<void> {
    return refreshLatest(this.db, datastreamId);
  }

  /** DELETE with the spec's cascades (FK ON DELETE CASCADE), keeping Datastream counters right. */
  async remove(entity: EntityDef, id: number): Promise<void> {
    const owner = await ownerOf(this.db, entity, id);
    if (owner === undefined) throw new AppError('not-found', `${entity.name} ${id} does not exist`);
    if (!owns(this.principal, owner)) throw forbiddenFor(entity, id, owner);
    if (SHAREABLE.has(entity.name)) await refuseCascadeIntoOthers(this.db, entity, id, owner);
    this.audit.push({ action: 'delete', targetType: `sta:${entity.name}`, targetId: String(id) });
    if (entity.name === 'Observation') {
      const row = (await this.db.one<{ datastream_id: number }>('SELECT datastream_id FROM sta_observations WHERE id = ?', [id]))!;
      await this.db.run('DELETE FROM sta_observations WHERE id = ?', [id]);
      await this.db.run('UPDATE sta_datastreams SET observation_count = observation_count - 1 WHERE id = ?', [row.datastream_id]);
      await this.refreshLatest(Number(row.datastream_id));
      return;
    }
    if (entity.name === 'FeatureOfInterest') {
      const affected = await this.db.all<{ ds: number; n: number }>('SELECT datastream_id AS ds, COUNT(*) AS n FROM sta_observations WHERE feature_id = ? GROUP BY datastream_id', [id]);
      await this.db.run('DELETE FROM sta_features WHERE id = ?', [id]);
      for (const a of affected) {
        await this.db.run('UPDATE sta_datastreams SET observation_count = observation_count - ? WHERE id = ?', [Number(a.n), a.ds]);
        await this.refreshLatest(Number(a.ds));
      }
      return;
    }
    if (entity.name === 'Location') {
      const hls = await this.db.all<{ hl_id: number }>('SELECT hl_id FROM sta_hl_locations WHERE location_id = ?', [id]);
      await this.db.run('DELETE FROM sta_locations WHERE id = ?', [id]);
      // A HistoricalLocation left without any Location records nothing.
      for (const h of hls) {
        if (!(await this.db.one('SELECT 1 AS ok FROM sta_hl_locations WHERE hl_id = ?', [h.hl_id]))) await this.db.run('DELETE FROM sta_historical_locations WHERE id = ?', [h.hl_id]);
      }
      return;
    }
    await this.db.run(`DELETE FROM ${entity.table} WHERE id = ?`, [id]);
  }
}

/** Latest observation and phenomenon-time extent from the (datastream, time) index: no scan. */
export async function refreshLatest(db: Queryable, datastreamId: number): Promise<void> {
  const latest = await db.one<Obj>('SELECT id, phenomenon_time FROM sta_observations WHERE datastream_id = ? ORDER BY phenomenon_time DESC, id DESC LIMIT 1', [datastreamId]);
  const first = await db.one<Obj>('SELECT phenomenon_time FROM sta_observations WHERE datastream_id = ? ORDER BY phenomenon_time LIMIT 1', [datastreamId]);
  if (!latest) {
    await db.run(
      'UPDATE sta_datastreams SET latest_observation_id = NULL, latest_phenomenon_time = NULL, phenomenon_time_start = NULL, phenomenon_time_end = NULL WHERE id = ?',
      [datastreamId],
    );
    return;
  }
  await db.run('UPDATE sta_datastreams SET latest_observation_id = ?, latest_phenomenon_time = ?, phenomenon_time_start = ? WHERE id = ?', [
    latest.id as number,
    latest.phenomenon_time as number,
    first!.phenomenon_time as number,
    datastreamId,
  ]);
}
