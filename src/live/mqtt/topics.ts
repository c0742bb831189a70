/**
 * Topics of the SensorThings MQTT extension (OGC 18-088, clause 14).
 * Create: devices publish an Observation to `v1.1/Observations` (the body names its
 * Datastream) or `v1.1/Datastreams(<id>)/Observations`. Receive: clients subscribe to
 * entity or collection paths, optionally with `?$select=a,b`.
 */
import { BY_SET, ENTITIES, type EntityName } from '../sta/entities.js';
import type { ChangeEvent } from '../sta/events.js';

export const VERSION_PREFIX = 'v1.1/';

export type EntityId = number | string;

/** `12` → 12, `'abc'` → 'abc'; anything else is not an id. */
export function parseId(raw: string): EntityId | undefined {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const quoted = /^'((?:[^']|'')*)'$/.exec(raw);
  return quoted ? quoted[1]!.replace(/''/g, "'") : undefined;
}

export const formatId = (id: EntityId): string => (typeof id === 'number' ? String(id) : `'${id.replace(/'/g, "''")}'`);

export type CreateTopic = { kind: 'observations' } | { kind: 'datastream-observations'; datastreamId: EntityId };

/** The create target of a publish topic, or undefined when the topic is not a create topic. */
export function parseCreateTopic(topic: string, prefix = ''): CreateTopic | undefined {
  if (!topic.startsWith(prefix + VERSION_PREFIX)) return undefined;
  const path = topic.slice(prefix.length + VERSION_PREFIX.length);
  if (path === 'Observations') return { kind: 'observations' };
  const m = /^Datastreams\(([^)]+)\)\/Observations$/.exec(path);
  if (!m) return undefined;
  const id = parseId(m[1]!);
  return id === undefined ? undefined : { kind: 'datastream-observations', datastreamId: id };
}

/**
 * A create topic on an external broker: `<prefix><organisation>/v1.1/...`. The broker's
 * ACL lets only that organisation (username) write there, so the level names the sender.
 */
export function parseIngestTopic(topic: string, prefix: string): { organisationId: string; target: CreateTopic } | undefined {
  if (!topic.startsWith(prefix)) return undefined;
  const rest = topic.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const organisationId = rest.slice(0, slash);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(organisationId)) return undefined;
  const target = parseCreateTopic(rest.slice(slash + 1));
  return target && { organisationId, target };
}

/** Where a change is delivered: topics carrying the whole entity, and property topics carrying `{name: value}`. */
export interface ChangeTopics {
  entity: string[];
  properties: Array<{ topic: string; name: string }>;
}

/** The receive topic shapes of one entity type, built once: per event only ids are filled in. */
interface Shapes {
  set: string;
  setTopic: string;
  entityFamily: string;
  /** By this entity's navigation name: the related entity's navigation set this one joins. */
  navs: Map<string, { family: string; prefix: string; suffix: string }>;
}

const SHAPES = new Map<EntityName, Shapes>();

function shapesOf(type: EntityName): Shapes {
  let shapes = SHAPES.get(type);
  if (shapes) return shapes;
  const def = ENTITIES[type];
  const navs = new Map<string, { family: string; prefix: string; suffix: string }>();
  for (const nav of def.navs) {
    const target = ENTITIES[nav.target];
    // The way back from the related entity to this one, e.g. Observation.Datastream → Datastream.Observations.
    const back = target.navs.find((n) => n.target === type);
    if (back) navs.set(nav.name, { family: `${target.set}()/${back.name}`, prefix: `${VERSION_PREFIX}${target.set}(`, suffix: `)/${back.name}` });
  }
  shapes = { set: def.set, setTopic: `${VERSION_PREFIX}${def.set}`, entityFamily: `${def.set}()`, navs };
  SHAPES.set(type, shapes);
  return shapes;
}

/**
 * A topic's family: the path with its ids left out (`v1.1/Datastreams(7)/Observations` →
 * `Datastreams()/Observations`). Lets the gateway skip building topics no one can match.
 */
export function familyOf(topic: string): string {
  const path = splitSelect(topic).path;
  return (path.startsWith(VERSION_PREFIX) ? path.slice(VERSION_PREFIX.length) : path).replace(/\([^/]*\)/g, '()');
}

/**
 * The receive topics of a committed change (without `$select` variants). A create goes to
 * its entity set, its entity and every navigation set it joined (`Datastreams(1)/Observations`
 * for an Observation of Datastream 1); an update to its entity and the properties it set.
 * `wanted` filters by family before a topic is built (bulk ingest makes thousands of events).
 */
export function changeTopics(e: ChangeEvent, wanted: (family: string) => boolean = () => true): ChangeTopics {
  const s = shapesOf(e.type);
  const id = formatId(e.id);
  const entity: string[] = [];
  if (e.kind === 'update') {
    if (wanted(s.entityFamily)) entity.push(`${VERSION_PREFIX}${s.set}(${id})`);
    const properties: ChangeTopics['properties'] = [];
    for (const name of e.changed ?? []) {
      if (!ENTITIES[e.type].props.some((p) => p.name === name) || !wanted(`${s.set}()/${name}`)) continue;
      properties.push({ topic: `${VERSION_PREFIX}${s.set}(${id})/${name}`, name });
    }
    return { entity, properties };
  }
  if (wanted(s.set)) entity.push(s.setTopic);
  if (wanted(s.entityFamily)) entity.push(`${VERSION_PREFIX}${s.set}(${id})`);
  if (e.related) {
    for (const navName in e.related) {
      const shape = s.navs.get(navName);
      const ids = e.related[navName];
      if (!shape || !ids || !wanted(shape.family)) continue;
      for (const other of ids) entity.push(shape.prefix + formatId(other) + shape.suffix);
    }
  }
  return { entity, properties: [] };
}

/**
 * The entity types whose changes a subscription filter can receive; all of them for a
 * wildcard filter. Lets writers skip building events nobody can receive.
 */
export function typesOfFilter(filter: string): EntityName[] | 'all' {
  if (filter.includes('+') || filter.includes('#')) return 'all';
  const path = splitSelect(filter).path;
  if (!path.startsWith(VERSION_PREFIX)) return [];
  const [first, second] = path.slice(VERSION_PREFIX.length).split('/');
  const def = BY_SET.get(first!.replace(/\(.*\)$/, ''));
  if (!def) return [];
  if (second === undefined) return [def.name];
  const nav = def.navs.find((n) => n.name === second);
  return nav ? [nav.target] : [def.name];
}

/** Splits `path?$select=a,b` into the path and the selected properties. */
export function splitSelect(topic: string): { path: string; select?: string[] } {
  const q = topic.indexOf('?');
  if (q < 0) return { path: topic };
  const params = new URLSearchParams(topic.slice(q + 1));
  const select = params.get('$select');
  return { path: topic.slice(0, q), select: select ? select.split(',').map((s) => s.trim()).filter(Boolean) : undefined };
}

export function project(entity: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select) return entity;
  return Object.fromEntries(select.filter((k) => k in entity).map((k) => [k, entity[k]]));
}
