/**
 * Coordinate reference systems Thorbecke knows, by EPSG code, and the parser for
 * the ways files name them. Axis order is always easting/longitude first
 * (x, y), as GeoJSON and CityJSON write coordinates, whatever EPSG says.
 */
import { AppError } from '../errors.js';

export interface CrsDefinition {
  /** The EPSG code as written in files (7415 stays 7415). */
  readonly epsg: number;
  readonly name: string;
  /** The 2D CRS that positions are transformed in; 7415 (RD New + NAP) → 28992. */
  readonly horizontalEpsg: number;
  /** PROJ string handed to proj4. */
  readonly proj4: string;
  readonly kind: 'projected' | 'geographic' | 'geocentric';
  /** Heights are carried through unchanged (NAP, or ellipsoidal heights when no vertical CRS is named). */
  readonly verticalDatum: string | null;
}

/** EPSG:28992 as published (Kadaster / NSGI), with the 7-parameter datum shift to WGS84. */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const GRS80_NO_SHIFT = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

const DEFINITIONS: readonly CrsDefinition[] = [
  { epsg: 4326, name: 'WGS 84', horizontalEpsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', kind: 'geographic', verticalDatum: null },
  { epsg: 4979, name: 'WGS 84 (3D)', horizontalEpsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', kind: 'geographic', verticalDatum: 'WGS 84 ellipsoid' },
  { epsg: 4978, name: 'WGS 84 (geocentric)', horizontalEpsg: 4978, proj4: '+proj=geocent +datum=WGS84 +units=m +no_defs', kind: 'geocentric', verticalDatum: null },
  { epsg: 3857, name: 'WGS 84 / Pseudo-Mercator', horizontalEpsg: 3857, proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs', kind: 'projected', verticalDatum: null },
  { epsg: 4258, name: 'ETRS89', horizontalEpsg: 4258, proj4: `+proj=longlat ${GRS80_NO_SHIFT} +no_defs`, kind: 'geographic', verticalDatum: null },
  { epsg: 28992, name: 'Amersfoort / RD New', horizontalEpsg: 28992, proj4: RD_NEW_PROJ4, kind: 'projected', verticalDatum: null },
  { epsg: 7415, name: 'Amersfoort / RD New + NAP height', horizontalEpsg: 28992, proj4: RD_NEW_PROJ4, kind: 'projected', verticalDatum: 'NAP' },
  { epsg: 25831, name: 'ETRS89 / UTM zone 31N', horizontalEpsg: 25831, proj4: `+proj=utm +zone=31 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null },
  { epsg: 25832, name: 'ETRS89 / UTM zone 32N', horizontalEpsg: 25832, proj4: `+proj=utm +zone=32 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null },
  { epsg: 3035, name: 'ETRS89-extended / LAEA Europe', horizontalEpsg: 3035, proj4: `+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null },
];

const BY_CODE = new Map(DEFINITIONS.map((d) => [d.epsg, d]));

export const WGS84 = 4326;
export const RD_NEW = 28992;
export const RD_NEW_NAP = 7415;

/** Codes Thorbecke can transform, for error messages and documentation. */
export function knownEpsgCodes(): number[] {
  return DEFINITIONS.map((d) => d.epsg);
}

export function isKnownCrs(epsg: number): boolean {
  return BY_CODE.has(epsg);
}

/** Thrown for a CRS we cannot transform; says which code and which ones we can. */
export class UnknownCrsError extends AppError {
  constructor(readonly epsg: number | null, readonly reference: string) {
    super(
      'validation-failed',
      epsg === null
        ? `The coordinate reference system '${reference}' is not an EPSG reference Thorbecke understands`
        : `EPSG:${epsg} ('${reference}') is not a coordinate reference system Thorbecke can transform; known: ${knownEpsgCodes().map((c) => `EPSG:${c}`).join(', ')}`,
      [{ name: 'crs', reason: epsg === null ? 'unparseable CRS reference' : `unknown EPSG code ${epsg}` }],
    );
    this.name = 'UnknownCrsError';
  }
}

export function getCrs(epsg: number): CrsDefinition {
  const def = BY_CODE.get(epsg);
  if (!def) throw new UnknownCrsError(epsg, `EPSG:${epsg}`);
  return def;
}

/*
 * CityJSON 2.0 writes "https://www.opengis.net/def/crs/EPSG/0/7415"; CityJSON 1.0
 * and GML write "urn:ogc:def:crs:EPSG::7415" (sometimes with a version between the
 * colons); APIs write "EPSG:28992". OGC CRS84 is WGS 84 in longitude/latitude order.
 */
const HTTP_REF = /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)\/?$/i;
const URN_REF = /^urn:ogc:def:crs:EPSG:[^:]*:(\d+)$/i;
const SHORT_REF = /^EPSG:{1,2}(\d+)$/i;
const CRS84_REF = /^(?:https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[^/]+\/CRS84h?|urn:ogc:def:crs:OGC:[^:]*:CRS84h?|OGC:CRS84h?|CRS84h?)$/i;

export interface CrsReference {
  epsg: number;
  /** The text as it was written. */
  reference: string;
}

/** Parses a CRS reference to its EPSG code; does not check that we know the code. */
export function parseCrsReference(reference: string): CrsReference {
  const text = reference.trim();
  if (CRS84_REF.test(text)) return { epsg: WGS84, reference };
  for (const pattern of [HTTP_REF, URN_REF, SHORT_REF]) {
    const match = pattern.exec(text);
    if (match?.[1]) return { epsg: Number(match[1]), reference };
  }
  if (/^\d+$/.test(text)) return { epsg: Number(text), reference };
  throw new UnknownCrsError(null, reference);
}

/** Parses and resolves a reference to a CRS Thorbecke can transform, or throws UnknownCrsError. */
export function resolveCrs(reference: string | number): CrsDefinition {
  if (typeof reference === 'number') return getCrs(reference);
  const { epsg } = parseCrsReference(reference);
  const def = BY_CODE.get(epsg);
  if (!def) throw new UnknownCrsError(epsg, reference);
  return def;
}

/** The canonical CityJSON 2.0 spelling of an EPSG code. */
export function crsUri(epsg: number): string {
  return `https://www.opengis.net/def/crs/EPSG/0/${epsg}`;
}
