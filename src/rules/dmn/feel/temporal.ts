/**
 * FEEL temporal values. Own small types rather than luxon: FEEL needs years beyond
 * ±9999, local (zone-less) values, and separate years-months / days-time durations.
 */

const DAY = 86400;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm, works for any year). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [m <= 2 ? y + 1 : y, m, d];
}

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
export function isValidZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}
function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    zoneFormatters.set(zone, f);
  }
  return f;
}
/** Offset in seconds of an IANA zone at a UTC instant (epoch seconds). */
export function zoneOffsetAt(zone: string, epochSec: number): number {
  // Intl only covers years JS Date covers; clamp far years to the nearest representable.
  const clamped = Math.max(-8.64e12, Math.min(8.64e12, epochSec));
  const parts = zoneFormatter(zone).formatToParts(new Date(Math.floor(clamped) * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = daysFromCivil(year, get('month'), get('day')) * DAY + get('hour') * 3600 + get('minute') * 60 + get('second');
  return local - Math.floor(clamped);
}
/** Offset of a zone for a local wall-clock time (epoch seconds as if UTC). */
export function zoneOffsetForLocal(zone: string, localSec: number): number {
  let off = zoneOffsetAt(zone, localSec);
  off = zoneOffsetAt(zone, localSec - off);
  return off;
}

export class FeelDate {
  constructor(readonly year: number, readonly month: number, readonly day: number) {}
  get epochDays(): number {
    return daysFromCivil(this.year, this.month, this.day);
  }
  static fromDays(days: number): FeelDate {
    const [y, m, d] = civilFromDays(days);
    return new FeelDate(y, m, d);
  }
  toString(): string {
    return fmtDate(this.year, this.month, this.day);
  }
  toJSON(): string {
    return this.toString();
  }
}

export class FeelTime {
  constructor(
    readonly hour: number,
    readonly minute: number,
    /** With fraction. */
    readonly second: number,
    /** Seconds east of UTC, or null for a local time (also null when only a zone id is known). */
    readonly offset: number | null,
    readonly zone: string | null,
  ) {}
  get secondsOfDay(): number {
    return this.hour * 3600 + this.minute * 60 + this.second;
  }
  /** Offset used for arithmetic/comparison: explicit, else zone's current offset, else null. */
  effectiveOffset(): number | null {
    if (this.offset !== null) return this.offset;
    if (this.zone) return zoneOffsetAt(this.zone, Date.now() / 1000);
    return null;
  }
  toString(): string {
    return fmtTime(this.hour, this.minute, this.second) + fmtZone(this.offset, this.zone);
  }
  toJSON(): string {
    return this.toString();
  }
}

export class FeelDateTime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly offset: number | null,
    readonly zone: string | null,
  ) {}
  /** Local wall-clock as epoch seconds (as if UTC). */
  get localSeconds(): number {
    return daysFromCivil(this.year, this.month, this.day) * DAY + this.hour * 3600 + this.minute * 60 + this.second;
  }
  get hasZone(): boolean {
    return this.offset !== null || this.zone !== null;
  }
  /** Offset in seconds east of UTC; null for a local date-time. */
  effectiveOffset(): number | null {
    if (this.offset !== null) return this.offset;
    if (this.zone) return zoneOffsetForLocal(this.zone, this.localSeconds);
    return null;
  }
  /** UTC instant; a local value is read as UTC. */
  get instant(): number {
    return this.localSeconds - (this.effectiveOffset() ?? 0);
  }
  static fromLocal(localSec: number, offset: number | null, zone: string | null): FeelDateTime {
    const days = Math.floor(localSec / DAY);
    const [y, m, d] = civilFromDays(days);
    let rest = localSec - days * DAY;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const mi = Math.floor(rest / 60);
    const s = roundFrac(rest - mi * 60);
    return new FeelDateTime(y, m, d, h, mi, s, offset, zone);
  }
  /** Same zone/offset as this, at a new UTC instant. */
  withInstant(instant: number): FeelDateTime {
    if (this.zone) return FeelDateTime.fromLocal(instant + zoneOffsetAt(this.zone, instant), null, this.zone);
    const off = this.offset ?? 0;
    return FeelDateTime.fromLocal(instant + off, this.offset, null);
  }
  get date(): FeelDate {
    return new FeelDate(this.year, this.month, this.day);
  }
  get time(): FeelTime {
    return new FeelTime(this.hour, this.minute, this.second, this.offset, this.zone);
  }
  toString(): string {
    return `${fmtDate(this.year, this.month, this.day)}T${fmtTime(this.hour, this.minute, this.second)}${fmtZone(this.offset, this.zone)}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class YmDuration {
  constructor(readonly months: number) {}
  toString(): string {
    const m = Math.abs(this.months);
    const y = Math.floor(m / 12);
    const r = m % 12;
    if (m === 0) return 'P0M';
    return `${this.months < 0 ? '-' : ''}P${y ? `${y}Y` : ''}${r ? `${r}M` : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class DtDuration {
  constructor(readonly seconds: number) {}
  toString(): string {
    let s = Math.abs(this.seconds);
    if (s === 0) return 'PT0S';
    const d = Math.floor(s / DAY);
    s -= d * DAY;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s = roundFrac(s - m * 60);
    let out = `${this.seconds < 0 ? '-' : ''}P${d ? `${d}D` : ''}`;
    if (h || m || s) out += `T${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${fmtSec(s)}S` : ''}`;
    return out;
  }
  toJSON(): string {
    return this.toString();
  }
}

const roundFrac = (s: number): number => Math.round(s * 1e9) / 1e9;
const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');
function fmtSec(s: number): string {
  const int = Math.floor(s);
  const frac = roundFrac(s - int);
  return frac ? String(int) + String(frac).slice(1) : String(int);
}
function fmtDate(y: number, m: number, d: number): string {
  return `${y < 0 ? '-' : ''}${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}
function fmtTime(h: number, m: number, s: number): string {
  const int = Math.floor(s);
  const frac = roundFrac(s - int);
  return `${pad(h)}:${pad(m)}:${pad(int)}${frac ? String(frac).slice(1) : ''}`;
}
function fmtZone(offset: number | null, zone: string | null): string {
  if (zone) return `@${zone}`;
  if (offset === null) return '';
  if (offset === 0) return 'Z';
  const a = Math.abs(offset);
  const secs = a % 60;
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}${secs ? `:${pad(secs)}` : ''}`;
}

const DATE_RE = /^(-?\d{4,9})-(\d\d)-(\d\d)$/;
const TIME_RE = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(?:(Z|z)|([+-])(\d\d):(\d\d)(?::(\d\d))?|@(.+))?$/;

export function parseDate(s: string): FeelDate | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (m[1]!.replace('-', '').length > 4 && m[1]!.replace('-', '')[0] === '0') return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return new FeelDate(y, mo, d);
}

export function parseTime(s: string): FeelTime | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3]) + (m[4] ? Number(`0${m[4]}`) : 0);
  if (h > 24 || mi > 59 || sec >= 60 || (h === 24 && (mi || sec))) return null;
  let offset: number | null = null;
  let zone: string | null = null;
  if (m[5]) offset = 0;
  else if (m[6]) {
    const oh = Number(m[7]);
    const om = Number(m[8]);
    if (oh > 14 || om > 59) return null;
    offset = (m[6] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + Number(m[9] ?? 0));
  } else if (m[10]) {
    zone = m[10];
    if (!isValidZone(zone)) return null;
  }
  return new FeelTime(h === 24 ? 0 : h, mi, sec, offset, zone);
}

export function parseDateTime(s: string): FeelDateTime | null {
  const t = s.indexOf('T');
  if (t < 0) {
    const d = parseDate(s);
    return d ? new FeelDateTime(d.year, d.month, d.day, 0, 0, 0, null, null) : null;
  }
  const d = parseDate(s.slice(0, t));
  const tm = parseTime(s.slice(t + 1));
  if (!d || !tm) return null;
  const is24 = /^24:/.test(s.slice(t + 1));
  const dt = new FeelDateTime(d.year, d.month, d.day, tm.hour, tm.minute, tm.second, tm.offset, tm.zone);
  return is24 ? FeelDateTime.fromLocal(dt.localSeconds + DAY, dt.offset, dt.zone) : dt;
}

const DUR_RE = /^(-)?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?)?$/;

/** Parses an ISO 8601 duration into the FEEL kind it denotes (Y/M → years-months, else days-time). */
export function parseDuration(s: string): YmDuration | DtDuration | null {
  const m = DUR_RE.exec(s);
  if (!m) return null;
  const sign = m[1] ? -1 : 1;
  const hasYm = m[2] !== undefined || m[3] !== undefined;
  const hasDt = m[4] !== undefined || m[5] !== undefined || m[6] !== undefined || m[7] !== undefined;
  if (hasYm && hasDt) return null;
  if (hasYm) return new YmDuration(sign * (Number(m[2] ?? 0) * 12 + Number(m[3] ?? 0)) + 0);
  const secs = Number(m[4] ?? 0) * DAY + Number(m[5] ?? 0) * 3600 + Number(m[6] ?? 0) * 60 + Number(m[7] ?? 0);
  return new DtDuration(sign * secs + 0);
}
