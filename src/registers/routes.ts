import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../kernel/capability.js';
import { aiActRoutes } from './routes/ai-act.js';
import { algorithmRoutes } from './routes/algorithms.js';
import { processingRoutes } from './routes/processing.js';
import { sensorRoutes } from './sensors/routes.js';
import { traceabilityRoutes } from './routes/traceability.js';

export async function registersRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await algorithmRoutes(app, ctx);
  await aiActRoutes(app);
  await processingRoutes(app, ctx);
  await traceabilityRoutes(app, ctx);
  await sensorRoutes(app, ctx);
}
