import type { FacadeStudy } from './tno.js';
import type { CalendarDay } from './types.js';

/**
 * Base versus scenario (e.g. without and with a planned building) per facade point,
 * matched by point id: which points newly fall below a norm, with before/after figures.
 * Points only in one of the studies (a demolished or new building) are listed apart.
 */
export interface PointChange {
  pointId: string;
  buildingId: string;
  norm: string;
  before: { pass: boolean; worstHours: number; worstDay: CalendarDay; daysBelow: number };
  after: { pass: boolean; worstHours: number; worstDay: CalendarDay; daysBelow: number };
  /** Change of the worst-day hours (after - before). */
  deltaWorstHours: number;
  status: 'newly-failing' | 'newly-passing' | 'still-failing' | 'still-passing';
}

export interface StudyComparison {
  changes: PointChange[];
  newlyFailing: PointChange[];
  /** Per norm: counts of points by status. */
  summary: Record<string, Record<PointChange['status'], number>>;
  onlyInBase: string[];
  onlyInScenario: string[];
}

export function compareStudies(base: FacadeStudy, scenario: FacadeStudy): StudyComparison {
  const after = new Map(scenario.results.map((r) => [r.point.id, r]));
  const baseIds = new Set(base.results.map((r) => r.point.id));
  const changes: PointChange[] = [];
  const summary: StudyComparison['summary'] = {};
  for (const b of base.results) {
    const a = after.get(b.point.id);
    if (!a) continue;
    for (const vb of b.verdicts) {
      const va = a.verdicts.find((v) => v.norm === vb.norm);
      if (!va) continue;
      const status: PointChange['status'] = vb.pass
        ? va.pass ? 'still-passing' : 'newly-failing'
        : va.pass ? 'newly-passing' : 'still-failing';
      const pick = (v: typeof vb) => ({ pass: v.pass, worstHours: v.worstHours, worstDay: v.worstDay, daysBelow: v.daysBelow });
      changes.push({
        pointId: b.point.id,
        buildingId: b.point.buildingId,
        norm: vb.norm,
        before: pick(vb),
        after: pick(va),
        deltaWorstHours: va.worstHours - vb.worstHours,
        status,
      });
      const s = (summary[vb.norm] ??= { 'newly-failing': 0, 'newly-passing': 0, 'still-failing': 0, 'still-passing': 0 });
      s[status]++;
    }
  }
  return {
    changes,
    newlyFailing: changes.filter((c) => c.status === 'newly-failing'),
    summary,
    onlyInBase: [...baseIds].filter((id) => !after.has(id)),
    onlyInScenario: scenario.results.map((r) => r.point.id).filter((id) => !baseIds.has(id)),
  };
}
