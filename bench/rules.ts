import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate as feelEvaluate, unaryTest as feelUnaryTest } from '@bpmn-io/feelin';
import { compileDmn } from '../src/rules/dmn/index.js';
import { fmt, seeded, table, type BenchContext } from './lib.js';

const NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const INPUTS = ['a', 'b', 'c', 'd', 'e'];

/** A COLLECT table (every rule is checked on every call) of `n` rules over 5 numeric inputs with seeded ranges/comparisons/wildcards. */
function generate(n: number, seed: number): { xml: string; cells: string[][]; outs: string[] } {
  const rnd = seeded(seed);
  const cells: string[][] = [];
  const outs: string[] = [];
  for (let r = 0; r < n; r++) {
    cells.push(INPUTS.map(() => {
      const k = rnd();
      const x = Math.floor(rnd() * 100);
      if (k < 0.3) return '-';
      if (k < 0.6) return `[${x}..${x + 30}]`;
      if (k < 0.8) return `>= ${x}`;
      return `< ${x + 20}`;
    }));
    outs.push(`"r${r + 1}"`);
  }
  const esc = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const xml = `<definitions xmlns="${NS}" name="gen" namespace="urn:gen" id="g">
${INPUTS.map((i) => `<inputData id="${i}" name="${i}"><variable name="${i}" typeRef="number"/></inputData>`).join('\n')}
<decision id="t" name="t"><variable name="t" typeRef="Any"/>
${INPUTS.map((i) => `<informationRequirement><requiredInput href="#${i}"/></informationRequirement>`).join('')}
<decisionTable hitPolicy="COLLECT">
${INPUTS.map((i) => `<input><inputExpression typeRef="number"><text>${i}</text></inputExpression></input>`).join('')}
<output name="o" typeRef="string"/>
${cells.map((row, r) => `<rule>${row.map((c) => `<inputEntry><text>${esc(c)}</text></inputEntry>`).join('')}<outputEntry><text>${outs[r]}</text></outputEntry></rule>`).join('\n')}
</decisionTable></decision></definitions>`;
  return { xml, cells, outs };
}

/** Runs `fn` for about `ms` milliseconds and returns calls per second. */
function rate(ms: number, fn: (i: number) => unknown): number {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 50; k++) fn(n++);
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

export default async function (ctx: BenchContext): Promise<string> {
  const sizes = ctx.quick ? [10] : [10, 100, 1000];
  const ms = ctx.quick ? 300 : 1500;
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const { xml, cells, outs } = generate(n, 42 + n);
    const model = compileDmn(xml);
    const rnd = seeded(7);
    const inputs = Array.from({ length: 256 }, () => Object.fromEntries(INPUTS.map((i) => [i, Math.floor(rnd() * 130)])));
    // Same answers from both paths, or the comparison means nothing.
    for (const inp of inputs.slice(0, 20)) {
      const naive = naiveCollect(cells, outs, inp);
      if (JSON.stringify(model.evaluate('t', inp).result) !== JSON.stringify(naive)) throw new Error(`engine and naive baseline disagree for ${JSON.stringify(inp)}`);
    }
    ctx.log(`rules: ${n}-rule table`);
    const ours = rate(ms, (i) => model.evaluate('t', inputs[i & 255]!));
    const naive = rate(ms, (i) => naiveCollect(cells, outs, inputs[i & 255]!));
    rows.push([`${n} rules x 5 inputs`, fmt(ours, 0), fmt(naive, 0), `${fmt(ours / naive)}x`]);
  }
  const dakkapel = compileDmn(readFileSync(join(import.meta.dirname, '..', 'demo', 'omgevingswet', 'sttr', 'ConclusieBouwenDakkapel.dmn'), 'utf8'), { typeCheck: false });
  const answers = {
    'Locatie binnen gemeentegrens': 'ja', Monument: false, RBS: false, Woonwagen: false, 'Tijdelijk bouwwerk': false,
    'Recreatief nachtverblijf': false, 'Gekeerd naar openbaar gebied': false, 'Plat dak': true, 'Hoogte dakkapel': 150,
    'Afstand dakvoet': 60, 'Afstand nok': 60, 'Afstand zijkanten': 60, Dakvlak: 'Achterkant', Welstandscriteria: false,
    Nieuwbouw: false, 'Beschermde vogel broedt': false, 'Illegaal gebouw': false,
  };
  const dormer = rate(ms, () => dakkapel.evaluate('Conclusie Dakkapel', answers));
  return [
    'Decision-table throughput: our engine (FEEL compiled once per model, closures per cell) against the naive baseline of',
    'calling @bpmn-io/feelin `unaryTest` per cell per evaluation (parse + interpret each time), same seeded tables and inputs,',
    'COLLECT hit policy so every rule is tested on every call, single thread.',
    '',
    table(['table', 'engine evals/s', 'naive feelin evals/s', 'speed-up'], rows),
    '',
    `Dormer STTR model (ConclusieBouwenDakkapel.dmn, 10 decision tables, full answer set): ${fmt(dormer, 0)} evaluations/s.`,
  ].join('\n');
}

function naiveCollect(cells: string[][], outs: string[], input: Record<string, number>): unknown {
  const hits: unknown[] = [];
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r]!;
    let ok = true;
    for (let i = 0; i < INPUTS.length; i++) {
      if (row[i] === '-') continue;
      if (feelUnaryTest(row[i]!, { '?': input[INPUTS[i]!] }).value !== true) {
        ok = false;
        break;
      }
    }
    if (ok) hits.push(feelEvaluate(outs[r]!, {}).value);
  }
  return hits;
}
