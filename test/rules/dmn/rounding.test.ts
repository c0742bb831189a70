/** decimal(), floor(), ceiling() and the round functions round decimal digits, as the spec's decimals would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundScaled } from '../../../src/rules/dmn/feel/builtins/numbers.js';

type Mode = Parameters<typeof roundScaled>[2];
const MODES: Mode[] = ['even', 'floor', 'ceiling', 'up', 'down', 'half up', 'half down'];

/** Exact rounding of m × 10^-k to `scale` places, in integers: the reference. */
function reference(m: bigint, k: number, scale: number, mode: Mode): number {
  const neg = m < 0n;
  const a = neg ? -m : m;
  if (scale >= k) return Number(`${m}e${-k}`);
  const div = 10n ** BigInt(k - scale);
  const q = a / div;
  const r = a % div;
  const twice = 2n * r;
  const half = twice > div ? 'above' : twice === div ? 'exact' : 'below';
  let up: boolean;
  switch (mode) {
    case 'floor': up = neg && r > 0n; break;
    case 'ceiling': up = !neg && r > 0n; break;
    case 'up': up = r > 0n; break;
    case 'down': up = false; break;
    case 'half up': up = half !== 'below'; break;
    case 'half down': up = half === 'above'; break;
    default: up = half === 'above' || (half === 'exact' && q % 2n === 1n);
  }
  const v = Number(`${q + (up ? 1n : 0n)}e${-scale}`);
  return neg && v !== 0 ? -v : v;
}

describe('rounding on decimal digits', () => {
  it('agrees with exact integer rounding for every mode, scale and value of up to 15 digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -3, max: 9 }), fc.constantFrom(...MODES), (m, k, scale, mode) => {
        const n = Number(`${m}e${-k}`);
        expect(roundScaled(n, scale, mode)).toBe(reference(m, k, scale, mode));
      }),
      { numRuns: 3000 },
    );
  });
  it('values whose binary form lies just below a half still round as their decimal digits say', () => {
    // 2.675 is 2.67499999999999982236431605997495353221893310546875 as a double.
    expect(roundScaled(2.675, 2, 'half up')).toBe(2.68);
    expect(roundScaled(1.005, 2, 'half up')).toBe(1.01);
    expect(roundScaled(5.5, 6176, 'down')).toBe(5.5);
    expect(roundScaled(123.456, -6111, 'floor')).toBe(0);
    // Zero has no digit to round away from zero (found by the property above).
    for (const mode of MODES) expect(roundScaled(0, -2, mode)).toBe(0);
  });
});
