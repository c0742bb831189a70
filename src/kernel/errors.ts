/**
 * The error catalogue: every error the platform shows a client. Each entry has a
 * stable code (also the last segment of the problem `type` URI), an HTTP status and
 * a title that is safe to show. `docs/errors.md` documents each code; a test keeps
 * the two in sync.
 */
export const ERROR_CATALOGUE = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not well-formed JSON' },
  'malformed-rdf': { status: 400, title: 'The RDF document could not be parsed' },
  'invalid-query': { status: 400, title: 'A query parameter is not valid' },
  'unauthenticated': { status: 401, title: 'An API key is required' },
  'forbidden': { status: 403, title: 'This API key may not do this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'No representation matches the Accept header' },
  'conflict': { status: 409, title: 'The request conflicts with the current state' },
  'contract-mismatch': { status: 409, title: 'The contract is not the one this node holds' },
  'contract-not-active': { status: 403, title: 'No active contract allows this exchange' },
  'outside-contract': { status: 403, title: 'The request lies outside what the contract allows' },
  'peer-not-recognised': { status: 403, title: 'The client certificate does not belong to the contract’s consumer' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The request URI is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'referenced-resource-missing': { status: 422, title: 'A referenced resource does not exist' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'not-implemented': { status: 501, title: 'Not implemented' },
  'peer-unreachable': { status: 502, title: 'The other node could not be reached' },
  'peer-refused': { status: 502, title: 'The other node refused the request' },
  'service-unavailable': { status: 503, title: 'The service is not available' },
  'internal': { status: 500, title: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One field-level problem, as the Dutch API Design Rules and RFC 9457 extensions suggest. */
export interface InvalidParam {
  /** JSON pointer-ish dotted path of the field, e.g. `distributions.0.license`. */
  name: string;
  reason: string;
  /** Where the field is: body, query, path or header. */
  in?: 'body' | 'query' | 'path' | 'header';
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  /** Response headers the answer carries (Retry-After on 429, Allow on 405). */
  headers: Record<string, string> = {};

  constructor(
    readonly code: ErrorCode,
    /** Shown to the client: say what is wrong and, where useful, how to fix it. */
    readonly detail?: string,
    readonly invalidParams: InvalidParam[] = [],
    /** Logged, never shown. */
    readonly internal?: unknown,
  ) {
    super(detail ?? ERROR_CATALOGUE[code].title);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
    this.title = ERROR_CATALOGUE[code].title;
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not-found', `${what} '${id}' does not exist`);

export const invalid = (name: string, reason: string, where: InvalidParam['in'] = 'body'): AppError =>
  new AppError('validation-failed', `${name}: ${reason}`, [{ name, reason, in: where }]);

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  invalidParams?: InvalidParam[];
}

/** A URN, so the type never points at a host we do not control; docs/errors.md explains each. */
export const PROBLEM_TYPE_BASE = 'urn:thorbecke:problem:';

export function toProblem(error: AppError, instance?: string): ProblemDocument {
  const doc: ProblemDocument = {
    type: PROBLEM_TYPE_BASE + error.code,
    title: error.title,
    status: error.status,
    code: error.code,
  };
  if (error.detail) doc.detail = error.detail;
  if (instance) doc.instance = instance;
  if (error.invalidParams.length > 0) doc.invalidParams = error.invalidParams;
  return doc;
}
