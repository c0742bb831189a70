import mqtt, { type MqttClient } from 'mqtt';
import type { AppContext } from '../../kernel/capability.js';
import { AppError } from '../../kernel/errors.js';
import { ingestBatch } from '../sta/batch.js';
import type { ReplayStep } from './replay.js';

/** Where the replay sends its observations. */
export interface Publisher {
  publish(step: ReplayStep): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes over MQTT with QoS 1, so each publish resolves once the platform has stored
 * it (the gateway holds the PUBACK until the commit). The client reconnects by itself, so
 * it may be created before the broker listens.
 */
export function mqttPublisher(url: string, clientId = `thorbecke-replay-${process.pid}`): Publisher {
  const client: MqttClient = mqtt.connect(url, { clientId, reconnectPeriod: 1000, connectTimeout: 10_000 });
  // Connection errors are retried by the client; without a listener they would be thrown.
  client.on('error', () => undefined);
  return {
    async publish(step) {
      await client.publishAsync(step.topic, step.payload, { qos: 1 });
    },
    async close() {
      await client.endAsync(true);
    },
  };
}

const DATASTREAM_TOPIC = /Datastreams\((\d+)\)\/Observations$/;

/** Stores through the ingest path directly, for an in-process replay when no broker address is known. */
export function directPublisher(ctx: AppContext): Publisher {
  return {
    async publish(step) {
      const id = DATASTREAM_TOPIC.exec(step.topic)?.[1];
      if (!id) throw new Error(`not a Datastream topic: ${step.topic}`);
      const [outcome] = await ingestBatch(ctx, [{ datastreamId: Number(id), body: JSON.parse(step.payload) }]);
      if (outcome instanceof AppError) throw outcome;
    },
    async close() {},
  };
}

/** The broker the platform itself uses: the external one (with its ingest prefix) or the embedded one. */
export function ownBroker(ctx: AppContext): { url: string; prefix: string } | null {
  if (ctx.config.mqttUrl) return { url: ctx.config.mqttUrl, prefix: ctx.config.mqttIngestPrefix };
  if (ctx.config.mqttPort === 0) return null;
  const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? '127.0.0.1' : ctx.config.host;
  return { url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${ctx.config.mqttPort}`, prefix: '' };
}
