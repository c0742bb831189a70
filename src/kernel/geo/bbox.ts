/** A 2D bounding box `[west, south, east, north]` (minx, miny, maxx, maxy), as OGC API bbox= writes it. */
export type Bbox = [west: number, south: number, east: number, north: number];

/** The box of nothing: extending it with any point gives that point's box. */
export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function isEmptyBbox(b: Bbox): boolean {
  return !(b[0] <= b[2] && b[1] <= b[3]);
}

/** Grows `b` in place to include (x, y); returns `b`. */
export function extendBbox(b: Bbox, x: number, y: number): Bbox {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (x > b[2]) b[2] = x;
  if (y > b[3]) b[3] = y;
  return b;
}

/** The box of interleaved coordinates (x, y[, z], x, y[, z] ...). */
export function bboxOfCoordinates(coords: ArrayLike<number>, stride: 2 | 3 = 2): Bbox {
  const b = emptyBbox();
  for (let i = 0; i + 1 < coords.length; i += stride) extendBbox(b, coords[i]!, coords[i + 1]!);
  return b;
}

export function unionBbox(a: Bbox, b: Bbox): Bbox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** True when the boxes share at least one point (touching counts). */
export function bboxIntersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function bboxContainsPoint(b: Bbox, x: number, y: number): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

export interface BboxParseResult {
  bbox: Bbox | null;
  /** Empty when the text is a valid box. */
  issues: string[];
}

/**
 * Parses `w,s,e,n` (the OGC API Features bbox parameter; a 6-number 3D box keeps
 * its horizontal part). With `geographic`, checks longitude/latitude ranges.
 */
export function parseBbox(text: string, options: { geographic?: boolean } = {}): BboxParseResult {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 && parts.length !== 6) {
    return { bbox: null, issues: [`bbox needs 4 numbers (west,south,east,north), got ${parts.length}`] };
  }
  const numbers = parts.map(Number);
  const bad = parts.filter((p, i) => p === '' || !Number.isFinite(numbers[i]));
  if (bad.length > 0) return { bbox: null, issues: [`bbox values must be finite numbers: ${bad.map((b) => `'${b}'`).join(', ')}`] };
  const box: Bbox =
    numbers.length === 6
      ? [numbers[0]!, numbers[1]!, numbers[3]!, numbers[4]!]
      : [numbers[0]!, numbers[1]!, numbers[2]!, numbers[3]!];
  const issues: string[] = [];
  if (box[1] > box[3]) issues.push(`bbox south (${box[1]}) is greater than north (${box[3]})`);
  if (!options.geographic && box[0] > box[2]) issues.push(`bbox west (${box[0]}) is greater than east (${box[2]})`);
  if (options.geographic) {
    // West greater than east is allowed in geographic boxes: it crosses the antimeridian.
    if (box.some((v, i) => i % 2 === 0 && (v < -180 || v > 180))) issues.push('bbox longitudes must be within -180..180');
    if (box.some((v, i) => i % 2 === 1 && (v < -90 || v > 90))) issues.push('bbox latitudes must be within -90..90');
  }
  return issues.length > 0 ? { bbox: null, issues } : { bbox: box, issues };
}
