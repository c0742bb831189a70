import { standardSchema } from '../standard.js';

/**
 * Template rows in a published export: the rows a spreadsheet template carries above the
 * data (requirement flags, column labels, field descriptions) and rows that only repeat
 * the standard's examples. Each rule gives the reason shown in the import report.
 */
const FLAG_VALUES = new Set(['required', 'optional', 'recommended', 'verplicht', 'optioneel', 'aanbevolen']);

/** Column labels of the register's 0.2 template, as its second row shows them. */
const COLUMN_LABELS: Record<string, string> = {
  name: 'naam',
  organization: 'organisatie',
  department: 'afdeling',
  description_short: 'korte omschrijving',
  status: 'status',
  goal: 'doel',
  impact: 'impact',
  category: 'thema',
  lawful_basis: 'wettelijke grondslag',
};

const PLACEHOLDER = /^(lorem ipsum.*|voorbeeld|example|test|xxx+|tbd|todo|\.\.\.|-)$/i;

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;
/** An organisation or algorithm name is never a whole sentence of guidance. */
const isSentence = (s: string) => /[.?!]\s*$/.test(s.trim()) && words(s) >= 6;

export function templateRowReason(row: Record<string, unknown>): string | undefined {
  const values = Object.entries(row).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as Array<[string, string]>;
  if (values.length === 0) return 'empty row';
  if (values.every(([, v]) => FLAG_VALUES.has(v.trim().toLowerCase()))) return `requirement flags of the template (every value is one of ${[...FLAG_VALUES].slice(0, 3).join(', ')} or empty)`;
  const labels = values.filter(([k, v]) => COLUMN_LABELS[k] === v.trim().toLowerCase()).map(([k]) => k);
  if (labels.length >= 3) return `column labels of the template (${labels.slice(0, 3).join(', ')} hold their own column names)`;
  const org = typeof row.organization === 'string' ? row.organization : '';
  const name = typeof row.name === 'string' ? row.name : '';
  if (isSentence(org) || isSentence(name)) return 'field descriptions of the template (the name and organisation fields hold sentences of guidance)';
  const examples = Object.entries(standardSchema().properties)
    .filter(([k, p]) => typeof (p as { example?: unknown }).example === 'string' && row[k] === (p as { example?: string }).example)
    .map(([k]) => k);
  if (examples.length >= 2) return `example entry of the publication standard (${examples.join(', ')} equal its examples)`;
  if (PLACEHOLDER.test(name.trim()) || PLACEHOLDER.test(org.trim())) return `placeholder values ('${name || org}')`;
  if (!name.trim()) return 'no name: not an entry';
  if (!org.trim()) return 'no organisation: not an entry';
  return undefined;
}
