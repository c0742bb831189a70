/** Public API of the CityJSON import: pure functions, no HTTP, no storage. */
export type {
  BuildingRecord,
  BuildingSurface,
  HeightSource,
  Position3,
  RoofHeights,
} from './buildings.js';
export { BAG_ID_ATTRIBUTES, YEAR_ATTRIBUTES, bagIdOf, extractBuildings, normaliseBagPandId, yearOf } from './buildings.js';
export type { CityJsonErrorKind } from './errors.js';
export { CityJsonError } from './errors.js';
export type { Footprint, Ring2 } from './footprint.js';
export { footprintArea, mergeFaces } from './footprint.js';
export type { ParsedDocument, ParsedFeature, SeqHeader } from './document.js';
export { checkHierarchy, parseCityJsonDocument, parseFeature, parseSeqHeader } from './document.js';
export type { PlacementReport } from './placement.js';
export { Placement } from './placement.js';
export type { CityJsonChunk, CityJsonImport, CityJsonSource, ImportOptions, ImportProgress } from './import.js';
export { DEFAULT_IMPORT_OPTIONS, importCityJson, readLines } from './import.js';
export type { HierarchyNode, ResolvedInstance, ResolvedSemantic } from './resolve.js';
export { descendants, resolveGeometryInstance, resolveHierarchy, resolvePoints, resolveSemantics } from './resolve.js';
export { SCHEMA_PATCHES_TO_2_0, cityJsonSchema } from './schema.js';
export { serializeCityJson } from './serialize.js';
export type { SurfaceVisit } from './geometry.js';
export { BOUNDARY_DEPTH, forEachSurface, lodNumber } from './geometry.js';
export type {
  CityJsonDocument,
  CityJsonFeature,
  CityJsonGeometry,
  CityJsonTransform,
  CityObject,
  GeometryTemplates,
  SemanticSurface,
} from './types.js';
export type { UpgradeReport } from './upgrade.js';
export { SUPPORTED_VERSIONS, upgradeDocument } from './upgrade.js';
export { decodeVertices, encodeVertices } from './vertices.js';
