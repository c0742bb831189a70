import { PREFIXES } from './dcat/ns.js';
import type { DefaultedField, DroppedValue } from './dcat/node-reader.js';
import type { HarvestReport } from './harvest.js';

/** Prefixes for reading a report; the JSON report keeps full URIs. */
const DISPLAY_PREFIXES: Array<[string, string]> = Object.entries({
  ...PREFIXES,
  dc: 'http://purl.org/dc/elements/1.1/',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'http://schema.org/',
  spdx: 'http://spdx.org/rdf/terms#',
  prov: 'http://www.w3.org/ns/prov#',
  dqv: 'http://www.w3.org/ns/dqv#',
  time: 'http://www.w3.org/2006/time#',
}).sort((a, b) => b[1].length - a[1].length);

export function compact(uri: string): string {
  for (const [p, ns] of DISPLAY_PREFIXES) if (uri.startsWith(ns) && /^[\w-]+$/.test(uri.slice(ns.length))) return `${p}:${uri.slice(ns.length)}`;
  return `<${uri}>`;
}

const value = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'none');
const defaults = (ds: readonly DefaultedField[]) => ds.map((d) => `${d.field} = ${value(d.value)} (${d.because})`).join('; ');
const drops = (ds: readonly DroppedValue[]) => ds.map((d) => `${compact(d.property)} ×${d.count}${d.reason ? ` (${d.reason})` : ''}`).join('; ');

/**
 * The harvest report as text for a terminal: what was created, then per dataset what was
 * kept, defaulted and dropped, then the dropped properties over the whole document.
 * `brief` leaves out the per-dataset lines of datasets written without defaults or drops.
 */
export function harvestReportText(report: HarvestReport, brief = false): string {
  const lines: string[] = [];
  const assumed = Object.entries(report.assumptions);
  if (assumed.length) lines.push(`Assumed: ${assumed.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const [what, created] of [['Organisations', report.organisations.created], ['Mandates', report.mandates.created]] as const) {
    if (!created.length) continue;
    lines.push(`${what} created: ${created.length}`);
    for (const c of created) lines.push(`  + ${c.id} ${JSON.stringify(c.name)}${c.uri ? ` <${c.uri}>` : ''}${c.defaulted.length ? ` — defaulted: ${defaults(c.defaulted)}` : ''}`);
  }
  lines.push(`Datasets: ${report.created} created, ${report.updated} updated, ${report.rejected.length} rejected`);
  for (const d of report.datasets) {
    if (d.state === 'rejected') {
      lines.push(`  rejected ${d.identifier}: ${(d.reasons ?? []).join('; ')}`);
      continue;
    }
    if (brief && d.defaulted.length === 0 && d.dropped.length === 0) continue;
    lines.push(`  ${d.state} ${d.id} (${d.identifier})`);
    if (!brief) lines.push(`    kept: ${d.kept.join(', ')}`);
    if (d.defaulted.length) lines.push(`    defaulted: ${defaults(d.defaulted)}`);
    if (d.dropped.length) lines.push(`    dropped: ${drops(d.dropped)}`);
  }
  const totals = Object.entries(report.dropped);
  if (totals.length) lines.push(`Dropped over the whole document: ${totals.map(([p, n]) => `${compact(p)} ×${n}`).join(', ')}`);
  return lines.join('\n') + '\n';
}
