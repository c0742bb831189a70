import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this file to Thorbecke's package.json, so
 * that files shipped beside the code (demo/, schemas, web-dist/) are found the same way
 * from src/ under tsx and from dist/src/ after a build.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'thorbecke') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Thorbecke: cannot find the repository root (package.json named "thorbecke")');
    dir = up;
  }
}

export const REPO_ROOT = findRoot();

/** A path inside the repository, e.g. `repoPath('demo', 'delft', 'x.city.json')`. */
export const repoPath = (...segments: string[]): string => join(REPO_ROOT, ...segments);
