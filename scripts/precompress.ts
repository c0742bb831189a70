import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
/** Text formats worth compressing (source maps are for developers: left as they are). */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg)$/;
/** Below this, the header costs more than the bytes saved. */
const MIN_BYTES = 1024;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Writes a .br and a .gz beside every text file of the build, once, so the server sends
 * compressed bytes (@fastify/static `preCompressed`) without compressing per request:
 * the map chunk (MapLibre) goes from about 1 MB to under 300 kB.
 */
export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const out = { files: 0, bytes: 0, brotliBytes: 0 };
  for await (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path) || (await stat(path)).size < MIN_BYTES) continue;
    const body = await readFile(path);
    const [br, gzipped] = await Promise.all([
      brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gz(body, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)]);
    out.files++;
    out.bytes += body.length;
    out.brotliBytes += br.length;
  }
  return out;
}

/** The Vite side: compress what `vite build` wrote, after it wrote it. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'thorbecke-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await precompress(outDir);
    },
  };
}
