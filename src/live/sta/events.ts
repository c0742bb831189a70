import type { Store } from '../../kernel/storage/port.js';
import { dialectFor } from './dialect/index.js';
import type { ObservationRow } from './dialect/types.js';
import { ENTITIES, type EntityName } from './entities.js';
import { entityJson, type Json } from './format.js';
import { readOne } from './read.js';

/**
 * The change feed of one running platform: every committed create or update of a
 * SensorThings entity, whatever wrote it (HTTP, CreateObservations, MQTT, the demo replay).
 * Writers emit only after their transaction commits, so a rolled-back write tells no one.
 */
export interface ChangeEvent {
  kind: 'create' | 'update';
  type: EntityName;
  id: number;
  /** update: the properties the PATCH set. */
  changed?: readonly string[];
  /** Ids reached by this entity's navigation properties (nav name → ids), for navigation topics. */
  related?: Partial<Record<string, number[]>>;
  /** The entity as the API shows it, from what the writer still holds (no read-back); `root` is the service root. */
  json?: (root: string) => Json;
}

export interface ChangeListener {
  /** Whether this listener could use events of `type` at all: when none can, writers build no events. */
  wants(type: EntityName): boolean;
  /** Called after commit; must not throw or block (work it starts is its own). */
  receive(events: readonly ChangeEvent[]): void;
}

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Ask before building events: bulk ingest stays free when nobody listens. */
  wants(type: EntityName): boolean {
    for (const l of this.listeners) if (l.wants(type)) return true;
    return false;
  }

  emit(events: readonly ChangeEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) {
      // A listener's failure is its own: the write has committed and its caller gets its answer.
      try {
        l.receive(events);
      } catch {
        /* listeners log their own errors */
      }
    }
  }
}

// Keyed by the store: the HTTP plugin (mount) and the MQTT gateway (start) share it
// without a new field on AppContext, and a second platform in the same process gets its own.
const feeds = new WeakMap<Store, ChangeFeed>();

export function changeFeedOf(store: Store): ChangeFeed {
  let feed = feeds.get(store);
  if (!feed) feeds.set(store, (feed = new ChangeFeed()));
  return feed;
}

/** An Observation row (as ingest holds it, already pseudonymised) in the shape `entityJson` reads. */
export function observationColumns(id: number, r: ObservationRow): Json {
  return {
    id,
    datastream_id: r.datastreamId,
    phenomenon_time: r.phenomenonStart,
    phenomenon_time_end: r.phenomenonEnd,
    result_time: r.resultTime,
    result_num: r.resultNum,
    result_str: r.resultStr,
    result_json: r.resultJson,
    result_quality: r.resultQuality,
    valid_time_start: r.validStart,
    valid_time_end: r.validEnd,
    parameters: r.parameters,
    feature_id: r.featureId,
  };
}

/** A create event for an Observation stored from `row`; its JSON is formatted from memory on demand. */
export function observationCreated(id: number, row: ObservationRow): ChangeEvent {
  return {
    kind: 'create',
    type: 'Observation',
    id,
    related: { Datastream: [row.datastreamId], FeatureOfInterest: [row.featureId] },
    json: (root) => entityJson(root, ENTITIES.Observation, observationColumns(id, row)),
  };
}

/**
 * Emits create events for observations just committed (CreateObservations, ingest), after the
 * FeaturesOfInterest ingest derived for them. `stored` is called only when someone wants
 * Observations: a bulk write nobody follows costs one check.
 */
export function emitObservations(store: Store, stored: () => Iterable<{ id: number; row: ObservationRow }>, derivedFeatures: readonly number[] = []): void {
  const feed = changeFeedOf(store);
  const events: ChangeEvent[] = derivedFeatures.map((id) => ({ kind: 'create', type: 'FeatureOfInterest', id }));
  if (feed.wants('Observation')) for (const { id, row } of stored()) events.push(observationCreated(id, row));
  feed.emit(events);
}

/** The service root the platform's SensorThings API answers at (links in payloads). */
export const staRoot = (baseUrl: string): string => `${baseUrl.replace(/\/$/, '')}/sta/v1.1`;

/**
 * The entity of an event as `GET /sta/v1.1/Type(id)` shows it: from memory when the writer
 * kept it, else read back by id (after commit). Undefined when it is gone again.
 */
export async function renderChange(store: Store, root: string, event: ChangeEvent): Promise<Json | undefined> {
  if (event.json) return event.json(root);
  const one = await readOne(
    { db: store, dialect: dialectFor(store), root, maxTop: 1 },
    ENTITIES[event.type],
    { where: (a) => ({ text: `${a}.id = ?`, params: [event.id] }) },
    { raw: {} },
  );
  return one?.json;
}
