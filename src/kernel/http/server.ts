import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { jobsFor } from '../jobs/index.js';
import { logbookRoutes } from '../logbook/index.js';
import type { AppContext, Capability } from '../capability.js';
import { trustProxyOf } from '../config.js';
import { installAuthentication } from './authentication.js';
import { installJsonParser } from './body.js';
import { clientErrorHandler, installCors, installSecurityHeaders } from './headers.js';
import { sendProblem } from './problem.js';
import { jsonSerializerCompiler, openApiTransform, zodValidatorCompiler } from './validation.js';
import { repoPath } from '../paths.js';

export const API_PREFIX = '/api/v1';

/** Where `vite build` puts the web app. */
function webRoot(): string | undefined {
  const path = repoPath('web-dist');
  return existsSync(path) ? path : undefined;
}

export async function buildServer(ctx: AppContext, capabilities: readonly Capability[]): Promise<FastifyInstance> {
  // The default instance's logger type, so capabilities register routes on FastifyInstance.
  const loggerInstance: FastifyBaseLogger = ctx.log;
  const app = Fastify({
    loggerInstance,
    bodyLimit: ctx.config.bodyLimit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: trustProxyOf(ctx.config),
    clientErrorHandler,
    // Malformed URLs never reach a route: answered as problem+json like every other error.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, error),
  });
  installJsonParser(app, ctx.config.jsonMaxDepth);
  installSecurityHeaders(app, ctx.config, ctx.baseUrl);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new AppError('not-found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
  installAuthentication(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Thorbecke API',
        version: '1.0.0',
        description:
          'Urban data platform and city digital twin. Errors are application/problem+json (RFC 9457); ' +
          'writes need an organisation API key in the Authorization header (Bearer) or X-Api-Key.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: ctx.baseUrl }],
      tags: capabilities.map((c) => c.tag),
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: openApiTransform as never,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs`, uiConfig: { deepLinking: true } });

  await app.register(
    async (api) => {
      await installCors(api, ctx.config);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', store: ctx.store.dialect }));
      api.get('/jobs/:id', { schema: { summary: 'Progress and result of a long-running job (import, analysis)', params: z.strictObject({ id: z.uuid() }) } }, async (req) => {
        const job = await jobsFor(ctx).get((req.params as { id: string }).id);
        if (!job) throw new AppError('not-found', 'No such job (finished jobs are kept for 30 days)');
        return job;
      });
      await logbookRoutes(api, ctx, ['governance']);
      for (const capability of capabilities) {
        if (capability.routes) await api.register(async (scope) => capability.routes!(scope, ctx));
      }
    },
    { prefix: API_PREFIX },
  );

  // Standards that fix their own URL layout (SensorThings) are APIs like /api/v1: the same CORS policy.
  await app.register(async (scope) => {
    await installCors(scope, ctx.config);
    for (const capability of capabilities) if (capability.mount) await scope.register(async (own) => capability.mount!(own, ctx));
  });

  const root = webRoot();
  if (root) {
    const assets = join(root, 'assets') + sep;
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build wrote .br and .gz beside each text file (scripts/precompress.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, path) {
        // Caches must keep the brotli, gzip and plain answers apart.
        res.setHeader('vary', 'accept-encoding');
        // Hashed file names change with their content; the shell must be asked for again.
        res.setHeader('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Client-side routes (/dataregister/...) get the app shell.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return sendProblem(request, reply, new AppError('not-found', 'No such route'));
      return reply.sendFile('index.html');
    });
  }
  return app;
}
