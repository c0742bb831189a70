import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, toProblem } from '../errors.js';
import { issuesToParams } from './validation.js';

/** Fastify's own error codes, mapped onto the catalogue. */
const FASTIFY_CODES: Record<string, (e: FastifyError) => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => new AppError('malformed-json', e.message),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('malformed-json', 'The body is empty; send a JSON document'),
  FST_ERR_CTP_BODY_TOO_LARGE: (e) => new AppError('payload-too-large', e.message),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (e) => new AppError('unsupported-media-type', e.message),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: (e) => new AppError('validation-failed', e.message),
  FST_ERR_CTP_INVALID_TYPE: (e) => new AppError('unsupported-media-type', e.message),
  FST_ERR_NOT_FOUND: () => new AppError('not-found', 'No such route'),
  FST_ERR_BAD_URL: () => new AppError('validation-failed', 'The URL is not valid'),
  FST_ERR_ASYNC_CONSTRAINT: () => new AppError('validation-failed', 'The request is not valid'),
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const params = issuesToParams(error.issues, 'body');
    return new AppError('validation-failed', params.map((p) => `${p.name}: ${p.reason}`).join('; '), params);
  }
  const e = error as FastifyError;
  if (e && typeof e === 'object') {
    if (e.validation && e.cause instanceof AppError) return e.cause;
    const mapped = e.code ? FASTIFY_CODES[e.code] : undefined;
    if (mapped) return mapped(e);
    // JSON.parse errors from the body parser (prototype poisoning, bad syntax).
    if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new AppError('malformed-json', e.message);
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return new AppError(e.statusCode === 413 ? 'payload-too-large' : e.statusCode === 415 ? 'unsupported-media-type' : 'validation-failed', e.message);
    }
  }
  return new AppError('internal', undefined, [], error);
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: appError.internal ?? error }, 'request failed');
  else request.log.info({ code: appError.code, detail: appError.detail }, 'request rejected');
  for (const [name, value] of Object.entries(appError.headers)) reply.header(name, value);
  return reply
    .status(appError.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(toProblem(appError, request.url)));
}
