import { mapPositions } from './geometry.js';
import type { ImroPlan } from './parse.js';

/**
 * A copy of a plan moved by (dx, dy) metres with new ids: the benchmark and tests use
 * it to spread many plans over the country from one real one.
 */
export function translatedCopy(plan: ImroPlan, dx: number, dy: number, suffix: string): ImroPlan {
  const rename = (id: string) => `${id}.${suffix}`;
  return {
    ...plan,
    plan: { ...plan.plan, id: rename(plan.plan.id), name: `${plan.plan.name} (${suffix})` },
    objects: plan.objects.map((o) => ({
      ...o,
      id: rename(o.id),
      refs: {
        plangebied: o.refs.plangebied.map(rename),
        bestemmingsvlak: o.refs.bestemmingsvlak.map(rename),
        aanduiding: o.refs.aanduiding.map(rename),
        other: o.refs.other.map(rename),
      },
      geometry: o.geometry ? mapPositions(o.geometry, (p) => [p[0] + dx, p[1] + dy]) : null,
    })),
  };
}
