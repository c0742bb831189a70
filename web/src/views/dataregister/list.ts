import { getJson } from '../../api.js';
import { h, idFrom, inLang } from '../../dom.js';
import { localText, t, vocabLabel } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { facetLabel, loadVocab, themeLabel } from './labels.js';
import { PAGE_SIZE, readState, SORTS, toApiSearch, toggled, toSearch, type ListState, type Sort } from './state.js';
import { FACETS, type DatasetPage, type DatasetSummary, type FacetName, type FacetValue, type Vocab } from './types.js';

const BASE = '/dataregister';
const SORT_LABELS = { relevance: 'dr.sort.relevance', title: 'dr.sort.title', '-modified': 'dr.sort.modified' } as const satisfies Record<Sort, string>;
const FACET_LABELS = {
  theme: 'dr.facet.theme',
  publisher: 'dr.facet.publisher',
  format: 'dr.facet.format',
  license: 'dr.facet.license',
  personalData: 'dr.facet.personalData',
  sector: 'dr.facet.sector',
} as const satisfies Record<FacetName, string>;

/** The last list the user saw, so the detail page's back link returns to the same search. */
let lastListHref = BASE;
export const listHref = (): string => lastListHref;

export async function renderList(ctx: RouteContext): Promise<View> {
  let state = readState(ctx.url.searchParams);
  const search = (s: ListState): Promise<DatasetPage> => getJson<DatasetPage>(`/catalog/datasets?${toApiSearch(s)}`, ctx.signal);
  const [first, vocab] = await Promise.all([search(state), loadVocab()]);
  let result = first;
  const pages = Math.max(1, Math.ceil(result.total / (result.pageSize || PAGE_SIZE)));
  // A bookmarked page beyond the end (the register shrank): show the last page instead of an empty one.
  if (state.page > pages) {
    state = { ...state, page: pages };
    result = await search(state);
    history.replaceState(null, '', listUrl(state));
  }
  lastListHref = listUrl(state);
  const go = (next: ListState): void => ctx.navigate(listUrl(next));

  const count = countText(result.total, state.q);
  const title = t('dr.title');
  return {
    title: state.q ? `${state.q} – ${title}` : title,
    announce: pages > 1 ? `${count}. ${t('dr.paging.status', { page: result.page, pages })}` : count,
    focusFallback: 'results-heading',
    content: h(
      'div',
      { class: 'dataregister' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('dr.intro'))),
      searchForm(state, go),
      h(
        'div',
        { class: 'dr-layout' },
        facetPanel(state, result, vocab, go),
        h(
          'section',
          { class: 'results', 'aria-labelledby': 'results-heading' },
          h('div', { class: 'results-head' }, h('h2', { id: 'results-heading', tabindex: -1 }, count), sortControl(state, go)),
          result.items.length > 0
            ? h('ol', { class: 'result-list' }, result.items.map((item) => resultItem(item, vocab)))
            : h('p', { class: 'empty' }, t('dr.noResults')),
          pager(state, result.page, pages),
        ),
      ),
    ),
  };
}

function listUrl(state: ListState): string {
  const search = toSearch(state).toString();
  return search ? `${BASE}?${search}` : BASE;
}

function countText(total: number, q: string): string {
  const count = total === 0 ? t('dr.count.zero') : total === 1 ? t('dr.count.one') : t('dr.count.other', { count: total });
  return q ? t('dr.count.for', { count, q }) : count;
}

function searchForm(state: ListState, go: (s: ListState) => void): HTMLElement {
  const input = h('input', { type: 'search', id: 'q', name: 'q', value: state.q, 'aria-describedby': 'q-hint', autocomplete: 'off' });
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go({ ...state, q: input.value.trim(), page: 1 });
      },
    },
    h('label', { for: 'q' }, t('dr.search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', id: 'search-submit', class: 'button' }, t('dr.search.button'))),
    h('p', { id: 'q-hint', class: 'hint' }, t('dr.search.hint')),
  );
}

const WIDE = '(min-width: 56rem)';
let facetsOpenOnPhone = false;
const facetsOpen = (): boolean => window.matchMedia(WIDE).matches || facetsOpenOnPhone;

