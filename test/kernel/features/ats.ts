/**
 * What the OGC API Features conformance tests need besides HTTP: discovery of every
 * OGC root the platform serves, paging through a collection, and checks of the
 * documents' structure (the OpenAPI schemas of Part 1, written out as assertions).
 */
import { expect } from 'vitest';
import { validateGeometry } from '../../../src/kernel/geo/index.js';
/** A GET against the platform (inject), whichever test platform gives it. */
export type Call = (method: 'GET', url: string) => Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
export type Box = [number, number, number, number];

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core';
export const GEOJSON_CLASS = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson';
export const HTML_CLASS = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html';
export const CRS_CLASS = 'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs';

/** Every OGC API root in the OpenAPI document: the paths that have a /conformance. */
export async function discoverRoots(call: Call): Promise<string[]> {
  const doc = (await call('GET', '/api/v1/openapi.json')).json;
  return Object.keys(doc.paths)
    .filter((p) => p.endsWith('/conformance') && doc.paths[p.replace(/\/conformance$/, '/collections')])
    .map((p) => p.replace(/\/conformance$/, ''))
    .sort();
}

export function expectLinks(links: unknown): asserts links is Array<{ href: string; rel: string; type: string }> {
  expect(Array.isArray(links)).toBe(true);
  for (const l of links as Array<Record<string, unknown>>) {
    // /req/core/fc-rel-type: rel and type on every link; absolute, so clients need not guess the base.
    expect(typeof l.rel, JSON.stringify(l)).toBe('string');
    expect(typeof l.type, JSON.stringify(l)).toBe('string');
    expect(String(l.href), JSON.stringify(l)).toMatch(/^https?:\/\/[^/]+\//);
  }
}

export const linkOf = (links: Array<{ rel: string; href: string; type?: string }>, rel: string, type?: string) =>
  links.find((l) => l.rel === rel && (!type || l.type === type));

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A GeoJSON Feature as featureGeoJSON.yaml describes it. */
export function expectFeature(f: any, opts: { geographic: boolean }): void {
  expect(f.type).toBe('Feature');
  expect(['string', 'number']).toContain(typeof f.id);
  expect(f.properties === null || (typeof f.properties === 'object' && !Array.isArray(f.properties))).toBe(true);
  if (f.geometry !== null) expect(validateGeometry(f.geometry, { geographic: opts.geographic }), JSON.stringify(f.geometry).slice(0, 200)).toEqual([]);
  if (f.bbox !== undefined) expect(f.bbox.length === 4 || f.bbox.length === 6).toBe(true);
}

/** A GeoJSON FeatureCollection as featureCollectionGeoJSON.yaml describes it. */
export function expectFeatureCollection(doc: any, opts: { geographic: boolean }): void {
  expect(doc.type).toBe('FeatureCollection');
  expect(Array.isArray(doc.features)).toBe(true);
  for (const f of doc.features) expectFeature(f, opts);
  expectLinks(doc.links);
  expect(doc.timeStamp).toMatch(RFC3339);
  expect(Number.isInteger(doc.numberMatched) && doc.numberMatched >= 0).toBe(true);
  expect(doc.numberReturned).toBe(doc.features.length);
}

/** Every feature of an items URL (with its query), following `next` links; checks paging as it goes. */
export async function allFeatures(call: Call, itemsUrl: string): Promise<{ features: any[]; numberMatched: number; pages: number }> {
  const features: any[] = [];
  let url: string | undefined = itemsUrl;
  let numberMatched = -1;
  let pages = 0;
  while (url) {
    const r = await call('GET', url);
    expect(r.status, r.body).toBe(200);
    if (numberMatched < 0) numberMatched = r.json.numberMatched;
    expect(r.json.numberMatched).toBe(numberMatched);
    features.push(...r.json.features);
    pages++;
    url = r.json.features.length > 0 ? linkOf(r.json.links, 'next')?.href : undefined;
    expect(pages).toBeLessThan(1000);
  }
  return { features, numberMatched, pages };
}

/** [minx, miny, maxx, maxy] of a geometry as written (first two ordinates). */
export function geometryBox(g: any): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: any): void => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else for (const x of c) walk(x);
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) walk(x.coordinates);
  else walk(g.coordinates);
  return b;
}

/** The feature's extent as the server states it (its bbox member), else its geometry's box. */
export const featureBox = (f: any): Box | null => (f.bbox ? [f.bbox[0], f.bbox[1], f.bbox[f.bbox.length / 2], f.bbox[f.bbox.length / 2 + 1]] : f.geometry ? geometryBox(f.geometry) : null);

export const boxesMeet = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Coordinates of every position of a geometry, in order. */
export function positions(g: any): number[][] {
  const out: number[][] = [];
  const walk = (c: any): void => {
    if (typeof c[0] === 'number') out.push(c);
    else for (const x of c) walk(x);
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) walk(x.coordinates);
  else walk(g.coordinates);
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * /conf/html/content: an HTML 5 page that holds everything the JSON document says:
 * every string and number outside its links (which differ per representation) and
 * the per-request timeStamp, and every link's href.
 */
export function expectHtmlHolds(html: string, json: any): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toMatch(/<html lang="[a-z]{2}">/);
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  const walk = (v: any, key?: string): void => {
    if (key === 'timeStamp' || v === null || v === undefined) return;
    if (key === 'links') return v.forEach((l: any) => l.rel !== 'self' && l.rel !== 'alternate' && expect(html).toContain(escapeHtml(l.href)));
    if (key === 'coordinates') return expect(html).toContain(escapeHtml(JSON.stringify(v)));
    if (typeof v === 'string') return expect(html).toContain(escapeHtml(v));
    if (typeof v === 'number' || typeof v === 'boolean') return expect(html).toContain(String(v));
    if (Array.isArray(v)) return v.forEach((x) => walk(x));
    for (const [k, x] of Object.entries(v)) {
      expect(html).toContain(`<dt>${escapeHtml(k)}</dt>`);
      walk(x, k);
    }
  };
  walk(json);
}
