import { createOrganisation, getOrganisation, listOrganisations, slugify, type Organisation } from '../../../governance/index.js';
import type { Queryable } from '../../../kernel/storage/port.js';

/**
 * How an export's organisation name becomes a governance organisation:
 *
 * 1. Expand the ministries' usual abbreviations ("Ministerie BZK" → "Ministerie van
 *    Binnenlandse Zaken en Koninkrijksrelaties"), the form the standard asks for (TOOI name).
 * 2. Match the (expanded) name against existing organisations, ignoring case, accents and
 *    spacing; then against the id we would give it ("gemeente-utrecht", "ministerie-bzk").
 * 3. Otherwise create it: kind inferred from the name ("Gemeente …" → gemeente,
 *    "Ministerie …" → rijk, "Provincie …" → provincie, "Waterschap/Hoogheemraadschap …" →
 *    waterschap), example: false, no OIN (the export has none and we do not invent one).
 *    A name whose kind cannot be inferred is not created; its rows are skipped.
 */
const MINISTRIES: Record<string, string> = {
  AZ: 'Algemene Zaken',
  BZ: 'Buitenlandse Zaken',
  BZK: 'Binnenlandse Zaken en Koninkrijksrelaties',
  DEF: 'Defensie',
  EZK: 'Economische Zaken en Klimaat',
  FIN: 'Financiën',
  IENW: 'Infrastructuur en Waterstaat',
  JENV: 'Justitie en Veiligheid',
  LNV: 'Landbouw, Natuur en Voedselkwaliteit',
  OCW: 'Onderwijs, Cultuur en Wetenschap',
  SZW: 'Sociale Zaken en Werkgelegenheid',
  VWS: 'Volksgezondheid, Welzijn en Sport',
};

const KINDS: Array<[RegExp, Organisation['kind']]> = [
  [/^gemeente\b/i, 'gemeente'],
  [/^ministerie\b/i, 'rijk'],
  [/^provincie\b/i, 'provincie'],
  [/^(waterschap|hoogheemraadschap)\b/i, 'waterschap'],
];

export const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export interface ResolvedOrganisation {
  exportName: string;
  organisationId?: string;
  name?: string;
  how: 'matched-name' | 'matched-id' | 'created' | 'unresolved';
  kind?: Organisation['kind'];
  reason?: string;
}

/** The expanded full name and the id we would give the organisation. */
export function canonicalOrganisation(exportName: string): { name: string; id: string; kind?: Organisation['kind'] } {
  const trimmed = exportName.trim().replace(/\s+/g, ' ');
  const abbr = /^ministerie\s+(?:van\s+)?([A-Za-z&]+)$/i.exec(trimmed)?.[1]?.toUpperCase().replace('&', 'EN');
  const ministry = abbr ? MINISTRIES[abbr] : undefined;
  const name = ministry ? `Ministerie van ${ministry}` : trimmed;
  const id = ministry ? `ministerie-${abbr!.toLowerCase()}` : slugify(name);
  const kind = KINDS.find(([re]) => re.test(name))?.[1];
  return kind ? { name, id, kind } : { name, id };
}

export class OrganisationResolver {
  private byName?: Map<string, Organisation>;
  private readonly resolved = new Map<string, ResolvedOrganisation>();

  constructor(private readonly db: Queryable) {}

  private async index(): Promise<Map<string, Organisation>> {
    if (this.byName) return this.byName;
    const map = new Map<string, Organisation>();
    for (let offset = 0; ; offset += 200) {
      const { items } = await listOrganisations(this.db, 200, offset);
      for (const o of items) map.set(fold(o.name), o);
      if (items.length < 200) break;
    }
    return (this.byName = map);
  }

  async resolve(exportName: string): Promise<ResolvedOrganisation> {
    const cached = this.resolved.get(exportName);
    if (cached) return cached;
    const c = canonicalOrganisation(exportName);
    const index = await this.index();
    let r: ResolvedOrganisation;
    const byName = index.get(fold(c.name)) ?? index.get(fold(exportName));
    const byId = byName ? undefined : await getOrganisation(this.db, c.id);
    if (byName) r = { exportName, organisationId: byName.id, name: byName.name, how: 'matched-name', kind: byName.kind };
    else if (byId) r = { exportName, organisationId: byId.id, name: byId.name, how: 'matched-id', kind: byId.kind };
    else if (c.kind) {
      const org = await createOrganisation(this.db, { id: c.id, name: c.name, kind: c.kind, example: false });
      index.set(fold(org.name), org);
      r = { exportName, organisationId: org.id, name: org.name, how: 'created', kind: org.kind };
    } else r = { exportName, how: 'unresolved', reason: `cannot infer what kind of organisation '${exportName}' is (not a gemeente, ministerie, provincie or waterschap)` };
    this.resolved.set(exportName, r);
    return r;
  }

  all(): ResolvedOrganisation[] {
    return [...this.resolved.values()];
  }
}
