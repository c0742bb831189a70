/**
 * Artefacts of finished analysis jobs that are not JSON (PNG heat maps) or too big
 * for the job result (report map data), kept beside the in-memory job registry and
 * forgotten like it: on restart, or when more than KEEP have been made.
 */
const KEEP = 50;

export class ResultShelf<T> {
  private readonly items = new Map<string, T>();
  put(id: string, value: T): void {
    this.items.set(id, value);
    while (this.items.size > KEEP) this.items.delete(this.items.keys().next().value!);
  }
  get(id: string): T | undefined {
    return this.items.get(id);
  }
}

const shelves = new WeakMap<object, Map<string, ResultShelf<unknown>>>();

export function shelfFor<T>(owner: object, kind: string): ResultShelf<T> {
  let byKind = shelves.get(owner);
  if (!byKind) shelves.set(owner, (byKind = new Map()));
  let shelf = byKind.get(kind);
  if (!shelf) byKind.set(kind, (shelf = new ResultShelf<unknown>()));
  return shelf as ResultShelf<T>;
}

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
