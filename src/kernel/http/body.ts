import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { decodeUtf8, JsonInputError, parseJson } from '../json.js';

/** JSON media types: application/json and every `+json` suffix (geo+json, merge-patch+json, ...). */
const JSON_TYPES = /^application\/([a-z0-9.-]+\+)?json$/i;

const toAppError = (error: JsonInputError): AppError => new AppError('malformed-json', `The request body was refused: ${error.message}`);

/**
 * Every JSON body, on every route: valid UTF-8 (never stored with replacement characters),
 * at most `maxDepth` levels deep (a 5,000-level body would overflow the stack of the code
 * that reads it), no prototype keys. Replaces fastify's own JSON parser.
 */
export function installJsonParser(app: FastifyInstance, maxDepth: number): void {
  app.removeContentTypeParser(['application/json']);
  const parser = (_req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
    if (body.length === 0) return done(new AppError('malformed-json', 'The body is empty; send a JSON document'));
    try {
      done(null, parseJson(body, maxDepth));
    } catch (error) {
      done(error instanceof JsonInputError ? toAppError(error) : new AppError('malformed-json', 'The body is not well-formed JSON'));
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parser);
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer' }, parser);
}

/** The encoding an XML document declares (`<?xml ... encoding="ISO-8859-1"?>`), if any. */
function declaredXmlEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 200).toString('latin1');
  return /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

/**
 * A text body (Turtle, GML, CSV, ...) as a string, decoded strictly: UTF-8 unless an XML
 * declaration names another encoding; invalid bytes are refused (400), never replaced.
 */
export function decodeTextBody(bytes: Buffer): string {
  const declared = declaredXmlEncoding(bytes);
  if (declared && !/^utf-?8$/i.test(declared)) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared, { fatal: true });
    } catch {
      throw new AppError('unsupported-media-type', `The document declares the encoding '${declared}', which is not supported`);
    }
    try {
      return decoder.decode(bytes);
    } catch {
      throw new AppError('validation-failed', `The body is not valid ${declared}`);
    }
  }
  try {
    return decodeUtf8(bytes);
  } catch {
    throw new AppError('validation-failed', 'The body is not valid UTF-8');
  }
}

/** A content-type parser for text formats capabilities accept (RDF, GML, CSV): strict decoding, its own size limit. */
export function addTextParser(app: FastifyInstance, types: string[], bodyLimit: number): void {
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      done(null, decodeTextBody(body));
    } catch (error) {
      done(error as Error);
    }
  });
}
