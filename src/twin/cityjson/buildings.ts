/**
 * Buildings out of checked CityObjects: a Building with its BuildingParts merged
 * (installations, rooms and the like are left out), its BAG id, year, footprint,
 * ground and roof heights and its 3D surfaces in world coordinates.
 */
import type { Bbox, MultiPolygonGeometry, PolygonGeometry, Transformer } from '../../kernel/geo/index.js';
import { emptyBbox, extendBbox, isEmptyBbox } from '../../kernel/geo/index.js';
import { footprintArea, mergeFaces, type Footprint, type Ring2 } from './footprint.js';
import { forEachSurface, lodNumber } from './geometry.js';
import { descendants } from './resolve.js';
import type { CityJsonGeometry, CityObject, Json, JsonObject } from './types.js';

export type Position3 = [number, number, number];

export interface BuildingSurface {
  /** The CityObject (building or part) the surface belongs to. */
  objectId: string;
  /** Semantic surface type (RoofSurface, WallSurface, GroundSurface, ...) when the file gives one. */
  semantic: string | null;
  /** Exterior ring first, then holes; world coordinates of the file's CRS, not closed. */
  rings: Position3[][];
}

export interface RoofHeights {
  min: number | null;
  p50: number | null;
  p70: number | null;
  max: number | null;
}

export type HeightSource = '3dbag' | 'measuredHeight' | 'geometry';

export interface BuildingRecord {
  id: string;
  /** BAG pand identificatie, 16 digits, e.g. "0503100000012869". */
  bagId: string | null;
  yearOfConstruction: number | null;
  /** BuildingPart ids merged into this building. */
  parts: string[];
  /** LoD of the 3D surfaces kept (the highest the file has), e.g. "2.2". */
  lod: string | null;
  /** Heights in the file's vertical datum (NAP for EPSG:7415). */
  groundHeight: number | null;
  roofHeight: RoofHeights;
  heightSource: HeightSource | null;
  footprint: {
    /** In the file's horizontal CRS (RD New for Dutch files), 2D. */
    source: PolygonGeometry | MultiPolygonGeometry;
    /** WGS 84 longitude/latitude; null when the file's CRS is unknown. */
    wgs84: PolygonGeometry | MultiPolygonGeometry | null;
    /** Square metres (for projected CRSs). */
    area: number;
  } | null;
  surfaces: BuildingSurface[];
  /** [minx, miny, minz, maxx, maxy, maxz] in the file's CRS. */
  extent: [number, number, number, number, number, number] | null;
  bboxWgs84: Bbox | null;
  /** The Building's own attributes as in the file. */
  attributes: JsonObject;
}

export interface ExtractContext {
  objects: Record<string, CityObject>;
  coordinates: Float64Array;
  /** From the file's CRS to WGS 84; null when the file has no usable CRS. */
  toWgs84: Transformer | null;
  /** Decimals kept for world coordinates (3 for a 1 mm grid). */
  decimals: number;
}

export const BUILDING_PART_TYPES = new Set(['BuildingPart']);

const num = (v: Json | undefined): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** The attributes a BAG pand id is read from, in order: 3DBAG and IMBAG, older 3D BAG exports, the Dutch base map. */
export const BAG_ID_ATTRIBUTES = ['identificatie', 'bagpandid', 'identificatiebagpnd'] as const;
/** The attributes a construction year is read from, in order: 3DBAG / BAG, older exports, CityGML. */
export const YEAR_ATTRIBUTES = ['oorspronkelijkbouwjaar', 'bouwjaar', 'yearOfConstruction'] as const;

const PAND_TEXT = /^(?:NL\.IMBAG\.Pand\.)?(\d{13,16})$/i;
const PAND_IN_ID = /^NL\.IMBAG\.Pand\.(\d{16})$/i;

/**
 * A BAG pand identificatie normalised to its 16 digits, or null when the value is not
 * one. BAG ids are a 4-digit municipality code, the object type (10 for a pand) and a
 * 10-digit number; exports that stored them as numbers lost the municipality's leading
 * zeros (Delft 0503 → 15 digits, Groningen 0014 → 14), which are put back. A
 * verblijfsobject (01), nummeraanduiding (20) or BGT id is not a pand id.
 */
