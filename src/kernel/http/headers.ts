import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError, toProblem, type ErrorCode } from '../errors.js';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The web app's policy: its own scripts and styles only (MapLibre and three.js run workers
 * from blob: URLs and draw into canvases), no framing, and outside requests only where an
 * operator configured an outside base map.
 */
function appCsp(config: Pick<Config, 'liveBasemapUrl'>): string {
  const outside = config.liveBasemapUrl ? ' https:' : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${outside}`,
    `connect-src 'self'${outside}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Security headers on every answer: no MIME sniffing, no referrer to other sites, no
 * framing, a content security policy (strict for the API, the app's own for pages), and
 * HSTS when the public URL is https.
 */
export function installSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'liveBasemapUrl'>, baseUrl: string): void {
  const pageCsp = appCsp(config);
  const https = baseUrl.startsWith('https://');
  app.addHook('onSend', async (_req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    reply.header('content-security-policy', type.startsWith('text/html') ? pageCsp : API_CSP);
    if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/**
 * CORS, registered on the API scopes only (the web app's files are for its own pages):
 * public reads (GET/HEAD) from any origin, without credentials — the API's data is
 * public and keys are never ambient; writes with a key from a browser only from the origins
 * the operator lists (THORBECKE_CORS_ORIGINS). Preflights from other origins get no grant.
 */
export async function installCors(app: FastifyInstance, config: Pick<Config, 'corsOrigins'>): Promise<void> {
  const writers = new Set(config.corsOrigins.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean));
  await app.register(cors, {
    delegator: (req, callback) => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const trusted = !!origin && writers.has(origin);
      callback(null, {
        origin: trusted ? origin : '*',
        methods: trusted ? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'HEAD'],
        allowedHeaders: trusted ? ['authorization', 'x-api-key', 'content-type', 'accept', 'traceparent'] : ['accept', 'content-type'],
        exposedHeaders: ['location', 'traceparent', 'retry-after'],
        credentials: false,
        maxAge: 600,
      });
    },
  });
}

const PARSER_ERRORS: Record<string, ErrorCode> = { HPE_HEADER_OVERFLOW: 'headers-too-large', HPE_URI_TOO_LONG: 'uri-too-long', ERR_HTTP_REQUEST_TIMEOUT: 'request-timeout' };
const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };

/**
 * Answers requests Node's HTTP parser refuses before fastify sees them (headers too large,
 * a broken request line) as problem+json too, then closes the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const problem = new AppError(PARSER_ERRORS[error.code ?? ''] ?? 'validation-failed', 'The request could not be read');
  const body = JSON.stringify(toProblem(problem));
  const status = problem.status;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\nx-content-type-options: nosniff\r\n\r\n${body}`,
  );
}
