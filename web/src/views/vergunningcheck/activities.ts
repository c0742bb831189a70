import { getJson } from '../../api.js';
import type { ActivityList } from './types.js';

let cached: Promise<ActivityList> | null = null;

/**
 * The activities, fetched once per visit to the list (`fresh`, since rule files can be
 * imported at any time) and reused by the check pages that follow it.
 */
export function loadActivities(signal?: AbortSignal, fresh = false): Promise<ActivityList> {
  if (fresh) cached = null;
  cached ??= getJson<ActivityList>('/rules/activities', signal).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
