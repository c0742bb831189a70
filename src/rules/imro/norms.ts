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

// A bound is a whole word: "max" in "maximaal" is not the abbreviation "max" (that read
// "maximaal bouwhoogte" as "maximum imaal bouwhoogte").
const BOUND = /^(maximum|maximale|maximaal|max\.?|minimum|minimale|minimaal|min\.?)(?=\s|$)\s*/i;
// IMRO writes a value outside its code list as "other: <the plan's own words>".
const OTHER = /^other\s*:\s*/i;
const UNIT_BRACKET = /\s*\(([^)]*)\)\s*$/;

/** A label's words without "other:" and without the unit in brackets: "maximaal bouwhoogte", "vrije tekst". */
export function normTerm(label: string): string {
  return label.trim().replace(/\s+/g, ' ').replace(OTHER, '').replace(UNIT_BRACKET, '');
}

/** The unit as the label writes it in brackets ("m", "m2", "stuks"), or null. */
const unitTextOf = (label: string): string | null => UNIT_BRACKET.exec(label.trim())?.[1]?.trim() || null;

export function parseNorm(label: string, raw: string): Norm {
  const text = label.trim().replace(/\s+/g, ' ');
  const term = normTerm(text);
  const boundMatch = BOUND.exec(term);
  const boundWord = (boundMatch?.[1] ?? '').toLowerCase();
  const bound = boundWord.startsWith('max') ? 'max' : boundWord.startsWith('min') ? 'min' : 'exact';
  const quantity = term.slice(boundMatch?.[0].length ?? 0).trim().toLowerCase();
  const unitText = (unitTextOf(text) ?? '').toLowerCase();
  let unit: NormUnit = unitText ? (UNITS[unitText] ?? null) : null;
  if (!unitText && /^aantal\b/.test(quantity)) unit = 'count';
  if (!unitText && /percentage$/.test(quantity)) unit = '%';
  return { label: text, bound, quantity, value: parseDutchNumber(raw), unit, raw: raw.trim() };
}

const UNIT_SHOWN: Record<string, string> = { m: ' m', meter: ' m', '%': '%', m2: ' m²', 'm²': ' m²', m3: ' m³', 'm³': ' m³', '°': '°' };

/**
 * A norm in one line, as the plan states it: its own words, the value as written and the
 * unit of its label: "maximum bouwhoogte 11 m", "maximaal bouwhoogte 9,5 m", "vrije tekst 370".
 */
export function describeNorm(n: Pick<Norm, 'label' | 'raw'>): string {
  const unitText = unitTextOf(n.label);
  const unit = unitText === null ? '' : (UNIT_SHOWN[unitText.toLowerCase()] ?? ` ${unitText}`);
  return `${normTerm(n.label)} ${n.raw}${n.raw ? unit : ''}`.trim();
}
