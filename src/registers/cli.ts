import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { importAlgorithms, parseExport, type ImportReport } from './algorithms/import/import.js';
import { option } from '../cli/args.js';

/** The lines a person reads after an import; the full report goes to --report. */
export function reportLines(r: ImportReport): string[] {
  const lines = [
    `${r.rows} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.keptEdited.length} kept (edited since import), ${r.skipped.length} skipped`,
  ];
  for (const s of r.skipped) lines.push(`  skipped row ${s.row}${s.name ? ` (${s.name})` : ''}: ${s.reason}`);
  for (const o of r.organisations) lines.push(`  organisation '${o.exportName}' → ${o.organisationId ?? '-'} (${o.how}${o.reason ? `: ${o.reason}` : ''})`);
  lines.push(`  mandates: ${r.mandates.created.length} created (${r.mandates.created.join(', ') || 'none'}); ${r.mandates.entriesLinked} entries linked, ${r.mandates.entriesWithoutMandate.length} without a mandate`);
  lines.push(`  encoding: ${r.encoding.repaired.length} double-encoded sequences repaired; ${r.encoding.replacementCharacters} replacement characters (�) in ${r.encoding.unrepairable.length} fields could not be repaired`);
  if (r.shortened.length) lines.push(`  ${r.shortened.length} fields shortened to the standard's maximum length`);
  if (r.incomplete) lines.push(`  ${r.incomplete} entries lack fields the standard requires: ${Object.entries(r.missingFields).map(([f, n]) => `${f} ${n}`).join(', ')}`);
  return lines;
}

export const importAlgorithmsCommand: CliCommand = {
  group: 'registers',
  name: 'import-algorithms',
  usage: '<file> [--report out.json]',
  summary: 'import an algorithm register export (JSON); report template rows, encoding, organisations',
  async run(ctx: AppContext, args: string[]) {
    const out = option(args, 'report');
    const file = args.find((a) => !a.startsWith('--') && a !== out);
    if (!file) {
      console.error('Usage: thorbecke registers import-algorithms <file> [--report out.json]');
      return 2;
    }
    const rows = parseExport(await readFile(file, 'utf8'));
    const bar = progressBar('import-algorithms', rows.length);
    const report = await ctx.store.transaction((tx) => importAlgorithms(tx, rows, { file: basename(file), onProgress: (done) => bar.update(done) }));
    const [first, ...rest] = reportLines(report);
    bar.finish(first);
    for (const line of rest) console.error(line);
    if (out) await writeFile(out, JSON.stringify(report, null, 2) + '\n');
    return report.created + report.updated + report.unchanged + report.keptEdited.length === 0 ? 1 : 0;
  },
};
