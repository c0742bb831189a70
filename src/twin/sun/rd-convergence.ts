/**
 * Meridian convergence of RD New (EPSG:28992): the angle from true north to grid north,
 * positive east of Amersfoort's meridian (where true north leans west of grid north).
 *
 * RD is a double projection: Bessel 1841 ellipsoid -> Gauss conformal sphere -> oblique
 * stereographic about Amersfoort. The Gauss step keeps meridians as meridians (longitude
 * scaled by n), so the convergence is that of the spherical oblique stereographic at the
 * conformal latitude. The formula is exact for that model; taking WGS84 lat/lon as if
 * they were Bessel (about 100 m apart) changes the result by < 0.001 deg.
 */
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

const PHI0 = 52.15616055555555 * D2R;
const LAMBDA0 = 5.38763888888889 * D2R;
const BESSEL_F = 1 / 299.1528128;
const E2 = 2 * BESSEL_F - BESSEL_F * BESSEL_F;
const E = Math.sqrt(E2);

const N = Math.sqrt(1 + (E2 * Math.cos(PHI0) ** 4) / (1 - E2));
const CHI0 = Math.asin(Math.sin(PHI0) / N);
const isometric = (phi: number): number => Math.atanh(Math.sin(phi)) - E * Math.atanh(E * Math.sin(phi));
const M = Math.atanh(Math.sin(CHI0)) - N * isometric(PHI0);

/** Convergence in degrees at WGS84 latitude/longitude (deg). */
export function rdMeridianConvergence(latitude: number, longitude: number): number {
  const chi = Math.asin(Math.tanh(N * isometric(latitude * D2R) + M));
  const dl = N * (longitude * D2R - LAMBDA0);
  const s0 = Math.sin(CHI0);
  const s = Math.sin(chi);
  return Math.atan2(Math.sin(dl) * (s0 + s), Math.cos(CHI0) * Math.cos(chi) + (1 + s0 * s) * Math.cos(dl)) * R2D;
}
