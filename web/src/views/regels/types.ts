/** The rules API's answers, typed from the server's own definitions (type-only: nothing ships). */
export type { BuildingCheck, Conflict } from '../../../../src/rules/check/building.js';
export type { AppliedObject, NormHere, PlanHere, PlanRef } from '../../../../src/rules/check/here.js';
export type { Norm } from '../../../../src/rules/imro/index.js';
export type { HereResult } from '../../../../src/rules/service.js';
export type { PlanRecord } from '../../../../src/rules/store/index.js';

export type LonLat = [number, number];
export type Bbox = [number, number, number, number];

export interface PlanFeature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: { planId: string; objectId: string; kind: string; type: string; name: string | null; hoofdgroep: string | null };
}

export interface FeaturePage {
  type: 'FeatureCollection';
  features: PlanFeature[];
  numberMatched: number;
  numberReturned: number;
  links: Array<{ href: string; rel: string }>;
}

export interface PlanPage<T> {
  items: T[];
  total: number;
}
