import type { XmlElement } from '../dmn/index.js';
import { ImroError } from './errors.js';
import type { PlanGeometry, PolygonCoords, Ring, Xy } from './geometry.js';

/**
 * GML 3.1 (IMRO2008) and 3.2 (IMRO2012) geometry to GeoJSON-shaped RD coordinates:
 * Polygon, Surface/PolygonPatch, MultiSurface, MultiPolygon, CompositeSurface with
 * interior rings; LinearRing or Ring of curve members whose Curves hold
 * LineStringSegments and Arcs (densified); LineString/Curve/MultiCurve; Point/MultiPoint.
 */

/** Largest distance between an arc and the chords that replace it, in metres. */
export const ARC_TOLERANCE_M = 0.02;
/** Gap between the ends of a ring that is closed silently (curve members rounded apart). */
const CLOSE_GAP_M = 0.01;

const fail = (el: XmlElement, detail: string): never => {
  throw new ImroError('imro-geometry-invalid', detail, el.name, el.line);
};

const kids = (el: XmlElement, ...names: string[]): XmlElement[] => el.children.filter((c) => names.includes(c.name));
const kid = (el: XmlElement, ...names: string[]): XmlElement | undefined => el.children.find((c) => names.includes(c.name));

/** Only RD New is accepted: IMRO prescribes it, and a silent wrong CRS would put a plan in the sea. */
function checkSrs(el: XmlElement): void {
  const srs = el.attrs.srsName;
  if (srs && !/(^|[:/#])28992$/.test(srs.trim())) fail(el, `srsName '${srs}' is not RD New (EPSG:28992)`);
}

function numbers(el: XmlElement): number[] {
  const text = el.text.trim();
  if (text === '') return [];
  const parts = text.split(/\s+/);
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const v = Number(parts[i]);
    if (!Number.isFinite(v)) fail(el, `'${parts[i]}' is not a number`);
    out[i] = v;
  }
  return out;
}

function dimension(el: XmlElement, inherited: number): number {
  const d = el.attrs.srsDimension;
  if (d === undefined) return inherited;
  const n = Number(d);
  if (n !== 2 && n !== 3) fail(el, `srsDimension ${d} is not 2 or 3`);
  return n;
}

/** The positions of a posList, a list of pos, or GML 2 coordinates (x,y x,y). */
function positions(el: XmlElement, dim: number): Xy[] {
  const d = dimension(el, dim);
  const posList = kid(el, 'posList');
  if (posList) {
    const v = numbers(posList);
    const pd = dimension(posList, d);
    if (v.length % pd !== 0) fail(posList, `${v.length} numbers do not make ${pd}-dimensional positions`);
    const out: Xy[] = [];
    for (let i = 0; i < v.length; i += pd) out.push([v[i]!, v[i + 1]!]);
    return out;
  }
  const coords = kid(el, 'coordinates');
  if (coords) {
    return coords.text.trim().split(/\s+/).filter(Boolean).map((t) => {
      const [x, y] = t.split(',').map(Number);
      if (!Number.isFinite(x) || !Number.isFinite(y)) fail(coords, `'${t}' is not an x,y pair`);
      return [x!, y!] as Xy;
    });
  }
  const out: Xy[] = [];
  for (const p of kids(el, 'pos', 'pointProperty', 'pointRep')) {
    const point = p.name === 'pos' ? p : kid(p, 'Point');
    const pos = point?.name === 'pos' ? point : point && kid(point, 'pos');
    if (!pos) fail(p, 'no position');
    const v = numbers(pos!);
    if (v.length < 2) fail(pos!, 'a position needs at least two numbers');
    out.push([v[0]!, v[1]!]);
  }
  return out;
}

/** Points along the circular arc through a, b, c (a and c included), within ARC_TOLERANCE_M. */
export function densifyArc(a: Xy, b: Xy, c: Xy): Xy[] {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
  const span = Math.hypot(c[0] - a[0], c[1] - a[1]) + Math.hypot(b[0] - a[0], b[1] - a[1]);
  // Collinear (or nearly): the "arc" is a straight line.
  if (Math.abs(d) < 1e-12 * Math.max(1, span * span)) return [a, b, c];
  const sq = (p: Xy) => p[0] * p[0] + p[1] * p[1];
  // Translate to a for precision: RD coordinates are ~1e5 and squares would lose digits.
  const A: Xy = [0, 0];
  const B: Xy = [b[0] - a[0], b[1] - a[1]];
  const C: Xy = [c[0] - a[0], c[1] - a[1]];
  const dd = 2 * (B[0] * C[1] - C[0] * B[1]);
  const ux = (C[1] * sq(B) - B[1] * sq(C)) / dd;
  const uy = (B[0] * sq(C) - C[0] * sq(B)) / dd;
  const r = Math.hypot(ux - A[0], uy - A[1]);
  const ang = (p: Xy) => Math.atan2(p[1] - uy, p[0] - ux);
  const a0 = ang(A);
  const ccw = dd > 0; // orientation of a→b→c
  const norm = (t: number) => ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const sweep = ccw ? norm(ang(C) - a0) : -norm(a0 - ang(C));
  const step = r > ARC_TOLERANCE_M ? 2 * Math.acos(1 - ARC_TOLERANCE_M / r) : Math.PI / 4;
  const n = Math.min(512, Math.max(2, Math.ceil(Math.abs(sweep) / step)));
  const out: Xy[] = [a];
  for (let i = 1; i < n; i++) {
    const t = a0 + (sweep * i) / n;
    out.push([a[0] + ux + r * Math.cos(t), a[1] + uy + r * Math.sin(t)]);
  }
  out.push(c);
  return out;
}

/** Appends `pts` to `line`, dropping the first point when it repeats the last one (segments share ends). */
function append(line: Xy[], pts: Xy[]): void {
  const last = line[line.length - 1];
  const first = pts[0];
  const start = last && first && last[0] === first[0] && last[1] === first[1] ? 1 : 0;
  for (let i = start; i < pts.length; i++) line.push(pts[i]!);
}

/** The points of a curve-like element: LineString, Curve (segments), LineStringSegment, Arc(String), CompositeCurve, OrientableCurve. */
function curvePoints(el: XmlElement, dim: number): Xy[] {
  checkSrs(el);
  const d = dimension(el, dim);
  switch (el.name) {
    case 'LineString':
    case 'LineStringSegment':
    case 'GeodesicString':
      return positions(el, d);
    case 'Arc':
    case 'ArcString': {
      const p = positions(el, d);
      if (p.length < 3 || p.length % 2 === 0) fail(el, `an arc string needs an odd number (>= 3) of positions, not ${p.length}`);
      const out: Xy[] = [];
      for (let i = 0; i + 2 < p.length; i += 2) append(out, densifyArc(p[i]!, p[i + 1]!, p[i + 2]!));
      return out;
    }
    case 'Curve': {
      const segments = kid(el, 'segments');
      if (!segments) fail(el, 'a Curve needs segments');
      const out: Xy[] = [];
      for (const s of segments!.children) append(out, curvePoints(s, d));
      return out;
    }
    case 'CompositeCurve': {
      const out: Xy[] = [];
      for (const m of kids(el, 'curveMember')) append(out, memberCurve(m, d));
      return out;
    }
    case 'OrientableCurve': {
      const base = kid(el, 'baseCurve');
      if (!base) fail(el, 'an OrientableCurve needs a baseCurve');
      const pts = memberCurve(base!, d);
      return el.attrs.orientation === '-' ? pts.reverse() : pts;
    }
    default:
      return fail(el, `unsupported curve type <${el.name}>`);
  }
}

function memberCurve(member: XmlElement, dim: number): Xy[] {
  const inner = member.children[0];
  if (!inner) fail(member, 'empty curve member');
  return curvePoints(inner!, dim);
}

function ring(el: XmlElement, dim: number): Ring {
  let pts: Xy[];
  if (el.name === 'LinearRing') pts = positions(el, dimension(el, dim));
  else if (el.name === 'Ring') {
    pts = [];
    for (const m of kids(el, 'curveMember')) append(pts, memberCurve(m, dimension(el, dim)));
  } else return fail(el, `unsupported ring type <${el.name}>`);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    if (Math.hypot(first[0] - last[0], first[1] - last[1]) > CLOSE_GAP_M) fail(el, 'the ring is not closed');
    pts.push([first[0], first[1]]);
  }
  if (pts.length < 4) fail(el, `a ring needs at least 4 positions, it has ${pts.length}`);
  return pts;
}

/** One polygon (Polygon or PolygonPatch): exterior first, then interiors. */
function polygon(el: XmlElement, dim: number): PolygonCoords {
  checkSrs(el);
  const d = dimension(el, dim);
  const boundary = (b: XmlElement): Ring => {
    const r = b.children[0];
    if (!r) fail(b, 'empty boundary');
    return ring(r!, d);
  };
  const exterior = kid(el, 'exterior', 'outerBoundaryIs');
  if (!exterior) fail(el, 'a polygon needs an exterior ring');
  return [boundary(exterior!), ...kids(el, 'interior', 'innerBoundaryIs').map(boundary)];
}

/** The polygons of any surface-like element. */
function surfaces(el: XmlElement, dim: number): PolygonCoords[] {
  checkSrs(el);
  const d = dimension(el, dim);
  switch (el.name) {
    case 'Polygon':
    case 'PolygonPatch':
      return [polygon(el, d)];
    case 'Surface': {
      const patches = kid(el, 'patches', 'polygonPatches');
      if (!patches || patches.children.length === 0) fail(el, 'a Surface needs patches');
      return patches!.children.flatMap((p) => (p.name === 'PolygonPatch' ? [polygon(p, d)] : fail(p, `unsupported surface patch <${p.name}>`)));
    }
    case 'MultiSurface':
    case 'CompositeSurface':
    case 'MultiPolygon': {
      const out: PolygonCoords[] = [];
      for (const m of el.children) {
        if (m.name === 'surfaceMember' || m.name === 'polygonMember') for (const s of m.children) out.push(...surfaces(s, d));
        else if (m.name === 'surfaceMembers') for (const s of m.children) out.push(...surfaces(s, d));
      }
      if (out.length === 0) fail(el, `a ${el.name} without members`);
      return out;
    }
    default:
      return fail(el, `unsupported surface type <${el.name}>`);
  }
}

const SURFACES = new Set(['Polygon', 'Surface', 'MultiSurface', 'CompositeSurface', 'MultiPolygon']);
const CURVES = new Set(['LineString', 'Curve', 'CompositeCurve', 'OrientableCurve']);

/** Reads the geometry element inside an IMRO `geometrie` property. */
export function readGeometry(el: XmlElement): PlanGeometry {
  if (SURFACES.has(el.name)) return { type: 'MultiPolygon', coordinates: surfaces(el, 2) };
  if (CURVES.has(el.name)) return { type: 'MultiLineString', coordinates: [curvePoints(el, 2)] };
  if (el.name === 'MultiCurve' || el.name === 'MultiLineString') {
    checkSrs(el);
    const lines = el.children
      .filter((m) => m.name === 'curveMember' || m.name === 'lineStringMember' || m.name === 'curveMembers')
      .flatMap((m) => m.children.map((c) => curvePoints(c, dimension(el, 2))));
    if (lines.length === 0) fail(el, `a ${el.name} without members`);
    return { type: 'MultiLineString', coordinates: lines };
  }
  if (el.name === 'Point') {
    checkSrs(el);
    const p = positions(el, 2);
    if (p.length !== 1) fail(el, 'a Point needs one position');
    return { type: 'MultiPoint', coordinates: p };
  }
  if (el.name === 'MultiPoint') {
    checkSrs(el);
    const pts = el.children.flatMap((m) => m.children.filter((c) => c.name === 'Point').flatMap((c) => positions(c, 2)));
    if (pts.length === 0) fail(el, 'a MultiPoint without members');
    return { type: 'MultiPoint', coordinates: pts };
  }
  return fail(el, `unsupported geometry type <${el.name}>`);
}
