/** Dutch wall-clock time (Europe/Amsterdam, CET/CEST) to and from UTC instants. */
const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function wallOf(instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of FORMAT.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
}

/** The UTC instant at which clocks in the Netherlands show `date` (YYYY-MM-DD) and `minutes` after midnight. */
export function dutchTimeToUtc(date: string, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, 0, minutes);
  let guess = wall - 3_600_000;
  for (let i = 0; i < 2; i++) guess += wall - wallOf(guess);
  return new Date(guess);
}

export const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Today's date in the Netherlands, YYYY-MM-DD. */
export function dutchToday(): string {
  const w = new Date(wallOf(Date.now()));
  return w.toISOString().slice(0, 10);
}
