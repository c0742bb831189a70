import { AppError, invalid } from '../../kernel/errors.js';
import type { ObservationRow } from './dialect/types.js';
import { metaObject } from '../privacy/declaration.js';
import type { Obj } from './input.js';

/**
 * The plausible range of a Datastream's numeric results, declared by its owner as
 * `properties.resultBounds = { "min": n, "max": n }` (either may be left out): 0 to the
 * capacity for free parking places, physical limits for a pollutant. Ingest refuses a
 * result outside it, on every path, so no page ever shows 999 free places of 201.
 */
export interface ResultBounds {
  min?: number;
  max?: number;
}

/** Checks `properties.resultBounds`; undefined when the body sets none. */
export function parseBounds(properties: unknown, field: string): ResultBounds | undefined {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return undefined;
  const value = (properties as Obj).resultBounds;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be an object { "min": number, "max": number }');
  const o = value as Obj;
  for (const k of Object.keys(o)) if (k !== 'min' && k !== 'max') throw invalid(`${field}.${k.slice(0, 40)}`, 'is not min or max');
  const out: ResultBounds = {};
  for (const k of ['min', 'max'] as const) {
    if (o[k] === undefined || o[k] === null) continue;
    if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw invalid(`${field}.${k}`, 'must be a finite number');
    out[k] = o[k];
  }
  if (out.min === undefined && out.max === undefined) throw invalid(field, 'must give min, max or both');
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) throw invalid(`${field}.min`, `is above max (${out.max})`);
  return out;
}

/** The bounds kept in a Datastream's `meta`. */
export function boundsOfMeta(meta: unknown): ResultBounds | undefined {
  const b = metaObject(meta).resultBounds;
  return b && typeof b === 'object' ? (b as ResultBounds) : undefined;
}

const FIELD = 'result';

/** Why an observation's result is outside its Datastream's bounds (a 400 naming the bound), or undefined when it is inside. */
export function outOfBounds(bounds: ResultBounds | undefined, row: Pick<ObservationRow, 'resultNum' | 'resultStr' | 'resultJson'>, field = FIELD): AppError | undefined {
  if (!bounds) return undefined;
  const v = row.resultNum;
  if (v === null || v === undefined) return invalid(field, 'must be a number: the Datastream declares properties.resultBounds');
  if (bounds.min !== undefined && v < bounds.min) return new AppError('validation-failed', `${field}: ${v} is below the Datastream's minimum ${bounds.min} (properties.resultBounds.min)`, [{ name: field, reason: `below properties.resultBounds.min (${bounds.min})`, in: 'body' }]);
  if (bounds.max !== undefined && v > bounds.max) return new AppError('validation-failed', `${field}: ${v} is above the Datastream's maximum ${bounds.max} (properties.resultBounds.max)`, [{ name: field, reason: `above properties.resultBounds.max (${bounds.max})`, in: 'body' }]);
  return undefined;
}
