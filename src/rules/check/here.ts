import { describeNorm, type Norm, type ObjectKind, type PlanInfo } from '../imro/index.js';
import type { FoundObject, PlanRecord } from '../store/index.js';

/**
 * "What applies here": the objects found at a location, grouped per plan, with each
 * bestemming and bouwvlak carrying the norms (maatvoeringen) that bind it.
 */

export type PlanRef = Pick<PlanInfo, 'id' | 'name' | 'type' | 'status' | 'date' | 'authority'>;

export interface NormHere extends Norm {
  /** The maatvoering the norm comes from. */
  objectId: string;
  /** The norm as the plan states it: its words, the value as written, the unit. */
  text: string;
}

export interface AppliedObject {
  id: string;
  kind: ObjectKind;
  type: string;
  name: string | null;
  hoofdgroep: string | null;
  artikelnummer: string | null;
  norms: NormHere[];
  /** Area queries: the m² of the query area it covers and that as a share (0..1). */
  coverage?: { m2: number; share: number };
}

export interface PlanHere {
  plan: PlanRef;
  /** Whether a bouwvlak covers the location (for an area: any part of it). */
  bouwvlak: boolean;
  bestemmingen: AppliedObject[];
  dubbelbestemmingen: AppliedObject[];
  bouwvlakken: AppliedObject[];
  functieaanduidingen: AppliedObject[];
  bouwaanduidingen: AppliedObject[];
  gebiedsaanduidingen: AppliedObject[];
  maatvoeringen: AppliedObject[];
  figuren: AppliedObject[];
  /** Lettertekenaanduidingen and object types the importer does not know. */
  overige: AppliedObject[];
  /** Every norm of the maatvoeringen that apply here. */
  norms: NormHere[];
}

export const planRef = (p: PlanRecord): PlanRef => ({ id: p.id, name: p.name, type: p.type, status: p.status, date: p.date, authority: p.authority });

const normsOf = (m: FoundObject): NormHere[] => m.norms.map((n) => ({ ...n, objectId: m.id, text: describeNorm(n) }));

function applied(o: FoundObject, norms: NormHere[], queryArea: number | null): AppliedObject {
  const a: AppliedObject = { id: o.id, kind: o.kind, type: o.type, name: o.name, hoofdgroep: o.hoofdgroep, artikelnummer: o.artikelnummer, norms };
  if (queryArea && o.overlapM2 !== undefined) a.coverage = { m2: round2(o.overlapM2), share: Math.min(1, Math.round((o.overlapM2 / queryArea) * 1000) / 1000) };
  return a;
}
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Groups found objects per plan (plans in the order given, objects in store order). */
export function groupByPlan(found: readonly FoundObject[], plans: ReadonlyMap<string, PlanRecord>, queryArea: number | null = null): PlanHere[] {
  const byPlan = new Map<string, FoundObject[]>();
  for (const o of found) byPlan.set(o.planId, [...(byPlan.get(o.planId) ?? []), o]);
  const out: PlanHere[] = [];
  for (const [planId, objects] of byPlan) {
    const plan = plans.get(planId);
    if (!plan) continue;
    const of = (k: ObjectKind) => objects.filter((o) => o.kind === k);
    const maatvoeringen = of('maatvoering');
    const bouwvlakken = of('bouwvlak');
    const enkel = of('enkelbestemming');
    const bouwvlakById = new Map(bouwvlakken.map((b) => [b.id, b]));
    // Which bestemmingen a maatvoering binds: named directly, through the bouwvlak it
    // marks, or (no reference at all) every bestemming here, since it lies inside them.
    const bindsBestemming = (m: FoundObject, b: FoundObject): boolean => {
      const viaBouwvlak = m.refs.aanduiding.map((id) => bouwvlakById.get(id)).filter((v): v is FoundObject => v !== undefined);
      if (m.refs.bestemmingsvlak.length === 0 && viaBouwvlak.length === 0) return true;
      return m.refs.bestemmingsvlak.includes(b.id) || viaBouwvlak.some((v) => v.refs.bestemmingsvlak.includes(b.id) || v.refs.bestemmingsvlak.length === 0);
    };
    const all = maatvoeringen.flatMap(normsOf);
    out.push({
      plan: planRef(plan),
      bouwvlak: bouwvlakken.length > 0,
      bestemmingen: enkel.map((b) => applied(b, maatvoeringen.filter((m) => bindsBestemming(m, b)).flatMap(normsOf), queryArea)),
      dubbelbestemmingen: of('dubbelbestemming').map((o) => applied(o, [], queryArea)),
      bouwvlakken: bouwvlakken.map((v) => applied(v, maatvoeringen.filter((m) => m.refs.aanduiding.includes(v.id)).flatMap(normsOf), queryArea)),
      functieaanduidingen: of('functieaanduiding').map((o) => applied(o, [], queryArea)),
      bouwaanduidingen: of('bouwaanduiding').map((o) => applied(o, [], queryArea)),
      gebiedsaanduidingen: of('gebiedsaanduiding').map((o) => applied(o, [], queryArea)),
      maatvoeringen: maatvoeringen.map((o) => applied(o, normsOf(o), queryArea)),
      figuren: of('figuur').map((o) => applied(o, [], queryArea)),
      overige: [...of('lettertekenaanduiding'), ...of('other')].map((o) => applied(o, [], queryArea)),
      norms: all,
    });
  }
  return out;
}
