/** IMRO2008 / IMRO2012 plan import: GML to plan objects with typed norms and RD geometry. */
export { ImroError, type ImroErrorCode } from './errors.js';
export { boxOf, mapPositions, type Box, type MultiLineString, type MultiPoint, type MultiPolygon, type PlanGeometry, type PolygonCoords, type Ring, type Xy } from './geometry.js';
export { ARC_TOLERANCE_M, densifyArc, readGeometry } from './gml.js';
export { describeNorm, parseDutchNumber, parseNorm, type Norm, type NormUnit } from './norms.js';
export { IMRO_NAMESPACES, OBJECT_KINDS, parseImro, type Attributes, type ImportReport, type ImroPlan, type ImroVersion, type ObjectKind, type PlanInfo, type PlanObject } from './parse.js';
export { translatedCopy } from './copy.js';
