import type { FastifyInstance, InjectOptions } from 'fastify';

export interface JsonAnswer {
  status: number;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: any;
  body: string;
  headers: Record<string, unknown>;
  raw: Buffer;
}

/**
 * app.inject() as the API tests use it: an optional API key, a body sent as JSON (or as
 * given, with its content type), and the answer parsed when it is JSON.
 */
export async function injectJson(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  opts: { key?: string | null; contentType?: string } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (opts.key) headers['x-api-key'] = opts.key;
  let payload: string | Buffer | undefined;
  if (body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  }
  const res = await app.inject({ method, url, headers, payload });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, body: res.body, headers: res.headers, raw: res.rawPayload };
}
