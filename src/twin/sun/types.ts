/**
 * Types of the sunlight-study engine. Geometry lives in a local metric frame:
 * RD New (EPSG:28992) metres, x east, y north (grid north), z = NAP metres.
 */

/** Observer location for the sun position: WGS84 degrees (east +), height in metres. */
export interface SiteLocation {
  latitude: number;
  longitude: number;
  elevation?: number;
}

/** Atmosphere for the refraction correction of the SPA. */
export interface Atmosphere {
  pressureMbar: number;
  temperatureC: number;
  /** Refraction at sunrise/sunset (deg); the SPA default is 0.5667. */
  refractionAtHorizon: number;
}

export type Point2 = readonly [number, number];
/** A closed ring; the closing vertex need not be repeated. */
export type Ring = readonly Point2[];

/** A flat-roof LoD1 block: footprint extruded from groundZ to roofZ (NAP m). */
export interface BuildingPart {
  /** First ring outer boundary, the rest holes (any orientation; normalised internally). */
  footprint: readonly Ring[];
  groundZ: number;
  roofZ: number;
}

/** A building: one block, or several parts (e.g. a low plinth with a tower). */
export type Building = { id: string } & (BuildingPart | { parts: readonly BuildingPart[] });

/** A calendar day. Sun samples run over the UTC day, which holds the whole Dutch solar day. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** One sample of the Sun's track, as the analyses consume it. */
export interface SunStep {
  time: Date;
  /** True azimuth, clockwise from true north (deg). */
  azimuth: number;
  /** Apparent elevation with refraction (deg). */
  elevation: number;
  /** Azimuth clockwise from RD grid north: azimuth minus meridian convergence. */
  gridAzimuth: number;
  /** Unit vector towards the Sun in the RD frame. */
  dx: number;
  dy: number;
  dz: number;
  /** Minutes of sunshine this sample stands for. */
  minutes: number;
}

export interface SunTrackOptions {
  stepMinutes?: number;
  /** Samples with the Sun at or below this elevation (deg) are dropped. Default 0. */
  minAltitude?: number;
  deltaT?: number;
  atmosphere?: Atmosphere;
  /** Meridian convergence (deg); computed from the site when omitted. */
  convergence?: number;
}

/** A regular ground grid; cell (col,row) has its centre at origin + (col+0.5, row+0.5) * cellSize. */
export interface GridSpec {
  originX: number;
  originY: number;
  cellSize: number;
  cols: number;
  rows: number;
  /** Height (NAP m) of the plane where sunlight is judged (ground level + e.g. 0). */
  z: number;
}

export interface SunHoursMap {
  grid: GridSpec;
  /** Hours of direct sun per cell, row-major (row 0 = south edge). */
  hours: Float32Array;
  /** Steps with the Sun above the minimum altitude (the most any cell can get). */
  sunSteps: number;
  stepMinutes: number;
}

/** A sample point on a facade, at window-sill height, offset slightly outward. */
export interface FacadePoint {
  id: string;
  buildingId: string;
  x: number;
  y: number;
  z: number;
  /** Outward horizontal unit normal of the facade. */
  nx: number;
  ny: number;
  storey: number;
}

export interface FacadePointOptions {
  /** Along-facade spacing of sample points (m); default 2. Points sit at the middle of each interval. */
  spacing?: number;
  storeyHeight?: number;
  /** Window sill height above each storey floor; default 1.0. */
  sillHeight?: number;
  /** Outward offset from the wall (m); default 0.1. */
  offset?: number;
  /** Skip edges shorter than this (m); default 1. */
  minEdgeLength?: number;
}
