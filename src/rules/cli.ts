import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { compileDmn, DmnError, feelString } from './dmn/index.js';
import { ImroError, parseImro } from './imro/index.js';
import { importSttr } from './permits.js';
import { importPlan } from './service.js';
import { MAX_STTR_BYTES } from './sttr/index.js';
import { AppError } from '../kernel/errors.js';
import { option, positional } from '../cli/args.js';

export const rulesImportCommand: CliCommand = {
  group: 'rules',
  name: 'import',
  usage: '<plan.gml>',
  summary: 'import an IMRO2008/IMRO2012 plan (replaces the same plan id)',
  async run(ctx: AppContext, args: string[]) {
    const file = positional(args, [])[0];
    if (!file) {
      console.error('Usage: thorbecke rules import <plan.gml>');
      return 2;
    }
    let parsed;
    try {
      parsed = parseImro(await readFile(file, 'utf8'));
    } catch (e) {
      if (e instanceof ImroError) {
        console.error(`rules import: ${file}: ${e.message}`);
        return 1;
      }
      throw e;
    }
    const bar = progressBar(`rules import ${parsed.plan.id}`, parsed.objects.length);
    const result = await importPlan(ctx, parsed, (done) => bar.update(done));
    const counts = Object.entries(result.report.counts).map(([k, n]) => `${n} ${k}`).join(', ');
    bar.finish(`${result.replaced ? 'replaced' : 'imported'} '${result.plan.name}' (${result.plan.version}, ${result.plan.status ?? 'no status'}): ${counts}`);
    for (const w of result.report.warnings) console.error(`  warning: ${w}`);
    return 0;
  },
};

export const rulesImportSttrCommand: CliCommand = {
  group: 'rules',
  name: 'import-sttr',
  usage: '<rules.dmn> [--id <activity id>]',
  summary: 'import an STTR rule file as a permit-check activity (as the administrator; the same id replaces an earlier import)',
  async run(ctx: AppContext, args: string[]) {
    const file = positional(args, ['id'])[0];
    if (!file) {
      console.error('Usage: thorbecke rules import-sttr <rules.dmn> [--id <activity id>]');
      return 2;
    }
    const id = option(args, 'id');
    try {
      // Refused before reading when too large, as the API refuses the body.
      const size = (await stat(file)).size;
      if (size > MAX_STTR_BYTES) throw new AppError('payload-too-large', `The STTR file is refused: the file is ${size} bytes; at most ${MAX_STTR_BYTES} are accepted`);
      const r = await importSttr(ctx, { xml: await readFile(file, 'utf8'), ...(id ? { id } : {}), fileName: basename(file), importedBy: { kind: 'admin' }, via: 'cli' });
      console.error(`${r.replaced ? 'replaced' : 'imported'} '${r.activity.name}' as activity ${r.activity.id} (${r.activity.questions} questions, conclusion '${r.activity.activity}')`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`rules import-sttr: ${file}: ${e.detail}`);
        return 1;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`rules import-sttr: ${file}: no such file`);
        return 1;
      }
      throw e;
    }
  },
};

/** FEEL dates, durations and ranges print as their FEEL text; everything else as JSON. */
const feelJson = (_key: string, v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype ? feelString(v) : v;

export const rulesEvalCommand: CliCommand = {
  group: 'rules',
  name: 'eval',
  usage: '<model.dmn> --decision <name|id> --input <json|@file>',
  summary: 'evaluate a DMN decision and print the result as JSON',
  async run(_ctx: AppContext, args: string[]) {
    const file = positional(args, ['decision', 'input'])[0];
    const decision = option(args, 'decision');
    const inputText = option(args, 'input') ?? '{}';
    if (!file || !decision) {
      console.error('Usage: thorbecke rules eval <model.dmn> --decision <name|id> --input <json|@file>');
      return 2;
    }
    let input: Record<string, unknown>;
    try {
      const text = inputText.startsWith('@') ? await readFile(inputText.slice(1), 'utf8') : inputText;
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the input must be a JSON object');
      input = parsed as Record<string, unknown>;
    } catch (e) {
      console.error(`rules eval: --input is not valid: ${(e as Error).message}`);
      return 1;
    }
    try {
      const model = compileDmn(await readFile(file, 'utf8'));
      const r = model.evaluate(decision, input);
      console.log(JSON.stringify({ decision: r.decision, result: r.result, results: r.results, firedRules: r.firedRules, messages: r.messages }, feelJson, 2));
      return 0;
    } catch (e) {
      if (e instanceof DmnError) {
        console.error(`rules eval: ${file}: ${e.code}: ${e.message}${e.element ? ` (in ${e.element})` : ''}`);
        return 1;
      }
      throw e;
    }
  },
};
