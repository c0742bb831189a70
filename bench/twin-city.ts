/**
 * A seeded generated city as a 3DBAG-like CityJSONSeq, for the twin benchmark. The
 * layout (street grid, lots, shapes, heights) is the sun benchmark's generator
 * (test/twin/sun/city.ts); this file only dresses it as the 3DBAG does: a Building
 * with its BAG attributes and an LoD0 footprint, and BuildingParts with an LoD1.2
 * block and an LoD2.2 solid (a gable roof on four-cornered footprints, half of them;
 * otherwise the block), semantic surfaces on both.
 */
import { seeded } from './lib.js';
import { generateCity } from '../test/twin/sun/city.js';
import type { Building, Point2, Ring } from '../src/twin/sun/types.js';

export interface GeneratedCityJson {
  /** CityJSONSeq: the header line, then one CityJSONFeature per building. */
  text: string;
  buildings: number;
  /** [minx, miny, maxx, maxy] of the footprints, RD New metres. */
  extentRd: [number, number, number, number];
}

/** Buildings per hectare the sun generator makes on average (100 m blocks, 2-3 lots a side, 8% empty). */
const PER_HECTARE = 5.9;
const SCALE = 0.001;

/** Exactly `count` buildings in a square district with its south-west corner at (originX, originY) in RD New. */
export function generateCityJsonSeq(o: { count: number; seed: number; originX: number; originY: number }): GeneratedCityJson {
  let size = 100 * Math.sqrt(o.count / PER_HECTARE);
  let city: Building[] = [];
  for (;;) {
    city = generateCity({ size, seed: o.seed, originX: o.originX, originY: o.originY, baseZ: 1, groundJitter: 0.5 });
    if (city.length >= o.count) break;
    size *= 1.05;
  }
  // The generator fills the area row of blocks by row: cutting it short leaves a partial last row.
  city = city.slice(0, o.count);
  const rnd = seeded(o.seed + 1);
  const extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const header = {
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [SCALE, SCALE, SCALE], translate: [o.originX, o.originY, 0] },
    CityObjects: {},
    vertices: [],
    metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/7415', title: `Generated city (seed ${o.seed}, ${o.count} buildings)` },
  };
  const lines = [JSON.stringify(header)];
  city.forEach((b, i) => {
    for (const p of 'parts' in b ? b.parts : [b])
      for (const [x, y] of p.footprint[0]!) {
        extent[0] = Math.min(extent[0], x);
        extent[1] = Math.min(extent[1], y);
        extent[2] = Math.max(extent[2], x);
        extent[3] = Math.max(extent[3], y);
      }
    lines.push(JSON.stringify(feature(b, i, rnd, o.originX, o.originY)));
  });
  return { text: lines.join('\n') + '\n', buildings: city.length, extentRd: extent };
}

/** Vertices of one feature, shared between its surfaces, as integers of the header's transform. */
class Vertices {
  readonly list: number[][] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly ox: number, private readonly oy: number) {}
  at(x: number, y: number, z: number): number {
    const v = [Math.round((x - this.ox) / SCALE), Math.round((y - this.oy) / SCALE), Math.round(z / SCALE)];
    const key = v.join(',');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.index.set(key, i);
    }
    return i;
  }
}

const GROUND = 0;
const ROOF = 1;
const WALL = 2;
const SEMANTICS = [{ type: 'GroundSurface' }, { type: 'RoofSurface' }, { type: 'WallSurface' }];

interface Solid {
  faces: number[][][];
  values: number[];
}

/** A block: floor, flat roof, a wall per edge of every ring (holes are courtyards). */
function block(v: Vertices, footprint: readonly Ring[], ground: number, roof: number): Solid {
  const faces: number[][][] = [];
  const values: number[] = [];
  faces.push(footprint.map((r) => [...r].reverse().map(([x, y]) => v.at(x, y, ground))));
  values.push(GROUND);
  faces.push(footprint.map((r) => r.map(([x, y]) => v.at(x, y, roof))));
  values.push(ROOF);
  for (const r of footprint)
    r.forEach(([ax, ay], k) => {
      const [bx, by] = r[(k + 1) % r.length]!;
      faces.push([[v.at(ax, ay, ground), v.at(bx, by, ground), v.at(bx, by, roof), v.at(ax, ay, roof)]]);
      values.push(WALL);
    });
  return { faces, values };
}

