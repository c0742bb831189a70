/**
 * Coordinate reference systems Thorbecke knows, by EPSG code: the everyday Dutch and
 * European ones defined here, every other one from the shipped EPSG data (epsg.ts),
 * and the parser for the ways files name them. Axis order is always easting/longitude first
 * (x, y), as GeoJSON and CityJSON write coordinates, whatever EPSG says.
 */
import { AppError } from '../errors.js';
import type { Bbox } from './bbox.js';
import { epsgCoverage, epsgEntry, type EpsgEntry } from './epsg.js';

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
  /** Where the CRS is meant to be used, WGS 84 [west, south, east, north] (west > east across the antimeridian). */
  readonly areaOfUse: Bbox | null;
  /** Accuracy (m) of the datum shift to WGS 84 the definition uses (to 0.1 m); null when exact or not stated. */
  readonly accuracy: number | null;
}

/** EPSG:28992 as published (Kadaster / NSGI), with the 7-parameter datum shift to WGS84. */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const GRS80_NO_SHIFT = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
const WORLD: Bbox = [-180, -90, 180, 90];
/** EPSG's area of use of RD New: the Netherlands onshore with the 12-mile zone. */
const NETHERLANDS: Bbox = [3.2, 50.75, 7.22, 53.7];

/*
 * The CRSs Dutch files and APIs use every day, defined here so they resolve without
 * reading the EPSG data file (a test checks they agree with it).
 */
