/** The platform's HTTP API, the only thing the web app talks to. */
export const API_BASE = '/api/v1';

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  invalidParams?: Array<{ name: string; reason: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/**
 * The JSON answer of a request to `url`; a failed answer becomes an ApiError carrying the
 * server's problem+json when it sent one.
 */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: response.statusText };
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // Not a problem+json body (a proxy's error page, say); the status still tells enough.
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => fetchJson<T>(`${API_BASE}${path}`, { signal });

/** POST with a JSON body. */
export const postJson = <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> => fetchJson<T>(`${API_BASE}${path}`, { method: 'POST', body: JSON.stringify(body), signal });

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
