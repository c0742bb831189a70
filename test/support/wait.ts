/** Waits until `cond` holds, polling every 10 ms; fails naming `what` after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, what = 'the condition', ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
