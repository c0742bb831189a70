import { z } from 'zod';
import { idSchema } from '../governance/index.js';
import type { Bbox, MultiPolygonGeometry, PolygonGeometry } from '../kernel/geo/index.js';
import type { BuildingSurface, HeightSource, RoofHeights } from './cityjson/index.js';

/** A building as the twin keeps it: an imported one, or one a scenario plans. */
export interface TwinBuilding {
  id: string;
  bagId: string | null;
  yearOfConstruction: number | null;
  lod: string | null;
  /** NAP metres. */
  groundHeight: number | null;
  roofHeight: RoofHeights;
  heightSource: HeightSource | 'planned' | null;
  footprint: {
    /** RD New (EPSG:28992) metres. */
    rd: PolygonGeometry | MultiPolygonGeometry;
    wgs84: PolygonGeometry | MultiPolygonGeometry;
    area: number;
  } | null;
  /** [minx, miny, minz, maxx, maxy, maxz] in RD New + NAP. */
  extentRd: [number, number, number, number, number, number] | null;
  bboxWgs84: Bbox | null;
  attributes: Record<string, unknown>;
  /** Set on buildings a scenario adds. */
  planned?: { scenarioId: string; name?: string };
}

/** With its 3D surfaces (RD New + NAP), for tiles and analyses. */
export interface TwinBuildingWithSurfaces extends TwinBuilding {
  surfaces: BuildingSurface[];
}

const position2 = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position2).min(4, 'a ring needs at least 4 positions (closed)');

export const polygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1).max(100),
});

const buildingIdSchema = z.string().min(1).max(200).regex(/^[^\s/]+$/, 'no spaces or slashes');

/** A planned building: a footprint with a height, or a CityJSON document holding it. */
export const plannedBuildingInput = z.union([
  z.strictObject({
    id: buildingIdSchema.optional(),
    name: z.string().min(1).max(200).optional(),
    footprint: polygonSchema,
    /** CRS of the footprint: WGS84 longitude/latitude (default) or RD New metres. */
    crs: z.enum(['EPSG:4326', 'EPSG:28992']).default('EPSG:4326'),
    /** Height above ground, metres. */
    height: z.number().positive().max(1000),
    /** NAP metres; by default the median ground height of the buildings around it. */
    groundHeight: z.number().min(-100).max(1000).optional(),
  }),
  z.strictObject({
    name: z.string().min(1).max(200).optional(),
    /** A CityJSON document; each Building in it becomes a planned building (ids kept). */
    cityjson: z.record(z.string(), z.unknown()),
    /** CRS when the document names none, e.g. EPSG:7415. */
    crs: z.string().max(100).optional(),
  }),
]);
export type PlannedBuildingInput = z.output<typeof plannedBuildingInput>;

export const scenarioInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  ownerId: idSchema,
  additions: z.array(plannedBuildingInput).max(200).default([]),
  /** Ids of base buildings this scenario demolishes. */
  removals: z.array(buildingIdSchema).max(10_000).default([]),
});
export type ScenarioInput = z.output<typeof scenarioInput>;

export interface Scenario {
  id: string;
  name: string;
  description?: string;
  ownerId: string;
  additions: PlannedBuildingInput[];
  removals: string[];
  /** The planned buildings resolved from `additions` (footprint, heights, surfaces). */
  planned: TwinBuildingWithSurfaces[];
  createdAt: string;
  updatedAt: string;
}

const roofSchema = z.object({ min: z.number().nullable(), p50: z.number().nullable(), p70: z.number().nullable(), max: z.number().nullable() });

export const scenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  ownerId: z.string(),
  additions: z.array(z.unknown()),
  removals: z.array(z.string()),
  planned: z.array(z.object({ id: z.string(), name: z.string().optional(), groundHeight: z.number().nullable(), roofHeight: roofSchema, footprint: z.unknown() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The roof level a flat LoD1 prism of this building gets: the 3DBAG's 70th percentile, else the top. */
export function prismRoof(b: Pick<TwinBuilding, 'roofHeight'>): number | null {
  return b.roofHeight.p70 ?? b.roofHeight.max ?? b.roofHeight.p50;
}
