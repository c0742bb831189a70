import type { Dataset } from '../model.js';

export const FACETS = ['theme', 'publisher', 'format', 'license', 'personalData', 'sector', 'mandate'] as const;
export type FacetName = (typeof FACETS)[number];

/** Facets shown to people; `mandate` is kept for the traceability reports, not listed. */
export const LISTED_FACETS: readonly FacetName[] = ['theme', 'publisher', 'format', 'license', 'personalData', 'sector'];

export type SortOrder = 'relevance' | 'title' | '-title' | 'modified' | '-modified';

export interface SearchQuery {
  q?: string;
  filters: Partial<Record<FacetName, readonly string[]>>;
  bbox?: readonly [number, number, number, number];
  sort: SortOrder;
  limit: number;
  offset: number;
  /** Whether to count facet values over the whole result set. */
  facets: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  items: Dataset[];
  total: number;
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

/** The (facet, value) pairs a dataset is found by. */
export function facetPairs(d: Dataset): Array<[FacetName, string]> {
  const pairs: Array<[FacetName, string]> = [];
  const add = (facet: FacetName, values: Iterable<string>) => {
    for (const v of new Set(values)) pairs.push([facet, v]);
  };
  add('theme', d.themes);
  add('publisher', [d.publisherId]);
  add('format', d.distributions.flatMap((x) => (x.format ? [x.format] : [])));
  add('license', d.distributions.map((x) => x.license));
  add('personalData', [d.personalData]);
  add('sector', d.sectors);
  add('mandate', d.mandateIds);
  return pairs;
}

/** The words a dataset is found by, per field. */
export function searchText(d: Dataset): { title: string; description: string; keywords: string } {
  return {
    title: fold([d.title.nl, d.title.en].filter(Boolean).join(' ')),
    description: fold([d.description.nl, d.description.en].filter(Boolean).join(' ')),
    keywords: fold(d.keywords.join(' ')),
  };
}

/** Lower case without diacritics, so "café" and "cafe" find each other on both engines. */
const fold = (text: string): string => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Splits free text into search terms: letters and digits only, so no user input can
 * reach the FTS or tsquery syntax. Each term matches as a prefix.
 */
export function searchTerms(q: string): string[] {
  return (fold(q).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

export const FACET_LIMIT = 25;

export function groupFacetRows(rows: ReadonlyArray<{ facet: string; value: string; n: number }>): SearchResult['facets'] {
  const out: SearchResult['facets'] = {};
  for (const row of rows) {
    const facet = row.facet as FacetName;
    if (!LISTED_FACETS.includes(facet)) continue;
    (out[facet] ??= []).push({ value: row.value, count: Number(row.n) });
  }
  for (const list of Object.values(out)) {
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    list.splice(FACET_LIMIT);
  }
  return out;
}

const PAIR = '\u001f';
const SEP = '\u001e';

/** The facet pairs of a dataset as one string, for the narrow `facet_keys` column. */
export function encodeFacetKeys(d: Dataset): string {
  return facetPairs(d)
    .map(([f, v]) => f + PAIR + v)
    .join(SEP);
}


/** The (facet, value) pairs of an encoded `facet_keys` column. */
export function decodeFacetKeys(keys: string): Array<{ facet: string; value: string }> {
  if (!keys) return [];
  return keys.split(SEP).map((pair) => {
    const i = pair.indexOf(PAIR);
    return { facet: pair.slice(0, i), value: pair.slice(i + 1) };
  });
}

/** A dataset as reports see it, without its document. */
export interface DatasetRef {
  id: string;
  title: string;
  publisherId: string;
  personalData: string;
  mandateIds: string[];
}
