/**
 * The coordinate reference systems OGC API Features collections are served in
 * (Part 2, "CRS by reference"), by their OGC URIs. Unlike the geo kernel, which
 * always writes easting/longitude first, these keep the axis order of the CRS
 * definition: EPSG:4326 is latitude, longitude; CRS84 is longitude, latitude.
 */

export interface OgcCrs {
  /** The identifier as the API lists it and expects it in `crs` and `bbox-crs`. */
  readonly uri: string;
  /** EPSG code the geo kernel transforms with (CRS84 is EPSG:4326 in lon/lat order). */
  readonly epsg: number;
  /** True when the first axis is northing/latitude (EPSG:4326). */
  readonly latFirst: boolean;
  /** True when positions carry a height in this CRS (RD New + NAP). */
  readonly threeD: boolean;
  readonly geographic: boolean;
}

const EPSG_URI = 'http://www.opengis.net/def/crs/EPSG/0/';

export const CRS84: OgcCrs = { uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', epsg: 4326, latFirst: false, threeD: false, geographic: true };
export const EPSG_4326: OgcCrs = { uri: `${EPSG_URI}4326`, epsg: 4326, latFirst: true, threeD: false, geographic: true };
export const EPSG_28992: OgcCrs = { uri: `${EPSG_URI}28992`, epsg: 28992, latFirst: false, threeD: false, geographic: false };
export const EPSG_7415: OgcCrs = { uri: `${EPSG_URI}7415`, epsg: 7415, latFirst: false, threeD: true, geographic: false };

/** Every CRS a collection can offer; CRS84 is the default of Part 1 and always first. */
export const OGC_CRSS: readonly OgcCrs[] = [CRS84, EPSG_4326, EPSG_28992, EPSG_7415];

const CRS84_FORMS = /^(?:https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/(?:1\.3|0)\/CRS84|urn:ogc:def:crs:OGC:(?:1\.3)?:CRS84|OGC:CRS84|CRS84)$/i;
const EPSG_FORMS = [/^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/(\d+)$/i, /^urn:ogc:def:crs:EPSG:[^:]*:(\d+)$/i, /^EPSG:(\d+)$/i];

/**
 * The CRS a `crs` / `bbox-crs` value names among `offered`, or undefined. Accepts the
 * URI as listed and its usual spellings (EPSG:28992, urn:ogc:def:crs:EPSG::28992),
 * because clients write them all; an EPSG spelling of 4326 is latitude first.
 */
export function findOgcCrs(value: string, offered: readonly OgcCrs[]): OgcCrs | undefined {
  const text = value.trim();
  if (CRS84_FORMS.test(text)) return offered.find((c) => c === CRS84);
  for (const form of EPSG_FORMS) {
    const m = form.exec(text);
    if (m) return offered.find((c) => c !== CRS84 && c.epsg === Number(m[1]));
  }
  return undefined;
}

/** The `Content-Crs` header value of Part 2: the URI in angle brackets. */
export const contentCrs = (crs: OgcCrs): string => `<${crs.uri}>`;
