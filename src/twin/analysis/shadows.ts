import { transformer, type Bbox } from '../../kernel/geo/index.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { Scenario, TwinBuilding } from '../model.js';
import { effectiveInBbox } from '../service.js';
import { rdMeridianConvergence, shadowPolygons, solarPosition, toSunStep, type ShadowPolygon, type SiteLocation } from '../sun/index.js';
import { grow, medianGround, rdBoxOf, siteOf, toSunBuildings, wgsBoxOf } from './sun-input.js';

export interface SunAt {
  at: string;
  /** Clockwise from true north, degrees. */
  azimuth: number;
  /** Apparent elevation above the horizon (with refraction), degrees. */
  altitude: number;
  /** Azimuth from RD grid north (what the RD-frame viewer turns its light by). */
  gridAzimuth: number;
}

export function sunAt(at: Date, site: SiteLocation): SunAt {
  const p = solarPosition(at, site);
  const convergence = rdMeridianConvergence(site.latitude, site.longitude);
  const r = (v: number): number => Number(v.toFixed(4));
  return { at: at.toISOString(), azimuth: r(p.azimuth), altitude: r(p.elevation), gridAzimuth: r(p.azimuth - convergence) };
}

/** Longest shadow looked for from outside the box: buildings further away are not loaded. */
const MAX_REACH = 400;

export interface ShadowCollection {
  type: 'FeatureCollection';
  sun: SunAt;
  /** NAP height of the plane shadows are cast on (median ground level of the buildings). */
  planeHeight: number;
  features: Array<{
    type: 'Feature';
    id: string;
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
    properties: { buildingId: string; planned: boolean };
  }>;
}

/** Shadows of the (scenario's) buildings on the ground at one instant, as WGS84 GeoJSON. */
export async function shadowsAt(db: Queryable, scenario: Scenario | null, bbox: Bbox, at: Date, minAltitude = 0): Promise<ShadowCollection> {
  const rd = rdBoxOf(bbox);
  const site = siteOf(rd);
  const sun = sunAt(at, site);
  if (sun.altitude <= minAltitude) return { type: 'FeatureCollection', sun, planeHeight: 0, features: [] };
  const reach = Math.min(MAX_REACH, 60 / Math.tan((sun.altitude * Math.PI) / 180));
  const buildings = await effectiveInBbox(db, scenario, wgsBoxOf(grow(rd, reach)));
  const planeHeight = medianGround(buildings);
  const step = toSunStep(at, sun.azimuth, sun.altitude, rdMeridianConvergence(site.latitude, site.longitude), 0);
  const byId = new Map<string, TwinBuilding>(buildings.map((b) => [b.id, b]));
  const toWgs = transformer('EPSG:28992', 'EPSG:4326');
  const ring = (r: readonly (readonly [number, number])[]): number[][] => {
    const out = r.map(([x, y]) => toWgs.point([x, y]).map((v) => Number(v.toFixed(8))));
    if (out.length) out.push([...out[0]!]);
    return out;
  };
  const features: ShadowCollection['features'] = [];
  for (const s of shadowPolygons(toSunBuildings(buildings), step, planeHeight)) {
    const coords = s.polygons.map((p: ShadowPolygon) => p.map(ring));
    const box = rdBoxOfPolygons(s.polygons);
    if (box[0] > rd[2] || box[2] < rd[0] || box[1] > rd[3] || box[3] < rd[1]) continue;
    features.push({ type: 'Feature', id: s.buildingId, geometry: { type: 'MultiPolygon', coordinates: coords }, properties: { buildingId: s.buildingId, planned: Boolean(byId.get(s.buildingId)?.planned) } });
  }
  return { type: 'FeatureCollection', sun, planeHeight, features };
}

function rdBoxOfPolygons(polygons: readonly ShadowPolygon[]): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons) for (const r of p) for (const [x, y] of r) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}
