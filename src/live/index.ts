import type { AppContext, Capability } from '../kernel/capability.js';
import { liveMigrations } from './migrations.js';
import { MqttGateway } from './mqtt/gateway.js';
import { ingestBatch } from './sta/batch.js';
import { changeFeedOf, renderChange, staRoot } from './sta/events.js';
import { keyRotation } from './privacy/keys.js';
import { rotationMsOf } from './privacy/rotation.js';
import { fixedMillis, parseDuration } from './privacy/duration.js';
import { applyRetention } from './retention/retention.js';
import { every } from './retention/schedule.js';
import { staPlugin } from './sta/routes.js';
import { liveReplayCommand } from './cli.js';
import { liveDemoPlugin } from './demo/plugin.js';
import { seedLiveDemo } from './demo/seed.js';

export { ingestObservations, type IngestOptions, type IngestOutcome } from './sta/ingest.js';
export { ingestBatch, type IngestedObservation, type IngestItem } from './sta/batch.js';
export { applyRetention, type RetentionOutcome } from './retention/retention.js';
export { parseDeclaration, type PrivacyDeclaration } from './privacy/declaration.js';
export { staPlugin, CONFORMANCE, type StaOptions } from './sta/routes.js';

/**
 * Live city data: the OGC SensorThings API 1.1 (Sensing). Its HTTP interface is the
 * separate `staPlugin`, mounted at /sta/v1.1 because the spec fixes its URL layout.
 */
export const live: Capability = {
  name: 'live',
  tag: { name: 'live', description: 'Live city data: sensors and observations (OGC SensorThings API 1.1 at /sta/v1.1)' },
  migrations: liveMigrations,
  seedDemo: async (ctx) => void (await seedLiveDemo(ctx)),
  commands: [liveReplayCommand],
  async mount(app, ctx) {
    await app.register(async (scope) => staPlugin(scope, ctx, { maxTop: ctx.config.staMaxTop }), { prefix: '/sta/v1.1' });
    await app.register(async (scope) => liveDemoPlugin(scope, ctx), { prefix: '/api/v1/live' });
  },
  async start(ctx: AppContext) {
    const sink = {
      // PostgreSQL has a pool: the next batch is written while the previous one commits.
      concurrency: ctx.store.dialect === 'postgres' ? 2 : 1,
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
      // The same feed the HTTP routes and ingest paths emit into: subscribers hear of every write.
      { feed: changeFeedOf(ctx.store), render: (event) => renderChange(ctx.store, staRoot(ctx.baseUrl), event) },
    );
    // Keys of past periods are destroyed at each period boundary, and once now for any left from before a restart.
    const keys = keyRotation(ctx.store, rotationMsOf(ctx.config.pseudonymRotation));
    const report = (job: string) => (error: unknown) => ctx.log.error({ err: error, job }, 'live scheduled job failed');
    const rotation = every(() => keys.msToNextPeriod(), () => keys.rotate(), report('pseudonym-key-rotation'), 0);
    const retentionMs = fixedMillis(parseDuration(ctx.config.retentionInterval)!) ?? 3_600_000;
    const retention = every(
      retentionMs,
      async () => {
        const { deleted } = await applyRetention(ctx.store);
        if (Object.keys(deleted).length) ctx.log.info({ deleted }, 'observations past their retention period deleted');
      },
      report('retention'),
    );
    return {
      async stop() {
        await rotation.stop();
        await retention.stop();
        await gateway.close();
      },
      info: {
        mqttPort: gateway.port,
        mqttStats: gateway.stats,
        /** Callable by tests and operators: run the jobs now. */
        applyRetention: (now?: number) => applyRetention(ctx.store, now),
        rotateKeys: () => keys.rotate(),
      },
    };
  },
};

export { MqttGateway, type ObservationSink, type ChangeSource } from './mqtt/gateway.js';
export { changeFeedOf, type ChangeEvent, type ChangeFeed } from './sta/events.js';
