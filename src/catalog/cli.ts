import { createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { option } from '../cli/args.js';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { AssumptionError, parseAssumptions } from './dcat/assumptions.js';
import type { DcatFormat } from './dcat/export.js';
import { DcatParseError, MAX_RDF_CHARS } from './dcat/import.js';
import { RDF_ACCEPT, type RdfSyntax, resolveSyntax, syntaxFromName } from './dcat/syntax.js';
import { importDcat } from './harvest.js';
import { harvestReportText } from './harvest-text.js';
import { catalogRdf } from './rdf.js';

/** Bad input: a message for the operator, no stack trace, and the exit code. */
class CliInputError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

const formatOf = (value: string | undefined, fallback: DcatFormat): DcatFormat => {
  if (value === undefined) return fallback;
  if (value === 'ttl' || value === 'turtle') return 'turtle';
  if (value === 'jsonld' || value === 'json-ld') return 'jsonld';
  throw new CliInputError(`--format must be ttl or jsonld, not '${value}'`, 2);
};

export const catalogExportCommand: CliCommand = {
  group: 'catalog',
  name: 'export',
  usage: '[--format ttl|jsonld] [--out file]',
  summary: 'write the whole register as DCAT-AP-NL RDF',
  async run(ctx: AppContext, args: string[]) {
    return reportingInputErrors(async () => {
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
    });
  },
};

const IMPORT_USAGE = '<file|url> [--format ttl|nt|jsonld|rdfxml] [--assume name=value]... [--report file.json] [--brief]';

export const catalogImportCommand: CliCommand = {
  group: 'catalog',
  name: 'import',
  usage: IMPORT_USAGE,
  summary: 'harvest DCAT RDF: upsert by identifier, report what was kept, defaulted and dropped',
  async run(ctx: AppContext, args: string[]) {
    return reportingInputErrors(async () => {
      const [source, ...extra] = positionals(args, ['format', 'assume', 'report']);
      if (!source || extra.length) throw new CliInputError(`Usage: thorbecke catalog import ${IMPORT_USAGE}`, 2);
      const formatName = option(args, 'format');
      const stated = formatName === undefined ? undefined : syntaxFromName(formatName);
      if (formatName !== undefined && !stated) throw new CliInputError(`--format must be ttl, nt, jsonld or rdfxml, not '${formatName}'`, 2);
      const assume = (() => {
        try {
          return parseAssumptions(allOptions(args, 'assume'));
        } catch (e) {
          throw e instanceof AssumptionError ? new CliInputError(`--assume: ${e.message}`, 2) : e;
        }
      })();
      const doc = await readSource(source);
      const syntax: RdfSyntax = resolveSyntax({ ...(stated ? { stated } : {}), ...(doc.mediaType ? { mediaType: doc.mediaType } : {}), path: source, text: doc.text });
      const bar = progressBar('catalog import', undefined);
      const report = await importDcat(ctx, doc.text, syntax, { assume, base: doc.base, principal: { kind: 'admin' }, onProgress: (p) => bar.update(p.done) });
      process.stdout.write(harvestReportText(report, args.includes('--brief')));
      const reportFile = option(args, 'report');
      if (reportFile) await writeFile(reportFile, JSON.stringify(report, null, 2) + '\n');
      bar.finish(`${report.created} created, ${report.updated} updated, ${report.rejected.length} rejected`);
      return report.rejected.length > 0 && report.created + report.updated === 0 ? 1 : 0;
    });
  },
};

/** The arguments that are neither flags nor the value after a flag that takes one (which may repeat). */
function positionals(args: readonly string[], valued: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !(i > 0 && valued.some((v) => args[i - 1] === `--${v}`)));
}

/** Every value of a repeatable option: `--name a --name b` and `--name=a`. */
function allOptions(args: readonly string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === `--${name}` && args[i + 1] !== undefined) out.push(args[i + 1]!);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  });
  return out;
}

/** The document from a file or an http(s) URL, refused past the harvest size limit before it is held whole. */
async function readSource(source: string): Promise<{ text: string; mediaType?: string; base: string }> {
  if (/^https?:\/\//i.test(source)) return fetchSource(source);
  const path = resolve(source);
  const size = await stat(path).then((s) => s.size, (e: NodeJS.ErrnoException) => {
    throw new CliInputError(`cannot read ${source}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (size > MAX_RDF_CHARS) throw new CliInputError(`${source} has ${size.toLocaleString('en')} bytes; a harvest reads at most ${MAX_RDF_CHARS.toLocaleString('en')}`);
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw new CliInputError(`cannot read ${source}: ${e.message}`);
  });
  return { text, base: pathToFileURL(path).href };
}

async function fetchSource(url: string): Promise<{ text: string; mediaType?: string; base: string }> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: RDF_ACCEPT }, signal: AbortSignal.timeout(120_000) });
  } catch (e) {
    throw new CliInputError(`cannot fetch ${url}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
  }
  if (!res.ok) throw new CliInputError(`cannot fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_RDF_CHARS) throw new CliInputError(`${url} sends ${declared.toLocaleString('en')} bytes; a harvest reads at most ${MAX_RDF_CHARS.toLocaleString('en')}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ? Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>) : []) {
    size += (chunk as Buffer).length;
    if (size > MAX_RDF_CHARS) throw new CliInputError(`${url} sends more than ${MAX_RDF_CHARS.toLocaleString('en')} bytes; a harvest reads at most that`);
    chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), ...(res.headers.get('content-type') ? { mediaType: res.headers.get('content-type')! } : {}), base: res.url || url };
}

/** Bad input is told plainly on stderr with a non-zero exit; anything else is a fault and propagates. */
async function reportingInputErrors(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof CliInputError) {
      console.error(e.message);
      return e.exitCode;
    }
    if (e instanceof DcatParseError) {
      console.error(`cannot import: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
