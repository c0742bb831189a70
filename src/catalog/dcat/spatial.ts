/** Extents from the geometry literals DCAT-AP uses: WKT (geo:wktLiteral) and GeoJSON (geo:geoJSONLiteral). */
export type Bbox = [number, number, number, number];

const CRS84 = /^<(http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)>\s*/i;
const EPSG4326 = /^<http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/4326>\s*/i;
/** Decimal numbers as WKT and JSON write them: signs, fractions without a leading digit, exponents. */
const NUMBER = /[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?/gi;

/** [west, south, east, north] of a WKT polygon in CRS84 (or EPSG:4326, latitude first), else why not. */
export function bboxOfWkt(wkt: string): Bbox | string {
  let text = wkt.trim();
  let latFirst = false;
  if (EPSG4326.test(text)) {
    latFirst = true;
    text = text.replace(EPSG4326, '');
  } else if (CRS84.test(text)) text = text.replace(CRS84, '');
  else if (text.startsWith('<')) return 'bbox in a coordinate reference system other than WGS84';
  if (!/^(POLYGON|MULTIPOLYGON|ENVELOPE)\s*\(/i.test(text)) return 'bbox is not a WKT POLYGON';
  const numbers = text.match(NUMBER)?.map(Number) ?? [];
  if (numbers.length < 4 || numbers.length % 2 !== 0) return 'bbox WKT has no coordinate pairs';
  if (/^ENVELOPE/i.test(text)) {
    // ENVELOPE(minX, maxX, maxY, minY), as CQL and GeoSPARQL write it.
    const [minX, maxX, maxY, minY] = numbers as Bbox;
    return [minX, minY, maxX, maxY];
  }
  return extent(numbers, latFirst);
}

/** [west, south, east, north] of a GeoJSON geometry, and the geometry itself, else why not. */
export function bboxOfGeoJson(json: string): { bbox: Bbox; geometry: unknown } | string {
  let geometry: { coordinates?: unknown };
  try {
    geometry = JSON.parse(json) as { coordinates?: unknown };
  } catch {
    return 'bbox is not valid GeoJSON';
  }
  const flat = JSON.stringify(geometry?.coordinates ?? null).match(NUMBER)?.map(Number) ?? [];
  return flat.length >= 4 && flat.length % 2 === 0 ? { bbox: extent(flat, false), geometry } : 'GeoJSON has no coordinate pairs';
}

function extent(numbers: number[], latFirst: boolean): Bbox {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < numbers.length; i += 2) {
    const x = numbers[latFirst ? i + 1 : i]!, y = numbers[latFirst ? i : i + 1]!;
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}
