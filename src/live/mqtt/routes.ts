import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../kernel/capability.js';
import { API_KEY_SECURITY } from '../../kernel/http/security.js';
import { mqttStatsOf } from './stats.js';

/** `GET /api/v1/live/mqtt`: the broker's counters, refusals by reason included (administrator). */
export async function mqttStatusRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/mqtt', {
    config: { access: 'admin' },
    schema: { tags: ['live'], summary: 'MQTT ingest counters: received, stored, refused connections and publishes by reason (administrator)', security: API_KEY_SECURITY },
  }, async () => ({ running: mqttStatsOf(ctx).current !== undefined, ...(mqttStatsOf(ctx).current ?? {}) }));
}
