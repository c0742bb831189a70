import { fixedMillis, parseDuration } from './duration.js';
import { DAY_MS } from './pseudonymise.js';

/** The pseudonym key period in ms from an ISO 8601 duration without years or months (config checks the form). */
export function rotationMsOf(text: string | undefined): number {
  if (!text) return DAY_MS;
  const d = parseDuration(text);
  const ms = d ? fixedMillis(d) : undefined;
  if (ms === undefined || ms < 60_000) throw new Error(`THORBECKE_PSEUDONYM_ROTATION: '${text}' must be a duration of at least PT1M without years or months`);
  return ms;
}
