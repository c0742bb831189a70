import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import type { DcatFormat } from './dcat/export.js';
import { importDcat } from './harvest.js';
import { catalogRdf } from './rdf.js';
import { option } from '../cli/args.js';

const formatOf = (value: string | undefined, fallback: DcatFormat): DcatFormat => {
  if (value === undefined) return fallback;
  if (value === 'ttl' || value === 'turtle') return 'turtle';
  if (value === 'jsonld' || value === 'json-ld') return 'jsonld';
  throw new Error(`--format must be ttl or jsonld, not '${value}'`);
};

export const catalogExportCommand: CliCommand = {
  group: 'catalog',
  name: 'export',
  usage: '[--format ttl|jsonld] [--out file]',
  summary: 'write the whole register as DCAT-AP-NL RDF',
  async run(ctx: AppContext, args: string[]) {
    const format = formatOf(option(args, 'format'), 'turtle');
    const out = option(args, 'out');
    const sink = out ? createWriteStream(out) : process.stdout;
    let bytes = 0;
    const counted = async function* () {
      for await (const chunk of catalogRdf(ctx, format)) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    await pipeline(Readable.from(counted()), sink);
    if (out) process.stderr.write(`catalog export: ${bytes.toLocaleString('en')} characters of ${format} written to ${out}\n`);
    return 0;
  },
};

export const catalogImportCommand: CliCommand = {
  group: 'catalog',
  name: 'import',
  usage: '<file|url> [--format ttl|jsonld]',
  summary: 'harvest DCAT RDF: upsert by identifier, report what was rejected',
  async run(ctx: AppContext, args: string[]) {
    const source = args.find((a) => !a.startsWith('--') && a !== option(args, 'format'));
    if (!source) {
      console.error('Usage: thorbecke catalog import <file|url> [--format ttl|jsonld]');
      return 2;
    }
    const isUrl = /^https?:\/\//.test(source);
    const text = isUrl ? await (await fetch(source, { headers: { accept: 'text/turtle, application/ld+json;q=0.9' } })).text() : await readFile(source, 'utf8');
    const guessed: DcatFormat = /\.(jsonld|json)$/i.test(source) || text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? 'jsonld' : 'turtle';
    const format = formatOf(option(args, 'format'), guessed);
    const bar = progressBar('catalog import', undefined);
    const report = await importDcat(ctx, text, format, { onProgress: (p) => bar.update(p.done) });
    bar.finish(`${report.created} created, ${report.updated} updated, ${report.rejected.length} rejected`);
    for (const r of report.rejected) console.error(`  rejected ${r.identifier}: ${r.reasons.join('; ')}`);
    return report.rejected.length > 0 && report.created + report.updated === 0 ? 1 : 0;
  },
};
