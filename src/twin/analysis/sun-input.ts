import { transformBbox, transformPoint, type Bbox } from '../../kernel/geo/index.js';
import type { Building, Ring, SiteLocation } from '../sun/index.js';
import { prismRoof, type TwinBuilding } from '../model.js';

/**
 * Stored buildings as the sun engine's LoD1 prisms: the RD footprint extruded from the
 * ground height to the prism roof (70th percentile of the roof where the 3DBAG gives
 * it, else the top). Buildings without a footprint or heights cast no shadow.
 */
export function toSunBuildings(buildings: readonly TwinBuilding[]): Building[] {
  const out: Building[] = [];
  for (const b of buildings) {
    const roof = prismRoof(b);
    if (!b.footprint || b.groundHeight === null || roof === null || !(roof > b.groundHeight)) continue;
    const rd = b.footprint.rd;
    const polygons = rd.type === 'Polygon' ? [rd.coordinates] : rd.coordinates;
    const parts = polygons.map((poly) => ({
      footprint: poly.map((ring) => ring.map((p) => [p[0]!, p[1]!] as const) as Ring),
      groundZ: b.groundHeight!,
      roofZ: roof,
    }));
    out.push(parts.length === 1 ? { id: b.id, ...parts[0]! } : { id: b.id, parts });
  }
  return out;
}

/** RD New box of a WGS84 box (densified edges, so it contains the whole area). */
export const rdBoxOf = (bbox: Bbox): Bbox => transformBbox(bbox, 'EPSG:4326', 'EPSG:28992');
export const wgsBoxOf = (rd: Bbox): Bbox => transformBbox(rd, 'EPSG:28992', 'EPSG:4326');
export const grow = (b: Bbox, d: number): Bbox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];

/** The observer for sun positions: the middle of the area. */
export function siteOf(rd: Bbox): SiteLocation {
  const [lon, lat] = transformPoint([(rd[0] + rd[2]) / 2, (rd[1] + rd[3]) / 2], 'EPSG:28992', 'EPSG:4326');
  return { latitude: lat, longitude: lon };
}

export function medianGround(buildings: readonly TwinBuilding[]): number {
  const g = buildings.map((b) => b.groundHeight).filter((v): v is number => v !== null).sort((a, b) => a - b);
  return g.length ? g[Math.floor(g.length / 2)]! : 0;
}

/** UTC instant of a wall-clock time in Europe/Amsterdam (CET/CEST). */
export function amsterdamTime(year: number, month: number, day: number, hour: number, minute = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - 3_600_000;
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(guess))
      .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
    const shown = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    guess += wall - shown;
  }
  return new Date(guess);
}
