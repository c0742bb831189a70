import { DtDuration, FeelDate, FeelDateTime, FeelTime, YmDuration } from './temporal.js';
import { FeelRange, isContext } from './values.js';

const DATE_PROPS = new Set(['year', 'month', 'day']);
const TIME_PROPS: Record<string, (v: FeelTime | FeelDateTime) => unknown> = {
  hour: (v) => v.hour,
  minute: (v) => v.minute,
  second: (v) => Math.floor(v.second),
  'time offset': (v) => (v.offset === null ? null : new DtDuration(v.offset)),
  timezone: (v) => v.zone ?? null,
};

function durationProp(obj: YmDuration | DtDuration, key: string): unknown {
  if (obj instanceof YmDuration) {
    const sign = obj.months < 0 ? -1 : 1;
    if (key === 'years') return sign * Math.floor(Math.abs(obj.months) / 12) + 0;
    if (key === 'months') return sign * (Math.abs(obj.months) % 12) + 0;
    return null;
  }
  const a = Math.abs(obj.seconds);
  const sign = obj.seconds < 0 ? -1 : 1;
  switch (key) {
    case 'days': return sign * Math.floor(a / 86400) + 0;
    case 'hours': return sign * Math.floor((a % 86400) / 3600) + 0;
    case 'minutes': return sign * Math.floor((a % 3600) / 60) + 0;
    case 'seconds': return sign * Math.floor(a % 60) + 0;
  }
  return null;
}

const RANGE_PROPS: Record<string, (r: FeelRange) => unknown> = {
  start: (r) => r.start,
  end: (r) => r.end,
  'start included': (r) => r.startIncluded,
  'end included': (r) => r.endIncluded,
};

/** `obj.key`: a context entry, a property of a date, time, duration or range; over a list, per item. */
export function pathGet(obj: unknown, key: string): unknown {
  if (obj === null || obj === undefined) return null;
  if (Array.isArray(obj)) return obj.map((x) => pathGet(x, key));
  if (isContext(obj)) return key in obj ? (obj[key] ?? null) : null;
  if (obj instanceof FeelDate || obj instanceof FeelDateTime) {
    if (key === 'weekday') {
      const days = obj instanceof FeelDate ? obj.epochDays : Math.floor(obj.localSeconds / 86400);
      return ((((days + 3) % 7) + 7) % 7) + 1;
    }
    if (DATE_PROPS.has(key)) return obj[key as 'year' | 'month' | 'day'];
    if (obj instanceof FeelDate) return null;
  }
  if (obj instanceof FeelDateTime || obj instanceof FeelTime) return TIME_PROPS[key]?.(obj) ?? null;
  if (obj instanceof YmDuration || obj instanceof DtDuration) return durationProp(obj, key);
  if (obj instanceof FeelRange) return RANGE_PROPS[key]?.(obj) ?? null;
  return null;
}
