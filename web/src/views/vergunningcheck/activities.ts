import { getJson } from '../../api.js';
import type { ActivityList } from './types.js';

let cached: Promise<ActivityList> | null = null;

/** The activities change only when the server restarts; one fetch per visit is enough. */
export function loadActivities(signal?: AbortSignal): Promise<ActivityList> {
  cached ??= getJson<ActivityList>('/rules/activities', signal).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
