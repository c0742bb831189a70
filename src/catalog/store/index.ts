import type { Queryable } from '../../kernel/storage/port.js';
import { CatalogStore } from './catalog-store.js';
import { postgresCatalog } from './postgres.js';
import { sqliteCatalog } from './sqlite.js';

export { FACETS, LISTED_FACETS, type DatasetRef, type FacetName, type SearchQuery, type SearchResult, type SortOrder } from './query.js';
export type { CatalogStore } from './catalog-store.js';

const byFullText = { fts5: new CatalogStore(sqliteCatalog), tsvector: new CatalogStore(postgresCatalog) };

/** The catalog store for the engine behind `db`, chosen by its full-text feature. */
export function catalogStore(db: Queryable): CatalogStore {
  return byFullText[db.features.fullText];
}
