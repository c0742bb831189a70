import { createServer, type Server } from 'node:net';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../kernel/log.js';
import type { EntityName } from '../sta/entities.js';
import type { ChangeEvent, ChangeFeed } from '../sta/events.js';
import type { Json } from '../sta/format.js';
import { GroupCommit } from './batcher.js';
import { ExternalFanout } from './external-fanout.js';
import { changeTopics, familyOf, parseCreateTopic, project, splitSelect, typesOfFilter, VERSION_PREFIX, type CreateTopic, type EntityId } from './topics.js';

/** What the live capability does with an Observation published over MQTT. */
export interface ObservationSink {
  /**
   * Validates and stores the observations in one transaction, replacing identifier fields
   * by pseudonyms first. `datastreamId` is undefined when the body itself names its
   * Datastream. Returns one outcome per item: the created entity, or an Error whose message
   * says what is wrong (it is logged and counted, never echoed with the payload).
   */
  createObservations(items: Array<{ datastreamId?: EntityId; body: unknown }>): Promise<Array<CreatedObservation | Error>>;
  /** How many batches may be written at once (1 for a store with one connection). */
  readonly concurrency?: number;
}

export interface CreatedObservation {
  id: EntityId;
  datastreamId: EntityId;
  featureOfInterestId?: EntityId;
}

/**
 * Where the gateway learns what to deliver: the platform's change feed (every committed
 * create and update, however it was written) and how to show a changed entity.
 * Without it the gateway only ingests.
 */
export interface ChangeSource {
  feed: ChangeFeed;
  /** The entity as `GET Type(id)` shows it (pseudonymised), or undefined when it is gone. */
  render(event: ChangeEvent): Promise<Json | undefined>;
}

export type MqttGatewayOptions =
  | { mode: 'embedded'; port: number; host?: string }
  /** External broker (Mosquitto): devices publish under `ingestPrefix`, which the broker's ACL lets only the platform read. */
  | { mode: 'external'; url: string; ingestPrefix: string; clientId?: string };

export interface MqttStats {
  received: number;
  stored: number;
  rejected: number;
  /** Publishes to read-only topics, which the platform drops. */
  refused: number;
}

/** Where accepted create publishes are redirected so the raw payload reaches no subscriber. */
const SINK_TOPIC = '$thorbecke/ingested';

export class MqttGateway {
  readonly stats: MqttStats = { received: 0, stored: 0, rejected: 0, refused: 0 };
  private readonly commit: GroupCommit<{ datastreamId?: EntityId; body: unknown }, CreatedObservation>;
  /** Subscribed topics with `?$select=`, counted per client, so we publish those variants too. */
  private readonly selectTopics = new Map<string, number>();
  private readonly clientSelects = new Map<string, Set<string>>();
  /** The `$select` topics by their path, so an event finds its variants with one lookup. */
  private selectsByPath = new Map<string, Array<{ topic: string; select?: string[] }>>();
  /** Every subscription filter on the embedded broker, counted per client: no subscriber, no fan-out work. */
  private readonly filters = new Map<string, number>();
  private readonly clientFilters = new Map<string, Set<string>>();
  /** The filters with `+` or `#`, the only ones a topic has to be matched against one by one. */
  private wildcards: string[] = [];
  /** Families (`Datastreams()/Observations`) of the exact filters: topics of other families are not even built. */
  private families = new Set<string>();
  /** Entity types some subscription can receive ('all' with a wildcard filter or an external broker). */
  private interest: Set<EntityName> | 'all' = new Set();
  /** Deliveries run one after the other, so subscribers see changes in commit order. */
  private delivery: Promise<void> = Promise.resolve();
  private unsubscribeFeed?: () => void;
  private broker?: Aedes;
  private server?: Server;
  private client?: MqttClient;
  private fanout?: ExternalFanout;
  private ingestPrefix = '';
  /** The port the embedded broker listens on (useful when configured as 0). */
  port?: number;

  private constructor(
    private readonly sink: ObservationSink,
    private readonly log: Logger,
  ) {
    this.commit = new GroupCommit((items) => this.sink.createObservations(items), 2000, sink.concurrency ?? 1);
  }

