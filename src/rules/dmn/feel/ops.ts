import { DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration, daysInMonth } from './temporal.js';

const DAY = 86400;

export function addMonths(dt: FeelDateTime, months: number): FeelDateTime {
  const total = dt.year * 12 + (dt.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const d = Math.min(dt.day, daysInMonth(y, m));
  return new FeelDateTime(y, m, d, dt.hour, dt.minute, dt.second, dt.offset, dt.zone);
}

const dateAsDateTime = (d: FeelDate): FeelDateTime => new FeelDateTime(d.year, d.month, d.day, 0, 0, 0, null, null);
/** Against a date and time, a date is midnight UTC (TCK 0100: a local date and time minus a date is an error). */
const dateAtUtc = (d: FeelDate): FeelDateTime => new FeelDateTime(d.year, d.month, d.day, 0, 0, 0, 0, null);

function addDt(dt: FeelDateTime, secs: number): FeelDateTime {
  if (dt.zone) return dt.withInstant(dt.instant + secs);
  return FeelDateTime.fromLocal(dt.localSeconds + secs, dt.offset, dt.zone);
}

function addTime(t: FeelTime, secs: number): FeelTime {
  let s = (t.secondsOfDay + secs) % DAY;
  if (s < 0) s += DAY;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  return new FeelTime(h, m, Math.round((s - h * 3600 - m * 60) * 1e9) / 1e9, t.offset, t.zone);
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a + b);
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof YmDuration && b instanceof YmDuration) return new YmDuration(a.months + b.months);
  if (a instanceof DtDuration && b instanceof DtDuration) return new DtDuration(a.seconds + b.seconds);
  if (b instanceof FeelDateTime || b instanceof FeelDate || b instanceof FeelTime) {
    if (a instanceof YmDuration || a instanceof DtDuration) return add(b, a);
    return null;
  }
  if (a instanceof FeelDateTime) {
    if (b instanceof YmDuration) return addMonths(a, b.months);
    if (b instanceof DtDuration) return addDt(a, b.seconds);
    return null;
  }
  if (a instanceof FeelDate) {
    if (b instanceof YmDuration) return addMonths(dateAsDateTime(a), b.months).date;
    if (b instanceof DtDuration) return FeelDateTime.fromLocal(dateAsDateTime(a).localSeconds + b.seconds, null, null).date;
    return null;
  }
  if (a instanceof FeelTime) {
    if (b instanceof DtDuration) return addTime(a, b.seconds);
    return null;
  }
  return null;
}

export function subtract(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a - b);
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (a instanceof YmDuration && b instanceof YmDuration) return new YmDuration(a.months - b.months);
  if (a instanceof DtDuration && b instanceof DtDuration) return new DtDuration(a.seconds - b.seconds);
  if (a instanceof FeelDateTime || a instanceof FeelDate) {
    const mixed = (a instanceof FeelDate) !== (b instanceof FeelDate);
    const asDateTime = mixed ? dateAtUtc : dateAsDateTime;
    const x = a instanceof FeelDate ? asDateTime(a) : a;
    if (b instanceof FeelDateTime || b instanceof FeelDate) {
      const y = b instanceof FeelDate ? asDateTime(b) : b;
      if (x.hasZone !== y.hasZone) return null;
      return new DtDuration(Math.round((x.instant - y.instant) * 1e9) / 1e9);
    }
    if (b instanceof YmDuration) return add(a, new YmDuration(-b.months));
    if (b instanceof DtDuration) return add(a, new DtDuration(-b.seconds));
    return null;
  }
  if (a instanceof FeelTime) {
    if (b instanceof FeelTime) {
      const oa = a.effectiveOffset();
      const ob = b.effectiveOffset();
      if ((oa === null) !== (ob === null)) return null;
      return new DtDuration(a.secondsOfDay - (oa ?? 0) - (b.secondsOfDay - (ob ?? 0)));
    }
    if (b instanceof DtDuration) return addTime(a, -b.seconds);
    return null;
  }
  return null;
}

export function multiply(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a * b);
  if (typeof a === 'number') {
    if (b instanceof YmDuration || b instanceof DtDuration) return multiply(b, a);
    return null;
  }
  if (typeof b !== 'number') return null;
  if (a instanceof YmDuration) return new YmDuration(Math.trunc(a.months * b));
  if (a instanceof DtDuration) return new DtDuration(Math.round(a.seconds * b * 1e9) / 1e9);
  return null;
}

export function divide(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? null : finite(a / b);
  if (a instanceof YmDuration) {
    if (typeof b === 'number') return b === 0 ? null : new YmDuration(Math.trunc(a.months / b));
    if (b instanceof YmDuration) return b.months === 0 ? null : a.months / b.months;
    return null;
  }
  if (a instanceof DtDuration) {
    if (typeof b === 'number') return b === 0 ? null : new DtDuration(Math.round((a.seconds / b) * 1e9) / 1e9);
    if (b instanceof DtDuration) return b.seconds === 0 ? null : a.seconds / b.seconds;
    return null;
  }
  return null;
}

export function power(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a ** b);
  return null;
}

export function negate(a: unknown): unknown {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  if (a instanceof YmDuration) return new YmDuration(-a.months + 0);
  if (a instanceof DtDuration) return new DtDuration(-a.seconds + 0);
  return null;
}
