/**
 * A Swiss LV95 (EPSG:2056) CityJSON made from real buildings of the Delft demo file:
 * each vertex keeps its offset in metres from the district's centre, set down around
 * Zürich Hauptbahnhof on the WGS 84 ellipsoid, and is projected to LV95 by proj4 with
 * swisstopo's parameters written out here (not Thorbecke's EPSG data). `truthRd` gives,
 * by the same independent route, where each vertex belongs in RD New.
 */
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { decodeVertices, encodeVertices } from '../../../src/twin/cityjson/index.js';
import { repoPath } from '../../../src/kernel/paths.js';

export const DELFT_FILE = repoPath('demo', 'delft', 'buildings-lod1-2016.city.json');

/** WGS 84, and LV95 with the CH1903+ → ETRS89 shift of EPSG:1676 (swisstopo; accuracy 1 m). */
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const LV95 = '+proj=somerc +lat_0=46.9524055555556 +lon_0=7.43958333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs';
/** RD New with NSGI's 7-parameter shift (EPSG:15739 as Kadaster publishes it for proj). */
const RD = '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

/** Zürich Hauptbahnhof. */
export const ZURICH: [number, number] = [8.5402, 47.3782];

const A = 6_378_137;
const E2 = 0.0066943799901413165;
const D2R = Math.PI / 180;

export interface Lv95Fixture {
  /** The CityJSON 2.0 document in EPSG:2056. */
  document: Record<string, unknown>;
  ids: string[];
  /** Longitude, latitude of a point given in Delft RD metres. */
  lonLatOf(x: number, y: number): [number, number];
  /** Where a point given in Delft RD metres belongs in RD New once moved to Zürich. */
  truthRd(x: number, y: number): [number, number];
  /** The LV95 coordinates written into the document, x, y, z interleaved. */
  lv95: Float64Array;
}

export function lv95Fixture(count = 5): Lv95Fixture {
  const raw = JSON.parse(readFileSync(DELFT_FILE, 'utf8'));
  const ids = Object.keys(raw.CityObjects).filter((id) => raw.CityObjects[id].type === 'Building').slice(0, count);
  const [x0, y0, , x1, y1] = raw.metadata.geographicalExtent as number[];
  const cx = (x0! + x1!) / 2;
  const cy = (y0! + y1!) / 2;
  // Local tangent plane at Zürich: metres east and north to degrees (radii of curvature of WGS 84).
  const s = Math.sin(ZURICH[1] * D2R);
  const w = Math.sqrt(1 - E2 * s * s);
  const north = (A * (1 - E2)) / (w * w * w);
  const east = (A / w) * Math.cos(ZURICH[1] * D2R);
  const lonLatOf = (x: number, y: number): [number, number] => [ZURICH[0] + ((x - cx) / east) / D2R, ZURICH[1] + ((y - cy) / north) / D2R];
  const toLv95 = proj4(WGS84, LV95);
  const toRd = proj4(WGS84, RD);

  const rd = decodeVertices(raw.vertices, raw.transform);
  const lv95 = new Float64Array(rd.length);
  for (let i = 0; i < rd.length; i += 3) {
    const [e, n] = toLv95.forward(lonLatOf(rd[i]!, rd[i + 1]!));
    lv95[i] = e!;
    lv95[i + 1] = n!;
    lv95[i + 2] = rd[i + 2]!;
  }
  const min = [0, 1, 2].map((k) => {
    let m = Infinity;
    for (let i = k; i < lv95.length; i += 3) m = Math.min(m, lv95[i]!);
    return Math.floor(m);
  }) as [number, number, number];
  const transform = { scale: [0.001, 0.001, 0.001] as [number, number, number], translate: min };
  const document = {
    type: 'CityJSON',
    version: '2.0',
    transform,
    metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/2056', title: 'Delft buildings set down in Zürich (test fixture)' },
    CityObjects: Object.fromEntries(ids.map((id) => [id, raw.CityObjects[id]])),
    vertices: encodeVertices(lv95, transform),
  };
  return {
    document,
    ids,
    lonLatOf,
    truthRd: (x, y) => toRd.forward(lonLatOf(x, y)) as [number, number],
    lv95: decodeVertices(document.vertices, transform),
  };
}

/** The same buildings as a CityJSONSeq: a header line, then one feature per building with its own vertices. */
export function asSequence(document: Record<string, any>): string {
  const header = { ...document, CityObjects: {}, vertices: [] };
  const lines = [JSON.stringify(header)];
  for (const [id, object] of Object.entries(document.CityObjects as Record<string, any>)) {
    const used = new Map<number, number>();
    const vertices: number[][] = [];
    const remap = (b: unknown): unknown =>
      Array.isArray(b) ? b.map(remap) : (used.get(b as number) ?? (used.set(b as number, vertices.push(document.vertices[b as number]) - 1), used.get(b as number)));
    const geometry = object.geometry.map((g: any) => ({ ...g, boundaries: remap(g.boundaries) }));
    lines.push(JSON.stringify({ type: 'CityJSONFeature', id, CityObjects: { [id]: { ...object, geometry } }, vertices }));
  }
  return `${lines.join('\n')}\n`;
}
