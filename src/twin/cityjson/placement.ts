/**
 * Putting a file's coordinates in the CRS the caller keeps (the twin: RD New + NAP):
 * decoded vertices are transformed in place, once, before buildings are extracted, so
 * footprints, surfaces and extents all come out in the target CRS. A file already in
 * the target's horizontal CRS is left untouched (RD stays exact: no round trip through
 * WGS 84). Heights are never converted (no geoid model is shipped); the report says so.
 */
import type { Bbox, CrsDefinition } from '../../kernel/geo/index.js';
import { checkAreaOfUse, emptyBbox, extendBbox, getCrs, isEmptyBbox, transformer } from '../../kernel/geo/index.js';
import { CityJsonError } from './errors.js';

export interface PlacementReport {
  /** The file's CRS. */
  from: { epsg: number; name: string };
  /** The CRS the buildings are in: the target, or the file's own without one. */
  to: { epsg: number; name: string };
  /** True when positions were copied unchanged (same horizontal CRS). */
  exact: boolean;
  /** Accuracy (m) of the datum shift used, when positions were transformed and EPSG states one. */
  datumShiftAccuracy: number | null;
  /** The vertical datum the heights are in, as far as the file says. */
  heights: string | null;
  /** True when the heights are in the target's vertical datum (or no target was asked for). */
  heightsMatch: boolean;
}

export class Placement {
  readonly exact: boolean;
  /** Box of the file's own coordinates seen so far (geographic for a geocentric file), for the area-of-use check. */
  private readonly sourceBox: Bbox = emptyBbox();
  private checkedOnce = false;

  constructor(readonly from: CrsDefinition, readonly to: CrsDefinition) {
    this.exact = from.horizontalEpsg === to.horizontalEpsg;
  }

  /** Transforms decoded x, y, z coordinates in place into the target CRS (heights kept). */
  place(coords: Float64Array, line: number | null = null): void {
    try {
      this.transform(coords);
    } catch (e) {
      // proj4 throws for some points outside a projection's domain: a refusal, not a crash.
      if (e instanceof CityJsonError) throw e;
      throw new CityJsonError('crs', `the coordinates cannot be transformed from EPSG:${this.from.epsg} to EPSG:${this.to.epsg}: ${(e as Error).message}`, null, line);
    }
    for (let i = 0; i < coords.length; i++) {
      if (!Number.isFinite(coords[i])) {
        throw new CityJsonError('crs', `a vertex cannot be transformed from EPSG:${this.from.epsg} to EPSG:${this.to.epsg} (it lies outside what the projection covers)`, null, line);
      }
    }
    // Fail early on the common mistake (a file in another CRS than it says): check the first batch at once.
    if (!this.checkedOnce && !isEmptyBbox(this.sourceBox)) {
      this.checkedOnce = true;
      this.checkArea(line);
    }
  }

  private transform(coords: Float64Array): void {
    if (this.from.kind === 'geocentric' && !this.exact) {
      // Earth-centred X, Y, Z first become longitude, latitude and ellipsoidal height.
      transformer(this.from, getCrs(4979)).inPlace(coords, 3);
      this.grow(coords);
      transformer(getCrs(4979), this.to).inPlace(coords, 3);
    } else if (!this.exact) {
      this.grow(coords);
      transformer(this.from, this.to).inPlace(coords, 3);
    } else if (this.from.kind !== 'geocentric') {
      this.grow(coords);
    }
  }

  /** Refuses when the coordinates seen lie outside the file CRS's area of use. */
  checkArea(line: number | null = null): void {
    if (isEmptyBbox(this.sourceBox)) return;
    const crs = this.from.kind === 'geocentric' ? getCrs(4979) : this.from;
    const check = checkAreaOfUse(crs, this.sourceBox);
    if (!check.inside) throw new CityJsonError('crs', check.reason, null, line, 'metadata.referenceSystem');
  }

  report(): PlacementReport {
    // Earth-centred coordinates come out as ellipsoidal heights; a 2D file in the target's own grid follows its convention (NAP for RD).
    const sameVertical =
      this.from.epsg === this.to.epsg ||
      (this.from.kind !== 'geocentric' && (this.from.verticalDatum === this.to.verticalDatum || (this.exact && this.from.verticalDatum === null)));
    return {
      from: { epsg: this.from.epsg, name: this.from.name },
      to: { epsg: this.to.epsg, name: this.to.name },
      exact: this.exact,
      datumShiftAccuracy: this.exact ? null : (this.from.accuracy ?? null),
      heights: this.from.kind === 'geocentric' ? 'WGS 84 ellipsoidal height' : (this.from.verticalDatum ?? (this.exact ? this.to.verticalDatum : null)),
      heightsMatch: sameVertical,
    };
  }

  /** What the import report should say about the placement. */
  warnings(): string[] {
    const r = this.report();
    const out: string[] = [];
    if (!r.exact) {
      const accuracy = r.datumShiftAccuracy !== null ? ` (good to about ${r.datumShiftAccuracy} m)` : '';
      out.push(`positions were transformed from EPSG:${r.from.epsg} (${r.from.name}) to EPSG:${r.to.epsg} (${r.to.name}) with the EPSG datum shift to WGS 84${accuracy}`);
    }
    if (!r.heightsMatch) {
      const given = r.heights ?? `no vertical CRS: EPSG:${r.from.epsg} is 2D`;
      out.push(`heights are kept as the file gives them (${given}), not converted to ${this.to.verticalDatum ?? 'the target datum'}: Thorbecke ships no geoid model for that`);
    }
    return out;
  }

  private grow(coords: Float64Array): void {
    for (let i = 0; i + 1 < coords.length; i += 3) extendBbox(this.sourceBox, coords[i]!, coords[i + 1]!);
  }
}
