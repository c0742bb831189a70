import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../kernel/log.js';

/**
 * The worker: its own MQTT client, publishing batches of [topic, payload] at QoS 0 and
 * reporting how many it has handed to the socket. Plain CommonJS so it runs the same from
 * source and from the build; mqtt is required by the path the main thread resolved.
 */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const mqtt = require(workerData.mqttPath);
const client = mqtt.connect(workerData.url, { clientId: workerData.clientId, reconnectPeriod: 1000, ...workerData.credentials });
client.on('error', () => undefined);
client.once('connect', () => parentPort.postMessage({ connected: true }));
parentPort.on('message', (m) => {
  if (m.end) return client.end(false, {}, () => parentPort.postMessage({ ended: true }));
  const batch = m.batch;
  for (let i = 0; i < batch.length; i += 2) client.publish(batch[i], batch[i + 1], { qos: 0 });
  parentPort.postMessage({ done: batch.length / 2 });
});
`;

/** More notifications than this waiting for the worker: new ones are dropped (QoS 0 is best effort). */
const MAX_QUEUED = 200_000;

/**
 * Change notifications for an external broker (Mosquitto), published from a worker thread.
 * The platform cannot see the broker's subscriptions, so every change goes to every topic
 * form — four publishes per observation; done on the ingest thread that cost more than the
 * ingest itself. Batches leave once per event-loop turn.
 */
export class ExternalFanout {
  readonly stats = { published: 0, dropped: 0 };
  private readonly worker: Worker;
  private pending: string[] = [];
  private scheduled = false;
  private queued = 0;
  private warned = 0;

  private constructor(
    worker: Worker,
    private readonly log: Logger,
  ) {
    this.worker = worker;
    worker.on('message', (m: { done?: number }) => {
      if (m.done) {
        this.queued -= m.done;
        this.stats.published += m.done;
      }
    });
    worker.on('error', (error) => log.error({ err: error }, 'MQTT fan-out worker failed'));
  }

  static async start(url: string, clientId: string, log: Logger, credentials: { username?: string; password?: string } = {}): Promise<ExternalFanout> {
    const mqttPath = createRequire(import.meta.url).resolve('mqtt');
    const worker = new Worker(WORKER, { eval: true, workerData: { mqttPath, url, clientId, credentials } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { connected?: boolean }) => {
        if (!m.connected) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new ExternalFanout(worker, log);
  }

  publish(topic: string, payload: string): void {
    if (this.queued + this.pending.length / 2 >= MAX_QUEUED) {
      this.stats.dropped++;
      if (Date.now() - this.warned > 60_000) {
        this.warned = Date.now();
        this.log.warn({ dropped: this.stats.dropped }, 'MQTT fan-out to the external broker is behind: notifications dropped');
      }
      return;
    }
    this.pending.push(topic, payload);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.queued += batch.length / 2;
    this.worker.postMessage({ batch });
  }

  /** Sends what is pending, lets the client finish writing, and stops the worker. */
  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve) => {
      const onMessage = (m: { ended?: boolean }) => {
        if (m.ended) resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ end: true });
    });
    await this.worker.terminate();
  }
}