export function normaliseBagPandId(value: Json | undefined): string | null {
  if (typeof value === 'number') value = Number.isSafeInteger(value) && value > 0 ? String(value) : '';
  if (typeof value !== 'string') return null;
  const digits = PAND_TEXT.exec(value.trim())?.[1];
  if (!digits) return null;
  const id = digits.padStart(16, '0');
  return id.slice(4, 6) === '10' && id.slice(0, 4) !== '0000' ? id : null;
}

/** BAG pand id from the attributes in BAG_ID_ATTRIBUTES, or from an object id like NL.IMBAG.Pand.0503100000012869. */
export function bagIdOf(id: string, attributes: JsonObject): string | null {
  for (const name of BAG_ID_ATTRIBUTES) {
    const found = normaliseBagPandId(attributes[name]);
    if (found) return found;
  }
  const fromId = PAND_IN_ID.exec(id)?.[1];
  return fromId ? normaliseBagPandId(fromId) : null;
}

/** Years outside this range are placeholders (0, 9999) rather than construction years. */
const YEARS = { min: 1000, max: 2100 };

/** Construction year from the attributes in YEAR_ATTRIBUTES: an integer, or text of four digits. */
export function yearOf(attributes: JsonObject): number | null {
  for (const name of YEAR_ATTRIBUTES) {
    const v = attributes[name];
    const year = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : null;
    if (year !== null && Number.isInteger(year) && year >= YEARS.min && year <= YEARS.max) return year;
  }
  return null;
}

const SURFACE_TYPES = new Set(['MultiSurface', 'CompositeSurface', 'Solid', 'MultiSolid', 'CompositeSolid']);

/** The highest-LoD surface or solid geometry of an object, skipping LoD0. */
function bestGeometry(object: CityObject): CityJsonGeometry | null {
  let best: CityJsonGeometry | null = null;
  for (const g of object.geometry ?? []) {
    if (!SURFACE_TYPES.has(g.type) || lodNumber(g.lod) < 1) continue;
    if (!best || lodNumber(g.lod) > lodNumber(best.lod)) best = g;
  }
  return best;
}

function newellNormal(ring: number[], c: Float64Array): [number, number, number] {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]! * 3;
    const b = ring[(i + 1) % ring.length]! * 3;
    nx += (c[a + 1]! - c[b + 1]!) * (c[a + 2]! + c[b + 2]!);
    ny += (c[a + 2]! - c[b + 2]!) * (c[a]! + c[b]!);
    nz += (c[a]! - c[b]!) * (c[a + 1]! + c[b + 1]!);
  }
  return [nx, ny, nz];
}

export function extractBuildings(ctx: ExtractContext): BuildingRecord[] {
  const out: BuildingRecord[] = [];
  for (const [id, object] of Object.entries(ctx.objects)) {
    if (object.type !== 'Building') continue;
    // A Building under another Building is a part of it in all but name; its parent collects it.
    if ((object.parents ?? []).some((p) => ctx.objects[p]?.type === 'Building')) continue;
    out.push(extractBuilding(id, object, ctx));
  }
  return out;
}

