/**
 * The JSON documents of an OGC API Features root: landing page, conformance
 * declaration, collection metadata. Every link is absolute, built from the public
 * base URL, because clients (GDAL, QGIS) resolve root-relative links against the
 * URL they were given, not against the server.
 */
import { CRS84, type OgcCrs } from './crs.js';
import type { CollectionExtent, FeatureApi, FeatureCollection } from './provider.js';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.1';

/** What the roots declare: Part 1 core, GeoJSON and HTML, Part 2 CRS by reference. */
export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const;

/** `href` with the `f` parameter set: the URL of another representation of the same resource. */
export function withFormat(href: string, f: 'json' | 'html'): string {
  const url = new URL(href);
  url.searchParams.set('f', f);
  return url.toString();
}

/**
 * The document's links for the representation served: `self` of that representation
 * and an `alternate` for the other (/req/core/fc-links, /req/core/f-links).
 */
export function linksFor<D extends { links: Link[] }>(doc: D, format: 'json' | 'html', jsonType: string): D {
  const self = doc.links.find((l) => l.rel === 'self')!;
  const alternate: Link =
    format === 'json'
      ? { href: withFormat(self.href, 'html'), rel: 'alternate', type: 'text/html', title: 'This document as HTML' }
      : { href: withFormat(self.href, 'json'), rel: 'alternate', type: jsonType, title: 'This document as JSON' };
  const links = doc.links.map((l) => (l === self && format === 'html' ? { ...l, href: withFormat(l.href, 'html'), type: 'text/html' } : l));
  return { ...doc, links: [...links, alternate] };
}

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** Absolute URLs of one root: `${baseUrl}/api/v1${root}...`. */
export class RootUrls {
  constructor(readonly root: string) {}

  path(rest = ''): string {
    return this.root + rest;
  }

  collection(id: string): string {
    return this.path(`/collections/${encodeURIComponent(id)}`);
  }

  items(id: string): string {
    return `${this.collection(id)}/items`;
  }

  item(collectionId: string, featureId: string): string {
    return `${this.items(collectionId)}/${encodeURIComponent(featureId)}`;
  }
}

export function landingPage(api: FeatureApi, urls: RootUrls, apiBase: string) {
  return {
    title: api.title,
    description: api.description,
    links: [
      { href: urls.path(), rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${apiBase}/openapi.json`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.1)' },
      { href: `${apiBase}/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: urls.path('/conformance'), rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
      { href: urls.path('/collections'), rel: 'data', type: JSON_TYPE, title: 'The feature collections' },
    ] satisfies Link[],
  };
}

/** Every CRS of a collection as the `crs` list writes them: CRS84 first (/req/core/fc-md-success). */
export function crsList(c: FeatureCollection): OgcCrs[] {
  return [CRS84, ...c.crs.filter((x) => x !== CRS84)];
}

function extentDoc(c: FeatureCollection, extent: CollectionExtent) {
  const doc: Record<string, unknown> = {};
  if (extent.bbox) doc.spatial = { bbox: [extent.bbox], crs: CRS84.uri };
  if (c.temporal && extent.interval) doc.temporal = { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' };
  return Object.keys(doc).length > 0 ? doc : undefined;
}

export async function collectionDoc(c: FeatureCollection, urls: RootUrls) {
  const [extent, extra] = await Promise.all([c.extent(), c.metadata?.() ?? Promise.resolve({})]);
  const e = extentDoc(c, extent);
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    ...(e ? { extent: e } : {}),
    crs: crsList(c).map((x) => x.uri),
    storageCrs: c.storageCrs.uri,
    ...extra,
    links: [
      { href: urls.collection(c.id), rel: 'self', type: JSON_TYPE, title: 'This collection' },
      { href: urls.items(c.id), rel: 'items', type: GEOJSON, title: `${c.title} as GeoJSON` },
      { href: withFormat(urls.items(c.id), 'html'), rel: 'items', type: 'text/html', title: `${c.title} as HTML` },
    ] satisfies Link[],
  };
}
