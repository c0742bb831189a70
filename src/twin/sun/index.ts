/**
 * Sunlight study engine (bezonningsstudie): sun position (NREL SPA), LoD1 building
 * prisms in RD New, shadows, sun-hours maps, facade sun hours against the TNO norms,
 * and base/scenario comparison. Pure functions; no HTTP, no storage.
 */
export type * from './types.js';
export { solarPosition, riseTransitSet, geocentricSun, topocentricSun, incidenceAngle, julianDay, DEFAULT_ATMOSPHERE } from './spa.js';
export type { SolarPosition, RiseTransitSet, GeocentricSun, TopocentricSun, SolarPositionOptions } from './spa.js';
export { estimateDeltaT } from './delta-t.js';
export { rdMeridianConvergence } from './rd-convergence.js';
export { sunTrack, dayEvaluator, toSunStep, daysBetween } from './sun-track.js';
export { packPrisms, buildingParts, type PackedPrisms } from './geometry.js';
export { prepareSunModel, isSunlit, type SunModel } from './model.js';
export { shadowPolygons, shadowLength, type BuildingShadow, type ShadowPolygon } from './shadow.js';
export { sunHoursMap, sunHoursFromSteps, defaultGrid, closeSunWorkers, type SunHoursMapOptions, type SunHoursMapResult } from './sun-hours-map.js';
export { facadePoints } from './facade-points.js';
export { facadeSunMinutes, stepSet, type StepSet } from './facade-sun.js';
export {
  facadeSunStudy,
  TNO_LIGHT,
  TNO_STRICT,
  STUDY_DAYS,
  type SunNorm,
  type NormVerdict,
  type FacadePointVerdict,
  type FacadeStudy,
  type FacadeStudyOptions,
} from './tno.js';
export { compareStudies, type PointChange, type StudyComparison } from './compare.js';
