import type { Store } from '../../kernel/storage/port.js';
import { Pseudonymiser } from '../../privacy/pseudonymiser.js';

/**
 * Destroys pseudonym keys of past periods. Run at every period boundary (and at start, for
 * keys left from before a restart), so a key never outlives its period by more than the
 * job's delay.
 */
export function keyRotation(store: Store, rotationMs: number): { rotate(): Promise<number>; msToNextPeriod(now?: number): number } {
  const p = new Pseudonymiser(store, { rotationMs });
  return {
    rotate: () => p.rotate(),
    msToNextPeriod: (now = Date.now()) => rotationMs - (now % rotationMs) + 50,
  };
}
