/**
 * Democratic traceability classes. The rules are written out in README.md next to
 * this file; the table-driven tests in test/registers/classify.test.ts follow it line
 * by line. Pure functions: the caller loads the mandates.
 */
export type TraceClass = 'a' | 'b' | 'c' | 'd';
export const TRACE_CLASSES = ['a', 'b', 'c', 'd'] as const satisfies readonly TraceClass[];

export const CLASS_LABELS: Record<TraceClass, { nl: string; en: string }> = {
  a: { nl: 'Besloten door een gekozen orgaan', en: 'Decided by an elected body' },
  b: { nl: 'Besloten door een bestuursorgaan onder mandaat van een gekozen orgaan', en: 'Decided by an executive body under a mandate from an elected body' },
  c: { nl: 'Rust op een afspraak of netwerkprogramma, zonder besluit van een gekozen orgaan', en: 'Rests on an agreement or network programme, without a decision of an elected body' },
  d: { nl: 'Geen mandaat', en: 'No mandate' },
};

/** The mandate fields classification reads. */
export interface MandateFacts {
  id: string;
  kind: string;
  basedOn?: string;
  decidedBy?: { elected: boolean };
}

/** Kinds that are decisions of an elected body by their nature. */
const ELECTED_KINDS = new Set(['raadsbesluit', 'statenbesluit', 'wet-of-regeling']);

export interface MandateVerdict {
  class: TraceClass;
  /** For class a: the mandate itself; for b: the nearest elected mandate up the chain. */
  electedId?: string;
}

/** Rule 1: the mandate itself was decided by an elected body. */
export function isElected(m: MandateFacts): boolean {
  return m.kind !== 'geen' && (ELECTED_KINDS.has(m.kind) || m.decidedBy?.elected === true);
}

/** Classifies every mandate once; each chain is walked at most once thanks to memoisation. */
export function classifyMandates(mandates: Iterable<MandateFacts>): Map<string, MandateVerdict> {
  const byId = new Map<string, MandateFacts>();
  for (const m of mandates) byId.set(m.id, m);
  // The nearest elected mandate at or above each mandate, or null: memoised per mandate.
  const reach = new Map<string, string | null>();
  const electedAtOrAbove = (start: string): string | null => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let found: string | null = null;
    let id: string | undefined = start;
    while (id !== undefined) {
      const known = reach.get(id);
      if (known !== undefined) {
        found = known;
        break;
      }
      const m = byId.get(id);
      if (!m || onPath.has(id)) break; // missing parent or a cycle: the chain ends here
      if (isElected(m)) {
        found = m.id;
        path.push(id);
        break;
      }
      path.push(id);
      onPath.add(id);
      id = m.basedOn;
    }
    for (const p of path) reach.set(p, found);
    return found;
  };

  const out = new Map<string, MandateVerdict>();
  for (const m of byId.values()) {
    if (m.kind === 'geen') out.set(m.id, { class: 'd' });
    else if (isElected(m)) out.set(m.id, { class: 'a', electedId: m.id });
    else {
      const up = m.basedOn !== undefined ? electedAtOrAbove(m.basedOn) : null;
      out.set(m.id, up ? { class: 'b', electedId: up } : { class: 'c' });
    }
  }
  return out;
}

const RANK: Record<TraceClass, number> = { a: 0, b: 1, c: 2, d: 3 };

export interface ItemVerdict {
  class: TraceClass;
  /** The item's mandate that gave the class (absent for d without any known mandate). */
  via?: string;
  electedId?: string;
  /** Mandate ids the item names that do not exist. */
  unknownMandateIds?: string[];
}

/** An item takes the strongest class among its known mandates; none known is class d. */
export function classifyItem(mandateIds: readonly string[], verdicts: ReadonlyMap<string, MandateVerdict>): ItemVerdict {
  let best: ItemVerdict = { class: 'd' };
  let unknown: string[] | undefined;
  for (const id of mandateIds) {
    const v = verdicts.get(id);
    if (!v) {
      (unknown ??= []).push(id);
      continue;
    }
    if (best.via === undefined || RANK[v.class] < RANK[best.class]) {
      best = { class: v.class, via: id };
      if (v.electedId) best.electedId = v.electedId;
    }
  }
  if (unknown) best.unknownMandateIds = unknown;
  return best;
}
