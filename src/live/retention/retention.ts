import type { Store } from '../../kernel/storage/port.js';
import { declarationOfMeta } from '../privacy/declaration.js';
import { parseDuration, subtractDuration } from '../privacy/duration.js';
import { dialectFor } from '../sta/dialect/index.js';
import { refreshLatest } from '../sta/write.js';

export interface RetentionOutcome {
  /** Observations deleted, per Datastream id (only those that lost any). */
  deleted: Record<number, number>;
}

/**
 * Deletes the observations whose phenomenonTime lies further back than their Datastream's
 * retention period (`properties.privacy.retention`), one Datastream per transaction, and
 * keeps the Datastream's count, latest pointer and time extent right.
 */
export async function applyRetention(store: Store, now = Date.now()): Promise<RetentionOutcome> {
  const d = dialectFor(store);
  const streams = await store.all<{ id: number; meta: unknown }>('SELECT id, meta FROM sta_datastreams');
  const deleted: Record<number, number> = {};
  for (const s of streams) {
    const text = declarationOfMeta(s.meta).retention;
    const duration = text ? parseDuration(text) : undefined;
    if (!duration) continue;
    const cutoff = d.time(subtractDuration(now, duration));
    const id = Number(s.id);
    const n = await store.transaction(async (tx) => {
      const { changes } = await tx.run('DELETE FROM sta_observations WHERE datastream_id = ? AND phenomenon_time < ?', [id, cutoff]);
      if (changes > 0) {
        await tx.run('UPDATE sta_datastreams SET observation_count = observation_count - ? WHERE id = ?', [changes, id]);
        await refreshLatest(tx, id);
      }
      return changes;
    });
    if (n > 0) deleted[id] = n;
  }
  return { deleted };
}
