import type { AppContext, Capability } from '../kernel/capability.js';
import { liveMigrations } from './migrations.js';
import { MqttGateway } from './mqtt/gateway.js';
import { ingestBatch } from './sta/batch.js';
import { staPlugin } from './sta/routes.js';

export { ingestObservations, type IngestOptions, type IngestOutcome } from './sta/ingest.js';
export { ingestBatch, type IngestedObservation, type IngestItem } from './sta/batch.js';
export { staPlugin, CONFORMANCE, type StaOptions } from './sta/routes.js';

/**
 * Live city data: the OGC SensorThings API 1.1 (Sensing). Its HTTP interface is the
 * separate `staPlugin`, mounted at /sta/v1.1 because the spec fixes its URL layout.
 */
export const live: Capability = {
  name: 'live',
  tag: { name: 'live', description: 'Live city data: sensors and observations (OGC SensorThings API 1.1 at /sta/v1.1)' },
  migrations: liveMigrations,
  async mount(app, ctx) {
    await app.register(async (scope) => staPlugin(scope, ctx, { maxTop: ctx.config.staMaxTop }), { prefix: '/sta/v1.1' });
  },
  async start(ctx: AppContext) {
    const sink = {
      async createObservations(items: Array<{ datastreamId?: number | string; body: unknown }>) {
        return ingestBatch(
          ctx,
          items.map((i) => ({ datastreamId: typeof i.datastreamId === 'number' ? i.datastreamId : undefined, body: i.body })),
        );
      },
    };
    const gateway = await MqttGateway.start(
      sink,
      ctx.log,
      ctx.config.mqttUrl
        ? { mode: 'external', url: ctx.config.mqttUrl, ingestPrefix: ctx.config.mqttIngestPrefix }
        : { mode: 'embedded', port: ctx.config.mqttPort, host: ctx.config.host },
    );
    return { stop: () => gateway.close(), info: { mqttPort: gateway.port, mqttStats: gateway.stats } };
  },
};

export { MqttGateway, type ObservationSink } from './mqtt/gateway.js';
