import { readFileSync } from 'node:fs';
import type { AppContext, Capability } from '../kernel/capability.js';
import { liveMigrations } from './migrations.js';
import { MqttGateway, type BrokerOptions, type ObservationSink } from './mqtt/gateway.js';
import { keepMosquittoInSync } from './mqtt/mosquitto-sync.js';
import { platformAccount } from './mqtt/mosquitto.js';
import { mqttStatusRoutes } from './mqtt/routes.js';
import { mqttStatsOf } from './mqtt/stats.js';
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
export { personalDataUnder } from './sta/personal-data.js';

/** The broker the platform serves MQTT on: the embedded one (with TLS for client certificates), or an external Mosquitto. */
function gatewayOptions(ctx: AppContext): BrokerOptions {
  const c = ctx.config;
  if (c.mqttUrl) {
    // Credentials in the URL win (several nodes sharing one broker); else the account the generated configuration holds.
    const inUrl = new URL(c.mqttUrl).username !== '';
    return { mode: 'external', url: c.mqttUrl, ingestPrefix: c.mqttIngestPrefix, ...(inUrl ? {} : platformAccount(ctx)) };
  }
  const tls =
    c.mqttTlsPort !== undefined && c.mqttTlsCert && c.mqttTlsKey && c.mqttTlsCa
      ? { port: c.mqttTlsPort, cert: readFileSync(c.mqttTlsCert), key: readFileSync(c.mqttTlsKey), ca: readFileSync(c.mqttTlsCa) }
      : undefined;
  return { mode: 'embedded', port: c.mqttPort, host: c.host, guard: ctx.auth, keyRecheckMs: c.mqttKeyRecheckSeconds * 1000, ...(tls ? { tls } : {}) };
}

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
    const c = ctx.config;
    await app.register(async (scope) => staPlugin(scope, ctx, { maxTop: c.staMaxTop, maxExpandDepth: c.staMaxExpandDepth, maxEntities: c.staMaxEntities }), { prefix: '/sta/v1.1' });
    await app.register(async (scope) => liveDemoPlugin(scope, ctx), { prefix: '/api/v1/live' });
    await app.register(async (scope) => mqttStatusRoutes(scope, ctx), { prefix: '/api/v1/live' });
  },
  async start(ctx: AppContext) {
    const sink: ObservationSink = {
      // PostgreSQL has a pool: the next batch is written while the previous one commits.
      concurrency: ctx.store.dialect === 'postgres' ? 2 : 1,
      async createObservations(items) {
        return ingestBatch(
          ctx,
          items.map((i) => ({ datastreamId: typeof i.datastreamId === 'number' ? i.datastreamId : undefined, body: i.body, principal: i.principal })),
        );
      },
    };
    const mosquitto = ctx.config.mqttUrl && ctx.config.mosquittoConfigDir ? keepMosquittoInSync(ctx, ctx.config.mosquittoConfigDir) : undefined;
    if (mosquitto) await mosquitto.syncNow();
    const gateway = await MqttGateway.start(
      sink,
      ctx.log,
      { ...gatewayOptions(ctx), maxPacketSize: ctx.config.mqttMaxPacketSize, jsonMaxDepth: ctx.config.jsonMaxDepth },
      // The same feed the HTTP routes and ingest paths emit into: subscribers hear of every write.
      { feed: changeFeedOf(ctx.store), render: (event) => renderChange(ctx.store, staRoot(ctx.baseUrl), event) },
    );
    mqttStatsOf(ctx).current = gateway.stats;
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
        await mosquitto?.stop();
        await gateway.close();
      },
      info: {
        mqttPort: gateway.port,
        mqttTlsPort: gateway.tlsPort,
        syncMosquitto: () => mosquitto?.syncNow(),
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