/** A gable roof over a four-cornered footprint: eaves along the two longer sides, the ridge between the gables. */
function gable(v: Vertices, quad: Ring, ground: number, eave: number, ridge: number): Solid {
  const d = (a: Point2, b: Point2) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  const q = d(quad[0]!, quad[1]!) >= d(quad[1]!, quad[2]!) ? quad : [quad[1]!, quad[2]!, quad[3]!, quad[0]!];
  const [p0, p1, p2, p3] = q as [Point2, Point2, Point2, Point2];
  const mid = (a: Point2, b: Point2): Point2 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const g = (p: Point2) => v.at(p[0], p[1], ground);
  const e = (p: Point2) => v.at(p[0], p[1], eave);
  const r0 = v.at(...mid(p3, p0), ridge);
  const r1 = v.at(...mid(p1, p2), ridge);
  return {
    faces: [
      [[g(p3), g(p2), g(p1), g(p0)]],
      [[g(p0), g(p1), e(p1), e(p0)]],
      [[g(p1), g(p2), e(p2), r1, e(p1)]],
      [[g(p2), g(p3), e(p3), e(p2)]],
      [[g(p3), g(p0), e(p0), r0, e(p3)]],
      [[e(p0), e(p1), r1, r0]],
      [[e(p2), e(p3), r0, r1]],
    ],
    values: [GROUND, WALL, WALL, WALL, WALL, ROOF, ROOF],
  };
}

const solid = (lod: string, s: Solid) => ({ type: 'Solid', lod, boundaries: [s.faces], semantics: { surfaces: SEMANTICS, values: [s.values] } });

function feature(b: Building, i: number, rnd: () => number, ox: number, oy: number) {
  const id = `NL.IMBAG.Pand.0344100000${String(i).padStart(6, '0')}`;
  const v = new Vertices(ox, oy);
  const parts = 'parts' in b ? b.parts : [b];
  const objects: Record<string, unknown> = {};
  const children: string[] = [];
  let sloped = false;
  let roofMin = Infinity;
  let roofMax = -Infinity;
  parts.forEach((p, k) => {
    const partId = `${id}-${k}`;
    children.push(partId);
    const lod12 = block(v, p.footprint, p.groundZ, p.roofZ);
    let lod22 = lod12;
    const outer = p.footprint[0]!;
    if (parts.length === 1 && p.footprint.length === 1 && outer.length === 4 && rnd() < 0.5) {
      const pitch = 1.5 + 3 * rnd();
      lod22 = gable(v, outer, p.groundZ, p.roofZ - pitch, p.roofZ);
      sloped = true;
      roofMin = Math.min(roofMin, p.roofZ - pitch);
    } else roofMin = Math.min(roofMin, p.roofZ);
    roofMax = Math.max(roofMax, p.roofZ);
    objects[partId] = { type: 'BuildingPart', attributes: {}, geometry: [solid('1.2', lod12), solid('2.2', lod22)], parents: [id] };
  });
  const ground = parts[0]!.groundZ;
  const base = parts[0]!.footprint;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  objects[id] = {
    type: 'Building',
    attributes: {
      identificatie: id,
      oorspronkelijkbouwjaar: 1850 + Math.floor(rnd() * 175),
      status: 'Pand in gebruik',
      b3_dak_type: sloped ? 'slanted' : 'horizontal',
      b3_h_maaiveld: r3(ground),
      b3_h_dak_min: r3(roofMin),
      b3_h_dak_50p: r3((roofMin + roofMax) / 2),
      b3_h_dak_70p: r3(roofMin + 0.7 * (roofMax - roofMin)),
      b3_h_dak_max: r3(roofMax),
      b3_pw_bron: 'AHN4',
      b3_pw_datum: 2020,
      begingeldigheid: '2010-10-13',
    },
    geometry: [{ type: 'MultiSurface', lod: '0', boundaries: [base.map((r) => r.map(([x, y]) => v.at(x, y, ground)))] }],
    children,
  };
  return { type: 'CityJSONFeature', id, CityObjects: objects, vertices: v.list };
}
