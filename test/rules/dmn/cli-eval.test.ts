/** `thorbecke rules eval` on a decision that cannot be evaluated: exit 1 and what failed where, never a null result. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rulesEvalCommand } from '../../../src/rules/cli.js';
import { rulesPlatform, type RulesPlatform } from '../api/platform.js';

const evenement = join(import.meta.dirname, '..', '..', '..', 'demo', 'omgevingswet', 'sttr', 'IndieningsvereistenVergunningEvenementOrganiseren.dmn');

async function capture(run: () => Promise<number>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await run(), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('rules eval on the STTR evenement file', () => {
  let p: RulesPlatform;
  beforeAll(async () => {
    p = await rulesPlatform('sqlite');
  }, 60_000);
  afterAll(async () => p?.close());

  it('the conclusion needs the aansluitpunt, whose invoke cannot be evaluated: exit 1 naming it and its line', async () => {
    const r = await capture(() => rulesEvalCommand.run(p.ctx, [evenement, '--decision', 'IndieningsvereistenEvenementOrganiseren', '--input', '{"namespace": true}']));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/evaluation-failed: decision 'IndieningsvereistenEvenementOrganiseren' cannot be evaluated: in 'Aansluitpunt evenement organiseren', invokes 'invoke'.*\(line 520\)/);
  });
  it('decisions that do not need it still evaluate', async () => {
    const r = await capture(() => rulesEvalCommand.run(p.ctx, [evenement, '--decision', 'Wegevenement', '--input', '{"Weg": false}']));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).result).toBe(true);
  });
});
