import { AppError } from '../../../kernel/errors.js';
import { ENTITIES, navOf, propOf, UNSUPPORTED_NAVS, type EntityDef, type NavDef } from '../entities.js';
import { join, raw, sql, type Frag } from '../sql.js';
import type { Expr, Literal, OrderBy } from './ast.js';
import { badQuery, unsupported } from './errors.js';

export type ExprType = 'number' | 'string' | 'bool' | 'time' | 'date' | 'geo' | 'json' | 'result' | 'interval' | 'null';

/** A compiled expression: SQL plus what kind of value it yields. */
export interface Compiled {
  type: ExprType;
  frag: Frag;
  /** Interval end (null end = instant); for 'interval'. */
  end?: Frag;
  /** For 'result': the string and JSON columns beside the numeric one in `frag`. */
  str?: Frag;
  json?: Frag;
  /** For a geo column read directly: the table alias, so a dialect can add a bounding-box pre-filter. */
  bboxAlias?: string;
  /** For a literal geometry: its GeoJSON. */
  geojson?: string;
  /** For 'json': the same member read as a number and as a boolean (`frag` reads it as text). */
  num?: Frag;
  boolv?: Frag;
  /** For literals: the value. */
  value?: unknown;
}

/** What differs between SQLite and PostgreSQL when compiling $filter and $orderby. */
export interface FilterDialect {
  readonly name: 'sqlite' | 'postgres';
  literal(l: Exclude<Literal, { type: 'null' }>): Compiled;
  /** A value inside a JSON column, read as text, number or boolean (null when of another type). */
  jsonValue(column: Frag, path: string[], as: 'text' | 'number' | 'bool'): Frag;
  geoColumn(alias: string, column: string): Compiled;
  /** A geospatial function (geo.*, st_*) over compiled geo arguments (and a text pattern for st_relate). */
  geo(name: string, args: Compiled[]): Compiled;
  /** Canonical functions over strings, times and numbers. */
  fn(name: string, args: Compiled[], coerce: Coerce): Compiled;
  arithmetic(op: 'add' | 'sub' | 'mul' | 'div' | 'mod', l: Frag, r: Frag): Frag;
  /** SQL for boolean true, for a bare boolean JSON property. */
  boolTrue(frag: Frag): Frag;
  /** The result column compared with a boolean. */
  resultBool(json: Frag, value: boolean): Frag;
}

/** Turns a compiled argument into the kind a function needs, or a 400. */
export interface Coerce {
  text(c: Compiled): Frag;
  number(c: Compiled): Frag;
  time(c: Compiled): Frag;
}

interface Scope {
  alias: string;
  entity: EntityDef;
}

/** Raised while resolving a path that crosses a to-many navigation; the enclosing predicate turns it into EXISTS. */
class NeedsExists {
  constructor(
    readonly node: Expr,
    readonly scope: Scope,
    /** Segments before the to-many navigation, from `scope`. */
    readonly prefix: string[],
    readonly nav: NavDef,
    readonly skip: number,
  ) {}
}

const INVERT: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

export class FilterCompiler {
  private aliases = 0;
  /** Path nodes re-homed into an EXISTS subquery: resolved in that scope, from segment `skip`. */
  private readonly rehomed = new Map<Expr, { scope: Scope; skip: number }>();
  /**
   * In a $filter outside any `not`, to-one navigations become EXISTS semi-joins too, which
   * PostgreSQL can run as a hash join and SQLite can pre-filter by bounding box. Under `not`
   * (and in $orderby) they stay scalar subqueries, so NULL keeps its three-valued meaning.
   */
  private hoist = false;

  constructor(private readonly d: FilterDialect) {}

  nextAlias(): string {
    return `t${++this.aliases}`;
  }

  /** A boolean condition for $filter on `entity` read as `alias`. */
  condition(expr: Expr, entity: EntityDef, alias: string): Frag {
    this.hoist = true;
    try {
      const c = this.predicate(expr, { alias, entity });
      return this.asCondition(c, '$filter');
    } finally {
      this.hoist = false;
    }
  }