const CURATED: readonly CrsDefinition[] = [
  { epsg: 4326, name: 'WGS 84', horizontalEpsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', kind: 'geographic', verticalDatum: null, areaOfUse: WORLD, accuracy: null },
  { epsg: 4979, name: 'WGS 84 (3D)', horizontalEpsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', kind: 'geographic', verticalDatum: 'WGS 84 ellipsoidal height', areaOfUse: WORLD, accuracy: null },
  { epsg: 4978, name: 'WGS 84 (geocentric)', horizontalEpsg: 4978, proj4: '+proj=geocent +datum=WGS84 +units=m +no_defs', kind: 'geocentric', verticalDatum: null, areaOfUse: WORLD, accuracy: null },
  { epsg: 3857, name: 'WGS 84 / Pseudo-Mercator', horizontalEpsg: 3857, proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs', kind: 'projected', verticalDatum: null, areaOfUse: [-180, -85.06, 180, 85.06], accuracy: null },
  { epsg: 4258, name: 'ETRS89', horizontalEpsg: 4258, proj4: `+proj=longlat ${GRS80_NO_SHIFT} +no_defs`, kind: 'geographic', verticalDatum: null, areaOfUse: [-16.1, 32.88, 40.18, 84.73], accuracy: 1 },
  { epsg: 28992, name: 'Amersfoort / RD New', horizontalEpsg: 28992, proj4: RD_NEW_PROJ4, kind: 'projected', verticalDatum: null, areaOfUse: NETHERLANDS, accuracy: 1 },
  { epsg: 7415, name: 'Amersfoort / RD New + NAP height', horizontalEpsg: 28992, proj4: RD_NEW_PROJ4, kind: 'projected', verticalDatum: 'NAP height', areaOfUse: NETHERLANDS, accuracy: 1 },
  { epsg: 25831, name: 'ETRS89 / UTM zone 31N', horizontalEpsg: 25831, proj4: `+proj=utm +zone=31 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null, areaOfUse: [0, 37, 6.01, 82.45], accuracy: 1 },
  { epsg: 25832, name: 'ETRS89 / UTM zone 32N', horizontalEpsg: 25832, proj4: `+proj=utm +zone=32 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null, areaOfUse: [6, 38.76, 12.01, 84.33], accuracy: 1 },
  { epsg: 3035, name: 'ETRS89-extended / LAEA Europe', horizontalEpsg: 3035, proj4: `+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 ${GRS80_NO_SHIFT} +units=m +no_defs`, kind: 'projected', verticalDatum: null, areaOfUse: [-35.58, 24.6, 44.83, 84.73], accuracy: 1 },
];

const CURATED_BY_CODE = new Map(CURATED.map((d) => [d.epsg, d]));
const FROM_DATA = new Map<number, CrsDefinition>();

export const WGS84 = 4326;
export const RD_NEW = 28992;
export const RD_NEW_NAP = 7415;

/** The codes defined in code rather than read from the EPSG data. */
export function curatedEpsgCodes(): number[] {
  return CURATED.map((d) => d.epsg);
}

/** True when the code resolves to a CRS coordinates can be transformed from and to. */
export function isKnownCrs(epsg: number): boolean {
  try {
    getCrs(epsg);
    return true;
  } catch {
    return false;
  }
}

/** Thrown for a code that is not in the EPSG data Thorbecke ships. */
export class UnknownCrsError extends AppError {
  constructor(readonly epsg: number | null, readonly reference: string) {
    super(
      'validation-failed',
      epsg === null
        ? `The coordinate reference system '${reference}' is not an EPSG reference Thorbecke understands`
        : `EPSG:${epsg} ('${reference}') is not a coordinate reference system in the EPSG data Thorbecke ships (${coverageText()})`,
      [{ name: 'crs', reason: epsg === null ? 'unparseable CRS reference' : `unknown EPSG code ${epsg}` }],
    );
    this.name = 'UnknownCrsError';
  }
}

/** Thrown for a known CRS whose coordinates cannot be placed on the earth (vertical only, local, no datum shift...). */
export class UnplaceableCrsError extends AppError {
  constructor(readonly epsg: number, readonly crsName: string, readonly reason: string) {
    super('validation-failed', `EPSG:${epsg} (${crsName}) cannot be placed: ${reason}`, [{ name: 'crs', reason: `EPSG:${epsg} ${reason}` }]);
    this.name = 'UnplaceableCrsError';
  }
}

function coverageText(): string {
  try {
    const { count, region } = epsgCoverage();
    const [w, south, e, n] = region;
    return `${count.toLocaleString('en')} CRSs whose area of use meets longitudes ${w}..${e}, latitudes ${south}..${n}, i.e. Europe and world-wide ones`;
  } catch {
    return 'its EPSG data could not be read';
  }
}

const REASONS: Record<string, (e: EpsgEntry) => string> = {
  vertical: () => 'it is a vertical CRS (heights, no positions); name a compound CRS such as EPSG:7415 (RD New + NAP height) or the horizontal one',
  engineering: () => 'it is an engineering (local) CRS without a georeference',
  derived: () => 'it is a derived CRS Thorbecke has no definition for',
  'no-definition': () => 'the EPSG data has no PROJ definition for it',
  'no-datum-shift': () => 'the EPSG dataset knows no transformation from its datum to WGS 84, so its coordinates cannot be put on the map to better than hundreds of metres',
  grid: (e) => `its datum shift needs the grid file ${e.problem!.slice(5)}, which Thorbecke does not ship`,
  disagrees: (e) => `its PROJ definition in the shipped EPSG data is ${e.problem!.slice(10)} m from where PROJ's EPSG database places it, so it is not trusted`,
  unverified: () => "its PROJ definition could not be checked against PROJ's EPSG database",
};

function fromEntry(e: EpsgEntry): CrsDefinition {
  const problem = e.problem?.split(':')[0] ?? (['vertical', 'engineering', 'derived'].includes(e.kind) ? e.kind : null);
  if (problem) throw new UnplaceableCrsError(e.code, e.name, (REASONS[problem] ?? (() => e.problem!))(e));
  const horizontal = e.horizontal ?? e.code;
  const kind = e.kind === 'geocentric' ? 'geocentric' : /\+proj=longlat/.test(e.proj4!) ? 'geographic' : 'projected';
  // How good the shift is: EPSG's accuracy of PROJ's best transformation, plus how far this definition is from it.
  const accuracy = e.accuracy === null ? null : Math.max(e.accuracy, Math.round((e.accuracy + (e.check ?? 0)) * 10) / 10);
  return { epsg: e.code, name: e.name, horizontalEpsg: horizontal, proj4: e.proj4!, kind, verticalDatum: e.vertical, areaOfUse: e.areaOfUse, accuracy };
}

export function getCrs(epsg: number): CrsDefinition {
  const curated = CURATED_BY_CODE.get(epsg);
  if (curated) return curated;
  const cached = FROM_DATA.get(epsg);
  if (cached) return cached;
  const entry = epsgEntry(epsg);
  if (!entry) throw new UnknownCrsError(epsg, `EPSG:${epsg}`);
  const def = fromEntry(entry);
  FROM_DATA.set(epsg, def);
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

/** Parses and resolves a reference to a CRS Thorbecke can transform, or throws UnknownCrsError / UnplaceableCrsError. */
export function resolveCrs(reference: string | number): CrsDefinition {
  if (typeof reference === 'number') return getCrs(reference);
  const { epsg } = parseCrsReference(reference);
  try {
    return getCrs(epsg);
  } catch (e) {
    // Name the reference as the file wrote it.
    if (e instanceof UnknownCrsError) throw new UnknownCrsError(epsg, reference);
    throw e;
  }
}

/** The canonical CityJSON 2.0 spelling of an EPSG code. */
export function crsUri(epsg: number): string {
  return `https://www.opengis.net/def/crs/EPSG/0/${epsg}`;
}
