import { FACETS, type FacetName } from './types.js';

export const SORTS = ['relevance', 'title', '-modified'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 10;

/** What the list shows; it lives in the page URL so results can be bookmarked, shared and gone back to. */
export interface ListState {
  q: string;
  filters: Record<FacetName, string[]>;
  sort: Sort;
  page: number;
}

export function readState(params: URLSearchParams): ListState {
  const sort = params.get('sort');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    filters: Object.fromEntries(FACETS.map((f) => [f, [...new Set(params.getAll(f))]])) as Record<FacetName, string[]>,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'relevance',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** Query string for the page URL; defaults are left out to keep links short. */
export function toSearch(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Query string for the API: the same parameters, with the sort and page size always explicit. */
export function toApiSearch(state: ListState): URLSearchParams {
  const params = toSearch(state);
  params.set('sort', state.sort);
  params.set('page', String(state.page));
  params.set('pageSize', String(PAGE_SIZE));
  return params;
}

export function toggled(state: ListState, facet: FacetName, value: string, on: boolean): ListState {
  const current = state.filters[facet].filter((v) => v !== value);
  return { ...state, page: 1, filters: { ...state.filters, [facet]: on ? [...current, value] : current } };
}