  static async start(sink: ObservationSink, log: Logger, opts: MqttGatewayOptions, changes?: ChangeSource): Promise<MqttGateway> {
    const gw = new MqttGateway(sink, log);
    if (opts.mode === 'embedded') await gw.startEmbedded(opts.port, opts.host ?? '0.0.0.0');
    else await gw.startExternal(opts.url, opts.ingestPrefix, opts.clientId);
    if (changes) {
      gw.unsubscribeFeed = changes.feed.subscribe({
        wants: (type) => gw.wants(type),
        receive: (events) => gw.receive(events, changes.render),
      });
    }
    return gw;
  }

  private async startEmbedded(port: number, host: string): Promise<void> {
    const broker = await Aedes.createBroker({ maxTopicLevels: 16 });
    this.broker = broker;
    broker.authorizePublish = (client: Client | null, packet: PublishPacket, callback: (error?: Error | null) => void) => {
      if (!client) return callback(null);
      const target = parseCreateTopic(packet.topic);
      if (!target) {
        if (packet.topic.startsWith(VERSION_PREFIX) || packet.topic.startsWith('$thorbecke')) {
          // Entity topics are the platform's to publish; a client must not fake them.
          this.stats.refused++;
          this.silence(packet);
        }
        return callback(null);
      }
      const payload = Buffer.from(packet.payload as Buffer);
      this.silence(packet);
      // The callback (and with it the QoS 1 PUBACK) waits until the observation is stored.
      this.handleCreate(target, payload, `client ${client.id}`).then(() => callback(null));
    };
    broker.authorizeSubscribe = (_client, sub, callback) => {
      if (sub.topic.startsWith('$thorbecke')) return callback(null, null);
      callback(null, sub);
    };
    broker.on('subscribe', (subs, client) => {
      for (const s of subs) {
        if ((s.qos as number) === 128) continue;
        if (s.topic.includes('?')) this.trackSelect(client.id, s.topic, +1);
        else track(this.filters, this.clientFilters, client.id, s.topic, +1);
      }
      this.subscriptionsChanged();
    });
    broker.on('unsubscribe', (topics, client) => {
      for (const t of topics) {
        if (t.includes('?')) this.trackSelect(client.id, t, -1);
        else track(this.filters, this.clientFilters, client.id, t, -1);
      }
      this.subscriptionsChanged();
    });
    broker.on('clientDisconnect', (client) => {
      for (const t of this.clientSelects.get(client.id) ?? []) this.trackSelect(client.id, t, -1);
      this.clientSelects.delete(client.id);
      for (const t of this.clientFilters.get(client.id) ?? []) track(this.filters, this.clientFilters, client.id, t, -1);
      this.clientFilters.delete(client.id);
      this.subscriptionsChanged();
    });
    this.server = createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    this.log.info({ port: this.port }, 'embedded MQTT broker listening');
  }

  private async startExternal(url: string, ingestPrefix: string, clientId?: string): Promise<void> {
    this.ingestPrefix = ingestPrefix;
    // The external broker's subscriptions are unknown here: every change goes to every topic form.
    this.interest = 'all';
    const id = clientId ?? `thorbecke-${process.pid}`;
    const client = mqtt.connect(url, { clientId: id, clean: false, reconnectPeriod: 1000 });
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    // Notifications leave from a second connection in a worker thread (see ExternalFanout).
    this.fanout = await ExternalFanout.start(url, `${id}-fanout`, this.log);
    // One subscription for both create topics; `+` is one topic level such as `Datastreams(12)`.
    await client.subscribeAsync([`${ingestPrefix}${VERSION_PREFIX}Observations`, `${ingestPrefix}${VERSION_PREFIX}+/Observations`], { qos: 1 });
    client.on('message', (topic, payload) => {
      const target = parseCreateTopic(topic, ingestPrefix);
      if (target) void this.handleCreate(target, payload, 'broker');
    });
    this.log.info({ broker: new URL(url).host, ingestPrefix }, 'connected to external MQTT broker');
  }

