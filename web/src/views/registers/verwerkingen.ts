import './registers.css';
import { h } from '../../dom.js';
import { formatNumber, language, t, type MessageKey } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { loadAll, mandateChains, organisations, selectFilter, withParam } from './common.js';
import type { ProcessingRecord } from './types.js';

const BASE = '/verwerkingen';
/** What the server writes where nobody has filled in a value yet. */
const UNKNOWN = 'onbekend';
const SOURCES = ['catalog', 'sensors'] as const;
const sourceKey = (s: string): MessageKey => (s === 'catalog' ? 'reg.proc.source.catalog' : s === 'sensors' ? 'reg.proc.source.sensors' : 'reg.proc.source.other');
const PD_KEYS: Record<ProcessingRecord['personalData'], MessageKey> = {
  pseudonymised: 'reg.proc.pd.pseudonymised',
  personal: 'reg.proc.pd.personal',
  'special-category': 'reg.proc.pd.special-category',
};

/** The parts of art. 30(1) a record answers, in the order of the article. */
const FIELDS = [
  ['controller', 'reg.proc.field.controller'],
  ['purposes', 'reg.proc.field.purposes'],
  ['dataSubjects', 'reg.proc.field.dataSubjects'],
  ['dataCategories', 'reg.proc.field.dataCategories'],
  ['recipients', 'reg.proc.field.recipients'],
  ['internationalTransfers', 'reg.proc.field.internationalTransfers'],
  ['retention', 'reg.proc.field.retention'],
  ['legalBasis', 'reg.proc.field.legalBasis'],
  ['securityMeasures', 'reg.proc.field.securityMeasures'],
] as const satisfies ReadonlyArray<readonly [keyof ProcessingRecord & string, MessageKey]>;

/** Text the publishers wrote (Dutch), marked as such when the page is in English. */
const dutch = (text: string): HTMLElement => h('span', language() === 'nl' ? null : { lang: 'nl' }, text);
const valueOf = (v: string): Node => (v === UNKNOWN ? h('span', { class: 'unknown-value' }, t('reg.proc.notFilledIn')) : dutch(v));

function fieldValue(r: ProcessingRecord, field: (typeof FIELDS)[number][0]): Node {
  if (field === 'controller') return r.controller.id === UNKNOWN ? valueOf(UNKNOWN) : h('span', null, r.controller.name);
  const v = r[field];
  if (typeof v === 'string') return valueOf(v);
  if (v.length === 1) return valueOf(v[0]!);
  return h('ul', { class: 'plain-list' }, v.map((item) => h('li', null, valueOf(item))));
}

/**
 * The register of processing activities (AVG art. 30): generated from the datasets and
 * sensor streams that hold personal data. A table shows per part of the article how many
 * records still miss it, so a privacy officer sees the gaps before reading the records.
 */
export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length > 0) return notFoundView(BASE);
  const orgs = await organisations(ctx.signal);
  const controller = ctx.url.searchParams.get('controller') ?? '';
  const source = ctx.url.searchParams.get('source') ?? '';
  const query = new URLSearchParams();
  if (orgs.some((o) => o.id === controller)) query.set('controller', controller);
  if ((SOURCES as readonly string[]).includes(source)) query.set('source', source);
  const exportQuery = query.toString();
  const { items, total } = await loadAll<ProcessingRecord>('/registers/processing', query, ctx.signal);

  const incomplete = items.filter((r) => r.unknownFields.length > 0).length;
  const count = t(total === 1 ? 'reg.proc.count.one' : 'reg.proc.count.other', { count: total });
  const countText = incomplete ? `${count}, ${t('reg.proc.count.incomplete', { count: incomplete })}` : count;
  const go = (name: string) => (value: string) => ctx.navigate(withParam(ctx.url, name, value));
  const title = t('reg.proc.title');

  const content = h(
    'div',
    { class: 'registers verwerkingen' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('reg.proc.intro'))),
    h(
      'form',
      { class: 'reg-filters', role: 'search', 'aria-label': t('reg.filter.label'), onsubmit: (e: Event) => e.preventDefault() },
      selectFilter('controller', t('reg.proc.filter.controller'), controller, orgs.map((o) => [o.id, o.name]), go('controller')),
      selectFilter('source', t('reg.proc.filter.source'), source, SOURCES.map((s) => [s, t(sourceKey(s))]), go('source')),
      h('p', { class: 'exports' }, `${t('reg.export')}: `, h('a', { href: `/api/v1/registers/processing/export${exportQuery ? `?${exportQuery}` : ''}`, download: 'verwerkingsregister.csv' }, 'CSV')),
    ),
    h('h2', { id: 'processing-count', tabindex: -1 }, countText),
    items.length ? completeness(items) : null,
    h(
      'section',
      { 'aria-labelledby': 'records-heading' },
      h('h2', { id: 'records-heading' }, t('reg.proc.listHeading')),
      items.length ? h('ul', { class: 'processing-list' }, await Promise.all(items.map(recordCard))) : h('p', { class: 'empty' }, t('reg.proc.none')),
    ),
  );
  return { title, content, announce: countText, focusFallback: 'processing-count' };
}

