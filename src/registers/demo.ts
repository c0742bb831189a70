import { existsSync, readFileSync } from 'node:fs';
import type { AppContext } from '../kernel/capability.js';
import { importAlgorithms, parseExport } from './algorithms/import/import.js';
import { repoPath } from '../kernel/paths.js';

export const DEMO_EXPORT = 'algoritmeregister-export-2022-12-08.json';

function demoFile(): string | undefined {
  const path = repoPath('demo', 'registers', DEMO_EXPORT);
  return existsSync(path) ? path : undefined;
}

/**
 * Loads the real algorithm register export (the four big cities and two ministries).
 * Idempotent: a second run finds every entry unchanged and writes nothing. Entries are
 * linked to a law only where the export names one; the rest honestly stay without mandate.
 */
export async function seedRegistersDemo(ctx: AppContext): Promise<void> {
  const path = demoFile();
  if (!path) {
    ctx.log.warn({ file: DEMO_EXPORT }, 'demo algorithm register export not found; skipped');
    return;
  }
  const rows = parseExport(readFileSync(path, 'utf8'));
  const report = await ctx.store.transaction((tx) => importAlgorithms(tx, rows, { file: DEMO_EXPORT }));
  if (report.created || report.updated) {
    ctx.log.info(
      { created: report.created, updated: report.updated, skipped: report.skipped.length, replacementCharacters: report.encoding.replacementCharacters },
      'demo algorithm register loaded',
    );
  }
}
