import { AppError } from '../kernel/errors.js';
import { servicePath } from './model.js';

/**
 * Whether `target` (a path with an optional query, as sent) lies under `prefix`:
 * the prefix itself or below it at a segment boundary, so `/datasets/parkeren` does not
 * admit `/datasets/parkeren-2`. Query options that navigate to other entities
 * (OData/SensorThings `$expand`) are refused: they would read beyond the service.
 * Returns the path to ask the local API for; throws `outside-contract` otherwise.
 */
export function withinService(prefix: string, target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  if (!servicePath.safeParse(path).success) throw new AppError('outside-contract', `'${path}' is not a plain path (dot segments, // or encoded slashes are refused)`);
  const under = path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  if (!under) throw new AppError('outside-contract', `'${path}' is not under the contract's service path '${prefix}'`);
  for (const key of new URLSearchParams(query).keys()) {
    if (key.trim().toLowerCase() === '$expand') throw new AppError('outside-contract', 'The query option $expand could reach beyond the contract\'s service; ask for the related entities by their own path');
  }
  return target;
}
