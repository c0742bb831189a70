import { getJson } from '../../api.js';
import { DRAWN_COLLECTIONS } from './style.js';
import type { Bbox, FeaturePage, PlanFeature, PlanPage, PlanRecord } from './types.js';

const PAGE = 1000;
// A register with more plans than this is for a tiled map, not for loading everything at once.
const MAX_PLANS = 100;

export async function loadPlans(signal?: AbortSignal): Promise<PlanRecord[]> {
  const page = await getJson<PlanPage<PlanRecord>>(`/rules/plans?pageSize=${MAX_PLANS}`, signal);
  return page.items;
}

/** The box around every plan, or null when there are none. */
export function unionBbox(plans: readonly PlanRecord[]): Bbox | null {
  if (plans.length === 0) return null;
  return plans.reduce<Bbox>(
    (b, p) => [Math.min(b[0], p.bbox[0]), Math.min(b[1], p.bbox[1]), Math.max(b[2], p.bbox[2]), Math.max(b[3], p.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/** An API link (absolute, built from the public URL) as the path getJson takes: below /api/v1. */
function apiPath(href: string): string {
  const url = new URL(href, window.location.href);
  return url.pathname.replace(/^.*?\/api\/v1(?=\/)/, '') + url.search;
}

/** Every feature of one collection within a plan's box, following the `next` links. */
async function loadCollection(collection: string, plan: PlanRecord, signal?: AbortSignal): Promise<PlanFeature[]> {
  const out: PlanFeature[] = [];
  let path: string | null = `/rules/collections/${collection}/items?bbox=${plan.bbox.join(',')}&plan=${encodeURIComponent(plan.id)}&limit=${PAGE}`;
  while (path) {
    const page: FeaturePage = await getJson<FeaturePage>(path, signal);
    out.push(...page.features);
    const next = page.links.find((l) => l.rel === 'next')?.href;
    path = next && page.features.length > 0 ? apiPath(next) : null;
  }
  return out;
}

/** The drawn plan objects of all plans. */
export async function loadPlanObjects(plans: readonly PlanRecord[], signal?: AbortSignal): Promise<PlanFeature[]> {
  const parts = await Promise.all(plans.flatMap((plan) => DRAWN_COLLECTIONS.map((c) => loadCollection(c, plan, signal))));
  return parts.flat();
}
