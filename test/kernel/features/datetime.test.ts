import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectsInterval, parseDatetime } from '../../../src/kernel/features/index.js';

const MIN = Date.UTC(1800, 0, 1);
const MAX = Date.UTC(2200, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((t) => Math.floor(t / 1000) * 1000);
/** An instant written in RFC 3339 with a random offset; the same moment whatever the offset. */
const written = instant.chain((t) =>
  fc.integer({ min: -12 * 60, max: 14 * 60 }).map((off) => {
    const local = new Date(t + off * 60_000).toISOString().slice(0, 19);
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    return { t, text: off === 0 ? `${local}Z` : `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}` };
  }),
);
const openEnd = fc.constantFrom('', '..');

describe('datetime parameter (OGC API Features /req/core/fc-time-response)', () => {
  it('reads an instant in any offset as that moment', () => {
    fc.assert(
      fc.property(written, ({ t, text }) => {
        expect(parseDatetime(text)).toEqual({ interval: { start: t, end: t } });
      }),
    );
  });

  it('reads closed and half-bounded intervals, with .. or an empty side', () => {
    fc.assert(
      fc.property(written, written, openEnd, ({ t: a, text: ta }, { t: b, text: tb }, open) => {
        const [lo, hi] = a <= b ? [ta, tb] : [tb, ta];
        expect(parseDatetime(`${lo}/${hi}`)).toEqual({ interval: { start: Math.min(a, b), end: Math.max(a, b) } });
        expect(parseDatetime(`${ta}/${open}`)).toEqual({ interval: { start: a, end: null } });
        expect(parseDatetime(`${open}/${ta}`)).toEqual({ interval: { start: null, end: a } });
      }),
    );
  });

  it('takes a date alone as the whole day', () => {
    expect(parseDatetime('2024-02-29')).toEqual({ interval: { start: Date.UTC(2024, 1, 29), end: Date.UTC(2024, 2, 1) - 1 } });
    expect(parseDatetime('2024-01-01/2024-01-31')).toEqual({ interval: { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 1, 1) - 1 } });
  });

  it.each([
    ['', 'empty'],
    ['..', 'open on both sides'],
    ['../..', 'open on both sides'],
    ['/', 'open on both sides'],
    ['2024-02-30T00:00:00Z', 'no such day'],
    ['2023-02-29', 'no such day'],
    ['2024-01-01T24:00:00Z', 'no such hour'],
    ['2024-01-01T12:00:00', 'no offset'],
    ['2024-01-01T00:00:00Z/2023-01-01T00:00:00Z', 'ends before it starts'],
    ['2024-01-01T00:00:00Z/2024-02-01T00:00:00Z/2024-03-01T00:00:00Z', 'two slashes'],
    ['yesterday', 'not a date'],
    ['P1D', 'a duration'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDatetime(text)).toHaveProperty('error');
  });

  it('intersects as a scan of instants does, ends included', () => {
    const side = fc.option(fc.integer({ min: 0, max: 20 }), { nil: null });
    fc.assert(
      fc.property(side, side, side, side, (qs, qe, from, to) => {
        fc.pre((qs === null || qe === null || qs <= qe) && (from === null || to === null || from <= to));
        const inQ = (t: number) => (qs === null || t >= qs) && (qe === null || t <= qe);
        const inF = (t: number) => (from === null || t >= from) && (to === null || t <= to);
        // Unbounded sides reach past the 0..20 range scanned here.
        let scan = false;
        for (let t = -1; t <= 21; t++) if (inQ(t) && inF(t)) scan = true;
        expect(intersectsInterval({ start: qs, end: qe }, from, to)).toBe(scan);
      }),
    );
  });
});
