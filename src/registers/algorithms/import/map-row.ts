import { STANDARD_VERSION, STATUSES, standardSchema, validateFields, type StandardEntry } from '../standard.js';
import { checkEncoding } from './encoding.js';

/**
 * Maps one row of the register's 0.2 export ("Metadatastandaard 0.2") onto the fields of
 * publication standard 1.0. Fields 1.0 requires but 0.2 did not have (start_date,
 * publication_category, supplier) stay missing: they are listed, never invented.
 */
export type ExportRow = Record<string, unknown>;

/** 0.2 fields with no place in 1.0; named once in the import report. */
export const UNMAPPED_02_FIELDS = ['department', 'decision_making_process', 'documentation', 'application_url', 'MPRD', 'performance_standard', 'competent_authority', 'objection_procedure', 'area', 'lang', 'revision_date'];

export interface MappedRow {
  standard: StandardEntry;
  missing: string[];
  repairs: Array<{ field: string; from: string; to: string }>;
  encodingIssues: Array<{ field: string; count: number; sample: string }>;
  shortened: Array<{ field: string; from: number; to: number }>;
  /** Field problems the 1.0 schema still found; the field is then left out. */
  dropped: Array<{ field: string; reason: string }>;
}

const URI = /^https?:\/\/\S+$/i;

/** Cuts at the last sentence end (else word) that fits, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const sentence = Math.max(room.lastIndexOf('. '), room.lastIndexOf('.\n'));
  const cut = sentence > max * 0.5 ? sentence + 1 : Math.max(room.lastIndexOf(' '), max * 0.5);
  return `${room.slice(0, cut).trimEnd()}…`;
}

export function mapRow(row: ExportRow, organisationName: string): MappedRow {
  const out: MappedRow = { standard: {}, missing: [], repairs: [], encodingIssues: [], shortened: [], dropped: [] };
  const fields = standardSchema().properties;
  // Every text value goes through the encoding check once, under its source field name.
  const text = (field: string): string => {
    const raw = row[field];
    if (typeof raw !== 'string') return '';
    const check = checkEncoding(raw.trim());
    for (const r of check.repairs) out.repairs.push({ field, ...r });
    if (check.replacementCharacters) out.encodingIssues.push({ field, count: check.replacementCharacters, sample: check.sample ?? '' });
    return check.text;
  };
  const set = (field: string, value: string) => {
    if (!value) return;
    const max = fields[field]?.maxLength;
    const clipped = max !== undefined ? clip(value, max) : value;
    if (clipped !== value) out.shortened.push({ field, from: value.length, to: clipped.length });
    out.standard[field] = clipped;
  };
  const join = (...parts: Array<[string, string]>) =>
    parts
      .filter(([, v]) => v)
      .map(([label, v]) => (label ? `${label}: ${v}` : v))
      .join('\n\n');

  set('name', text('name'));
  set('description_short', text('description_short'));
  set('organization', organisationName);
  const theme = text('category');
  if (theme) out.standard.theme = [theme];
  const status = text('status');
  if ((STATUSES as readonly string[]).includes(status)) out.standard.status = status;
  set('contact', text('contact_email'));
  const website = text('website');
  if (URI.test(website)) out.standard.link = website;
  const url = text('url');
  if (URI.test(url)) out.standard.source_link = url;
  set('purpose_and_impact', join(['Doel', text('goal')], ['Impact', text('impact')]));
  set('considerations', text('proportionality'));
  set('human_intervention', text('human_intervention'));
  set('risk_management', join(['', text('risks')], ['Monitoring', text('monitoring')]));
  set('legal_basis', text('lawful_basis'));
  const dpia = text('DPIA');
  const iama = text('IAMA');
  set('impact_assessments', join(['DPIA', dpia], ['IAMA', iama]));
  set('impact_assessment_explanation', join(['DPIA', text('DPIA_description')], ['IAMA', text('IAMA_description')]));
  set('data', text('source_data'));
  set('technical_operation', join(['Type', text('type')], ['', text('description')], ['Methoden en modellen', text('methods_and_models')]));
  const code = text('publiccode');
  if (URI.test(code)) out.standard.source_code_link = code;
  const id = text('id');
  if (id) out.standard.source_id = id;
  out.standard.language = 'nld';
  out.standard.schema = STANDARD_VERSION;

  // Anything the 1.0 schema still rejects is left out and reported rather than stored wrong.
  for (const p of validateFields(out.standard)) {
    const field = p.name.replace(/^standard\./, '').split('.')[0]!;
    if (field in out.standard) {
      delete out.standard[field];
      out.dropped.push({ field, reason: p.reason });
    }
  }
  out.missing = standardSchema().required.filter((f) => out.standard[f] === undefined || out.standard[f] === '');
  return out;
}
