import { AppError } from '../kernel/errors.js';
import { servicePath } from './model.js';

/** SensorThings paths navigate between entities (`Datastreams(3)/Thing/Datastreams`), so a prefix alone does not bound them. */
const STA = /^\/sta\/v\d+(\.\d+)?\//;
/** Under an entity of the contract, only its observations may be listed (OGC 18-088: `Datastreams(id)/Observations`). */
const OBSERVATIONS = /^Observations(\(\d+\))?$/;
/** Query options whose expressions may hold navigation paths (`Datastream/Thing/name`). */
const EXPRESSION_OPTIONS = new Set(['$filter', '$orderby', '$select']);

const outside = (detail: string) => new AppError('outside-contract', detail);

/**
 * Whether `target` (a path with an optional query, as sent) lies within the contract's
 * service at `prefix`: the prefix itself or below it at a segment boundary, so
 * `/datasets/parkeren` does not admit `/datasets/parkeren-2`. `$expand` is refused
 * everywhere. Under a SensorThings prefix, what follows may only be the entity's own
 * properties or its Observations — no navigation to related entities, in the path or in
 * `$filter`/`$orderby`/`$select` — since those reach data the contract does not name.
 * Returns the path to ask the local API for; throws `outside-contract` otherwise.
 */
export function withinService(prefix: string, target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  // %25 would decode to a % that a second decoding (the SensorThings wildcard) turns into anything.
  if (!servicePath.safeParse(path).success || /%25/.test(path)) throw outside(`'${path}' is not a plain path (dot segments, // or encoded slashes, dots and percent signs are refused)`);
  const under = path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  if (!under) throw outside(`'${path}' is not under the contract's service path '${prefix}'`);
  const params = [...new URLSearchParams(query)];
  for (const [key] of params) {
    if (key.trim().toLowerCase() === '$expand') throw outside("The query option $expand could reach beyond the contract's service; ask for the related entities by their own path");
  }
  if (STA.test(prefix)) staWithin(path.slice(prefix.length).split('/').filter(Boolean), params);
  return target;
}

function staWithin(rest: readonly string[], params: ReadonlyArray<[string, string]>): void {
  rest.forEach((segment, i) => {
    const entity = /^[A-Z]/.test(decodeURIComponent(segment));
    if (entity && !(i === 0 && OBSERVATIONS.test(segment))) {
      throw outside(`'${segment}' navigates to entities the contract does not name; under a SensorThings service only its properties and Observations may be read`);
    }
  });
  for (const [key, value] of params) {
    if (EXPRESSION_OPTIONS.has(key.trim().toLowerCase()) && value.includes('/')) {
      throw outside(`${key.trim()} with a path ('/') navigates to related entities, which the contract does not name`);
    }
  }
}
