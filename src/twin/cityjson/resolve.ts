/**
 * Resolving the references inside a checked CityJSON document into values: the
 * object hierarchy, semantic surfaces with their parents and children, geometry
 * instances placed in the world, address locations as points.
 */
import type { CityJsonGeometry, CityObject, GeometryTemplates, SemanticSurface } from './types.js';

export interface HierarchyNode {
  id: string;
  type: string;
  parents: string[];
  children: string[];
  /** Distance from a root (an object without parents); 0 for roots. */
  depth: number;
}

/**
 * The object hierarchy as nodes with depths. Throws on a cycle, which the
 * parent/child symmetry check cannot catch.
 */
export function resolveHierarchy(objects: Record<string, CityObject>): Map<string, HierarchyNode> {
  const nodes = new Map<string, HierarchyNode>();
  for (const [id, o] of Object.entries(objects)) {
    nodes.set(id, { id, type: o.type, parents: o.parents ?? [], children: o.children ?? [], depth: -1 });
  }
  const depthOf = (id: string, trail: Set<string>): number => {
    const node = nodes.get(id)!;
    if (node.depth >= 0) return node.depth;
    if (trail.has(id)) throw new Error(`CityObject '${id}' is its own ancestor`);
    trail.add(id);
    node.depth = node.parents.length === 0 ? 0 : Math.min(...node.parents.map((p) => depthOf(p, trail))) + 1;
    trail.delete(id);
    return node.depth;
  };
  for (const id of nodes.keys()) depthOf(id, new Set());
  return nodes;
}

/** All descendants of `id`, depth first, without `id` itself. */
export function descendants(objects: Record<string, CityObject>, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  const walk = (at: string): void => {
    for (const c of objects[at]?.children ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      walk(c);
    }
  };
  walk(id);
  return out;
}

export interface ResolvedSemantic {
  index: number;
  surface: SemanticSurface;
  parent: ResolvedSemantic | null;
  children: ResolvedSemantic[];
}

/** Semantic surfaces of a geometry with parent and child links followed. */
export function resolveSemantics(g: CityJsonGeometry): ResolvedSemantic[] {
  const surfaces = g.semantics?.surfaces ?? [];
  const resolved: ResolvedSemantic[] = surfaces.map((surface, index) => ({ index, surface, parent: null, children: [] }));
  resolved.forEach((r) => {
    if (r.surface.parent !== undefined) r.parent = resolved[r.surface.parent] ?? null;
    r.children = (r.surface.children ?? []).map((c) => resolved[c]!).filter(Boolean);
  });
  return resolved;
}

export interface ResolvedInstance {
  template: CityJsonGeometry;
  /** World coordinates of the reference point. */
  referencePoint: [number, number, number];
  /** Row-major 4 × 4. */
  matrix: number[];
  /** The template's vertices placed in the world: reference point + matrix × template vertex, interleaved. */
  coordinates: Float64Array;
}

/**
 * Places a GeometryInstance (§ Geometry templates): template vertices are real
 * coordinates relative to the reference point, transformed by the row-major matrix.
 */
export function resolveGeometryInstance(g: CityJsonGeometry, templates: GeometryTemplates, coordinates: Float64Array): ResolvedInstance {
  const template = templates.templates[g.template!]!;
  const ref = (g.boundaries as number[])[0]!;
  const referencePoint: [number, number, number] = [coordinates[ref * 3]!, coordinates[ref * 3 + 1]!, coordinates[ref * 3 + 2]!];
  const m = g.transformationMatrix!;
  const tv = templates['vertices-templates'];
  const out = new Float64Array(tv.length * 3);
  tv.forEach(([x = 0, y = 0, z = 0], i) => {
    const w = m[12]! * x + m[13]! * y + m[14]! * z + m[15]!;
    out[i * 3] = referencePoint[0] + (m[0]! * x + m[1]! * y + m[2]! * z + m[3]!) / w;
    out[i * 3 + 1] = referencePoint[1] + (m[4]! * x + m[5]! * y + m[6]! * z + m[7]!) / w;
    out[i * 3 + 2] = referencePoint[2] + (m[8]! * x + m[9]! * y + m[10]! * z + m[11]!) / w;
  });
  return { template, referencePoint, matrix: m, coordinates: out };
}

/** World coordinates of the points of a MultiPoint (e.g. an address location). */
export function resolvePoints(g: CityJsonGeometry, coordinates: Float64Array): Array<[number, number, number]> {
  return (g.boundaries as number[]).map((i) => [coordinates[i * 3]!, coordinates[i * 3 + 1]!, coordinates[i * 3 + 2]!]);
}
