/**
 * The CRS the twin keeps its buildings in, how far from home it will place them, and
 * the imported building records turned into twin buildings.
 * Every analysis works in RD metres with NAP heights, so a file in any other CRS is
 * transformed into RD New on import. RD New is a conformal (oblique stereographic)
 * projection about Amersfoort: shapes stay true anywhere, but distances grow with the
 * distance from Amersfoort (0.2 % in Zürich, 1.4 % in Helsinki) while heights do not.
 */
import { AppError } from '../kernel/errors.js';
import { RD_NEW, RD_NEW_NAP, resolveCrs, scaleFactorAt, type Bbox } from '../kernel/geo/index.js';
import type { BuildingRecord, CityJsonImport } from './cityjson/index.js';
import type { TwinBuildingWithSurfaces } from './model.js';

export const STORAGE_CRS = RD_NEW_NAP;

/**
 * The largest stretch of RD New (grid distance over true distance, minus 1) at which
 * buildings are still taken: 5 % is reached about 2,800 km from Amersfoort, so all of
 * Europe fits; farther away footprints would be a twentieth too large against true heights.
 */
export const MAX_RD_STRETCH = 0.05;
/** From this stretch on (about 300 km from Amersfoort) the import report says how much. */
export const REPORTED_RD_STRETCH = 0.0005;

/** The largest stretch of RD New (point scale − 1) at the box's corners and centre. */
export function rdStretchOver(box: Bbox): number {
  const [w, s, e, n] = box;
  const points: Array<[number, number]> = [[w, s], [e, s], [e, n], [w, n], [(w + e) / 2, (s + n) / 2]];
  return Math.max(...points.map(([lon, lat]) => scaleFactorAt(RD_NEW, lon, lat) - 1));
}

/** Refuses an import whose buildings RD New would stretch beyond MAX_RD_STRETCH; returns what the report should say. */
export function checkStorageStretch(imported: Pick<CityJsonImport, 'bboxWgs84' | 'placement'>): string[] {
  if (imported.placement.exact || !imported.bboxWgs84) return [];
  const stretch = rdStretchOver(imported.bboxWgs84);
  const pct = `${(stretch * 100).toFixed(2)} %`;
  if (!(stretch <= MAX_RD_STRETCH)) {
    throw new AppError(
      'validation-failed',
      `EPSG:${imported.placement.from.epsg} (${imported.placement.from.name}): these buildings lie so far from the Netherlands that RD New, the twin's storage CRS, would stretch their footprints by ${pct} (at most ${MAX_RD_STRETCH * 100} % is accepted)`,
      [{ name: 'crs', reason: `too far from RD New's origin (stretch ${pct})` }],
    );
  }
  return stretch >= REPORTED_RD_STRETCH ? [`RD New stretches horizontal distances here by up to ${pct} (heights are true metres); analyses inherit that`] : [];
}

/**
 * A building record as the twin keeps it; `epsg` is the CRS the record's coordinates
 * are in (CityJsonImport.placement.to), which must be RD New: import with
 * `target: STORAGE_CRS`.
 */
export function fromBuildingRecord(b: BuildingRecord, epsg: number): TwinBuildingWithSurfaces {
  if (resolveCrs(epsg).horizontalEpsg !== RD_NEW) {
    throw new AppError('validation-failed', `The twin keeps buildings in RD New (EPSG:28992 / 7415); these are in EPSG:${epsg} (import them with target EPSG:${STORAGE_CRS})`);
  }
  return {
    id: b.id,
    bagId: b.bagId,
    yearOfConstruction: b.yearOfConstruction,
    lod: b.lod,
    groundHeight: b.groundHeight,
    roofHeight: b.roofHeight,
    heightSource: b.heightSource,
    footprint: b.footprint && b.footprint.wgs84 ? { rd: b.footprint.source, wgs84: b.footprint.wgs84, area: b.footprint.area } : null,
    extentRd: b.extent,
    bboxWgs84: b.bboxWgs84,
    attributes: b.attributes as Record<string, unknown>,
    surfaces: b.surfaces,
  };
}