function facetPanel(state: ListState, result: DatasetPage, vocab: Vocab, go: (s: ListState) => void): HTMLElement {
  const active = FACETS.reduce((n, f) => n + state.filters[f].length, 0);
  return h(
    'section',
    { class: 'facets', 'aria-labelledby': 'filters-heading' },
    h('h2', { id: 'filters-heading' }, t('dr.filters')),
    h(
      'details',
      // Open beside the results on wide screens; folded away above them on phones.
      {
        class: 'facet-toggle',
        open: facetsOpen(),
        ontoggle: (event: Event) => {
          if (!window.matchMedia(WIDE).matches) facetsOpenOnPhone = (event.target as HTMLDetailsElement).open;
        },
      },
      h('summary', null, active > 0 ? t('dr.filters.showActive', { count: active }) : t('dr.filters.show')),
      active > 0
        ? h('p', null, h('button', { type: 'button', id: 'clear-filters', class: 'link-button', onclick: () => go({ ...state, page: 1, filters: readState(new URLSearchParams()).filters }) }, t('dr.filters.clear')))
        : null,
      FACETS.map((facet) => facetGroup(facet, state, result.facets[facet] ?? [], vocab, go)),
    ),
  );
}

/** One checkbox per value; a selected value stays listed even when the other filters leave it no results, so it can be unticked. */
function facetGroup(facet: FacetName, state: ListState, values: FacetValue[], vocab: Vocab, go: (s: ListState) => void): HTMLElement | null {
  const selected = state.filters[facet];
  const shown = values.filter((v) => v.count > 0 || selected.includes(v.value));
  for (const value of selected) if (!shown.some((v) => v.value === value)) shown.push({ value, count: 0 });
  if (shown.length === 0) return null;
  return h(
    'fieldset',
    { class: 'facet' },
    h('legend', null, t(FACET_LABELS[facet])),
    h(
      'ul',
      null,
      shown.map((v) => {
        const id = idFrom('facet', facet, v.value);
        const checked = selected.includes(v.value);
        return h(
          'li',
          null,
          h('input', {
            type: 'checkbox',
            id,
            name: facet,
            value: v.value,
            checked,
            onchange: (event: Event) => go(toggled(state, facet, v.value, (event.target as HTMLInputElement).checked)),
          }),
          h('label', { for: id }, facetLabel(facet, v.value, vocab, v.label), ' ', h('span', { class: 'count' }, `(${v.count})`)),
        );
      }),
    ),
  );
}

function sortControl(state: ListState, go: (s: ListState) => void): HTMLElement {
  return h(
    'div',
    { class: 'sort' },
    h('label', { for: 'sort' }, t('dr.sort.label')),
    h(
      'select',
      { id: 'sort', onchange: (event: Event) => go({ ...state, page: 1, sort: (event.target as HTMLSelectElement).value as Sort }) },
      SORTS.map((sort) => h('option', { value: sort, selected: sort === state.sort }, t(SORT_LABELS[sort]))),
    ),
  );
}

const SUMMARY_LENGTH = 220;

/** The description's first sentences, cut at a word boundary. */
function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_LENGTH) return flat;
  const cut = flat.slice(0, SUMMARY_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : SUMMARY_LENGTH)}…`;
}

function resultItem(item: DatasetSummary, vocab: Vocab): HTMLElement {
  const title = localText(item.title);
  const description = localText(item.description);
  return h(
    'li',
    { class: 'result' },
    h(
      'article',
      null,
      h('h3', null, inLang(title.text, title.lang, 'a', { href: `${BASE}/${encodeURIComponent(item.id)}` })),
      h(
        'dl',
        { class: 'meta' },
        h('div', null, h('dt', null, t('dr.item.publisher')), h('dd', null, item.publisher.name)),
        h('div', null, h('dt', null, t('dr.item.themes')), h('dd', null, item.themes.map((code) => themeLabel(vocab, code)).join(', '))),
      ),
      inLang(summary(description.text), description.lang, 'p', { class: 'summary' }),
      personalDataBadge(item.personalData),
    ),
  );
}

export function personalDataBadge(value: string): HTMLElement {
  return h('p', { class: `badge badge-pd badge-pd-${value}` }, vocabLabel('personalData', value));
}

function pager(state: ListState, page: number, pages: number): HTMLElement | null {
  if (pages <= 1) return null;
  const href = (p: number): string => listUrl({ ...state, page: p });
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('dr.paging.label') },
    h(
      'ul',
      null,
      h('li', null, page > 1 ? h('a', { href: href(page - 1), id: 'paging-prev', rel: 'prev' }, h('span', { 'aria-hidden': 'true' }, '‹ '), t('dr.paging.prev')) : null),
      h('li', { class: 'pager-status' }, t('dr.paging.status', { page, pages })),
      h('li', null, page < pages ? h('a', { href: href(page + 1), id: 'paging-next', rel: 'next' }, t('dr.paging.next'), h('span', { 'aria-hidden': 'true' }, ' ›')) : null),
    ),
  );
}
