/**
 * Walking CityJSON geometries: nesting depths per type, index checks the JSON
 * Schema cannot express (vertex index in range, semantic value in range), and a
 * surface iterator that pairs each surface with its semantic object.
 */
import { CityJsonError } from './errors.js';
import type { Boundaries, CityJsonGeometry, SemanticSurface, SemanticValues } from './types.js';

/** Array nesting depth of `boundaries` down to vertex indices. */
export const BOUNDARY_DEPTH: Readonly<Record<string, number>> = {
  MultiPoint: 1,
  MultiLineString: 2,
  MultiSurface: 3,
  CompositeSurface: 3,
  Solid: 4,
  MultiSolid: 5,
  CompositeSolid: 5,
  GeometryInstance: 1,
};

/** Depth of semantic / material `values`: one value per point, line or surface. */
const VALUES_DEPTH: Readonly<Record<string, number>> = {
  MultiPoint: 1,
  MultiLineString: 1,
  MultiSurface: 1,
  CompositeSurface: 1,
  Solid: 2,
  MultiSolid: 3,
  CompositeSolid: 3,
};

/** "2.2" → 2.2; a missing or odd lod sorts lowest. */
export function lodNumber(lod: string | number | undefined): number {
  const n = typeof lod === 'number' ? lod : Number.parseFloat(lod ?? '');
  return Number.isFinite(n) ? n : -1;
}

export interface GeometryCheckContext {
  objectId: string;
  /** Number of vertices the indices refer to. */
  vertexCount: number;
  templateCount: number;
  materialCount: number;
  textureCount: number;
  textureVertexCount: number;
  line?: number | null;
}

function fail(ctx: GeometryCheckContext, index: number, message: string): never {
  throw new CityJsonError('geometry', `geometry ${index}: ${message}`, ctx.objectId, ctx.line ?? null, `CityObjects.${ctx.objectId}.geometry.${index}`);
}

function checkIndices(b: unknown, depth: number, limit: number, rings: boolean, onBad: (m: string) => never, path: string): void {
  const what = 'vertex';
  if (depth === 0) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0) onBad(`${path}: ${JSON.stringify(b)} is not a ${what} index`);
    if ((b as number) >= limit) onBad(`${path}: ${what} index ${b as number} is out of range (${limit} ${what}s)`);
    return;
  }
  if (!Array.isArray(b)) onBad(`${path}: expected an array, found ${JSON.stringify(b)}`);
  // A ring (depth 1 inside a surface) needs three vertices to enclose anything.
  if (depth === 1 && rings && (b as unknown[]).length < 3) {
    onBad(`${path}: a ring needs at least 3 vertices, has ${(b as unknown[]).length}`);
  }
  (b as unknown[]).forEach((c, i) => checkIndices(c, depth - 1, limit, rings, onBad, `${path}.${i}`));
}

function checkValues(values: unknown, depth: number, limit: number, what: string, onBad: (m: string) => never, path: string): void {
  if (values === null) return;
  if (depth === 0) {
    if (typeof values !== 'number' || !Number.isInteger(values) || values < 0 || values >= limit) {
      onBad(`${path}: ${JSON.stringify(values)} does not point at one of the ${limit} ${what}`);
    }
    return;
  }
  if (!Array.isArray(values)) onBad(`${path}: expected an array of values`);
  (values as unknown[]).forEach((v, i) => checkValues(v, depth - 1, limit, what, onBad, `${path}.${i}`));
}

