/**
 * Estimate of Delta T = TT - UT (seconds). The SPA takes Delta T as input; for planning
 * studies of present and future years an estimate is enough: 1 s of Delta T moves the
 * Sun by about 0.004 deg along its daily track.
 * 1990-2025: IERS observed values (rounded, yearly); afterwards held near the recent
 * level with a slow rise (the Earth's rotation has been speeding up since 2016, so the
 * long-term Espenak-Meeus parabola overshoots); before 1990: Espenak-Meeus polynomials.
 */
const OBSERVED: readonly (readonly [number, number])[] = [
  [1990, 56.9], [1995, 60.8], [2000, 63.8], [2005, 64.7], [2010, 66.1],
  [2015, 67.6], [2017, 68.6], [2020, 69.4], [2022, 69.2], [2025, 69.1],
];

export function estimateDeltaT(decimalYear: number): number {
  const first = OBSERVED[0]!;
  const last = OBSERVED[OBSERVED.length - 1]!;
  if (decimalYear >= last[0]) return last[1] + 0.1 * (decimalYear - last[0]);
  if (decimalYear >= first[0]) {
    for (let i = 1; i < OBSERVED.length; i++) {
      const [y1, v1] = OBSERVED[i]!;
      const [y0, v0] = OBSERVED[i - 1]!;
      if (decimalYear <= y1) return v0 + ((v1 - v0) * (decimalYear - y0)) / (y1 - y0);
    }
  }
  if (decimalYear >= 1961) {
    const t = decimalYear - 1975;
    return 45.45 + 1.067 * t - (t * t) / 260 - (t * t * t) / 718;
  }
  // Outside the range that planning needs: the long-term parabola of Morrison & Stephenson.
  const u = (decimalYear - 1820) / 100;
  return -20 + 32 * u * u;
}
