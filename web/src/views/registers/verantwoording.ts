import './registers.css';
import { getJson } from '../../api.js';
import { h } from '../../dom.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { barChart, type Totals } from './bars.js';
import { CLASS_KEYS, mandateChains, organisations, orgName, selectFilter, TRACE_CLASSES, withParam, type Organisation, type TraceClass } from './common.js';
import { governanceGraph, type GraphEdge, type GraphNode } from './graph.js';
import type { Paged } from './types.js';

const BASE = '/verantwoording';
const KINDS = ['dataset', 'sensor', 'algorithm', 'plan', 'rule-set', 'contract'] as const;
const PAGE_SIZE = 25;
const kindKey = (k: string): MessageKey => (`reg.kind.${k}` as MessageKey);

interface TraceItem {
  kind: string;
  id: string;
  title: string;
  ownerId: string;
  mandateIds: string[];
  href: string;
  class: TraceClass;
  via?: string;
  unknownMandateIds?: string[];
}

/** Where the app itself shows an item; otherwise its API address. */
function itemHref(item: TraceItem): string {
  if (item.kind === 'dataset') return `/dataregister/${encodeURIComponent(item.id)}`;
  if (item.kind === 'algorithm') return `/algoritmes/${encodeURIComponent(item.id)}`;
  return item.href;
}

/**
 * "Wie besloot dit?": for the council. Totals per democratic traceability class as bars
 * and a table, the items of a chosen class with their mandate chains, a print version,
 * and the governance network drawn in layers.
 */
export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length > 0) return notFoundView(BASE);
  const params = ctx.url.searchParams;
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? params.get('kind')! : '';
  const owner = params.get('owner') ?? '';
  const cls = (TRACE_CLASSES as readonly string[]).includes(params.get('class') ?? '') ? (params.get('class') as TraceClass) : null;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filter = new URLSearchParams();
  if (kind) filter.set('kind', kind);
  if (owner) filter.set('owner', owner);

  const orgs = await organisations(ctx.signal);
  const validOwner = !owner || orgs.some((o) => o.id === owner);
  if (!validOwner) filter.delete('owner');
  const [summary, graph, items] = await Promise.all([
    getJson<{ totals: Totals }>(`/registers/traceability/summary?${filter}`, ctx.signal),
    getJson<{ nodes: GraphNode[]; edges: GraphEdge[] }>('/registers/governance-graph', ctx.signal),
    cls ? getJson<Paged<TraceItem>>(`/registers/traceability?${filter}&class=${cls}&page=${page}&pageSize=${PAGE_SIZE}`, ctx.signal) : Promise.resolve(null),
  ]);

  const go = (name: string) => (value: string) => ctx.navigate(withParam(ctx.url, name, value));
  const title = t('reg.trace.title');
  const totalText = t('reg.trace.totalText', { count: summary.totals.total });
  const content = h(
    'div',
    { class: 'registers verantwoording' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('reg.trace.intro'))),
    h(
      'form',
      { class: 'reg-filters no-print', role: 'search', 'aria-label': t('reg.filter.label'), onsubmit: (e: Event) => e.preventDefault() },
      selectFilter('kind', t('reg.trace.filter.kind'), kind, KINDS.map((k) => [k, t(kindKey(k))]), go('kind')),
      selectFilter('owner', t('reg.trace.filter.owner'), validOwner ? owner : '', orgs.map((o) => [o.id, o.name]), go('owner')),
      h('div', { class: 'filter' }, h('button', { type: 'button', class: 'button', id: 'print', onclick: () => window.print() }, t('reg.trace.print'))),
    ),
    h('p', { class: 'print-only' }, filterSummary(kind, validOwner ? owner : '', orgs)),
    h(
      'section',
      { 'aria-labelledby': 'totals-heading' },
      h('h2', { id: 'totals-heading', tabindex: -1 }, t('reg.trace.totalsHeading')),
      h('p', { id: 'trace-total' }, totalText),
      barChart(summary.totals, (c) => withParam(ctx.url, 'class', c), cls),
    ),
    cls && items ? classSection(cls, items, orgs, ctx) : h('p', { class: 'hint no-print' }, t('reg.trace.chooseClass')),
    h('section', { 'aria-labelledby': 'graph-heading', class: 'graph-section' }, h('h2', { id: 'graph-heading' }, t('reg.graph.heading')), h('p', null, t('reg.graph.intro')), governanceGraph(graph.nodes, graph.edges)),
  );
  if (cls && items) await fillChains(content);
  return { title, content, announce: cls && items ? t('reg.trace.classCount', { class: cls, count: items.total }) : totalText, focusFallback: cls ? 'class-heading' : 'totals-heading' };
}

function filterSummary(kind: string, owner: string, orgs: readonly Organisation[]): string {
  const parts = [kind ? `${t('reg.trace.filter.kind')}: ${t(kindKey(kind))}` : null, owner ? `${t('reg.trace.filter.owner')}: ${orgName(orgs, owner)}` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('reg.trace.noFilter');
}

function classSection(cls: TraceClass, items: Paged<TraceItem>, orgs: readonly Organisation[], ctx: RouteContext): HTMLElement {
  const pages = Math.max(1, Math.ceil(items.total / PAGE_SIZE));
  return h(
    'section',
    { class: 'class-items', 'aria-labelledby': 'class-heading' },
    h('h2', { id: 'class-heading', tabindex: -1 }, t('reg.trace.classCount', { class: cls, count: items.total })),
    h('p', null, t(CLASS_KEYS[cls]), ' ', h('a', { href: withParam(ctx.url, 'class', ''), class: 'no-print' }, t('reg.trace.closeClass'))),
    items.items.length
      ? h(
          'ol',
          { class: 'trace-items', start: (items.page - 1) * PAGE_SIZE + 1 },
          items.items.map((item) =>
            h(
              'li',
              { class: 'trace-item' },
              h('h3', null, h('a', { href: itemHref(item) }, item.title)),
              h('p', { class: 'meta-line' }, `${t(kindKey(item.kind))} · ${orgName(orgs, item.ownerId)}`),
              item.unknownMandateIds?.length ? h('p', { class: 'flag' }, t('reg.trace.unknownMandates', { ids: item.unknownMandateIds.join(', ') })) : null,
              h('div', { class: 'chain-slot', 'data-mandates': JSON.stringify(item.mandateIds) }),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('reg.trace.noItems')),
    pages > 1
      ? h(
          'nav',
          { class: 'pager no-print', 'aria-label': t('reg.pager.label') },
          h(
            'ul',
            null,
            h('li', null, items.page > 1 ? h('a', { href: withParam(ctx.url, 'page', String(items.page - 1)) }, t('reg.pager.prev')) : null),
            h('li', { class: 'pager-status' }, t('reg.pager.status', { page: items.page, pages })),
            h('li', null, items.page < pages ? h('a', { href: withParam(ctx.url, 'page', String(items.page + 1)) }, t('reg.pager.next')) : null),
          ),
        )
      : null,
  );
}

/** Mandate chains are fetched once per distinct mandate (cached), then put under each item. */
async function fillChains(root: HTMLElement): Promise<void> {
  await Promise.all(
    [...root.querySelectorAll<HTMLElement>('.chain-slot')].map(async (slot) => {
      slot.replaceChildren(await mandateChains(JSON.parse(slot.dataset.mandates ?? '[]') as string[]));
    }),
  );
}


