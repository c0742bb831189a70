import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../kernel/capability.js';
import { replaySpeedFromEnv, startDemoReplay } from './autoplay.js';
import { parkingRoutes } from './parking.js';
import { liveStreamRoutes } from './sse.js';

export const BASEMAP_ENV = 'THORBECKE_LIVE_BASEMAP_URL';

/** An optional MapLibre style URL for a basemap under the live map; none by default (no outside requests). */
export function basemapFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env[BASEMAP_ENV]?.trim();
  if (!raw) return null;
  if (!/^https?:\/\//.test(raw)) throw new Error(`${BASEMAP_ENV} must be an http(s) URL of a MapLibre style, not '${raw}'`);
  return raw;
}

/**
 * What the live map needs beyond SensorThings, mounted at /api/v1/live: the event stream,
 * the map's configuration, and (demo on, replay speed set or defaulted) the in-process
 * replay, started once the server listens and stopped when it closes.
 */
export async function liveDemoPlugin(app: FastifyInstance, ctx: AppContext, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Validated with the rest of the configuration at start; read here through the same names.
  const settings = { ...env, THORBECKE_LIVE_REPLAY_SPEED: ctx.config.liveReplaySpeed ?? env.THORBECKE_LIVE_REPLAY_SPEED, [BASEMAP_ENV]: ctx.config.liveBasemapUrl ?? env[BASEMAP_ENV] };
  const basemapUrl = basemapFromEnv(settings);
  const speed = ctx.config.demo ? replaySpeedFromEnv(settings) : null;
  await liveStreamRoutes(app, ctx);
  await parkingRoutes(app, ctx);
  app.get('/config', { schema: { tags: ['live'], summary: 'Settings of the live map: an optional basemap style URL' } }, async () => ({ basemapUrl }));
  if (speed === null) return;
  let replay: { stop(): Promise<void> } | undefined;
  app.addHook('onListen', async () => {
    replay = startDemoReplay(ctx, speed);
  });
  app.addHook('preClose', async () => {
    await replay?.stop();
  });
}
