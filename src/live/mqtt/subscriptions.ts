import type { EntityName } from '../sta/entities.js';
import { familyOf, splitSelect, typesOfFilter } from './topics.js';

/**
 * The embedded broker's subscriptions, as the fan-out needs them: exact filters in a map,
 * wildcard filters apart, `$select` variants by their path, and the entity types some
 * subscription can receive — so writers ask "does anyone want Observations?" before
 * building any event, and the gateway builds JSON only for a topic with a subscriber.
 */
export class Subscriptions {
  /** Every filter, counted per client. */
  private readonly filters = new Map<string, number>();
  private readonly clientFilters = new Map<string, Set<string>>();
  /** Topics with `?$select=`, counted per client. */
  private readonly selectTopics = new Map<string, number>();
  private readonly clientSelects = new Map<string, Set<string>>();
  /** The `$select` topics by their path, so an event finds its variants with one lookup. */
  selectsByPath = new Map<string, Array<{ topic: string; select?: string[] }>>();
  /** The filters with `+` or `#`, the only ones a topic has to be matched against one by one. */
  wildcards: string[] = [];
  /** Families (`Datastreams()/Observations`) of the exact filters: topics of other families are not even built. */
  families = new Set<string>();
  /** Entity types some subscription can receive ('all' with a wildcard filter). */
  interest: Set<EntityName> | 'all' = new Set();

  add(clientId: string, topics: readonly string[]): void {
    for (const t of topics) this.track(clientId, t, +1);
    this.changed();
  }

  remove(clientId: string, topics: readonly string[]): void {
    for (const t of topics) this.track(clientId, t, -1);
    this.changed();
  }

  disconnected(clientId: string): void {
    this.remove(clientId, [...(this.clientSelects.get(clientId) ?? []), ...(this.clientFilters.get(clientId) ?? [])]);
    this.clientSelects.delete(clientId);
    this.clientFilters.delete(clientId);
  }

  /** Whether a topic has a subscriber. */
  has(topic: string): boolean {
    if (this.filters.has(topic)) return true;
    for (const f of this.wildcards) if (topicMatches(f, topic)) return true;
    return false;
  }

  private track(clientId: string, topic: string, delta: number): void {
    const select = topic.includes('?');
    const perClient = select ? this.clientSelects : this.clientFilters;
    const all = select ? this.selectTopics : this.filters;
    const mine = perClient.get(clientId) ?? new Set<string>();
    if (delta > 0) {
      if (mine.has(topic)) return;
      mine.add(topic);
    } else if (!mine.delete(topic)) return;
    perClient.set(clientId, mine);
    const n = (all.get(topic) ?? 0) + delta;
    if (n > 0) all.set(topic, n);
    else all.delete(topic);
  }

  /** Recomputes what the per-event checks use; subscriptions change rarely, events arrive by the thousand. */
  private changed(): void {
    const filters = [...this.filters.keys(), ...this.selectTopics.keys()];
    this.wildcards = [...this.filters.keys()].filter((f) => f.includes('+') || f.includes('#'));
    const byPath = new Map<string, Array<{ topic: string; select?: string[] }>>();
    for (const topic of this.selectTopics.keys()) {
      const { path, select } = splitSelect(topic);
      const list = byPath.get(path) ?? [];
      list.push(select ? { topic, select } : { topic });
      byPath.set(path, list);
    }
    this.selectsByPath = byPath;
    this.families = new Set(filters.map(familyOf));
    const types = new Set<EntityName>();
    for (const f of filters) {
      const t = typesOfFilter(f);
      if (t === 'all') {
        this.interest = 'all';
        return;
      }
      for (const name of t) types.add(name);
    }
    this.interest = types;
  }
}

/** MQTT topic filter matching: `+` is one level, `#` the rest. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