  /** ORDER BY terms. */
  orderBy(items: OrderBy[], entity: EntityDef, alias: string): Frag[] {
    const out: Frag[] = [];
    for (const item of items) {
      let c: Compiled;
      try {
        c = this.expr(item.expr, { alias, entity });
      } catch (e) {
        if (e instanceof NeedsExists) throw badQuery('$orderby', `cannot order by '${e.nav.name}', which has many values`);
        throw e;
      }
      const dir = item.desc ? ' DESC' : '';
      if (c.type === 'geo') throw badQuery('$orderby', 'cannot order by a geometry');
      if (c.type === 'result') {
        out.push(sql`${c.frag}${raw(dir)}`, sql`${c.str!}${raw(dir)}`);
      } else if (c.type === 'json') out.push(sql`${c.frag}${raw(dir)}`);
      else out.push(sql`${c.frag}${raw(dir)}`);
    }
    return out;
  }

  private asCondition(c: Compiled, option: string): Frag {
    if (c.type === 'bool') return c.frag;
    if (c.type === 'json') return this.d.boolTrue(c.boolv!);
    throw badQuery(option, `the expression is a ${c.type}, not a condition`);
  }

  /** Compiles a predicate, wrapping it in EXISTS when a path crosses a to-many navigation. */
  private predicate(expr: Expr, scope: Scope): Compiled {
    try {
      return this.expr(expr, scope);
    } catch (e) {
      if (!(e instanceof NeedsExists)) throw e;
      const target = ENTITIES[e.nav.target];
      const inner: Scope = { alias: this.nextAlias(), entity: target };
      const parentId = e.nav.kind === 'one' ? raw('') : this.resolve([...e.prefix, 'id'], e.scope, e.node).frag;
      const join = e.nav.kind === 'one'
        ? sql`${raw(inner.alias)}.id = ${raw(e.scope.alias)}.${raw(e.nav.fk!)}`
        : e.nav.link
        ? sql`${raw(inner.alias)}.id IN (SELECT ${raw(e.nav.link.childCol)} FROM ${raw(e.nav.link.table)} WHERE ${raw(e.nav.link.parentCol)} = ${parentId})`
        : sql`${raw(inner.alias)}.${raw(e.nav.fk!)} = ${parentId}`;
      this.rehomed.set(e.node, { scope: inner, skip: e.skip + e.prefix.length + 1 });
      try {
        const body = this.asCondition(this.predicate(expr, scope), '$filter');
        return { type: 'bool', frag: sql`EXISTS (SELECT 1 FROM ${raw(target.table)} ${raw(inner.alias)} WHERE ${join} AND ${body})` };
      } finally {
        this.rehomed.delete(e.node);
      }
    }
  }

  private expr(e: Expr, scope: Scope): Compiled {
    switch (e.k) {
      case 'lit':
        if (e.type === 'null') return { type: 'null', frag: raw('NULL') };
        return { ...this.d.literal(e), value: e.value };
      case 'path': {
        const home = this.rehomed.get(e);
        if (home) return this.resolve(e.segments.slice(home.skip), home.scope, e, home.skip);
        return this.resolve(e.segments, scope, e);
      }
      case 'not': {
        const hoist = this.hoist;
        this.hoist = false;
        try {
          const inner = this.asCondition(this.predicate(e.expr, scope), '$filter');
          return { type: 'bool', frag: sql`NOT (${inner})` };
        } finally {
          this.hoist = hoist;
        }
      }
      case 'neg': {
        const inner = this.number(this.expr(e.expr, scope), '$filter');
        return { type: 'number', frag: sql`(-${inner})` };
      }
      case 'bin':
        if (e.op === 'and' || e.op === 'or') {
          const l = this.asCondition(this.predicate(e.left, scope), '$filter');
          const r = this.asCondition(this.predicate(e.right, scope), '$filter');
          return { type: 'bool', frag: sql`(${l} ${raw(e.op.toUpperCase())} ${r})` };
        }
        if (e.op in INVERT) return this.compare(e.op, this.expr(e.left, scope), this.expr(e.right, scope));
        return {
          type: 'number',
          frag: this.d.arithmetic(e.op as 'add', this.number(this.expr(e.left, scope), '$filter'), this.number(this.expr(e.right, scope), '$filter')),
        };
      case 'call': {
        const args = e.args.map((a) => this.expr(a, scope));
        if (e.name.startsWith('geo.') || e.name.startsWith('st_')) return this.d.geo(e.name, args);
        return this.d.fn(e.name, args, this.coerce);
      }
    }
  }

