import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/live/mqtt/batcher.js';

/** A write that records its batches and how many ran at once, finishing when told to. */
function recorder() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  let running = 0;
  let most = 0;
  const write = async (items: number[]) => {
    batches.push(items);
    running++;
    most = Math.max(most, running);
    await new Promise<void>((r) => pending.push(r));
    running--;
    return items.map((i) => (i < 0 ? new Error(`refused ${i}`) : i * 10));
  };
  const release = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!();
  };
  return { write, batches, release, most: () => most };
}

describe('GroupCommit', () => {
  it('writes what arrives together as one batch and answers each item with its own outcome', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write);
    const outcomes = [1, -2, 3].map((i) => gc.submit(i).then((v) => v, (e: Error) => e.message));
    await r.release();
    expect(await Promise.all(outcomes)).toEqual([10, 'refused -2', 30]);
    expect(r.batches).toEqual([[1, -2, 3]]);
  });

  it('with one slot, items arriving during a write wait and go together in the next batch', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, 2000, 1);
    const first = gc.submit(1);
    await new Promise((res) => setImmediate(res));
    const later = [2, 3, 4].map((i) => gc.submit(i));
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1]]);
    await r.release();
    await first;
    await r.release();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    expect(r.most()).toBe(1);
  });

  it('with two slots, writes the next batch while the first is still being written, never more than two', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, 2, 2);
    const all = [1, 2, 3, 4, 5, 6].map((i) => gc.submit(i));
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1, 2], [3, 4]]);
    for (let k = 0; k < 3; k++) await r.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(r.batches).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(r.most()).toBe(2);
  });

  it('refuses a whole batch whose write fails, and drain waits for every write', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(async (items) => {
      calls++;
      await new Promise((res) => setTimeout(res, 5));
      if (items.includes(0)) throw new Error('store down');
      return items;
    });
    const failed = [0, 1].map((i) => gc.submit(i).catch((e: Error) => e.message));
    await gc.drain();
    expect(await Promise.all(failed)).toEqual(['store down', 'store down']);
    const ok = gc.submit(7);
    await gc.drain();
    expect(await ok).toBe(7);
    expect(calls).toBe(2);
  });
});
