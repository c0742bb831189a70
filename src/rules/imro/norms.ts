/**
 * Maatvoering values as typed norms: "maximum bouwhoogte (m)" with "11" becomes
 * { bound: 'max', quantity: 'bouwhoogte', value: 11, unit: 'm' }. IMRO writes the unit in
 * brackets after the name (m, %, m2, m3, °); counts ("aantal ...") have none.
 */
export type NormUnit = 'm' | '%' | 'm2' | 'm3' | 'deg' | 'count' | null;

export interface Norm {
  /** As written in the plan, e.g. "maximum bouwhoogte (m)". */
  label: string;
  bound: 'max' | 'min' | 'exact';
  /** Lower-case name without bound and unit, e.g. "bouwhoogte", "aantal wooneenheden". */
  quantity: string;
  /** Null when the value is not a number (then `raw` is all there is). */
  value: number | null;
  unit: NormUnit;
  raw: string;
}

const UNITS: Record<string, NormUnit> = {
  m: 'm',
  meter: 'm',
  '%': '%',
  m2: 'm2',
  'm²': 'm2',
  m3: 'm3',
  'm³': 'm3',
  '°': 'deg',
  graden: 'deg',
  'aantal': 'count',
};

/** Dutch numbers: "4,5" and "1.250" (thousands) as well as "4.5". */
export function parseDutchNumber(raw: string): number | null {
  let s = raw.trim().replace(/\s/g, '');
  if (s === '') return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export function parseNorm(label: string, raw: string): Norm {
  const text = label.trim().replace(/\s+/g, ' ');
  const m = /^(maximum|maximale|max\.?|minimum|minimale|min\.?)?\s*(.*?)\s*(?:\(([^)]*)\))?$/i.exec(text)!;
  const boundWord = (m[1] ?? '').toLowerCase();
  const bound = boundWord.startsWith('max') ? 'max' : boundWord.startsWith('min') ? 'min' : 'exact';
  const quantity = (m[2] ?? '').toLowerCase();
  const unitText = (m[3] ?? '').trim().toLowerCase();
  let unit: NormUnit = unitText ? (UNITS[unitText] ?? null) : null;
  if (!unitText && /^aantal\b/.test(quantity)) unit = 'count';
  if (!unitText && /percentage$/.test(quantity)) unit = '%';
  return { label: text, bound, quantity, value: parseDutchNumber(raw), unit, raw: raw.trim() };
}

/** A norm in one line for explanations: "maximum bouwhoogte 11 m". */
export function describeNorm(n: Norm): string {
  const unit = n.unit === 'count' || n.unit === null ? '' : n.unit === 'deg' ? '°' : n.unit === '%' ? '%' : ` ${n.unit}`;
  const bound = n.bound === 'max' ? 'maximum ' : n.bound === 'min' ? 'minimum ' : '';
  return `${bound}${n.quantity} ${n.value ?? n.raw}${unit}`.trim();
}