/** Per part of art. 30: how many records have it and how many still read "onbekend". */
function completeness(items: readonly ProcessingRecord[]): HTMLElement {
  const rows = FIELDS.map(([field, key]) => {
    const missing = items.filter((r) => r.unknownFields.includes(field)).length;
    return { field, key, missing, filled: items.length - missing };
  });
  return h(
    'section',
    { class: 'completeness', 'aria-labelledby': 'completeness-heading' },
    h('h2', { id: 'completeness-heading' }, t('reg.proc.completeness.heading')),
    h(
      'table',
      { class: 'completeness-table' },
      h('caption', { class: 'visually-hidden' }, t('reg.proc.completeness.caption')),
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, t('reg.proc.completeness.part')), h('th', { scope: 'col', class: 'num' }, t('reg.proc.completeness.filled')), h('th', { scope: 'col', class: 'num' }, t('reg.proc.completeness.missing')), h('td', { 'aria-hidden': 'true' })),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { 'data-field': r.field },
            h('th', { scope: 'row' }, t(r.key)),
            h('td', { class: 'num' }, formatNumber(r.filled)),
            h('td', { class: `num${r.missing ? ' missing' : ''}` }, formatNumber(r.missing)),
            // The bar repeats the two numbers for the eye; screen readers have the cells.
            h(
              'td',
              { class: 'fill-bar-cell', 'aria-hidden': 'true' },
              h('span', { class: 'fill-bar' }, h('span', { class: 'fill-bar-filled', style: `width: ${(100 * r.filled) / items.length}%` })),
            ),
          ),
        ),
      ),
    ),
  );
}

async function recordCard(r: ProcessingRecord): Promise<HTMLElement> {
  const headingId = `record-${r.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const missing = FIELDS.filter(([field]) => r.unknownFields.includes(field)).map(([, key]) => t(key));
  return h(
    'li',
    { class: missing.length ? 'processing incomplete' : 'processing', 'data-id': r.id },
    h('h3', { id: headingId }, dutch(r.name)),
    h(
      'p',
      { class: 'meta-line' },
      `${t(sourceKey(r.source))} · ${r.controller.id === UNKNOWN ? t('reg.owner.unknown') : r.controller.name} · `,
      h('span', { class: `badge badge-pd-${r.personalData}` }, t(PD_KEYS[r.personalData])),
    ),
    missing.length ? h('p', { class: 'flag' }, h('strong', null, `${t('reg.proc.missing')}: `), missing.join(', ')) : null,
    h(
      'details',
      null,
      h('summary', null, t('reg.proc.showRecord'), h('span', { class: 'visually-hidden' }, `: ${r.name}`)),
      h('dl', { class: 'reg-facts' }, FIELDS.map(([field, key]) => h('div', { 'data-field': field }, h('dt', null, t(key)), h('dd', null, fieldValue(r, field))))),
      h('h4', null, t('reg.proc.mandate')),
      await mandateChains(r.mandateIds),
      r.source === 'catalog' ? h('p', null, h('a', { href: `/dataregister/${encodeURIComponent(r.id.replace(/^dataset:/, ''))}` }, t('reg.proc.toDataset'))) : null,
      r.source === 'sensors' ? h('p', null, h('a', { href: '/sensoren?personalData=yes' }, t('reg.proc.toSensors'))) : null,
    ),
  );
}
