import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The code as it was at `ref`, checked out beside this one (git worktree under .tmp, its
 * own node_modules), so a benchmark can run the same measurement on the old code and the
 * new in one run, alternating, on the same machine load.
 */
export function baselineCheckout(ref: string, log: (m: string) => void): string {
  const sha = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(ROOT, '.tmp', `bench-baseline-${sha}`);
  if (!existsSync(join(dir, 'package.json'))) {
    log(`checking out ${ref} (${sha}) into ${dir}`);
    execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, sha], { cwd: ROOT, stdio: 'ignore' });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    log(`installing ${sha}'s dependencies`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  }
  return dir;
}

/** Runs `npm run bench -- <name> --quick` in `dir` and returns what it printed. */
export function quickBench(dir: string, name: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', name, '--quick'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
}
