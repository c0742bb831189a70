/** Public API of the geo kernel: CRSs (with the shipped EPSG data), transformations, areas of use, boxes, GeoJSON geometry checks. */
export type { CrsDefinition, CrsReference } from './crs.js';
export {
  RD_NEW,
  RD_NEW_NAP,
  RD_NEW_PROJ4,
  WGS84,
  UnknownCrsError,
  UnplaceableCrsError,
  crsUri,
  curatedEpsgCodes,
  getCrs,
  isKnownCrs,
  parseCrsReference,
  resolveCrs,
} from './crs.js';
export type { EpsgEntry, EpsgKind } from './epsg.js';
export { epsgCoverage, epsgEntries, epsgEntry } from './epsg.js';
export type { AreaCheck } from './area.js';
export { AREA_MARGIN_DEGREES, checkAreaOfUse, scaleFactorAt } from './area.js';
export type { CrsLike, Position, Position2, Position3, Transformer } from './transform.js';
export { transformBbox, transformCoordinates, transformPoint, transformer } from './transform.js';
export type { Bbox, BboxParseResult } from './bbox.js';
export {
  bboxContainsPoint,
  bboxIntersects,
  bboxOfCoordinates,
  emptyBbox,
  extendBbox,
  isEmptyBbox,
  parseBbox,
  unionBbox,
} from './bbox.js';
export type {
  GeoJsonGeometry,
  GeoJsonPosition,
  GeometryCollection,
  GeometryIssue,
  LineStringGeometry,
  MultiLineStringGeometry,
  MultiPointGeometry,
  MultiPolygonGeometry,
  PointGeometry,
  PolygonGeometry,
  ValidateGeometryOptions,
} from './geojson.js';
export { GEOMETRY_TYPES, isValidGeometry, ringSignedArea, validateGeometry } from './geojson.js';