  /** Stores one published observation; never throws: a bad message is logged and counted. */
  private async handleCreate(target: CreateTopic, payload: Buffer, from: string): Promise<void> {
    this.stats.received++;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.reject(from, 'payload is not well-formed JSON');
    }
    try {
      // Subscribers hear of it through the change feed, like any other write: exactly once.
      await this.commit.submit({ datastreamId: target.kind === 'datastream-observations' ? target.datastreamId : undefined, body });
      this.stats.stored++;
    } catch (error) {
      this.reject(from, error instanceof Error ? error.message : String(error));
    }
  }

  private reject(from: string, reason: string): void {
    this.stats.rejected++;
    // The payload is never logged: it may hold the very identifiers we pseudonymise.
    this.log.warn({ from, reason }, 'MQTT observation rejected');
  }

  private silence(packet: PublishPacket): void {
    packet.topic = SINK_TOPIC;
    packet.payload = Buffer.alloc(0);
    packet.retain = false;
  }

  private trackSelect(clientId: string, topic: string, delta: number): void {
    const mine = this.clientSelects.get(clientId) ?? new Set<string>();
    if (delta > 0) {
      if (mine.has(topic)) return;
      mine.add(topic);
    } else if (!mine.delete(topic)) return;
    this.clientSelects.set(clientId, mine);
    const n = (this.selectTopics.get(topic) ?? 0) + delta;
    if (n > 0) this.selectTopics.set(topic, n);
    else this.selectTopics.delete(topic);
  }

  /** Recomputes what the per-event checks use; subscriptions change rarely, events arrive by the thousand. */
  private subscriptionsChanged(): void {
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

  /** Whether any subscription could receive a change of this type. */
  wants(type: EntityName): boolean {
    return this.interest === 'all' || this.interest.has(type);
  }

  /** Whether a topic has a subscriber (embedded broker; an external broker gets every topic). */
  private subscribed(topic: string): boolean {
    if (!this.broker) return true;
    if (this.filters.has(topic)) return true;
    for (const f of this.wildcards) if (topicMatches(f, topic)) return true;
    return false;
  }

  private receive(events: readonly ChangeEvent[], render: ChangeSource['render']): void {
    const wanted = events.filter((e) => this.wants(e.type));
    if (!wanted.length) return;
    this.delivery = this.delivery
      .then(() => this.deliver(wanted, render))
      .catch((error: unknown) => this.log.error({ err: error }, 'MQTT delivery failed'));
  }

  /** Publishes each change on the topics someone subscribed to; the entity is rendered only then. */
  private async deliver(events: readonly ChangeEvent[], render: ChangeSource['render']): Promise<void> {
    // With a wildcard filter (or an external broker) any topic may match: build them all.
    const wanted = this.broker && this.wildcards.length === 0 ? (family: string) => this.families.has(family) : undefined;
    for (const event of events) {
      const topics = changeTopics(event, wanted);
      const entityTopics = topics.entity.filter((t) => this.subscribed(t));
      const selects = this.broker ? topics.entity.flatMap((t) => this.selectsByPath.get(t) ?? []) : [];
      const properties = topics.properties.filter((p) => this.subscribed(p.topic));
      if (!entityTopics.length && !selects.length && !properties.length) continue;
      const entity = await render(event);
      if (!entity) continue;
      if (entityTopics.length) {
        const payload = JSON.stringify(entity);
        for (const t of entityTopics) this.send(t, payload);
      }
      for (const s of selects) this.send(s.topic, JSON.stringify(project(entity, s.select)));
      for (const p of properties) this.send(p.topic, JSON.stringify({ [p.name]: entity[p.name] ?? null }));
    }
  }

  private send(topic: string, payload: string): void {
    if (this.broker) this.broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false }, () => undefined);
    else this.fanout?.publish(topic, payload);
  }

  async close(): Promise<void> {
    await this.commit.drain();
    this.unsubscribeFeed?.();
    await this.delivery;
    await this.fanout?.close();
    if (this.client) await this.client.endAsync();
    if (this.broker) await new Promise<void>((r) => this.broker!.close(() => r()));
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

function track(all: Map<string, number>, perClient: Map<string, Set<string>>, clientId: string, topic: string, delta: number): void {
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