/** Throws a CityJsonError naming the object when an index is out of range or misnested. */
export function checkGeometry(g: CityJsonGeometry, index: number, ctx: GeometryCheckContext): void {
  const onBad = (m: string): never => fail(ctx, index, m);
  const depth = BOUNDARY_DEPTH[g.type];
  if (depth === undefined) onBad(`unknown geometry type '${g.type}'`);
  if (g.type === 'GeometryInstance') {
    if (!Number.isInteger(g.template) || g.template! < 0 || g.template! >= ctx.templateCount) {
      onBad(`template ${String(g.template)} does not exist (${ctx.templateCount} templates)`);
    }
    if (!Array.isArray(g.boundaries) || g.boundaries.length !== 1) onBad('a GeometryInstance has exactly one reference vertex');
    if (!Array.isArray(g.transformationMatrix) || g.transformationMatrix.length !== 16) onBad('transformationMatrix needs 16 numbers');
  }
  checkIndices(g.boundaries, depth!, ctx.vertexCount, depth! >= 3, onBad, 'boundaries');

  const valuesDepth = VALUES_DEPTH[g.type];
  if (g.semantics && valuesDepth !== undefined) {
    const surfaces = g.semantics.surfaces ?? [];
    surfaces.forEach((s, i) => {
      if (s.parent !== undefined && (!Number.isInteger(s.parent) || s.parent < 0 || s.parent >= surfaces.length)) {
        onBad(`semantics.surfaces.${i}.parent ${s.parent} is out of range`);
      }
      for (const c of s.children ?? []) {
        if (!Number.isInteger(c) || c < 0 || c >= surfaces.length) onBad(`semantics.surfaces.${i}.children has ${c}, out of range`);
      }
    });
    checkValues(g.semantics.values, valuesDepth, surfaces.length, 'semantic surfaces', onBad, 'semantics.values');
  }
  if (g.material && valuesDepth !== undefined) {
    for (const [theme, m] of Object.entries(g.material)) {
      if (m.value !== undefined) checkValues(m.value, 0, ctx.materialCount, 'materials', onBad, `material.${theme}.value`);
      if (m.values !== undefined) checkValues(m.values, valuesDepth, ctx.materialCount, 'materials', onBad, `material.${theme}.values`);
    }
  }
  if (g.texture && depth !== undefined) {
    for (const [theme, t] of Object.entries(g.texture)) checkTextureValues(t.values, depth, ctx, onBad, `texture.${theme}.values`);
  }
}

/** Texture values mirror the boundaries; each ring is [texture, uv, uv, ...] or [null]. */
function checkTextureValues(values: unknown, depth: number, ctx: GeometryCheckContext, onBad: (m: string) => never, path: string): void {
  if (depth === 1) {
    if (!Array.isArray(values)) onBad(`${path}: expected a texture ring`);
    const [tex, ...uvs] = values as unknown[];
    if (tex === null || tex === undefined) return;
    checkValues(tex, 0, ctx.textureCount, 'textures', onBad, `${path}.0`);
    uvs.forEach((uv, i) => checkValues(uv, 0, ctx.textureVertexCount, 'texture vertices', onBad, `${path}.${i + 1}`));
    return;
  }
  if (values === null) return;
  if (!Array.isArray(values)) onBad(`${path}: expected an array`);
  (values as unknown[]).forEach((v, i) => checkTextureValues(v, depth - 1, ctx, onBad, `${path}.${i}`));
}

export interface SurfaceVisit {
  /** Rings of vertex indices: the first is the exterior. */
  rings: number[][];
  semantic: SemanticSurface | null;
  /** Solid index (multi/composite solids), shell index (solids), surface index. */
  solid: number;
  shell: number;
  surface: number;
}

function semanticAt(g: CityJsonGeometry, path: number[]): SemanticSurface | null {
  let v: SemanticValues | SemanticValues[] | null | undefined = g.semantics?.values;
  for (const i of path) {
    if (!Array.isArray(v)) return null;
    v = v[i];
  }
  return typeof v === 'number' ? (g.semantics?.surfaces[v] ?? null) : null;
}

/** Calls `fn` for every surface of a surface or solid geometry; points and lines have none. */
export function forEachSurface(g: CityJsonGeometry, fn: (s: SurfaceVisit) => void, options: { exteriorShellsOnly?: boolean } = {}): void {
  const b = g.boundaries as Boundaries[];
  const visitShell = (surfaces: Boundaries[], solid: number, shell: number, path: number[]): void => {
    surfaces.forEach((rings, surface) => fn({ rings: rings as number[][], semantic: semanticAt(g, [...path, surface]), solid, shell, surface }));
  };
  switch (g.type) {
    case 'MultiSurface':
    case 'CompositeSurface':
      visitShell(b, 0, 0, []);
      break;
    case 'Solid':
      (b as Boundaries[][]).forEach((shell, s) => {
        if (!options.exteriorShellsOnly || s === 0) visitShell(shell, 0, s, [s]);
      });
      break;
    case 'MultiSolid':
    case 'CompositeSolid':
      (b as Boundaries[][][]).forEach((solid, k) =>
        solid.forEach((shell, s) => {
          if (!options.exteriorShellsOnly || s === 0) visitShell(shell, k, s, [k, s]);
        }),
      );
      break;
  }
}
