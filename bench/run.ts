import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import type { Benchmark, BenchContext } from './lib.js';

/**
 * `npm run bench -- <name> [--quick]`: runs bench/<name>.ts and replaces its section
 * in BENCHMARKS.md (between <!-- bench:name --> markers), so each capability's figures
 * stay beside the command that made them.
 */
const BENCHES: Record<string, () => Promise<{ default: Benchmark }>> = {
  catalog: () => import('./catalog.js'),
  sun: () => import('./sun.js'),
  rules: () => import('./rules.js'),
  registers: () => import('./registers.js'),
  live: () => import('./live.js'),
  twin: () => import('./twin.js'),
  federation: () => import('./federation.js'),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  const selected = names.length ? names : Object.keys(BENCHES);
  for (const name of selected) {
    const load = BENCHES[name];
    if (!load) {
      console.error(`Unknown benchmark '${name}'. Known: ${Object.keys(BENCHES).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    const ctx: BenchContext = {
      quick,
      databaseUrl: process.env.THORBECKE_DATABASE_URL || undefined,
      log: (m) => console.error(`[${name}] ${m}`),
    };
    const started = new Date();
    const body = await (await load()).default(ctx);
    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const section = [
      `<!-- bench:${name} -->`,
      `## ${name}`,
      '',
      `Command: \`npm run bench -- ${name}${quick ? ' --quick' : ''}\`${ctx.databaseUrl ? ' with THORBECKE_DATABASE_URL set' : ''}. Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.`,
      '',
      body.trim(),
      `<!-- /bench:${name} -->`,
    ].join('\n');
    console.log(section);
    if (!quick) writeSection(name, section);
  }
}

function writeSection(name: string, section: string): void {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const header = '# Benchmarks\n\nEach section is written by `npm run bench -- <name>`; rerun the command to reproduce it.\n';
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
}

await main();
