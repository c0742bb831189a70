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

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, { headers: { accept: 'application/json' }, signal });
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

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
