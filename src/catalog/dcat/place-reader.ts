import { areaGeometry } from '../model.js';
import type { NodeReader } from './node-reader.js';
import { dcat, dct, locn, PREFIXES, skos } from './ns.js';
import { type Bbox, bboxOfGeoJson, bboxOfWkt } from './spatial.js';
import { dateOf, isLiteral, type Literal, show } from './values.js';

const GEOJSON_LITERAL = PREFIXES.gsp + 'geoJSONLiteral';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const SCHEMA = ['http://schema.org/', 'https://schema.org/'];

/** An extent from a literal: GeoJSON when typed so (or when it looks like JSON), else WKT. */
function extentOf(lit: Literal): { bbox: Bbox; geometry?: unknown } | string {
  if (lit.datatype === GEOJSON_LITERAL || lit.value.trim().startsWith('{')) return bboxOfGeoJson(lit.value);
  const bbox = bboxOfWkt(lit.value);
  return typeof bbox === 'string' ? bbox : { bbox };
}

/**
 * dct:spatial as a dct:Location with dcat:bbox and/or locn:geometry (WKT or GeoJSON).
 * The register keeps one extent: its bbox, the GeoJSON area when it is a polygon, and a
 * name. Places named only by URI (a GeoNames or country URI) or by a word are dropped.
 */
export function readSpatial(node: NodeReader): { bbox: Bbox; geometry?: unknown; name?: string } | undefined {
  const r = node.report;
  let found: { bbox: Bbox; geometry?: unknown; name?: string } | undefined;
  for (const place of node.get(dct('spatial'))) {
    if (place.type === 'literal') {
      r.drop(dct('spatial'), 1, `${show(place)} is a name without an extent`);
      continue;
    }
    const p = node.child(place);
    const bboxLit = p.get(dcat('bbox')).find(isLiteral);
    const geometryLit = geometryLiteral(p);
    const name = [locn('geographicName'), skos('prefLabel'), RDFS_LABEL].map((q) => p.get(q).find(isLiteral)?.value).find((v) => v !== undefined);
    p.finish();
    if (!bboxLit && !geometryLit) {
      r.drop(dct('spatial'), 1, `${show(place)} has no dcat:bbox or locn:geometry`);
      continue;
    }
    if (found) {
      r.drop(dct('spatial'), 1, 'more than one extent; the first is kept');
      continue;
    }
    const fromBbox = bboxLit ? extentOf(bboxLit) : undefined;
    const fromGeometry = geometryLit ? extentOf(geometryLit) : undefined;
    if (typeof fromBbox === 'string') r.drop(dcat('bbox'), 1, fromBbox);
    if (typeof fromGeometry === 'string') r.drop(locn('geometry'), 1, fromGeometry);
    const bbox = (typeof fromBbox === 'object' ? fromBbox.bbox : undefined) ?? (typeof fromGeometry === 'object' ? fromGeometry.bbox : undefined);
    if (!bbox || !validBbox(bbox)) {
      if (bbox) r.drop(dct('spatial'), 1, `extent [${bbox.join(', ')}] is not a WGS84 box (west, south, east, north)`);
      continue;
    }
    found = { bbox, ...(name ? { name: name.slice(0, 200) } : {}) };
    const geometry = typeof fromGeometry === 'object' ? fromGeometry.geometry : undefined;
    if (geometry !== undefined) {
      if (areaGeometry.safeParse(geometry).success) found.geometry = geometry;
      else r.drop(locn('geometry'), 1, 'not a valid GeoJSON Polygon or MultiPolygon in WGS84; its bbox is kept');
    } else if (geometryLit && typeof fromGeometry === 'object') r.drop(locn('geometry'), 1, 'a WKT geometry; the register keeps its bbox');
    r.keep('spatial');
    if (!bboxLit) r.defaultTo('spatial.bbox', bbox, 'no dcat:bbox; the box around locn:geometry');
  }
  return found;
}

/** locn:geometry as a literal (DCAT-AP 2) or as a locn:Geometry node with gsp:asGeoJSON / gsp:asWKT (DCAT-AP 3). */
function geometryLiteral(place: NodeReader): Literal | undefined {
  for (const g of place.get(locn('geometry'))) {
    if (isLiteral(g)) return g;
    const node = place.child(g);
    const lit = [...node.get(PREFIXES.gsp + 'asGeoJSON'), ...node.get(PREFIXES.gsp + 'asWKT')].find(isLiteral);
    node.finish();
    if (lit) return lit;
  }
  return undefined;
}

const validBbox = ([w, s, e, n]: Bbox) => [w, e].every((x) => x >= -180 && x <= 180) && [s, n].every((y) => y >= -90 && y <= 90) && w <= e && s <= n;

/** dct:temporal as a dct:PeriodOfTime with dcat:startDate/endDate (DCAT 2) or schema:startDate/endDate (DCAT-AP 1.x). */
export function readTemporal(node: NodeReader): { start?: string; end?: string } | undefined {
  const r = node.report;
  const periods = node.get(dct('temporal'));
  if (periods.length > 1) r.drop(dct('temporal'), periods.length - 1, 'more than one period; the first is kept');
  const period = periods[0];
  if (!period) return undefined;
  if (period.type === 'literal') {
    r.drop(dct('temporal'), 1, `${show(period)} is not a dct:PeriodOfTime`);
    return undefined;
  }
  const p = node.child(period);
  const date = (dcatP: string, schemaP: string) => [dcatP, ...SCHEMA.map((ns) => ns + schemaP)].flatMap((q) => p.get(q)).map(dateOf).find((d) => d !== undefined);
  const start = date(dcat('startDate'), 'startDate');
  const end = date(dcat('endDate'), 'endDate');
  p.finish();
  if (!start && !end) {
    r.drop(dct('temporal'), 1, 'the period has no start or end date');
    return undefined;
  }
  if (start && end && start > end) {
    r.drop(dct('temporal'), 1, `the period starts (${start}) after it ends (${end})`);
    return undefined;
  }
  r.keep('temporal');
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}
