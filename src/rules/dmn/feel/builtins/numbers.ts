import { DtDuration, YmDuration } from '../temporal.js';
import { formatNumber, type FeelFunction } from '../values.js';
import { builtin, error, isInt } from './define.js';

type Mode = 'even' | 'floor' | 'ceiling' | 'up' | 'down' | 'half up' | 'half down';

/**
 * Rounds `n` to `scale` decimal places on its decimal digits (the shortest decimal that
 * reads back as the same double), not on its binary value: round half up(2.675, 2) is 2.68.
 */
export function roundScaled(n: number, scale: number, mode: Mode): number {
  if (n === 0) return 0;
  const neg = n < 0;
  const [intPart, frac = ''] = formatNumber(Math.abs(n)).split('.') as [string, string?];
  const digits = intPart + frac;
  const point = intPart.length;
  const keep = point + scale;
  if (keep >= digits.length) return n;
  if (keep < 0) {
    // Every digit lies below the last kept place, and below half of it.
    const away = mode === 'up' || (mode === 'floor' && neg) || (mode === 'ceiling' && !neg);
    return away ? (neg ? -1 : 1) * 10 ** -scale : 0;
  }
  const kept = digits.slice(0, keep) || '0';
  const rest = digits.slice(keep);
  const nonZero = /[1-9]/.test(rest);
  if (!nonZero) return n;
  const half = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1))) ? 'above' : rest[0] === '5' ? 'exact' : 'below';
  const lastOdd = Number(kept[kept.length - 1]) % 2 === 1;
  let up: boolean;
  switch (mode) {
    case 'floor': up = neg; break;
    case 'ceiling': up = !neg; break;
    case 'up': up = true; break;
    case 'down': up = false; break;
    case 'half up': up = half !== 'below'; break;
    case 'half down': up = half === 'above'; break;
    default: up = half === 'above' || (half === 'exact' && lastOdd);
  }
  const magnitude = BigInt(kept) + (up ? 1n : 0n);
  const r = Number(`${magnitude}e${-scale}`);
  return neg ? (r === 0 ? 0 : -r) : r;
}

/** The decimal and rounding functions: scale (default 0) must be an integer in -6111..6176, or is truncated to one. */
function rounding(name: string, mode: Mode, scaleOptional: boolean): FeelFunction {
  return builtin(name, ['n: number', scaleOptional ? 'scale?: number' : 'scale: number'], (n: number | null, s: number | null | undefined) => {
    if (n === null) return null;
    // A scale written as null is an error (TCK 1101 008), not the default.
    if (s === null) return error('scale must be a number');
    const scale = s === undefined ? 0 : Math.trunc(s);
    if (scale < -6111 || scale > 6176) return error(`scale ${s} lies outside -6111..6176`);
    const r = roundScaled(n, scale, mode);
    return Number.isFinite(r) ? r : error(`rounding ${n} to ${scale} places gives no finite number`);
  });
}

export const NUMBER_FUNCTIONS: FeelFunction[] = [
  rounding('decimal', 'even', false),
  rounding('floor', 'floor', true),
  rounding('ceiling', 'ceiling', true),
  rounding('round up', 'up', true),
  rounding('round down', 'down', true),
  rounding('round half up', 'half up', true),
  rounding('round half down', 'half down', true),
  builtin('abs', ['n'], (n: unknown) => {
    if (n === null) return null;
    if (typeof n === 'number') return Math.abs(n);
    if (n instanceof YmDuration) return new YmDuration(Math.abs(n.months));
    if (n instanceof DtDuration) return new DtDuration(Math.abs(n.seconds));
    return error('n must be a number or a duration');
  }),
  builtin('modulo', ['dividend: number', 'divisor: number'], (a: number | null, b: number | null) => {
    if (a === null || b === null) return null;
    if (b === 0) return error('division by zero');
    const r = a - b * Math.floor(a / b);
    return Math.round(r * 1e12) / 1e12;
  }),
  builtin('sqrt', ['number: number'], (n: number | null) => (n === null ? null : n < 0 ? error('the square root of a negative number') : Math.sqrt(n))),
  builtin('log', ['number: number'], (n: number | null) => (n === null ? null : n <= 0 ? error('the logarithm of a number not above zero') : Math.log(n))),
  builtin('exp', ['number: number'], (n: number | null) => (n === null ? null : Math.exp(n))),
  // A number with a fraction is neither odd nor even: an error (as Drools answers), not false.
  builtin('odd', ['number: number'], (n: number | null) => (n === null ? null : isInt(n) ? Math.abs(n % 2) === 1 : error(`${n} is no whole number`))),
  builtin('even', ['number: number'], (n: number | null) => (n === null ? null : isInt(n) ? n % 2 === 0 : error(`${n} is no whole number`))),
];
