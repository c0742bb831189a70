import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { InvalidParam } from '../../kernel/errors.js';
import { repoPath } from '../../kernel/paths.js';

/**
 * The algorithm register's publication standard 1.0 (Algoritmeregister
 * Publicatiestandaard v1.0.0), validated with its own JSON Schema. The schema ships in
 * demo/registers/ with its licence; it is read and compiled once per process.
 */
export const STANDARD_VERSION = '1.0.0';
export const SCHEMA_FILE = 'algoritmeregister-publicatiestandaard-1.0.schema.json';

export const PUBLICATION_CATEGORIES = [
  'Hoog-risico AI-systeem (Categorie A)',
  'Impactvolle algoritmes (Categorie B)',
  'Overige algoritmes (Categorie C)',
] as const;
export type PublicationCategory = (typeof PUBLICATION_CATEGORIES)[number];

export const STATUSES = ['In ontwikkeling', 'In gebruik', 'Buiten gebruik'] as const;

/** One entry in the standard's format: its snake_case field names, as published. */
export type StandardEntry = Record<string, unknown>;

interface SchemaProperty {
  type?: string;
  name?: string;
  maxLength?: number;
  enum?: string[];
  const?: string;
}
export interface StandardSchema {
  required: string[];
  properties: Record<string, SchemaProperty>;
}

function schemaPath(): string {
  const path = repoPath('demo', 'registers', SCHEMA_FILE);
  if (!existsSync(path)) throw new Error(`${SCHEMA_FILE} not found in demo/registers/`);
  return path;
}

let compiled: { schema: StandardSchema; validate: ValidateFunction; fieldsOnly: ValidateFunction } | undefined;

function compile() {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(schemaPath(), 'utf8')) as StandardSchema & Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: true });
  // The standard annotates each field with Dutch labels and guidance: annotations, not checks.
  ajv.addVocabulary(['name', 'category', 'display', 'instructions', 'example', 'community']);
  (formats as unknown as (a: Ajv) => void)(ajv);
  // Our API is strict: a misspelt field is an error, not silently published. The standard
  // itself allows extra fields, so this is added here rather than edited in its file.
  const strictSchema = { ...schema, $id: `${String(schema.$id)}#strict`, additionalProperties: false };
  const validate = ajv.compile(strictSchema);
  // The same checks without `required`, for imported rows whose source lacks fields.
  const fieldsOnly = ajv.compile({ ...strictSchema, $id: `${String(schema.$id)}#fields`, required: [] });
  compiled = { schema, validate, fieldsOnly };
  return compiled;
}

export function standardSchema(): StandardSchema {
  return compile().schema;
}

/** Maps ajv's errors to problem+json invalidParams naming the field (`standard.<field>`). */
export function toInvalidParams(errors: readonly ErrorObject[] | null | undefined, prefix = 'standard'): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const e of errors ?? []) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let reason = e.message ?? 'is not valid';
    if (e.keyword === 'required') {
      field = [field, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.');
      reason = 'is required by the publication standard 1.0';
    } else if (e.keyword === 'additionalProperties') {
      field = [field, (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.');
      reason = 'is not a field of the publication standard 1.0';
    } else if (e.keyword === 'enum') {
      reason = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(' | ')}`;
    } else if (e.keyword === 'const') {
      reason = `must be '${String((e.params as { allowedValue: unknown }).allowedValue)}'`;
    }
    out.push({ name: field ? `${prefix}.${field}` : prefix, reason, in: 'body' });
  }
  return out;
}

/** Full validation: every required field present and every field well-formed. */
export function validateEntry(entry: unknown): InvalidParam[] {
  const { validate } = compile();
  return validate(entry) ? [] : toInvalidParams(validate.errors);
}

/** Field checks only (types, lengths, enums, patterns, formats); for partially known imports. */
export function validateFields(entry: unknown): InvalidParam[] {
  const { fieldsOnly } = compile();
  return fieldsOnly(entry) ? [] : toInvalidParams(fieldsOnly.errors);
}

/** Required fields the entry does not have. */
export function missingRequired(entry: StandardEntry): string[] {
  return standardSchema().required.filter((f) => entry[f] === undefined || entry[f] === '');
}
