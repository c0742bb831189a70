/**
 * The twin's buildings as an OGC API Features collection (served by the kernel's
 * features module at /api/v1/twin). The store keeps each footprint in RD New as
 * imported and in WGS84, so both go out without a transformation; heights are NAP.
 */
import { z } from 'zod';
import type { AppContext } from '../kernel/capability.js';
import { CRS84, EPSG_28992, EPSG_4326, EPSG_7415, type FeatureApi, type FeatureCollection, type OgcCrs, type ProvidedFeature } from '../kernel/features/index.js';
import type { Bbox, GeoJsonGeometry, GeoJsonPosition } from '../kernel/geo/index.js';
import { prismRoof, type Scenario, type TwinBuilding } from './model.js';
import * as service from './service.js';
import { buildingStore } from './store/index.js';

const scenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'a scenario id: lower-case letters, digits and hyphens');
const itemsQuery = z.strictObject({ scenario: scenarioId.optional().meta({ description: 'A scenario: its effective set (base minus demolitions plus planned buildings)' }) });
type TwinQuery = z.output<typeof itemsQuery>;

/*
 * An RD box is decided on each building's RD extent, but narrowed by the WGS84 index
 * with the box transformed and widened: a building's WGS84 box need not contain the
 * image of its RD extent's corners (the grids are turned up to 2.5° against each
 * other), by at most its size × sin 2.5°; 100 m covers buildings up to 2 km.
 */
const RD_NARROWING_MARGIN = 100;

function properties(b: TwinBuilding, scenario: string | null): Record<string, unknown> {
  const roof = prismRoof(b);
  return {
    bagId: b.bagId,
    year: b.yearOfConstruction,
    lod: b.lod,
    groundHeight: b.groundHeight,
    roofHeight: b.roofHeight,
    height: roof !== null && b.groundHeight !== null ? Number((roof - b.groundHeight).toFixed(3)) : null,
    heightSource: b.heightSource,
    area: b.footprint?.area ?? null,
    planned: Boolean(b.planned),
    ...(b.planned ? { scenario, name: b.planned.name ?? null } : {}),
  };
}

const withHeight = (g: GeoJsonGeometry, z: number): GeoJsonGeometry => {
  const up = (p: GeoJsonPosition): GeoJsonPosition => [p[0]!, p[1]!, z];
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(up)) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(up))) };
  return g;
};

/** The CRS the twin answers `want` from: RD as stored for the RD CRSs, else the stored WGS84. */
const sourceCrs = (want: OgcCrs): OgcCrs => (want.epsg === 7415 ? EPSG_7415 : want.epsg === 28992 ? EPSG_28992 : CRS84);

/** A building as a feature in `crs` (from sourceCrs); RD + NAP footprints lie at the ground height. */
function toFeature(b: TwinBuilding, crs: OgcCrs, scenario: string | null): ProvidedFeature {
  const props = properties(b, scenario);
  if (crs === CRS84) return { id: b.id, geometry: b.footprint?.wgs84 ?? null, bbox: b.bboxWgs84, properties: props };
  const e = b.extentRd;
  const rd = b.footprint?.rd ?? null;
  const geometry = rd && crs === EPSG_7415 && b.groundHeight !== null ? withHeight(rd, b.groundHeight) : rd;
  return { id: b.id, geometry, bbox: e ? ([e[0], e[1], e[3], e[4]] as Bbox) : null, properties: props };
}

function buildings(ctx: AppContext): FeatureCollection<TwinQuery, TwinQuery> {
  const store = buildingStore(ctx.store);
  const scenarioOf = (id: string | undefined): Promise<Scenario | null> => service.requireScenario(ctx.store, id);
  return {
    id: 'buildings',
    title: 'Gebouwen (3D-stadsmodel)',
    description: 'Buildings of the 3D city model: footprints (RD New as imported, or WGS84), heights in NAP metres. Add ?scenario=<id> for a scenario’s buildings.',
    storageCrs: EPSG_7415,
    crs: [CRS84, EPSG_4326, EPSG_28992, EPSG_7415],
    temporal: { description: 'A building exists from 1 January of its year of construction (property `year`) on; buildings without a year match every datetime' },
    async extent() {
      const [bbox, first] = await Promise.all([store.extent(ctx.store), store.firstYear(ctx.store)]);
      return { bbox, interval: first === null ? null : [`${String(first).padStart(4, '0')}-01-01T00:00:00Z`, null] };
    },
    async metadata() {
      return { numberOfBuildings: await store.count(ctx.store) };
    },
    async items({ bbox, datetime, limit, offset, crs, query }) {
      const scenario = await scenarioOf(query.scenario);
      const rd = bbox && bbox.crs.epsg !== 4326;
      const wgsBox = !bbox ? undefined : rd ? bbox.in(4326, RD_NARROWING_MARGIN) : bbox.box;
      const builtBy = datetime?.end === null || datetime === undefined ? undefined : new Date(datetime.end).getUTCFullYear();
      const page = await service.effectivePage(ctx.store, scenario, { bbox: wgsBox, rdBox: rd ? bbox.box : undefined, builtBy, limit, offset });
      const source = sourceCrs(crs);
      return { numberMatched: page.total, crs: source, features: page.items.map((b) => toFeature(b, source, scenario?.id ?? null)) };
    },
    async item(id, { crs, query }) {
      const scenario = await scenarioOf(query.scenario);
      const planned = scenario?.planned.find((p) => p.id === id);
      const b = planned ?? (scenario?.removals.includes(id) ? undefined : await store.get(ctx.store, id));
      if (!b) return undefined;
      const source = sourceCrs(crs);
      return { feature: toFeature(b, source, scenario?.id ?? null), crs: source };
    },
  };
}

export function twinFeatureApi(ctx: AppContext): FeatureApi<typeof itemsQuery, typeof itemsQuery> {
  return {
    root: '/twin',
    title: 'Thorbecke digital twin',
    description: 'The 3D city model as OGC API Features: buildings with footprints, heights and year of construction.',
    tags: ['twin'],
    itemsQuery,
    itemQuery: itemsQuery,
    collections: [buildings(ctx)],
  };
}
