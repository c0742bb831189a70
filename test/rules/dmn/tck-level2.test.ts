import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLevel } from './tck-runner.js';

const root = join(import.meta.dirname, '..', '..', 'fixtures', 'dmn-tck');
const baseline = JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8')) as Record<string, number>;

describe('DMN TCK', () => {
  it('passes at least the recorded number of compliance-level-2 cases', () => {
    const results = runLevel(join(root, 'TestCases'), 'compliance-level-2');
    const passed = results.filter((r) => r.passed).length;
    expect(results.length).toBeGreaterThan(100);
    expect(passed, results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.reason}`).join('\n')).toBeGreaterThanOrEqual(baseline['compliance-level-2']!);
  });
  it('passes at least the recorded number of compliance-level-3 cases', () => {
    const passed = runLevel(join(root, 'TestCases'), 'compliance-level-3').filter((r) => r.passed).length;
    expect(passed).toBeGreaterThanOrEqual(baseline['compliance-level-3']!);
  });
});
