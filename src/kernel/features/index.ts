/** OGC API Features for any capability: implement FeatureApi (provider.ts), call registerFeatureApi. */
export { CRS84, EPSG_28992, EPSG_4326, EPSG_7415, OGC_CRSS, contentCrs, findOgcCrs, type OgcCrs } from './crs.js';
export { intersectsInterval, parseDatetime, type DatetimeResult, type TimeInterval } from './datetime.js';
export { CONFORMANCE_CLASSES } from './documents.js';
export { bboxIn, geometryIn } from './geometry.js';
export type { BboxFilter, CollectionExtent, FeatureApi, FeatureCollection, ItemRequest, ItemsRequest, ProvidedFeature, ProvidedPage } from './provider.js';
export { DEFAULT_LIMIT, MAX_LIMIT } from './query.js';
export { registerFeatureApi } from './routes.js';
