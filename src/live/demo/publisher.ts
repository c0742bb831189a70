import mqtt, { type MqttClient } from 'mqtt';
import type { AppContext } from '../../kernel/capability.js';
import { AppError } from '../../kernel/errors.js';
import { ingestBatch } from '../sta/batch.js';
import type { ReplayStep } from './replay.js';

/** Where the replay sends its observations. */
export interface Publisher {
  /** False when the platform refused the observation (e.g. outside its Datastream's bounds); the replay goes on. */
  publish(step: ReplayStep): Promise<boolean>;
  close(): Promise<void>;
  readonly refused: number;
}

/** An MQTT 5 negative acknowledgement: the platform refused this observation (the connection stays). */
const isRefusal = (error: unknown): boolean => typeof (error as { code?: unknown } | null)?.code === 'number' && (error as { code: number }).code >= 0x80;

/**
 * Publishes over MQTT 5 with QoS 1, signed in with an API key, so each publish resolves
 * once the platform has stored it (the gateway holds the PUBACK until the commit) and a
 * refused one is answered with a reason code instead of a closed connection. The client
 * reconnects by itself, so it may be created before the broker listens.
 */
export function mqttPublisher(url: string, credentials: { username: string; password: string }, clientId = `thorbecke-replay-${process.pid}`): Publisher {
  const client: MqttClient = mqtt.connect(url, { clientId, protocolVersion: 5, reconnectPeriod: 1000, connectTimeout: 10_000, ...credentials });
  // Connection errors are retried by the client; without a listener they would be thrown.
  client.on('error', () => undefined);
  let refused = 0;
  return {
    async publish(step) {
      try {
        await client.publishAsync(step.topic, step.payload, { qos: 1 });
        return true;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        refused++;
        return false;
      }
    },
    async close() {
      await client.endAsync(true);
    },
    get refused() {
      return refused;
    },
  };
}

const DATASTREAM_TOPIC = /Datastreams\((\d+)\)\/Observations$/;

/** Stores through the ingest path directly, for an in-process replay when no broker address is known. */
export function directPublisher(ctx: AppContext): Publisher {
  let refused = 0;
  return {
    async publish(step) {
      const id = DATASTREAM_TOPIC.exec(step.topic)?.[1];
      if (!id) throw new Error(`not a Datastream topic: ${step.topic}`);
      const [outcome] = await ingestBatch(ctx, [{ datastreamId: Number(id), body: JSON.parse(step.payload), principal: { kind: 'admin', via: 'api-key' } }]);
      if (!(outcome instanceof AppError)) return true;
      if (outcome.status >= 500) throw outcome;
      refused++;
      return false;
    },
    async close() {},
    get refused() {
      return refused;
    },
  };
}

/**
 * The broker the platform itself uses, and how its own replay signs in there (as the
 * administrator): the external one, under the ingest prefix of the `admin` account, or the embedded one.
 */
export function ownBroker(ctx: AppContext): { url: string; prefix: string; credentials: { username: string; password: string } } | null {
  const credentials = ctx.auth.ownMqttCredentials();
  if (ctx.config.mqttUrl) return { url: ctx.config.mqttUrl, prefix: `${ctx.config.mqttIngestPrefix}${credentials.username}/`, credentials };
  if (ctx.config.mqttPort === 0) return null;
  const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? '127.0.0.1' : ctx.config.host;
  return { url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${ctx.config.mqttPort}`, prefix: '', credentials };
}
