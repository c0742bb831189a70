/**
 * Plan objects as OGC API Features collections, one per kind (served by the kernel's
 * features module at /api/v1/rules). Plans are drawn in RD New and stored so, with a
 * WGS84 copy: both go out as stored.
 */
import { z } from 'zod';
import type { AppContext } from '../kernel/capability.js';
import { CRS84, EPSG_28992, EPSG_4326, type FeatureApi, type FeatureCollection, type OgcCrs } from '../kernel/features/index.js';
import { COLLECTIONS, planIdSchema } from './model.js';
import { rulesStore } from './store/index.js';

const itemsQuery = z.strictObject({ plan: planIdSchema.optional().meta({ description: 'Only the objects of this plan' }) });
const itemQuery = z.strictObject({});

/** RD as stored for RD requests, the stored WGS84 copy otherwise. */
const sourceOf = (crs: OgcCrs): { crs: OgcCrs; geometry: 'rd' | 'wgs84' } => (crs.epsg === 28992 ? { crs: EPSG_28992, geometry: 'rd' } : { crs: CRS84, geometry: 'wgs84' });

function collection(ctx: AppContext, id: string): FeatureCollection<z.output<typeof itemsQuery>, z.output<typeof itemQuery>> {
  const { title, description, kinds } = COLLECTIONS[id]!;
  const store = rulesStore(ctx.store);
  return {
    id,
    title,
    description: `${description} (IMRO plan objects; feature ids are <plan id>/<object id>)`,
    storageCrs: EPSG_28992,
    crs: [CRS84, EPSG_4326, EPSG_28992],
    async extent() {
      return { bbox: await store.extent(ctx.store, kinds) };
    },
    async items({ bbox, limit, offset, crs, query }) {
      const source = sourceOf(crs);
      const rd = bbox?.crs.epsg === 28992;
      const { features, matched } = await store.features(ctx.store, {
        kinds,
        rdBox: bbox && rd ? bbox.box : undefined,
        wgsBox: bbox && !rd ? bbox.box : undefined,
        planId: query.plan,
        limit,
        offset,
        geometry: source.geometry,
      });
      return { features, numberMatched: matched, crs: source.crs };
    },
    async item(featureId, { crs }) {
      // Plan ids have no slash (planIdSchema), so the first one ends the plan id.
      const cut = featureId.indexOf('/');
      if (cut < 1) return undefined;
      const source = sourceOf(crs);
      const feature = await store.feature(ctx.store, kinds, featureId.slice(0, cut), featureId.slice(cut + 1), source.geometry);
      return feature ? { feature, crs: source.crs } : undefined;
    },
  };
}

export function rulesFeatureApi(ctx: AppContext): FeatureApi<typeof itemsQuery, typeof itemQuery> {
  return {
    root: '/rules',
    title: 'Thorbecke plan rules',
    description: 'Objects of the imported spatial plans (IMRO bestemmingsplannen) as OGC API Features, one collection per kind.',
    tags: ['rules'],
    itemsQuery,
    itemQuery,
    collections: Object.keys(COLLECTIONS).map((id) => collection(ctx, id)),
  };
}
