
/**
 * Laws and regulations the export cites as legal basis, recognised by name. Each becomes
 * a mandate of kind wet-of-regeling (example: false: the export states it). Links point
 * at the official texts (wetten.overheid.nl BWB ids, EUR-Lex ELI) where we know them;
 * lower regulations are based on the law they implement.
 */
/** The fields of a governance mandate input we set (governance validates the rest). */
export interface MandateInput {
  id: string;
  kind: 'wet-of-regeling';
  title: string;
  decidedBy: { name: string; elected: boolean; organisationId?: string };
  ownerId: string;
  example: boolean;
  link?: string;
  basedOn?: string;
}

export interface LawDefinition {
  id: string;
  title: string;
  pattern: RegExp;
  link?: string;
  basedOn?: string;
  decidedBy: { name: string; elected: boolean };
}

const PARLIAMENT = { name: 'Staten-Generaal (wetgever)', elected: true };
const GOVERNMENT = { name: 'Regering (Kroon of minister)', elected: false };
const wetten = (bwb: string) => `https://wetten.overheid.nl/${bwb}`;

export const LAWS: readonly LawDefinition[] = [
  { id: 'wet-gemeentewet', title: 'Gemeentewet', pattern: /\bgemeentewet\b/i, link: wetten('BWBR0005416'), decidedBy: PARLIAMENT },
  { id: 'wet-wegenverkeerswet-1994', title: 'Wegenverkeerswet 1994', pattern: /\bwegenverkeerswet\b/i, link: wetten('BWBR0006622'), decidedBy: PARLIAMENT },
  { id: 'wet-brp', title: 'Wet basisregistratie personen', pattern: /\bwet\s+brp\b|\bwet basisregistratie personen\b/i, link: wetten('BWBR0033715'), decidedBy: PARLIAMENT },
  { id: 'besluit-brp', title: 'Besluit basisregistratie personen', pattern: /\bbesluit\s+brp\b/i, basedOn: 'wet-brp', decidedBy: GOVERNMENT },
  { id: 'wet-paspoortwet', title: 'Paspoortwet', pattern: /\bpaspoortwet\b/i, link: wetten('BWBR0005212'), decidedBy: PARLIAMENT },
  { id: 'paspoortbesluit', title: 'Paspoortbesluit', pattern: /\bpaspoortbesluit\b/i, basedOn: 'wet-paspoortwet', decidedBy: GOVERNMENT },
  { id: 'paspoortuitvoeringsregeling', title: 'Paspoortuitvoeringsregelingen', pattern: /\bpaspoortuitvoeringsregeling/i, basedOn: 'wet-paspoortwet', decidedBy: GOVERNMENT },
  { id: 'wet-participatiewet', title: 'Participatiewet', pattern: /\bparticipatiewet\b/i, link: wetten('BWBR0015703'), decidedBy: PARLIAMENT },
  { id: 'wet-suwi', title: 'Wet structuur uitvoeringsorganisatie werk en inkomen (Wet SUWI)', pattern: /\bwet\s+suwi\b/i, link: wetten('BWBR0013060'), decidedBy: PARLIAMENT },
  { id: 'wet-bijstandswet', title: 'Bijstandswet (zo genoemd in de bron; opgevolgd door de Participatiewet)', pattern: /\bbijstandswet\b/i, decidedBy: PARLIAMENT },
  { id: 'wet-jeugdwet', title: 'Jeugdwet', pattern: /\bjeugdwet\b/i, link: wetten('BWBR0034925'), decidedBy: PARLIAMENT },
  { id: 'wet-wmo-2015', title: 'Wet maatschappelijke ondersteuning 2015', pattern: /\bwmo\b|\bwet maatschappelijke ondersteuning\b/i, link: wetten('BWBR0035362'), decidedBy: PARLIAMENT },
  { id: 'wet-kieswet', title: 'Kieswet', pattern: /\bkieswet\b/i, link: wetten('BWBR0004627'), decidedBy: PARLIAMENT },
  { id: 'wet-woz', title: 'Wet waardering onroerende zaken', pattern: /\bwet\s+woz\b|\bwet waardering onroerende zaken\b/i, link: wetten('BWBR0007119'), decidedBy: PARLIAMENT },
  { id: 'wet-bag', title: 'Wet basisregistraties adressen en gebouwen', pattern: /\bwet\s+bag\b/i, link: wetten('BWBR0023466'), decidedBy: PARLIAMENT },
  { id: 'wet-leerplichtwet-1969', title: 'Leerplichtwet 1969', pattern: /\bleerplichtwet\b/i, link: wetten('BWBR0002628'), decidedBy: PARLIAMENT },
  { id: 'wet-uavg', title: 'Uitvoeringswet Algemene verordening gegevensbescherming', pattern: /\buavg\b|\buitvoeringswet avg\b/i, link: wetten('BWBR0040940'), decidedBy: PARLIAMENT },
  { id: 'eu-verordening-2252-2004', title: 'Verordening (EG) nr. 2252/2004 (biometrie in paspoorten)', pattern: /\b2252\/2004\b/, link: 'https://eur-lex.europa.eu/eli/reg/2004/2252/oj', decidedBy: { name: 'Raad van de Europese Unie', elected: false } },
  { id: 'eu-verordening-2019-1157', title: 'Verordening (EU) 2019/1157 (beveiliging identiteitskaarten)', pattern: /\b2019\/1157\b/, link: 'https://eur-lex.europa.eu/eli/reg/2019/1157/oj', decidedBy: { name: 'Europees Parlement en Raad van de Europese Unie', elected: true } },
];

