/**
 * Reading one CityJSON document or one CityJSONSeq feature: parse, upgrade to 2.0,
 * validate against the schema, check indices and the object hierarchy, decode the
 * vertices. Every refusal is a CityJsonError that names the object and line.
 */
import { CityJsonError } from './errors.js';
import { checkGeometry, type GeometryCheckContext } from './geometry.js';
import { cityJsonSchema, type CityJsonSchema, type SchemaIssue } from './schema.js';
import type { CityJsonDocument, CityJsonFeature, CityJsonTransform, CityObject, GeometryTemplates, JsonObject } from './types.js';
import { upgradeCityObjects, upgradeDocument, type UpgradeReport } from './upgrade.js';
import { decodeVertices } from './vertices.js';

export interface ParsedDocument {
  /** The document as upgraded to 2.0 (vertices still the file's integers). */
  document: CityJsonDocument;
  upgrade: UpgradeReport;
  /** Real coordinates of `document.vertices`, x, y, z interleaved. */
  coordinates: Float64Array;
}

export interface ParsedFeature {
  feature: CityJsonFeature;
  coordinates: Float64Array;
  line: number | null;
}

/** What a CityJSONSeq's first line provides to every feature after it. */
export interface SeqHeader {
  document: CityJsonDocument;
  upgrade: UpgradeReport;
  transform: CityJsonTransform;
}

export function parseJson(text: string, line: number | null = null): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CityJsonError('not-json', `not valid JSON: ${(e as Error).message}`, null, line);
  }
}

/** `/CityObjects/a~1b/geometry/0` → `a/b` */
function objectIdOf(pointer: string): string | null {
  const m = /^\/CityObjects\/([^/]+)/.exec(pointer);
  return m?.[1] ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

function schemaError(issues: SchemaIssue[], line: number | null, objectId?: string): CityJsonError {
  const first = issues[0]!;
  const id = objectId ?? objectIdOf(first.pointer);
  const at = first.pointer || '/';
  return new CityJsonError('schema', `does not match the CityJSON 2.0 schema at ${at}: ${first.message}`, id, line, at);
}

function appearanceCounts(appearance: JsonObject | undefined): Pick<GeometryCheckContext, 'materialCount' | 'textureCount' | 'textureVertexCount'> {
  const len = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  return {
    materialCount: len(appearance?.['materials']),
    textureCount: len(appearance?.['textures']),
    textureVertexCount: len(appearance?.['vertices-texture']),
  };
}

export interface ObjectCheckContext {
  schema: CityJsonSchema;
  vertexCount: number;
  templates: GeometryTemplates | undefined;
  appearance: JsonObject | undefined;
  line: number | null;
}

/** Schema and index checks of one CityObject. */
export function checkObject(id: string, object: CityObject, ctx: ObjectCheckContext): void {
  const issues = ctx.schema.validateObject(object);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new CityJsonError('schema', `does not match the CityJSON 2.0 schema at ${first.pointer || '/'}: ${first.message}`, id, ctx.line, `/CityObjects/${id}${first.pointer}`);
  }
  const geometryCtx: GeometryCheckContext = {
    objectId: id,
    vertexCount: ctx.vertexCount,
    templateCount: ctx.templates?.templates.length ?? 0,
    line: ctx.line,
    ...appearanceCounts(ctx.appearance),
  };
  object.geometry?.forEach((g, i) => checkGeometry(g, i, geometryCtx));
  const addresses = Array.isArray(object.address) ? object.address : [];
  addresses.forEach((a, i) => {
    const location = (a as { location?: unknown }).location;
    if (location) checkGeometry(location as never, i, { ...geometryCtx, objectId: `${id} (address ${i})` });
  });
}

/** Parents and children must exist and name each other. */
export function checkHierarchy(objects: Record<string, CityObject>, line: number | null = null): void {
  for (const [id, object] of Object.entries(objects)) {
    for (const child of object.children ?? []) {
      const c = objects[child];
      if (!c) throw new CityJsonError('hierarchy', `child '${child}' does not exist`, id, line);
      if (!(c.parents ?? []).includes(id)) throw new CityJsonError('hierarchy', `child '${child}' does not list it as a parent`, id, line);
    }
    for (const parent of object.parents ?? []) {
      const p = objects[parent];
      if (!p) throw new CityJsonError('hierarchy', `parent '${parent}' does not exist`, id, line);
      if (!(p.children ?? []).includes(id)) throw new CityJsonError('hierarchy', `parent '${parent}' does not list it as a child`, id, line);
    }
  }
}

