/**
 * Topics of the SensorThings MQTT extension (OGC 18-088, clause 14).
 * Create: devices publish an Observation to `v1.1/Observations` (the body names its
 * Datastream) or `v1.1/Datastreams(<id>)/Observations`. Receive: clients subscribe to
 * entity or collection paths, optionally with `?$select=a,b`.
 */
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

/** The topics a new Observation is delivered on (without `$select` variants). */
export function observationTopics(o: { id: EntityId; datastreamId: EntityId; featureOfInterestId?: EntityId }): string[] {
  const topics = [`${VERSION_PREFIX}Observations`, `${VERSION_PREFIX}Datastreams(${formatId(o.datastreamId)})/Observations`, `${VERSION_PREFIX}Observations(${formatId(o.id)})`];
  if (o.featureOfInterestId !== undefined) topics.push(`${VERSION_PREFIX}FeaturesOfInterest(${formatId(o.featureOfInterestId)})/Observations`);
  return topics;
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
