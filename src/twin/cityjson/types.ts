/**
 * The CityJSON 2.0 document shapes this importer reads, loosely typed: the JSON
 * Schema has checked them before code relies on a member.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CityJsonTransform {
  scale: [number, number, number];
  translate: [number, number, number];
}

export interface SemanticSurface {
  type: string;
  parent?: number;
  children?: number[];
  [attribute: string]: Json | undefined;
}

/** Nested index arrays: depth depends on the geometry type (see `BOUNDARY_DEPTH`). */
export type Boundaries = number | Boundaries[];
export type SemanticValues = null | number | SemanticValues[];

export interface CityJsonGeometry {
  type: string;
  lod?: string;
  boundaries: Boundaries[] | number[];
  semantics?: { surfaces: SemanticSurface[]; values: SemanticValues[] | null };
  material?: Record<string, { values?: SemanticValues[]; value?: number }>;
  texture?: Record<string, { values: Json[] }>;
  /** GeometryInstance only. */
  template?: number;
  transformationMatrix?: number[];
}

export interface CityObject {
  type: string;
  attributes?: JsonObject;
  geometry?: CityJsonGeometry[];
  parents?: string[];
  children?: string[];
  geographicalExtent?: number[];
  address?: JsonObject[];
  [member: string]: Json | CityJsonGeometry[] | undefined;
}

export interface GeometryTemplates {
  templates: CityJsonGeometry[];
  'vertices-templates': number[][];
}

export interface CityJsonDocument {
  type: 'CityJSON';
  version: string;
  transform?: CityJsonTransform;
  metadata?: JsonObject;
  extensions?: JsonObject;
  CityObjects: Record<string, CityObject>;
  vertices: number[][];
  appearance?: JsonObject;
  'geometry-templates'?: GeometryTemplates;
  [member: string]: unknown;
}

export interface CityJsonFeature {
  type: 'CityJSONFeature';
  id: string;
  CityObjects: Record<string, CityObject>;
  vertices: number[][];
  appearance?: JsonObject;
  [member: string]: unknown;
}
