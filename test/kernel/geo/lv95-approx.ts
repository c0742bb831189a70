/**
 * swisstopo's approximate formula from WGS 84 to the Swiss LV95 grid (EPSG:2056),
 * as published in "Approximate formulas for the transformation between Swiss
 * projection coordinates and WGS84" (swisstopo, 2016): polynomials in the offsets from
 * Bern, accurate to about 1 m in Switzerland. Independent of proj4 and of any PROJ
 * string, so the tests can check the shipped EPSG:2056 definition against it.
 */

/** WGS 84 longitude, latitude (degrees) → LV95 easting, northing (m). */
export function wgs84ToLv95(lon: number, lat: number): [number, number] {
  const phi = (lat * 3600 - 169028.66) / 10000;
  const lambda = (lon * 3600 - 26782.5) / 10000;
  const e = 2600072.37 + 211455.93 * lambda - 10938.51 * lambda * phi - 0.36 * lambda * phi ** 2 - 44.54 * lambda ** 3;
  const n = 1200147.07 + 308807.95 * phi + 3745.25 * lambda ** 2 + 76.63 * phi ** 2 - 194.56 * lambda ** 2 * phi + 119.79 * phi ** 3;
  return [e, n];
}
