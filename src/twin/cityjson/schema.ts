/**
 * Validation against the published CityJSON JSON Schemas (schemas/). The schemas
 * are single files whose CityObjects member is a `oneOf` over one branch per
 * CityObject type; a branch is distinguished by its `type` enum. We split them
 * once: the envelope (everything except the CityObjects' contents) is compiled at
 * first use, and each type's branch when the first object of that type is met.
 * Validating an object against the branch of its own type is what the `oneOf`
 * asks, and it gives an error about the object's real type instead of "must be
 * equal to Bridge" from the first branch ajv tried.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { repoPath } from '../../kernel/paths.js';

type Schema = Record<string, unknown> & { properties: Record<string, unknown> };
type Branch = { allOf?: Array<{ properties?: { type?: { enum?: string[] } } }>; properties?: { type?: { pattern?: string } } };

export type SchemaName = 'cityjson' | 'cityjsonfeature';

const FILES: Record<SchemaName, string> = {
  cityjson: 'cityjson-2.0.min.schema.json',
  cityjsonfeature: 'cityjsonfeature-2.0.min.schema.json',
};

/** The schemas live beside the sources (tsc does not copy them to dist/). */
function schemaPath(file: string): string {
  const path = repoPath('src', 'twin', 'cityjson', 'schemas', file);
  if (!existsSync(path)) throw new Error(`CityJSON schema ${file} not found at ${path}`);
  return path;
}

/**
 * The published "2.0" schema files call themselves v1.1.3 and differ from the
 * CityJSON 2.0 specification in three places, each of which rejects files the
 * 2.0 conformance cases call valid. We patch the loaded copy, never the file.
 */
export const SCHEMA_PATCHES_TO_2_0 = [
  'GenericCityObject is a core type in 2.0 (it was an extension in 1.1): add a branch with the geometry types of OtherConstruction',
  'metadata may carry extra properties in 2.0 (§ Metadata): allow them',
  'metadata.pointOfContact.address is an Address object in 2.0, not a string',
] as const;

function patchTo2_0(schema: Schema): void {
  const branches = cityObjectBranches(schema);
  const typeOf = (b: Branch): string | undefined => b.allOf?.[1]?.properties?.type?.enum?.[0];
  if (!branches.some((b) => typeOf(b) === 'GenericCityObject')) {
    const model = branches.find((b) => typeOf(b) === 'OtherConstruction');
    if (model) {
      const generic = structuredClone(model);
      generic.allOf![1]!.properties!.type!.enum = ['GenericCityObject'];
      branches.push(generic);
    }
  }
  const metadata = schema.properties['metadata'] as Schema | undefined;
  if (metadata) {
    delete metadata['additionalProperties'];
    const contact = metadata.properties['pointOfContact'] as Schema | undefined;
    if (contact?.properties['address']) contact.properties['address'] = { type: 'object' };
  }
}

function cityObjectBranches(schema: Schema): Branch[] {
  const objects = schema.properties['CityObjects'] as { additionalProperties: { oneOf: Branch[] } };
  return objects.additionalProperties.oneOf;
}

export interface SchemaIssue {
  /** JSON pointer into the document (or into the object for object issues). */
  pointer: string;
  message: string;
}

const toIssues = (errors: ErrorObject[] | null | undefined, prefix = ''): SchemaIssue[] =>
  (errors ?? []).map((e) => ({
    pointer: prefix + e.instancePath,
    message: `${e.message ?? 'is not valid'}${e.params && Object.keys(e.params).length ? ` (${JSON.stringify(e.params)})` : ''}`,
  }));

/** One schema file, split into an envelope validator and per-type object validators. */
export class CityJsonSchema {
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false, code: { optimize: false } });
  private readonly envelope: ValidateFunction;
  private readonly branchByType = new Map<string, Branch>();
  private readonly extensionBranch: Branch | undefined;
  private readonly extensionPattern: RegExp | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly name: SchemaName) {
    const schema = JSON.parse(readFileSync(schemaPath(FILES[name]), 'utf8')) as Schema;
    patchTo2_0(schema);
    for (const branch of cityObjectBranches(schema)) {
      const type = branch.allOf?.[1]?.properties?.type?.enum?.[0];
      if (type) this.branchByType.set(type, branch);
      else if (branch.properties?.type?.pattern) {
        this.extensionBranch = branch;
        this.extensionPattern = new RegExp(branch.properties.type.pattern, 'u');
      }
    }
    // The envelope keeps every member but sees each CityObject only as "an object with a type".
    const envelope = structuredClone({ ...schema, properties: { ...schema.properties } });
    envelope.properties['CityObjects'] = {
      type: 'object',
      additionalProperties: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
    };
    this.envelope = this.ajv.compile(envelope);
  }

  /** Types the schema knows, without extension types. */
  get coreTypes(): string[] {
    return [...this.branchByType.keys()];
  }

  isKnownType(type: string): boolean {
    return this.branchByType.has(type) || (this.extensionPattern?.test(type) ?? false);
  }

  validateEnvelope(doc: unknown): SchemaIssue[] {
    return this.envelope(doc) ? [] : toIssues(this.envelope.errors);
  }

  /** Issues of one CityObject against the branch of its type; an unknown type is one issue. */
  validateObject(object: { type?: unknown }): SchemaIssue[] {
    const type = typeof object.type === 'string' ? object.type : '';
    let validate: ValidateFunction | undefined = this.compiled.get(type);
    if (validate === undefined) {
      const branch = this.branchByType.get(type) ?? (this.extensionPattern?.test(type) ? this.extensionBranch : undefined);
      if (!branch) {
        return [{ pointer: '/type', message: `unknown CityObject type '${type}'; CityJSON 2.0 knows ${this.coreTypes.join(', ')} and extension types starting with '+'` }];
      }
      validate = this.ajv.compile(branch);
      this.compiled.set(type, validate);
    }
    return validate(object) ? [] : toIssues(validate.errors);
  }
}

const loaded = new Map<SchemaName, CityJsonSchema>();

/** The schema, loaded and compiled once per process. */
export function cityJsonSchema(name: SchemaName): CityJsonSchema {
  let schema = loaded.get(name);
  if (!schema) {
    schema = new CityJsonSchema(name);
    loaded.set(name, schema);
  }
  return schema;
}
