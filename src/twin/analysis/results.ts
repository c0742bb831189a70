/** At most this many analyses run at once per platform; more are refused, not queued. */
export const MAX_RUNNING = 2;
const running = new WeakMap<object, number>();

export function tryReserve(owner: object): boolean {
  const n = running.get(owner) ?? 0;
  if (n >= MAX_RUNNING) return false;
  running.set(owner, n + 1);
  return true;
}

export function release(owner: object): void {
  running.set(owner, Math.max(0, (running.get(owner) ?? 1) - 1));
}