export function extractBuilding(id: string, building: CityObject, ctx: ExtractContext): BuildingRecord {
  const { coordinates: c } = ctx;
  const round = (v: number): number => Number(v.toFixed(ctx.decimals));
  const parts = descendants(ctx.objects, id).filter((d) => {
    const t = ctx.objects[d]?.type;
    return t !== undefined && (BUILDING_PART_TYPES.has(t) || t === 'Building');
  });
  const members = [id, ...parts];
  const attributes = building.attributes ?? {};

  const surfaces: BuildingSurface[] = [];
  const groundFaces: Ring2[][] = [];
  const unlabelledFaces: Array<{ rings: number[][] }> = [];
  const lod0Faces: Ring2[][] = [];
  let bestLod = -1;
  let lodText: string | null = null;
  let minZ = Infinity;
  let maxZ = -Infinity;
  let roofMin = Infinity;
  const extent = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  const ring2 = (ring: number[]): Ring2 => ring.map((v) => [c[v * 3]!, c[v * 3 + 1]!]);

  for (const memberId of members) {
    const member = ctx.objects[memberId]!;
    for (const g of member.geometry ?? []) {
      if (lodNumber(g.lod) < 1 && (g.type === 'MultiSurface' || g.type === 'CompositeSurface')) {
        forEachSurface(g, (s) => lod0Faces.push(s.rings.map(ring2)));
      }
    }
    const g = bestGeometry(member);
    if (!g) continue;
    if (lodNumber(g.lod) > bestLod) {
      bestLod = lodNumber(g.lod);
      lodText = g.lod ?? null;
    }
    const hasGroundSemantics = (g.semantics?.surfaces ?? []).some((s) => s.type === 'GroundSurface');
    forEachSurface(
      g,
      (s) => {
        for (const ring of s.rings) {
          for (const v of ring) {
            const z = c[v * 3 + 2]!;
            for (let k = 0; k < 3; k++) {
              extent[k] = Math.min(extent[k]!, c[v * 3 + k]!);
              extent[k + 3] = Math.max(extent[k + 3]!, c[v * 3 + k]!);
            }
            if (z < minZ) minZ = z;
            if (z > maxZ) maxZ = z;
            if (s.semantic?.type === 'RoofSurface' && z < roofMin) roofMin = z;
          }
        }
        surfaces.push({
          objectId: memberId,
          semantic: s.semantic?.type ?? null,
          rings: s.rings.map((ring) => ring.map((v) => [round(c[v * 3]!), round(c[v * 3 + 1]!), round(c[v * 3 + 2]!)] as Position3)),
        });
        if (s.semantic?.type === 'GroundSurface') groundFaces.push(s.rings.map(ring2));
        else if (!hasGroundSemantics) unlabelledFaces.push({ rings: s.rings });
      },
      { exteriorShellsOnly: true },
    );
  }

  /*
   * Without GroundSurface semantics, the ground is the level faces at the lowest
   * height. Some LoD1 blocks have no bottom at all (the 2016 Delft file's solids
   * are open below): then the outline of everything seen from above (all faces
   * that are not walls, projected) is the footprint.
   */
  if (groundFaces.length === 0 && Number.isFinite(minZ)) {
    const seenFromAbove: Ring2[][] = [];
    for (const f of unlabelledFaces) {
      const outer = f.rings[0]!;
      const [nx, ny, nz] = newellNormal(outer, c);
      const length = Math.hypot(nx, ny, nz);
      if (length === 0) continue;
      if (Math.abs(nz) > 0.99 * length && outer.every((v) => c[v * 3 + 2]! <= minZ + 0.01)) groundFaces.push(f.rings.map(ring2));
      else if (Math.abs(nz) > 0.01 * length) seenFromAbove.push(f.rings.map(ring2));
    }
    if (groundFaces.length === 0) groundFaces.push(...seenFromAbove);
  }

  const footprintRings = mergeFaces(lod0Faces.length > 0 ? lod0Faces : groundFaces);
  const heights = heightsOf(members.map((m) => ctx.objects[m]!.attributes ?? {}), {
    minZ: Number.isFinite(minZ) ? minZ : null,
    maxZ: Number.isFinite(maxZ) ? maxZ : null,
    roofMin: Number.isFinite(roofMin) ? roofMin : null,
  });

  const h = (v: number | null): number | null => (v === null ? null : round(v));
  return {
    id,
    bagId: bagIdOf(id, attributes),
    yearOfConstruction: yearOf(attributes) ?? firstOf(parts.map((p) => yearOf(ctx.objects[p]!.attributes ?? {}))),
    parts,
    lod: lodText,
    groundHeight: h(heights.groundHeight),
    roofHeight: { min: h(heights.roofHeight.min), p50: h(heights.roofHeight.p50), p70: h(heights.roofHeight.p70), max: h(heights.roofHeight.max) },
    heightSource: heights.heightSource,
    footprint: footprintRings.length > 0 ? footprintOf(footprintRings, ctx) : null,
    surfaces,
    extent: Number.isFinite(extent[0]) ? (extent.map(round) as BuildingRecord['extent']) : null,
    bboxWgs84: Number.isFinite(extent[0]) && ctx.toWgs84 ? wgs84Box(extent, ctx.toWgs84) : null,
    attributes,
  };
}

