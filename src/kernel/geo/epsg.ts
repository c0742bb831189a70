/**
 * The EPSG coordinate reference systems shipped as data (epsg/epsg.json, made by
 * scripts/generate-epsg.ts; sources and licences in epsg/README.md). Read once, on the
 * first look-up of a code that crs.ts does not define itself: about 2 MB of JSON that
 * most processes (all-RD municipalities) never need.
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../paths.js';
import type { Bbox } from './bbox.js';

export type EpsgKind = 'projected' | 'geographic' | 'geographic3d' | 'geocentric' | 'compound' | 'vertical' | 'engineering' | 'derived';

export interface EpsgEntry {
  code: number;
  name: string;
  kind: EpsgKind;
  /** PROJ string of the horizontal part, checked against PROJ when generated; null when there is none. */
  proj4: string | null;
  /** WGS 84 [west, south, east, north]; west > east when the area crosses the antimeridian. */
  areaOfUse: Bbox | null;
  /** Accuracy (m) of the datum shift to WGS 84, as the EPSG dataset states it. */
  accuracy: number | null;
  /** Name of the vertical CRS of a compound CRS, or "... ellipsoidal height" for a 3D geographic one. */
  vertical: string | null;
  /** The horizontal component of a compound CRS. */
  horizontal: number | null;
  /** Metres between this PROJ string and PROJ's best transformation at the centre of the area of use. */
  check: number | null;
  /**
   * Why the CRS cannot be placed, when it cannot: `no-definition`, `no-datum-shift`,
   * `grid:<file>` (needs a datum grid), `disagrees:<metres>`, `unverified`.
   */
  problem: string | null;
}

type Row = [number, string, EpsgKind, string | null, Bbox | null, number | null, string | null, number | null, number | null, string | null];

interface EpsgFile {
  about: string;
  region: Bbox;
  crs: Row[];
}

let loaded: { about: string; region: Bbox; byCode: Map<number, EpsgEntry> } | null = null;

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const file = JSON.parse(readFileSync(repoPath('src', 'kernel', 'geo', 'epsg', 'epsg.json'), 'utf8')) as EpsgFile;
  const byCode = new Map<number, EpsgEntry>();
  for (const [code, name, kind, proj4, areaOfUse, accuracy, vertical, horizontal, check, problem] of file.crs) {
    byCode.set(code, { code, name, kind, proj4, areaOfUse, accuracy, vertical, horizontal, check, problem });
  }
  loaded = { about: file.about, region: file.region, byCode };
  return loaded;
}

export function epsgEntry(code: number): EpsgEntry | undefined {
  return load().byCode.get(code);
}

/** Every shipped entry, in code order. */
export function epsgEntries(): EpsgEntry[] {
  return [...load().byCode.values()];
}

/** Where the data comes from and what region it covers, for messages and documentation. */
export function epsgCoverage(): { about: string; region: Bbox; count: number } {
  const { about, region, byCode } = load();
  return { about, region, count: byCode.size };
}
