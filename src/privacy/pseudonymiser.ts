import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from '../kernel/storage/port.js';

/**
 * Keyed pseudonyms for identifiers seen at ingest (licence plates, MAC addresses).
 *
 * Each scope (a data stream's purpose) has one random key per rotation period. The same
 * identifier gives the same pseudonym within a period — so a parking stay can be counted —
 * and an unrelated one in the next period, because the old key is destroyed: after
 * rotation nobody, the operator included, can link pseudonyms across periods or recompute
 * one from a known plate. The period is that of processing (ingest) time, not of the
 * observation's own time, so a late observation can never need a destroyed key.
 */
export interface PseudonymiserOptions {
  /** Length of a key period in milliseconds (e.g. 24 h). */
  rotationMs: number;
  now?: () => Date;
}

export const PSEUDONYM_PREFIX = 'ps_';

/** Licence plates and MAC addresses are written in many ways; fold them before keying. */
export function normaliseIdentifier(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export class Pseudonymiser {
  private readonly keys = new Map<string, { period: number; key: Buffer }>();
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    private readonly opts: PseudonymiserOptions,
  ) {
    if (!(opts.rotationMs >= 60_000)) throw new Error('rotationMs must be at least one minute');
    this.now = opts.now ?? (() => new Date());
  }

  period(at: Date = this.now()): number {
    return Math.floor(at.getTime() / this.opts.rotationMs);
  }

  /** The pseudonym of `value` in `scope` for the current period. Never stores or logs `value`. */
  async pseudonymise(value: string, scope: string): Promise<string> {
    const key = await this.currentKey(scope);
    const mac = createHmac('sha256', key).update(normaliseIdentifier(value)).digest('base64url');
    return PSEUDONYM_PREFIX + mac.slice(0, 22);
  }

  private async currentKey(scope: string): Promise<Buffer> {
    const period = this.period();
    const cached = this.keys.get(scope);
    if (cached && cached.period === period) return cached.key;
    const key = await this.store.transaction(async (tx) => {
      const row = await tx.one<{ key: Uint8Array }>('SELECT key FROM privacy_keys WHERE scope = ? AND period = ?', [scope, period]);
      if (row) return Buffer.from(row.key);
      const fresh = randomBytes(32);
      await tx.run('INSERT INTO privacy_keys (period, scope, key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (scope, period) DO NOTHING', [
        period,
        scope,
        fresh,
        this.now().toISOString(),
      ]);
      // Another process may have won the race: use whatever key is stored.
      const stored = await tx.one<{ key: Uint8Array }>('SELECT key FROM privacy_keys WHERE scope = ? AND period = ?', [scope, period]);
      return Buffer.from(stored!.key);
    });
    this.keys.set(scope, { period, key });
    return key;
  }

  /** Destroys every key of a period before the current one; returns how many. */
  async rotate(): Promise<number> {
    const period = this.period();
    for (const [scope, k] of this.keys) {
      if (k.period < period) {
        k.key.fill(0);
        this.keys.delete(scope);
      }
    }
    const { changes } = await this.store.run('DELETE FROM privacy_keys WHERE period < ?', [period]);
    if (changes > 0) await this.store.scrub('privacy_keys');
    return changes;
  }
}

/**
 * Replaces the identifier fields of a result or parameters object by their pseudonyms.
 * Paths are dotted (`camera.plate`); a missing path is left alone, a non-string value at an
 * identifier path is stringified first so no identifier slips through by being a number.
 */
export async function pseudonymiseFields(
  value: unknown,
  paths: readonly string[],
  pseudonymise: (identifier: string) => Promise<string>,
): Promise<unknown> {
  if (paths.length === 0 || value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) {
      const next: unknown = node?.[part];
      node = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    const last = parts[parts.length - 1]!;
    if (node && node[last] !== undefined && node[last] !== null) node[last] = await pseudonymise(String(node[last]));
  }
  return copy;
}