function firstOf<T>(values: Array<T | null>): T | null {
  return values.find((v) => v !== null) ?? null;
}

function heightsOf(
  attributeSets: JsonObject[],
  geometry: { minZ: number | null; maxZ: number | null; roofMin: number | null },
): Pick<BuildingRecord, 'groundHeight' | 'roofHeight' | 'heightSource'> {
  const attr = (name: string): number | null => firstOf(attributeSets.map((a) => num(a[name])));
  const maaiveld = attr('b3_h_maaiveld');
  const dak = { min: attr('b3_h_dak_min'), p50: attr('b3_h_dak_50p'), p70: attr('b3_h_dak_70p'), max: attr('b3_h_dak_max') };
  if (dak.max !== null || dak.p70 !== null) {
    return { groundHeight: maaiveld ?? geometry.minZ, roofHeight: dak, heightSource: '3dbag' };
  }
  const ground = maaiveld ?? geometry.minZ;
  const measured = attr('measuredHeight');
  if (measured !== null) {
    /*
     * CityGML defines measuredHeight as height above the ground: roof = ground + it.
     * Some exports (the 2016 Delft base map among them) store the absolute roof
     * level instead; when the solid's top equals the value itself and not ground +
     * value, the geometry shows which convention the file follows.
     */
    const offAbsolute = geometry.maxZ === null ? Infinity : Math.abs(geometry.maxZ - measured);
    const offRelative = geometry.maxZ === null || ground === null ? Infinity : Math.abs(geometry.maxZ - (ground + measured));
    const absolute = offAbsolute < 0.01 && offAbsolute <= offRelative;
    const max = absolute ? measured : ground !== null ? ground + measured : null;
    return { groundHeight: ground, roofHeight: { min: null, p50: null, p70: null, max }, heightSource: 'measuredHeight' };
  }
  if (geometry.maxZ === null) return { groundHeight: ground, roofHeight: { min: null, p50: null, p70: null, max: null }, heightSource: null };
  return { groundHeight: ground, roofHeight: { min: geometry.roofMin, p50: null, p70: null, max: geometry.maxZ }, heightSource: 'geometry' };
}

function footprintOf(rings: Footprint, ctx: ExtractContext): NonNullable<BuildingRecord['footprint']> {
  const round = (v: number): number => Number(v.toFixed(ctx.decimals));
  const source = rings.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [round(x), round(y)])));
  const wgs = ctx.toWgs84
    ? rings.map((polygon) =>
        polygon.map((ring) =>
          ring.map((p) => {
            const [lon, lat] = ctx.toWgs84!.point([p[0], p[1]]);
            return [Number(lon.toFixed(9)), Number(lat.toFixed(9))];
          }),
        ),
      )
    : null;
  const asGeometry = (coords: number[][][][]): PolygonGeometry | MultiPolygonGeometry =>
    coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
  return {
    source: asGeometry(source),
    wgs84: wgs ? asGeometry(wgs) : null,
    area: Number(footprintArea(rings).toFixed(3)),
  };
}

function wgs84Box(extent: number[], t: Transformer): Bbox {
  const box = emptyBbox();
  for (const [x, y] of [[extent[0]!, extent[1]!], [extent[3]!, extent[1]!], [extent[3]!, extent[4]!], [extent[0]!, extent[4]!]] as const) {
    const [lon, lat] = t.point([x, y]);
    extendBbox(box, lon, lat);
  }
  return isEmptyBbox(box) ? box : (box.map((v) => Number(v.toFixed(9))) as Bbox);
}