  /** Resolves a property path from a scope: properties, JSON members, and to-one navigations as subqueries. */
  private resolve(segments: string[], scope: Scope, node: Expr, skipped = 0): Compiled {
    const [first, ...rest] = segments;
    if (!first) throw badQuery('$filter', 'empty property path');
    const { entity, alias } = scope;
    const prop = propOf(entity, first);
    if (prop) {
      const col = raw(`${alias}.${prop.column}`);
      if (prop.kind === 'json') {
        return {
          type: 'json',
          frag: this.d.jsonValue(col, rest, 'text'),
          num: this.d.jsonValue(col, rest, 'number'),
          boolv: this.d.jsonValue(col, rest, 'bool'),
        };
      }
      if (rest.length) throw badQuery('$filter', `'${first}' has no member '${rest.join('/')}'`);
      switch (prop.kind) {
        case 'id':
          return { type: 'number', frag: col };
        case 'text':
          return { type: 'string', frag: col };
        case 'time':
          return { type: 'time', frag: col };
        case 'interval':
          return { type: 'interval', frag: col, end: raw(`${alias}.${prop.endColumn}`) };
        case 'geo':
          return this.d.geoColumn(alias, prop.column);
        case 'result':
          return { type: 'result', frag: raw(`${alias}.result_num`), str: raw(`${alias}.result_str`), json: raw(`${alias}.result_json`) };
      }
    }
    if (first === '@iot.id') return { type: 'number', frag: raw(`${alias}.id`) };
    const nav = navOf(entity, first);
    if (!nav) {
      if (UNSUPPORTED_NAVS.has(first)) throw unsupported(`The navigation property ${first}`);
      throw badQuery('$filter', `${entity.name} has no property '${first}'`);
    }
    if (rest.length === 0) throw badQuery('$filter', `'${first}' is an entity; name one of its properties`);
    if (nav.kind === 'many' || this.hoist) throw new NeedsExists(node, scope, [], nav, skipped);
    const target = ENTITIES[nav.target];
    const inner: Scope = { alias: this.nextAlias(), entity: target };
    let c: Compiled;
    try {
      c = this.resolve(rest, inner, node, skipped + 1);
    } catch (e) {
      // A to-many step further down: the EXISTS must start from here, through this to-one hop.
      if (e instanceof NeedsExists && e.scope === inner) throw new NeedsExists(node, scope, [first, ...e.prefix], e.nav, skipped);
      throw e;
    }
    const wrap = (f: Frag): Frag => sql`(SELECT ${f} FROM ${raw(target.table)} ${raw(inner.alias)} WHERE ${raw(inner.alias)}.id = ${raw(alias)}.${raw(nav.fk!)})`;
    const out: Compiled = { type: c.type, frag: wrap(c.frag) };
    if (c.end) out.end = wrap(c.end);
    if (c.str) out.str = wrap(c.str);
    if (c.json) out.json = wrap(c.json);
    if (c.num) out.num = wrap(c.num);
    if (c.boolv) out.boolv = wrap(c.boolv);
    return out;
  }

  private jsonAs(c: Compiled, as: 'text' | 'number' | 'bool'): Frag {
    return as === 'text' ? c.frag : as === 'number' ? c.num! : c.boolv!;
  }

  number(c: Compiled, option: string): Frag {
    switch (c.type) {
      case 'number':
        return c.frag;
      case 'json':
        return this.jsonAs(c, 'number');
      case 'result':
        return c.frag;
      case 'null':
        return c.frag;
      default:
        throw badQuery(option, `expected a number, found a ${c.type}`);
    }
  }

  text(c: Compiled, option: string): Frag {
    switch (c.type) {
      case 'string':
        return c.frag;
      case 'json':
        return this.jsonAs(c, 'text');
      case 'result':
        return c.str!;
      case 'null':
        return c.frag;
      default:
        throw badQuery(option, `expected a string, found a ${c.type}`);
    }
  }

