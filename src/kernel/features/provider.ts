/**
 * The contract a capability implements to serve feature collections as OGC API
 * Features. The kernel (routes.ts) owns the endpoints, the parameters, the links,
 * CRS handling and paging; a provider only answers "which features, in which CRS".
 */
import type { z } from 'zod';
import type { Bbox, GeoJsonGeometry } from '../geo/index.js';
import type { OgcCrs } from './crs.js';
import type { TimeInterval } from './datetime.js';

/** The `bbox` of a request, as the client meant it. */
export interface BboxFilter {
  /** Easting/longitude first, whatever the axis order of `crs`. */
  readonly box: Bbox;
  readonly crs: OgcCrs;
  /**
   * The box in another CRS (an EPSG code), transformed along its edges so that it
   * contains the requested area: use it to narrow with an index, then decide with
   * the box itself where the store holds geometry in `crs`. `margin` first grows the
   * box on every side, in the units of `crs`.
   */
  in(epsg: number, margin?: number): Bbox;
}

export interface ItemsRequest<Q> {
  bbox?: BboxFilter;
  /** Only when the collection has time: the features whose time meets it. */
  datetime?: TimeInterval;
  limit: number;
  offset: number;
  /** The CRS the client asked for; return geometry in it or in any CRS held exactly (the page says which). */
  crs: OgcCrs;
  /** The API's own query parameters (e.g. a scenario or a plan). */
  query: Q;
}

export interface ItemRequest<Q> {
  crs: OgcCrs;
  query: Q;
}

export interface ProvidedFeature {
  id: string;
  /** Easting/longitude first, in the CRS the page or item names. */
  geometry: GeoJsonGeometry | null;
  /** [minx, miny, maxx, maxy] in the same CRS, when the provider knows it. */
  bbox?: Bbox | null;
  properties: Record<string, unknown>;
}

export interface ProvidedPage {
  features: ProvidedFeature[];
  /** How many features match bbox, datetime and the API's own filters in all. */
  numberMatched: number;
  /** The CRS of `features`' coordinates. */
  crs: OgcCrs;
}

export interface CollectionExtent {
  /** CRS84 [west, south, east, north] of every feature, or null when it has none. */
  bbox: Bbox | null;
  /** ISO 8601 start and end of the features' time (null: open), when the collection has time. */
  interval?: [string | null, string | null] | null;
}

export interface FeatureCollection<Q = unknown, I = unknown> {
  /** Path segment: lower case, digits, hyphens. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The CRS the store keeps coordinates in; served without transformation. */
  readonly storageCrs: OgcCrs;
  /** Every CRS the collection is served in (the kernel puts CRS84 first if missing). */
  readonly crs: readonly OgcCrs[];
  /** What the features' time is, when they have one; without it `datetime` matches every feature. */
  readonly temporal?: { description: string };
  extent(): Promise<CollectionExtent>;
  /** Further members of the collection document (e.g. a count). */
  metadata?(): Promise<Record<string, unknown>>;
  items(request: ItemsRequest<Q>): Promise<ProvidedPage>;
  item(id: string, request: ItemRequest<I>): Promise<{ feature: ProvidedFeature; crs: OgcCrs } | undefined>;
}

/** One OGC API root: a landing page, its conformance declaration and its collections. */
export interface FeatureApi<Q extends z.ZodObject = z.ZodObject, I extends z.ZodObject = z.ZodObject> {
  /** Path below /api/v1, e.g. `/twin`. */
  readonly root: string;
  readonly title: string;
  readonly description: string;
  /** OpenAPI tags of the routes. */
  readonly tags: string[];
  /** Query parameters the items route takes besides the standard ones. */
  readonly itemsQuery: Q;
  /** Query parameters the single-feature route takes besides `crs`. */
  readonly itemQuery: I;
  readonly collections: ReadonlyArray<FeatureCollection<z.output<Q>, z.output<I>>>;
}
