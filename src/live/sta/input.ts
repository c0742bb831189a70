import { invalid } from '../../kernel/errors.js';
import { validateGeometry } from '../../kernel/geo/index.js';
import { geometryOf, type Geometry } from './geo.js';

export type Obj = Record<string, unknown>;

/**
 * A key from a request body, as it may be quoted in an error. Property names of the
 * data model are letters; anything else (a licence plate sent as a key) is not repeated,
 * since error messages are logged and answered before any pseudonymisation.
 */
export function safeKey(key: string): string {
  return /^[A-Za-z@$][A-Za-z@$._]{0,63}$/.test(key) ? key : '(unnamed property)';
}

/** Reads and checks fields of one JSON object in a request body; errors name the field by its dotted path. */
export class Fields {
  private readonly seen = new Set<string>();
  constructor(
    readonly obj: Obj,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(path || '(root)', 'must be a JSON object');
    return new Fields(value as Obj, path);
  }

  name(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  raw(field: string): unknown {
    this.seen.add(field);
    return this.obj[field];
  }

  string(field: string, required: boolean): string | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null) {
      if (required) throw invalid(this.name(field), 'is required');
      return undefined;
    }
    if (typeof v !== 'string') throw invalid(this.name(field), 'must be a string');
    if (v.length > 100_000) throw invalid(this.name(field), 'is too long');
    return v;
  }

  object(field: string, required: boolean): Obj | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null) {
      if (required) throw invalid(this.name(field), 'is required');
      return undefined;
    }
    if (typeof v !== 'object' || Array.isArray(v)) throw invalid(this.name(field), 'must be a JSON object');
    return v as Obj;
  }

  /** Any JSON value (metadata, resultQuality). */
  any(field: string, required: boolean): unknown {
    const v = this.raw(field);
    if (v === undefined && required) throw invalid(this.name(field), 'is required');
    return v;
  }

  array(field: string): unknown[] | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw invalid(this.name(field), 'must be an array');
    return v;
  }

  /** A GeoJSON geometry or Feature, for encodingType application/geo+json. */
  geometry(field: string, required: boolean, encodingType: string | undefined): { value: Obj; geometry: Geometry } | undefined {
    const v = this.object(field, required);
    if (!v) return undefined;
    if (encodingType !== undefined && !/^application\/(vnd\.)?geo\+json$/.test(encodingType)) {
      throw invalid(this.name('encodingType'), "only 'application/geo+json' is supported");
    }
    const g = geometryOf(v);
    if (!g) throw invalid(this.name(field), 'must be a GeoJSON geometry or Feature');
    const issues = validateGeometry(g);
    if (issues.length) throw invalid(this.name(field), `is not valid GeoJSON: ${issues[0]!.message}`);
    return { value: v, geometry: g };
  }

  /** Rejects fields nobody read: a misspelt property must not be dropped silently. */
  done(allowed: readonly string[] = []): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.seen.has(key) && !allowed.includes(key)) throw invalid(this.name(safeKey(key)), 'is not a property of this entity');
    }
  }
}

/** A nested `{"@iot.id": n}` reference, or undefined when the object is a new entity. */
export function refId(value: unknown, path: string): number | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(path, 'must be a JSON object');
  const v = value as Obj;
  if (!('@iot.id' in v)) return undefined;
  const id = v['@iot.id'];
  const n = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : id;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw invalid(`${path}.@iot.id`, 'must be a positive integer');
  const extra = Object.keys(v).filter((k) => k !== '@iot.id' && k !== '@iot.selfLink');
  if (extra.length) throw invalid(`${path}.${safeKey(extra[0]!)}`, 'a reference by @iot.id cannot carry other properties');
  return n;
}
