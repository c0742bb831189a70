import { describeNorm, type Norm, type PolygonCoords } from '../imro/index.js';
import type { FoundObject, PlanRecord } from '../store/index.js';
import { planRef, type PlanRef } from './here.js';
import { intersectionArea, MIN_OVERLAP_M2, multiPolygonArea } from './planar.js';

/**
 * Checks a planned building against the plan objects its footprint overlaps. A pure
 * function: the caller fetches the objects (store.objectsInArea) and plans.
 *
 * What it checks: the footprint lies within bouwvlakken; the height stays under every
 * maximum bouwhoogte that covers it; the function fits the bestemming. What it cannot
 * check: the plan's regels text (exceptions, afwijkingsbevoegdheden, bebouwingspercentage
 * of the bouwperceel), which is not in the GML.
 */

export interface BuildingInput {
  /** Footprint polygons in RD New. */
  footprint: PolygonCoords[];
  /** Metres above ground level (peil). */
  height: number;
  function?: string;
}

export type ConflictKind = 'outside-bouwvlak' | 'too-high' | 'function-not-allowed';

export interface Conflict {
  kind: ConflictKind;
  message: string;
  plan: PlanRef;
  /** The rule it breaks; a norm with its text as the plan states it. */
  rule: { objectId: string; kind: string; name: string | null; norm?: Norm & { text: string }; allowed?: string[] };
  /** outside-bouwvlak: m² of the footprint outside every bouwvlak of the plan. */
  areaM2?: number;
  /** too-high: the building's height and the maximum. */
  actual?: number;
  maximum?: number;
}

export interface BuildingCheck {
  footprintAreaM2: number;
  /** m² of the footprint not covered by any imported plan: nothing can be said there. */
  uncoveredAreaM2: number;
  conflicts: Conflict[];
  /** Plans the footprint overlaps. */
  plans: PlanRef[];
  notes: string[];
}

/**
 * Functions each bestemmingshoofdgroep admits (IMRO2012 list). Mixed groups admit the
 * usual urban functions; green, traffic, water and value/pipe designations admit no building function.
 */
export const FUNCTIONS_BY_HOOFDGROEP: Record<string, readonly string[]> = {
  wonen: ['wonen'],
  woongebied: ['wonen'],
  kantoor: ['kantoor'],
  bedrijf: ['bedrijf'],
  bedrijventerrein: ['bedrijf'],
  horeca: ['horeca'],
  detailhandel: ['detailhandel'],
  dienstverlening: ['dienstverlening'],
  maatschappelijk: ['maatschappelijk'],
  'cultuur en ontspanning': ['cultuur', 'ontspanning'],
  sport: ['sport'],
  recreatie: ['recreatie'],
  agrarisch: ['agrarisch'],
  'agrarisch met waarden': ['agrarisch'],
  gemengd: ['wonen', 'kantoor', 'detailhandel', 'horeca', 'dienstverlening', 'maatschappelijk', 'bedrijf'],
  centrum: ['wonen', 'kantoor', 'detailhandel', 'horeca', 'dienstverlening', 'maatschappelijk', 'cultuur', 'ontspanning'],
};

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

const isMaxHeight = (n: Norm) => n.bound === 'max' && n.quantity === 'bouwhoogte' && n.unit === 'm' && n.value !== null;

export function checkBuilding(input: BuildingInput, objects: readonly FoundObject[], plans: ReadonlyMap<string, PlanRecord>): BuildingCheck {
  const footprintArea = multiPolygonArea(input.footprint);
  const conflicts: Conflict[] = [];
  const notes: string[] = [];
  const planIds = [...new Set(objects.filter((o) => o.kind === 'plangebied').map((o) => o.planId))].filter((id) => plans.has(id));
  let covered = 0;
  for (const planId of planIds) {
    const plan = planRef(plans.get(planId)!);
    const mine = objects.filter((o) => o.planId === planId);
    const area = mine.find((o) => o.kind === 'plangebied')!;
    const inPlan = area.geometry?.type === 'MultiPolygon' ? intersectionArea(input.footprint, area.geometry.coordinates) : 0;
    covered += inPlan;

    const bouwvlakken = mine.filter((o) => o.kind === 'bouwvlak' && o.geometry?.type === 'MultiPolygon');
    const inside = bouwvlakken.reduce((s, b) => s + intersectionArea(input.footprint, (b.geometry as { coordinates: PolygonCoords[] }).coordinates), 0);
    const outside = inPlan - inside;
    if (outside > MIN_OVERLAP_M2) {
      const nearest = bouwvlakken[0];
      conflicts.push({
        kind: 'outside-bouwvlak',
        message: `${round(outside)} m² of the footprint (${Math.round((outside / footprintArea) * 100)}%) lies outside every bouwvlak of '${plan.name}'`,
        plan,
        rule: { objectId: nearest?.id ?? area.id, kind: nearest ? 'bouwvlak' : 'plangebied', name: nearest?.name ?? 'bouwvlak' },
        areaM2: round(outside),
      });
    }

    for (const m of mine.filter((o) => o.kind === 'maatvoering')) {
      for (const n of m.norms.filter(isMaxHeight)) {
        if (input.height > n.value!) {
          conflicts.push({
            kind: 'too-high',
            message: `height ${input.height} m is above the ${describeNorm(n)} of '${m.name ?? m.id}' in '${plan.name}'`,
            plan,
            rule: { objectId: m.id, kind: 'maatvoering', name: m.name, norm: { ...n, text: describeNorm(n) } },
            actual: input.height,
            maximum: n.value!,
          });
        }
      }
    }

    if (input.function) {
      const fn = fold(input.function);
      const aanduidingen = mine.filter((o) => o.kind === 'functieaanduiding');
      for (const b of mine.filter((o) => o.kind === 'enkelbestemming')) {
        const allowed = [...(FUNCTIONS_BY_HOOFDGROEP[fold(b.hoofdgroep ?? '')] ?? [])];
        // A functieaanduiding inside this bestemming that names the function admits it there.
        const named = aanduidingen.filter((a) => (a.refs.bestemmingsvlak.length === 0 || a.refs.bestemmingsvlak.includes(b.id)) && fold(a.name ?? '').includes(fn));
        if (allowed.includes(fn) || named.length > 0) continue;
        conflicts.push({
          kind: 'function-not-allowed',
          message: `function '${input.function}' is not allowed by bestemming '${b.name ?? b.id}' (${b.hoofdgroep ?? 'no hoofdgroep'}) in '${plan.name}'${allowed.length ? `; it allows ${allowed.join(', ')}` : ''}`,
          plan,
          rule: { objectId: b.id, kind: 'enkelbestemming', name: b.name, allowed },
        });
      }
    }
    for (const d of mine.filter((o) => o.kind === 'dubbelbestemming')) {
      notes.push(`dubbelbestemming '${d.name ?? d.id}' of '${plan.name}' also applies; its rules (e.g. an archaeology survey) are in the plan text`);
    }
  }
  const uncovered = Math.max(0, footprintArea - covered);
  if (uncovered > MIN_OVERLAP_M2) notes.push(`${round(uncovered)} m² of the footprint lies outside every imported plan; no rules are known there`);
  return { footprintAreaM2: round(footprintArea), uncoveredAreaM2: round(uncovered), conflicts, plans: planIds.map((id) => planRef(plans.get(id)!)), notes };
}

const round = (v: number) => Math.round(v * 100) / 100;
