import { invalid } from '../../kernel/errors.js';
import { parseDuration } from './duration.js';
import { safeKey } from '../sta/input.js';

/**
 * The privacy declaration every Datastream carries in `properties.privacy` (in the
 * properties so that SensorThings clients see it without a non-standard entity property).
 * The validated copy is kept in `sta_datastreams.meta.privacy`, which ingest and the
 * retention job read. A Datastream without one is declared `personalData: "none"`.
 */
export interface PrivacyDeclaration {
  /** Why the data is collected (doelbinding). */
  purpose?: string;
  /** GDPR art. 6(1) ground; required unless personalData is 'none'. */
  legalBasis?: LegalBasis;
  personalData: PersonalDataClass;
  /** ISO 8601 duration; observations older than this (by phenomenonTime) are deleted. Required unless personalData is 'none'. */
  retention?: string;
  /** The governance mandate under which the data is processed. */
  mandate?: string;
  /** Dotted paths under `result` or `parameters` holding identifiers, pseudonymised at ingest. */
  identifierFields: string[];
}

export const PERSONAL_DATA_CLASSES = ['none', 'pseudonymised', 'personal', 'special-category'] as const;
export type PersonalDataClass = (typeof PERSONAL_DATA_CLASSES)[number];
/** GDPR art. 6(1) a–f. */
export const LEGAL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const NO_PERSONAL_DATA: PrivacyDeclaration = { personalData: 'none', identifierFields: [] };

const KEYS = ['purpose', 'legalBasis', 'personalData', 'retention', 'mandate', 'identifierFields'];
const FIELD_PATH = /^(result(\.[A-Za-z0-9_@$-]{1,64}){0,8}|parameters(\.[A-Za-z0-9_@$-]{1,64}){1,8})$/;

function text(o: Record<string, unknown>, key: string, field: string, max = 2000): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw invalid(`${field}.${key}`, 'must be a non-empty string');
  if (v.length > max) throw invalid(`${field}.${key}`, 'is too long');
  return v;
}

/** Checks `properties.privacy`; throws a 400 naming the field. `field` is its dotted path. */
export function parseDeclaration(value: unknown, field: string): PrivacyDeclaration {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be a JSON object');
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw invalid(`${field}.${safeKey(k)}`, `is not one of ${KEYS.join(', ')}`);
  const personalData = o.personalData;
  if (typeof personalData !== 'string' || !(PERSONAL_DATA_CLASSES as readonly string[]).includes(personalData)) {
    throw invalid(`${field}.personalData`, `is required: one of ${PERSONAL_DATA_CLASSES.join(', ')}`);
  }
  const purpose = text(o, 'purpose', field);
  if (purpose === undefined) throw invalid(`${field}.purpose`, 'is required');
  const legalBasis = o.legalBasis;
  if (legalBasis !== undefined && (typeof legalBasis !== 'string' || !(LEGAL_BASES as readonly string[]).includes(legalBasis))) {
    throw invalid(`${field}.legalBasis`, `must be one of ${LEGAL_BASES.join(', ')} (GDPR art. 6(1))`);
  }
  const retention = text(o, 'retention', field, 40);
  if (retention !== undefined && !parseDuration(retention)) throw invalid(`${field}.retention`, 'must be an ISO 8601 duration such as P30D');
  const mandate = text(o, 'mandate', field, 200);
  const ids = o.identifierFields ?? [];
  if (!Array.isArray(ids) || ids.length > 32) throw invalid(`${field}.identifierFields`, 'must be an array of at most 32 dotted paths');
  ids.forEach((p, i) => {
    if (typeof p !== 'string' || !FIELD_PATH.test(p)) throw invalid(`${field}.identifierFields.${i}`, "must be a dotted path under 'result' or 'parameters', e.g. result.plate or parameters.mac");
  });
  if (personalData !== 'none') {
    if (legalBasis === undefined) throw invalid(`${field}.legalBasis`, `is required when personalData is '${personalData}'`);
    if (retention === undefined) throw invalid(`${field}.retention`, `is required when personalData is '${personalData}'`);
  } else if (ids.length) {
    throw invalid(`${field}.personalData`, "cannot be 'none' when identifierFields are declared");
  }
  const out: PrivacyDeclaration = { personalData: personalData as PersonalDataClass, identifierFields: [...new Set(ids as string[])] };
  if (purpose !== undefined) out.purpose = purpose;
  if (legalBasis !== undefined) out.legalBasis = legalBasis as LegalBasis;
  if (retention !== undefined) out.retention = retention;
  if (mandate !== undefined) out.mandate = mandate;
  return out;
}

/** A Datastream's `meta` column as an object: JSON text on SQLite, already parsed from PostgreSQL's JSONB. */
export function metaObject(meta: unknown): Record<string, unknown> {
  let m = meta;
  if (typeof m === 'string') {
    try {
      m = JSON.parse(m);
    } catch {
      return {};
    }
  }
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

/** The declaration stored in `meta`. */
export function declarationOfMeta(meta: unknown): PrivacyDeclaration {
  const p = metaObject(meta).privacy;
  return p && typeof p === 'object' ? (p as PrivacyDeclaration) : NO_PERSONAL_DATA;
}