/** Municipal regulations named without a law title; they belong to the entry's municipality. */
const MUNICIPAL: Array<{ key: string; title: string; pattern: RegExp }> = [
  { key: 'apv', title: 'Algemene Plaatselijke Verordening', pattern: /\bAPV\b|\balgemene plaatselijke verordening\b/ },
  { key: 'afvalstoffenverordening', title: 'Afvalstoffenverordening', pattern: /\bafvalstoffenverordening\b/i },
];

/** Text that says outright that there is no legal basis, or only that there "should" be one. */
const DENIAL = /\bgeen (wettelijke |juridische )?grondslag\b/i;
const HEDGE = /\bzou moeten\b/i;

export interface CitedBasis {
  mandates: MandateInput[];
  /** Why no mandate was linked, when none was. */
  reason?: string;
}

export function citedBasis(text: string, organisation: { id: string; name: string; kind?: string }, ownerOfLaws: string): CitedBasis {
  const t = text.trim();
  if (!t) return { mandates: [], reason: 'the export gives no legal basis' };
  if (DENIAL.test(t)) return { mandates: [], reason: 'the export states there is no legal basis' };
  if (HEDGE.test(t)) return { mandates: [], reason: 'the export only says what the legal basis should be' };
  const found = new Map<string, MandateInput>();
  const add = (law: LawDefinition) => {
    if (found.has(law.id)) return;
    if (law.basedOn) {
      const parent = LAWS.find((l) => l.id === law.basedOn);
      if (parent) add(parent);
    }
    const m: MandateInput = { id: law.id, kind: 'wet-of-regeling', title: law.title, decidedBy: law.decidedBy, ownerId: ownerOfLaws, example: false };
    if (law.link) m.link = law.link;
    if (law.basedOn) m.basedOn = law.basedOn;
    found.set(law.id, m);
  };
  for (const law of LAWS) if (law.pattern.test(t)) add(law);
  if (organisation.kind === 'gemeente') {
    const place = organisation.name.replace(/^gemeente\s+/i, '');
    for (const reg of MUNICIPAL) {
      if (!reg.pattern.test(t)) continue;
      const id = `${reg.key}-${organisation.id}`.slice(0, 63);
      found.set(id, {
        id,
        kind: 'wet-of-regeling',
        title: `${reg.title} ${place}`,
        decidedBy: { name: `Gemeenteraad van ${place}`, elected: true, organisationId: organisation.id },
        ownerId: organisation.id,
        example: false,
      });
    }
  }
  if (found.size === 0) return { mandates: [], reason: 'the legal basis names no law or regulation we recognise' };
  return { mandates: [...found.values()] };
}

/** The mandates an entry rests on directly: the cited laws themselves, not the parents added for their chains. */
export function directMandateIds(text: string, basis: CitedBasis): string[] {
  return basis.mandates.filter((m) => !LAWS.some((l) => l.id === m.id) || LAWS.find((l) => l.id === m.id)!.pattern.test(text)).map((m) => m.id);
}
