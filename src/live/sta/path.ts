import { AppError } from '../../kernel/errors.js';
import { BY_SET, ENTITIES, navOf, propOf, UNSUPPORTED_NAVS, UNSUPPORTED_SETS, type EntityDef, type NavDef } from './entities.js';
import { unsupported } from './query/errors.js';
import { raw, sql, type Frag } from './sql.js';
import type { Scope } from './read.js';

/** One step of a resource path: an entity set or navigation, optionally narrowed to one id. */
export interface Step {
  entity: EntityDef;
  /** The navigation that led here (absent for the first step). */
  nav?: NavDef;
  id?: number;
}

export interface ResourcePath {
  steps: Step[];
  /** `Things(1)/name`: one property. */
  property?: string;
  /** `.../$value`: the property's raw value. */
  value?: boolean;
  /** `.../$ref`: links only. */
  ref?: boolean;
  /** `CreateObservations` action. */
  action?: 'CreateObservations';
}

const notFound = (path: string) => new AppError('not-found', `No SensorThings resource at '${path}'`);

function parseKey(text: string, path: string): number {
  // Integer keys; a quoted key is accepted for clients that always quote.
  const m = /^'?(\d{1,15})'?$/.exec(text);
  if (!m) throw notFound(path);
  return Number(m[1]);
}

/** Parses the path after the service root, e.g. `Things(1)/Datastreams` or `Datastreams(3)/Observations/$ref`. */
export function parsePath(path: string): ResourcePath {
  const segments = path.split('/').filter((s) => s !== '');
  const steps: Step[] = [];
  const out: ResourcePath = { steps };
  if (segments.length === 1 && segments[0] === 'CreateObservations') return { steps, action: 'CreateObservations' };
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const m = /^([A-Za-z]+)(?:\(([^)]*)\))?$/.exec(seg);
    if (seg === '$value' || seg === '$ref') {
      if (i !== segments.length - 1) throw notFound(path);
      if (seg === '$value') {
        if (!out.property) throw notFound(path);
        out.value = true;
      } else {
        if (out.property || steps.length === 0) throw notFound(path);
        out.ref = true;
      }
      break;
    }
    if (!m) throw notFound(path);
    const name = m[1]!;
    const key = m[2];
    if (i === 0) {
      const entity = BY_SET.get(name);
      if (!entity) {
        if (UNSUPPORTED_SETS.has(name)) throw unsupported(`The entity set ${name} (MultiDatastream extension)`);
        throw notFound(path);
      }
      steps.push(key === undefined ? { entity } : { entity, id: parseKey(key, path) });
      continue;
    }
    const last = steps[steps.length - 1]!;
    if (out.property) throw notFound(path);
    const nav = navOf(last.entity, name);
    if (nav) {
      // Navigating needs one entity to start from, unless the previous step is a to-one.
      if (last.id === undefined && !(last.nav?.kind === 'one')) throw notFound(path);
      const step: Step = { entity: ENTITIES[nav.target], nav };
      if (key !== undefined) {
        if (nav.kind === 'one') throw notFound(path);
        step.id = parseKey(key, path);
      }
      steps.push(step);
      continue;
    }
    if (UNSUPPORTED_NAVS.has(name)) throw unsupported(`The navigation property ${name} (MultiDatastream extension)`);
    if (key === undefined && propOf(last.entity, name) && (last.id !== undefined || last.nav?.kind === 'one')) {
      out.property = name;
      continue;
    }
    throw notFound(path);
  }
  return out;
}

/** True when the path names one entity (an id, or a to-one navigation). */
export function isSingle(steps: Step[]): boolean {
  const last = steps[steps.length - 1];
  return !!last && (last.id !== undefined || last.nav?.kind === 'one');
}

/** The rows a chain of steps selects, as a subquery of ids (`SELECT id FROM ...`). */
function idsOf(steps: Step[], alias: string): Frag {
  const scope = scopeOf(steps);
  const last = steps[steps.length - 1]!;
  return scope.where ? sql`SELECT ${raw(alias)}.id FROM ${raw(last.entity.table)} ${raw(alias)} WHERE ${scope.where(alias)}` : sql`SELECT ${raw(alias)}.id FROM ${raw(last.entity.table)} ${raw(alias)}`;
}

/** The condition selecting the last step's rows. */
export function scopeOf(steps: Step[]): Scope {
  const last = steps[steps.length - 1]!;
  const prev = steps.slice(0, -1);
  const withId = (s: Scope): Scope => {
    if (last.id === undefined) return s;
    const id = last.id;
    const inner = s.where;
    return { where: (a) => (inner ? sql`${raw(a)}.id = ${id} AND ${inner(a)}` : sql`${raw(a)}.id = ${id}`) };
  };
  if (!last.nav) return withId({ where: null });
  const nav = last.nav;
  const parent = prev[prev.length - 1]!;
  const depth = steps.length;
  const p = `p${depth}`;
  if (nav.kind === 'one') {
    const parentTable = parent.entity.table;
    const parentIds = idsOf(prev, `q${depth}`);
    return withId({ where: (a) => sql`${raw(a)}.id IN (SELECT ${raw(p)}.${raw(nav.fk!)} FROM ${raw(parentTable)} ${raw(p)} WHERE ${raw(p)}.id IN (${parentIds}))` });
  }
  if (nav.link) {
    const link = nav.link;
    const parentIds = parent.id !== undefined && prev.length === 1 ? sql`${parent.id}` : idsOf(prev, `q${depth}`);
    return withId({ where: (a) => sql`${raw(a)}.id IN (SELECT ${raw(link.childCol)} FROM ${raw(link.table)} WHERE ${raw(link.parentCol)} IN (${parentIds}))` });
  }
  const fk = nav.fk!;
  if (parent.id !== undefined && prev.length === 1) {
    const id = parent.id;
    const s: Scope = withId({ where: (a) => sql`${raw(a)}.${raw(fk)} = ${id}` });
    if (nav.target === 'Observation' && fk === 'datastream_id' && last.id === undefined) s.datastreamId = id;
    return s;
  }
  const parentIds = idsOf(prev, `q${depth}`);
  return withId({ where: (a) => sql`${raw(a)}.${raw(fk)} IN (${parentIds})` });
}
