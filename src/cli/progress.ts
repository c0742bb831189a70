/** A one-line progress bar on stderr; silent when stderr is not a terminal except for the final line. */
export function progressBar(label: string, total: number | undefined): { update(done: number): void; finish(summary?: string): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done: number) {
      const now = Date.now();
      if (!tty || now - last < 100) return;
      last = now;
      const width = 30;
      if (total && total > 0) {
        const frac = Math.min(1, done / total);
        const filled = Math.round(frac * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.round(frac * 100)}%`);
      } else {
        process.stderr.write(`\r${label} ${done}`);
      }
    },
    finish(summary?: string) {
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${label}: ${summary ?? 'done'}\n`);
    },
  };
}
