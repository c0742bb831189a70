import type { Question } from './model.js';

/** The kinds of competent authority (bevoegd gezag) an IMOW identification names. */
export type AuthorityKind = 'gemeente' | 'provincie' | 'waterschap' | 'rijk';

export interface Authority {
  kind: AuthorityKind;
  /** The code as the identification writes it, e.g. "0345" for gemeente Veenendaal (gm0345). */
  code: string;
}

// IMOW identifications start with the authority's code: nl.imow-gm0345.gebied.x (gemeente),
// pv26 (provincie), ws0155 (waterschap), mnre1034 (a ministry: the Rijk).
const PREFIX: Array<[RegExp, AuthorityKind]> = [
  [/^gm(\d+)$/, 'gemeente'],
  [/^pv(\d+)$/, 'provincie'],
  [/^ws(\d+)$/, 'waterschap'],
  [/^mn([a-z]*\d+)$/, 'rijk'],
];

/** The authority whose rules an IMOW area belongs to, or null when the id does not say. */
export function authorityOf(areaId: string | null): Authority | null {
  const m = /^nl\.imow-([a-z]+\d+)\./i.exec(areaId ?? '');
  if (!m) return null;
  const code = m[1]!.toLowerCase();
  for (const [re, kind] of PREFIX) {
    const hit = re.exec(code);
    if (hit) return { kind, code: hit[1]! };
  }
  return null;
}

/** Answers to a location question: the place lies inside, outside or partly inside the area. */
export const LOCATION_ANSWERS = { inside: 'ja', outside: 'nee', partly: 'deels' } as const;

/** A location question with where its answer puts the place. */
export interface LocationFinding {
  questionId: string;
  question: string;
  area: string | null;
  authority: Authority | null;
}

export const findingOf = (q: Question): LocationFinding => ({ questionId: q.id, question: q.text, area: q.geo, authority: authorityOf(q.geo) });