  private compare(op: string, l: Compiled, r: Compiled): Compiled {
    const sqlOp = raw(INVERT[op]!);
    const bool = (frag: Frag): Compiled => ({ type: 'bool', frag });
    if (l.type === 'null' || r.type === 'null') {
      const other = l.type === 'null' ? r : l;
      if (op !== 'eq' && op !== 'ne') throw badQuery('$filter', `null can only be compared with eq or ne`);
      const test = op === 'eq' ? raw('IS NULL') : raw('IS NOT NULL');
      if (other.type === 'null') return bool(raw(op === 'eq' ? '(1 = 1)' : '(1 = 0)'));
      if (other.type === 'result') {
        const all = sql`(${other.frag} IS NULL AND ${other.str!} IS NULL AND ${other.json!} IS NULL)`;
        return bool(op === 'eq' ? all : sql`NOT ${all}`);
      }
      const value = other.type === 'json' ? this.jsonAs(other, 'text') : other.frag;
      return bool(sql`(${value} ${test})`);
    }
    // Put the "richer" operand on the left so each case is written once.
    const flip: Record<string, string> = { gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' };
    const rank = (t: ExprType) => ['interval', 'result', 'json'].indexOf(t);
    if (rank(r.type) > rank(l.type)) return this.compare(flip[op]!, r, l);

    if (l.type === 'interval') {
      const rv = r.type === 'interval' ? r.frag : this.timeOf(r);
      const end = sql`COALESCE(${l.end!}, ${l.frag})`;
      switch (op) {
        case 'eq':
          return bool(sql`(${l.frag} = ${rv} AND ${end} = ${rv})`);
        case 'ne':
          return bool(sql`NOT (${l.frag} = ${rv} AND ${end} = ${rv})`);
        case 'gt':
          return bool(sql`(${l.frag} > ${rv})`);
        case 'ge':
          return bool(sql`(${l.frag} >= ${rv})`);
        // start <= end always, so the start bound is implied; it is there so an index on start can serve the range.
        case 'lt':
          return bool(sql`(${l.frag} < ${rv} AND ${end} < ${rv})`);
        default:
          return bool(sql`(${l.frag} <= ${rv} AND ${end} <= ${rv})`);
      }
    }
    if (l.type === 'result') {
      if (r.type === 'string') return bool(sql`(${l.str!} ${sqlOp} ${r.frag})`);
      if (r.type === 'bool') {
        if (op !== 'eq' && op !== 'ne') throw badQuery('$filter', 'booleans can only be compared with eq or ne');
        const f = this.d.resultBool(l.json!, r.value === true);
        return bool(op === 'eq' ? f : sql`NOT (${f})`);
      }
      if (r.type === 'result') return bool(sql`(${l.frag} ${sqlOp} ${r.frag})`);
      return bool(sql`(${l.frag} ${sqlOp} ${this.number(r, '$filter')})`);
    }
    if (l.type === 'json') {
      if (r.type === 'number') return bool(sql`(${this.jsonAs(l, 'number')} ${sqlOp} ${r.frag})`);
      if (r.type === 'bool') return bool(sql`(${this.jsonAs(l, 'bool')} ${sqlOp} ${r.frag})`);
      if (r.type === 'json') return bool(sql`(${this.jsonAs(l, 'text')} ${sqlOp} ${this.jsonAs(r, 'text')})`);
      return bool(sql`(${this.jsonAs(l, 'text')} ${sqlOp} ${this.text(r, '$filter')})`);
    }
    if (l.type === r.type && l.type !== 'geo') return bool(sql`(${l.frag} ${sqlOp} ${r.frag})`);
    throw badQuery('$filter', `cannot compare a ${l.type} with a ${r.type}`);
  }

  private timeOf(c: Compiled): Frag {
    if (c.type === 'time' || c.type === 'interval') return c.frag;
    throw badQuery('$filter', `expected a date-time, found a ${c.type}`);
  }

  private readonly coerce: Coerce = {
    text: (c) => this.text(c, '$filter'),
    number: (c) => this.number(c, '$filter'),
    time: (c) => this.timeOf(c),
  };
}

/** ORDER BY text with the id as final tie-breaker, so paging is stable. */
export function orderClause(terms: Frag[], alias: string, idDesc = false): Frag {
  return join([...terms, raw(`${alias}.id${idDesc ? ' DESC' : ''}`)], ', ');
}

export { AppError };
