/**
 * Coordinate transformations between the CRSs in crs.ts, on proj4. Positions are
 * (x, y[, z]) with longitude first for geographic CRSs. Heights pass through
 * unchanged (NAP stays NAP): only a geocentric CRS transforms z.
 */
import proj4 from 'proj4';
import type { Bbox } from './bbox.js';
import { emptyBbox, extendBbox, isEmptyBbox } from './bbox.js';
import { resolveCrs, type CrsDefinition } from './crs.js';

export type Position2 = [number, number];
export type Position3 = [number, number, number];
export type Position = Position2 | Position3;

/** A CRS given as EPSG code or any reference parseCrsReference understands. */
export type CrsLike = number | string | CrsDefinition;

export interface Transformer {
  readonly from: CrsDefinition;
  readonly to: CrsDefinition;
  /** True when both sides share a horizontal CRS (e.g. 7415 → 28992): positions are copied. */
  readonly identity: boolean;
  point<P extends Position>(p: P): P;
  /** Transforms interleaved coordinates in place; `stride` 3 leaves every third value (z) alone unless geocentric. */
  inPlace<A extends Float64Array | Float32Array | number[]>(coords: A, stride?: 2 | 3): A;
}

const crsOf = (c: CrsLike): CrsDefinition => (typeof c === 'object' ? c : resolveCrs(c));

const cache = new Map<string, Transformer>();

/** A transformer between two CRSs, built once per pair (proj4 parses its definitions once). */
export function transformer(fromCrs: CrsLike, toCrs: CrsLike): Transformer {
  const from = crsOf(fromCrs);
  const to = crsOf(toCrs);
  const key = `${from.epsg}>${to.epsg}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const made = build(from, to);
  cache.set(key, made);
  return made;
}

function build(from: CrsDefinition, to: CrsDefinition): Transformer {
  const identity = from.horizontalEpsg === to.horizontalEpsg;
  const geocentric = from.kind === 'geocentric' || to.kind === 'geocentric';
  const converter = identity ? null : proj4(from.proj4, to.proj4);
  // One reusable input object: proj4 copies it, so the hot loop allocates only proj4's own output.
  const input3 = { x: 0, y: 0, z: 0 };
  const input2 = { x: 0, y: 0 };

  function xyz(x: number, y: number, z: number): { x: number; y: number; z?: number } {
    if (!converter) return { x, y, z };
    if (geocentric) {
      input3.x = x;
      input3.y = y;
      input3.z = z;
      return converter.forward(input3);
    }
    input2.x = x;
    input2.y = y;
    return converter.forward(input2);
  }

  return {
    from,
    to,
    identity,
    point<P extends Position>(p: P): P {
      const z = p.length > 2 ? (p[2] as number) : 0;
      const out = xyz(p[0], p[1], z);
      if (p.length > 2) return [out.x, out.y, geocentric ? (out.z ?? z) : z] as P;
      return [out.x, out.y] as P;
    },
    inPlace(coords, stride = 2) {
      if (!converter) return coords;
      for (let i = 0; i + 1 < coords.length; i += stride) {
        const out = xyz(coords[i]!, coords[i + 1]!, stride === 3 ? coords[i + 2]! : 0);
        coords[i] = out.x;
        coords[i + 1] = out.y;
        if (geocentric && stride === 3) coords[i + 2] = out.z ?? coords[i + 2]!;
      }
      return coords;
    },
  };
}

export function transformPoint<P extends Position>(p: P, from: CrsLike, to: CrsLike): P {
  return transformer(from, to).point(p);
}

/** Transforms interleaved (x, y[, z]) coordinates in place and returns the same array. */
export function transformCoordinates<A extends Float64Array | Float32Array | number[]>(
  coords: A,
  from: CrsLike,
  to: CrsLike,
  stride: 2 | 3 = 2,
): A {
  return transformer(from, to).inPlace(coords, stride);
}

/**
 * Transforms a box by transforming points along its edges (`densify` per edge), as
 * the straight edges of one CRS are curves in another; the result contains them all.
 */
export function transformBbox(bbox: Bbox, from: CrsLike, to: CrsLike, densify = 8): Bbox {
  const t = transformer(from, to);
  if (t.identity) return [...bbox];
  const [w, s, e, n] = bbox;
  const steps = Math.max(1, Math.floor(densify));
  const pts = new Float64Array(steps * 8);
  let k = 0;
  for (let i = 0; i < steps; i++) {
    const f = i / steps;
    const x = w + (e - w) * f;
    const y = s + (n - s) * f;
    pts[k++] = x; pts[k++] = s; // south edge
    pts[k++] = e; pts[k++] = y; // east edge
    pts[k++] = e - (e - w) * f; pts[k++] = n; // north edge
    pts[k++] = w; pts[k++] = n - (n - s) * f; // west edge
  }
  t.inPlace(pts, 2);
  const out = emptyBbox();
  for (let i = 0; i < pts.length; i += 2) {
    if (Number.isFinite(pts[i]) && Number.isFinite(pts[i + 1])) extendBbox(out, pts[i]!, pts[i + 1]!);
  }
  if (isEmptyBbox(out)) throw new RangeError(`bbox [${bbox.join(', ')}] cannot be transformed from EPSG:${t.from.epsg} to EPSG:${t.to.epsg}`);
  return out;
}
