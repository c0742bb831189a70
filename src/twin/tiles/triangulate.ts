/**
 * Ear-clipping triangulation of a planar polygon with holes, in 2D.
 *
 * Holes are first joined to the outer ring by a bridge (two coincident edges) from
 * each hole's right-most vertex to a vertex of the outer boundary it can see
 * (Eberly, "Triangulation by ear clipping", 2002); the resulting single ring is then
 * clipped ear by ear. O(n²) per polygon, which is nothing for building faces (a few
 * to a few hundred corners). Degenerate input (repeated or collinear corners) is
 * tolerated: collinear vertices are dropped, and if no proper ear is left the most
 * convex corner is clipped, so the result always has n - 2 + 2·holes triangles or fewer.
 */

type P = readonly [number, number];

const cross = (o: P, a: P, b: P): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function signedArea(pts: readonly P[], ring: readonly number[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = pts[ring[j]!]!;
    const q = pts[ring[i]!]!;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

function inTriangle(a: P, b: P, c: P, p: P): boolean {
  // Counter-clockwise triangle; points on an edge count as inside (they would make a bad ear).
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

const same = (a: P, b: P): boolean => a[0] === b[0] && a[1] === b[1];

/** Joins `hole` (clockwise) into `outer` (counter-clockwise) with a bridge; returns the new ring. */
function bridge(pts: readonly P[], outer: number[], hole: number[]): number[] {
  let mi = 0;
  for (let i = 1; i < hole.length; i++) if (pts[hole[i]!]![0] > pts[hole[mi]!]![0]) mi = i;
  const m = pts[hole[mi]!]!;
  // Nearest boundary crossing of the ray from m towards +x.
  let best = -1;
  let bestX = Infinity;
  for (let i = 0; i < outer.length; i++) {
    const a = pts[outer[i]!]!;
    const b = pts[outer[(i + 1) % outer.length]!]!;
    if (a[1] > m[1] || b[1] < m[1] || a[1] === b[1]) continue;
    const x = a[0] + ((m[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
    if (x < m[0] || x >= bestX) continue;
    bestX = x;
    best = a[0] > b[0] ? i : (i + 1) % outer.length;
    if (x === a[0] && a[1] === m[1]) best = i;
    else if (x === b[0] && b[1] === m[1]) best = (i + 1) % outer.length;
  }
  if (best < 0) {
    // No crossing (a hole touching or outside the boundary): bridge to the nearest vertex.
    let d = Infinity;
    outer.forEach((v, i) => {
      const p = pts[v]!;
      const dd = (p[0] - m[0]) ** 2 + (p[1] - m[1]) ** 2;
      if (dd < d) [d, best] = [dd, i];
    });
  } else {
    // A reflex vertex inside the triangle (m, crossing, candidate) blocks the view: take the one closest in angle.
    const cand = pts[outer[best]!]!;
    const ip: P = [bestX, m[1]];
    const tri: [P, P, P] = cross(m, ip, cand) >= 0 ? [m, ip, cand] : [m, cand, ip];
    let bestAngle = Infinity;
    let bestDist = Infinity;
    for (let i = 0; i < outer.length; i++) {
      const p = pts[outer[i]!]!;
      if (i === best || same(p, cand)) continue;
      const prev = pts[outer[(i - 1 + outer.length) % outer.length]!]!;
      const next = pts[outer[(i + 1) % outer.length]!]!;
      if (cross(prev, p, next) > 0) continue; // convex: cannot block
      if (!inTriangle(tri[0], tri[1], tri[2], p) || same(p, m)) continue;
      const dx = p[0] - m[0];
      const dy = p[1] - m[1];
      const dist = Math.hypot(dx, dy);
      const angle = Math.abs(Math.atan2(dy, dx));
      if (angle < bestAngle || (angle === bestAngle && dist < bestDist)) [bestAngle, bestDist, best] = [angle, dist, i];
    }
  }
  const rotated = [...hole.slice(mi), ...hole.slice(0, mi)];
  return [...outer.slice(0, best + 1), ...rotated, hole[mi]!, outer[best]!, ...outer.slice(best + 1)];
}

/**
 * Triangles (index triples into the concatenation of `rings`) covering the polygon
 * whose first ring is the outer boundary and the rest holes. Rings may run either way
 * and need not repeat their first vertex. Triangles are counter-clockwise in 2D.
 */
export function triangulate(rings: ReadonlyArray<ReadonlyArray<P>>): number[] {
  const pts: P[] = [];
  const idx: number[][] = [];
  for (const ring of rings) {
    const r: number[] = [];
    for (const p of ring) {
      const last = r.length ? pts[r[r.length - 1]!]! : undefined;
      if (last && same(last, p)) {
        pts.push(p); // keep indices aligned with the input, but do not use the duplicate
        continue;
      }
      r.push(pts.length);
      pts.push(p);
    }
    while (r.length > 1 && same(pts[r[0]!]!, pts[r[r.length - 1]!]!)) r.pop();
    idx.push(r);
  }
  const outer = idx[0];
  if (!outer || outer.length < 3) return [];
  if (signedArea(pts, outer) < 0) outer.reverse();
  const holes = idx.slice(1).filter((h) => h.length >= 3);
  for (const h of holes) if (signedArea(pts, h) > 0) h.reverse();
  holes.sort((a, b) => Math.max(...b.map((i) => pts[i]![0])) - Math.max(...a.map((i) => pts[i]![0])));
  let ring = outer;
  for (const h of holes) ring = bridge(pts, ring, h);
  return clipEars(pts, ring);
}

function clipEars(pts: readonly P[], ring: number[]): number[] {
  const out: number[] = [];
  const r = [...ring];
  let guard = r.length * r.length + 10;
  while (r.length > 3 && guard-- > 0) {
    const n = r.length;
    let clipped = false;
    let fallback = -1;
    let fallbackCross = 0;
    for (let i = 0; i < n; i++) {
      const ia = r[(i - 1 + n) % n]!;
      const ib = r[i]!;
      const ic = r[(i + 1) % n]!;
      const a = pts[ia]!;
      const b = pts[ib]!;
      const c = pts[ic]!;
      const z = cross(a, b, c);
      if (z === 0 && !(same(a, c))) {
        // Collinear (or a zero-length spike): no area to cover, drop the vertex.
        r.splice(i, 1);
        clipped = true;
        break;
      }
      if (z < 0) continue;
      if (z > fallbackCross) [fallback, fallbackCross] = [i, z];
      let blocked = false;
      for (let k = 0; k < n; k++) {
        const v = r[k]!;
        if (v === ia || v === ib || v === ic) continue;
        const p = pts[v]!;
        if (same(p, a) || same(p, b) || same(p, c)) continue;
        if (inTriangle(a, b, c, p)) {
          blocked = true;
          break;
        }
      }
      if (blocked) continue;
      out.push(ia, ib, ic);
      r.splice(i, 1);
      clipped = true;
      break;
    }
    if (!clipped) {
      // Self-touching or slightly non-planar input: clip the most convex corner anyway.
      const i = fallback >= 0 ? fallback : 0;
      out.push(r[(i - 1 + r.length) % r.length]!, r[i]!, r[(i + 1) % r.length]!);
      r.splice(i, 1);
    }
  }
  if (r.length === 3 && cross(pts[r[0]!]!, pts[r[1]!]!, pts[r[2]!]!) !== 0) out.push(r[0]!, r[1]!, r[2]!);
  return out;
}