function checkTemplates(templates: GeometryTemplates | undefined): void {
  if (!templates) return;
  const ctx: GeometryCheckContext = {
    objectId: 'geometry-templates',
    vertexCount: templates['vertices-templates'].length,
    templateCount: 0,
    materialCount: 0,
    textureCount: 0,
    textureVertexCount: 0,
  };
  templates.templates.forEach((g, i) => checkGeometry(g, i, ctx));
}

function asObject(value: unknown, expected: string, line: number | null): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { type?: unknown }).type !== expected) {
    const found = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : typeof value;
    throw new CityJsonError('not-cityjson', `expected a ${expected} object, found ${JSON.stringify(found)}`, null, line);
  }
  return value as Record<string, unknown>;
}

/**
 * Upgrades and checks the whole document except its CityObjects; the caller
 * checks those one by one (checkObject), so a long import can report progress.
 */
export function prepareDocument(input: unknown, line: number | null = null): { document: CityJsonDocument; upgrade: UpgradeReport } {
  const raw = asObject(typeof input === 'string' ? parseJson(input, line) : input, 'CityJSON', line);
  const upgrade = upgradeDocument(raw);
  const schema = cityJsonSchema('cityjson');
  const issues = schema.validateEnvelope(raw);
  if (issues.length > 0) throw schemaError(issues, line);
  const document = raw as unknown as CityJsonDocument;
  checkTemplates(document['geometry-templates']);
  checkHierarchy(document.CityObjects, line);
  return { document, upgrade };
}

/** What checking the objects of a whole (prepared) CityJSON document needs. */
export function documentCheckContext(document: CityJsonDocument): ObjectCheckContext {
  return { schema: cityJsonSchema('cityjson'), vertexCount: document.vertices.length, templates: document['geometry-templates'], appearance: document.appearance, line: null };
}

/** Parses and checks a complete CityJSON document in one call. */
export function parseCityJsonDocument(input: unknown): ParsedDocument {
  const { document, upgrade } = prepareDocument(input);
  const ctx = documentCheckContext(document);
  for (const [id, object] of Object.entries(document.CityObjects)) checkObject(id, object, ctx);
  return { document, upgrade, coordinates: decodeVertices(document.vertices, document.transform) };
}

/** The first line of a CityJSONSeq: a CityJSON object without objects, with the transform. */
export function parseSeqHeader(input: unknown, line = 1): SeqHeader {
  const raw = typeof input === 'string' ? parseJson(input, line) : input;
  // Checked before the schema (which also requires it) to say why it matters here.
  if (typeof raw === 'object' && raw !== null && !('transform' in raw)) {
    throw new CityJsonError('missing-transform', 'the first line of a CityJSONSeq must carry "transform" for the features after it', null, line);
  }
  const { document, upgrade } = prepareDocument(raw, line);
  if (Object.keys(document.CityObjects).length > 0 || document.vertices.length > 0) {
    throw new CityJsonError('feature', 'the first line of a CityJSONSeq must have empty "CityObjects" and "vertices"', null, line);
  }
  // The 2.0 schema requires "transform", so it is there after prepareDocument.
  return { document, upgrade, transform: document.transform! };
}

/** One CityJSONFeature line, checked and with its vertices decoded with the header's transform. */
export function parseFeature(input: unknown, header: SeqHeader | null, line: number | null = null): ParsedFeature {
  const raw = asObject(typeof input === 'string' ? parseJson(input, line) : input, 'CityJSONFeature', line);
  if (header && header.upgrade.from !== '2.0') upgradeCityObjects(raw, new Set());
  const schema = cityJsonSchema('cityjsonfeature');
  const issues = schema.validateEnvelope(raw);
  if (issues.length > 0) throw schemaError(issues, line);
  const feature = raw as unknown as CityJsonFeature;
  if (!feature.CityObjects[feature.id]) {
    throw new CityJsonError('feature', `the feature's "id" '${feature.id}' is not one of its CityObjects`, feature.id, line);
  }
  checkHierarchy(feature.CityObjects, line);
  const ctx: ObjectCheckContext = {
    schema,
    vertexCount: feature.vertices.length,
    templates: header?.document['geometry-templates'],
    appearance: feature.appearance,
    line,
  };
  for (const [id, object] of Object.entries(feature.CityObjects)) checkObject(id, object, ctx);
  return { feature, coordinates: decodeVertices(feature.vertices, header?.transform), line };
}
