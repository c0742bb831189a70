import type { ProcessingRecord } from './model.js';

const COLUMNS: Array<[string, (r: ProcessingRecord) => string | string[]]> = [
  ['id', (r) => r.id],
  ['naam', (r) => r.name],
  ['verwerkingsverantwoordelijke', (r) => r.controller.name],
  ['verwerkingsverantwoordelijke_id', (r) => r.controller.id],
  ['persoonsgegevens', (r) => r.personalData],
  ['doeleinden', (r) => r.purposes],
  ['categorieen_betrokkenen', (r) => r.dataSubjects],
  ['categorieen_persoonsgegevens', (r) => r.dataCategories],
  ['ontvangers', (r) => r.recipients],
  ['doorgifte_buiten_eer', (r) => r.internationalTransfers],
  ['bewaartermijn', (r) => r.retention],
  ['rechtsgrond', (r) => r.legalBasis],
  ['beveiligingsmaatregelen', (r) => r.securityMeasures],
  ['mandaten', (r) => r.mandateIds],
  ['bron', (r) => r.source],
];

/**
 * RFC 4180 cell. Lists are joined with " | ". A cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, so a spreadsheet does not run it as a formula.
 */
export function csvCell(value: string | string[]): string {
  let s = Array.isArray(value) ? value.join(' | ') : value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = (): string => COLUMNS.map(([name]) => name).join(',') + '\r\n';
export const csvRow = (r: ProcessingRecord): string => COLUMNS.map(([, get]) => csvCell(get(r))).join(',') + '\r\n';
