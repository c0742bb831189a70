export type WriteRoute = { method: 'POST' | 'PUT'; url: string };

/** Every POST/PUT route in the OpenAPI document under `prefix`, with path parameters filled in. */
export function writeRoutes(openapi: { paths: Record<string, Record<string, unknown>> }, prefix = '/'): WriteRoute[] {
  const out: WriteRoute[] = [];
  for (const [path, ops] of Object.entries(openapi.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const method of ['post', 'put'] as const) {
      if (!ops[method]) continue;
      out.push({ method: method.toUpperCase() as WriteRoute['method'], url: path.replace('{id}', 'gemeente-test').replace('{prefix}', '00000000') });
    }
  }
  return out;
}
