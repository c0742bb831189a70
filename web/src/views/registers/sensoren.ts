import './registers.css';
import { h } from '../../dom.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { loadAll, mandateChains, organisations, orgName, selectFilter, withParam, type Organisation } from './common.js';
import { createSensorMap, type SensorMap } from './sensor-map.js';
import type { Sensor } from './types.js';

const BASE = '/sensoren';
const CATEGORIES = ['sensor', 'camera', 'beacon', 'meetstation', 'teller', 'overig'] as const;
const PERSONAL = ['yes', 'no', 'unknown'] as const;
const FLAG_KEYS: Record<string, MessageKey> = { 'personal-data-without-legal-basis': 'reg.sensors.flag.noLegalBasis', 'no-owner': 'reg.sensors.flag.noOwner' };
const categoryKey = (c: string): MessageKey => (`reg.sensors.category.${c}` as MessageKey);
const personalKey = (v: boolean | null): MessageKey => (v === true ? 'reg.sensors.pd.yes' : v === false ? 'reg.sensors.pd.no' : 'reg.sensors.pd.unknown');

let activeMap: SensorMap | null = null;

function whenConnected(el: HTMLElement, then: () => void, tries = 600): void {
  if (el.isConnected) then();
  else if (tries > 0) requestAnimationFrame(() => whenConnected(el, then, tries - 1));
}

/**
 * The sensor register: a map with a list as its equal alternative, filters for category
 * and personal data, and a detail panel. Flagged sensors say why in text.
 */
export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length > 0) return notFoundView(BASE);
  const category = ctx.url.searchParams.get('category') ?? '';
  const personalData = ctx.url.searchParams.get('personalData') ?? '';
  const query = new URLSearchParams();
  if ((CATEGORIES as readonly string[]).includes(category)) query.set('category', category);
  if ((PERSONAL as readonly string[]).includes(personalData)) query.set('personalData', personalData);
  const exportQuery = query.toString();
  const [{ items, total }, orgs] = await Promise.all([loadAll<Sensor>('/registers/sensors', query, ctx.signal), organisations(ctx.signal)]);
  if (activeMap) {
    activeMap.remove();
    activeMap = null;
  }

  const flagged = items.filter((s) => s.flags.length).length;
  const count = t(total === 1 ? 'reg.sensors.count.one' : 'reg.sensors.count.other', { count: total });
  const countText = flagged ? `${count}, ${t('reg.sensors.count.flagged', { count: flagged })}` : count;
  const detail = h('section', { class: 'reg-detail', id: 'sensor-detail', 'aria-labelledby': 'sensor-detail-heading' }, h('h2', { id: 'sensor-detail-heading', tabindex: -1 }, t('reg.sensors.detail.heading')), h('p', { class: 'muted' }, t('reg.sensors.detail.hint')));
  let selected: string | null = null;
  const mapEl = h('div', { class: 'reg-map', id: 'sensor-map' });

  const select = async (id: string, focus: boolean): Promise<void> => {
    const sensor = items.find((s) => s.id === id);
    if (!sensor) return;
    selected = id;
    activeMap?.show(items, selected);
    for (const b of document.querySelectorAll<HTMLButtonElement>('.sensor-list button[aria-pressed]')) b.setAttribute('aria-pressed', String(b.dataset.id === id));
    detail.replaceChildren(...(await sensorDetail(sensor, orgs)));
    if (focus) detail.querySelector<HTMLElement>('h2')?.focus();
  };

  const list = h(
    'ul',
    { class: 'sensor-list' },
    items.map((s) =>
      h(
        'li',
        { class: s.flags.length ? 'sensor flagged' : 'sensor' },
        h('h3', null, s.name, s.example ? [' ', h('span', { class: 'badge badge-example' }, t('reg.example'))] : null),
        h(
          'p',
          { class: 'meta-line' },
          `${t(categoryKey(s.category))} · ${orgName(orgs, s.ownerId)} · ${t('reg.sensors.observes')}: ${s.observes.join(', ') || '–'} · `,
          h('span', { class: `badge ${s.personalData ? 'badge-pd-personal' : 'badge-pd-none'}` }, t(personalKey(s.personalData))),
        ),
        s.flags.length ? h('p', { class: 'flag' }, h('strong', null, `${t('reg.sensors.flagged')}: `), s.flags.map((f) => t(FLAG_KEYS[f] ?? 'reg.sensors.flag.other')).join('; ')) : null,
        h('button', { type: 'button', class: 'link-button', 'aria-pressed': 'false', 'data-id': s.id, onclick: () => void select(s.id, true) }, t('reg.sensors.showDetail'), h('span', { class: 'visually-hidden' }, `: ${s.name}`)),
      ),
    ),
  );

  const go = (name: string) => (value: string) => ctx.navigate(withParam(ctx.url, name, value));
  const title = t('reg.sensors.title');
  const content = h(
    'div',
    { class: 'registers sensoren' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('reg.sensors.intro'))),
    h(
      'form',
      { class: 'reg-filters', role: 'search', 'aria-label': t('reg.filter.label'), onsubmit: (e: Event) => e.preventDefault() },
      selectFilter('category', t('reg.sensors.filter.category'), category, CATEGORIES.map((c) => [c, t(categoryKey(c))]), go('category')),
      selectFilter('personalData', t('reg.sensors.filter.personalData'), personalData, PERSONAL.map((v) => [v, t(personalKey(v === 'yes' ? true : v === 'no' ? false : null))]), go('personalData')),
      h('p', { class: 'exports' }, `${t('reg.export')}: `, h('a', { href: `/api/v1/registers/sensors/export?${exportQuery}${exportQuery ? '&' : ''}format=geojson`, download: 'sensorregister.geojson' }, 'GeoJSON'), ' · ', h('a', { href: `/api/v1/registers/sensors/export?${exportQuery}${exportQuery ? '&' : ''}format=csv`, download: 'sensorregister.csv' }, 'CSV')),
    ),
    h('h2', { id: 'sensor-count', tabindex: -1 }, countText),
    h(
      'div',
      { class: 'reg-columns' },
      h('section', { class: 'reg-map-section', 'aria-labelledby': 'map-heading' }, h('h2', { id: 'map-heading', class: 'visually-hidden' }, t('reg.sensors.mapHeading')), h('p', { class: 'hint', id: 'map-hint' }, t('reg.sensors.mapHint')), mapEl, legendNote()),
      detail,
    ),
    h('section', { 'aria-labelledby': 'list-heading' }, h('h2', { id: 'list-heading' }, t('reg.sensors.listHeading')), items.length ? list : h('p', { class: 'empty' }, t('reg.sensors.none'))),
  );

  whenConnected(mapEl, () => {
    const map = createSensorMap(mapEl);
    activeMap = map;
    map.show(items, selected);
    map.onSelect((id) => void select(id, true));
    const observer = new MutationObserver(() => {
      if (mapEl.isConnected) return;
      observer.disconnect();
      map.remove();
      if (activeMap === map) activeMap = null;
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  return { title, content, announce: countText, focusFallback: 'sensor-count' };
}

function legendNote(): HTMLElement {
  return h('p', { class: 'legend-note' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), ` ${t('reg.sensors.legend.normal')}  `, h('span', { class: 'dot dot-flagged', 'aria-hidden': 'true' }), ` ${t('reg.sensors.legend.flagged')}`);
}

async function sensorDetail(s: Sensor, orgs: readonly Organisation[]): Promise<Node[]> {
  const row = (label: string, value: Node | string | undefined | null) => h('div', null, h('dt', null, label), h('dd', null, value ?? h('span', { class: 'muted' }, t('reg.unknown'))));
  return [
    h('h2', { id: 'sensor-detail-heading', tabindex: -1 }, s.name),
    s.example ? h('p', null, h('span', { class: 'badge badge-example' }, t('reg.example'))) : null,
    s.flags.length ? h('div', { class: 'notice notice-warning' }, h('p', null, h('strong', null, `${t('reg.sensors.flagged')}: `), s.flags.map((f) => t(FLAG_KEYS[f] ?? 'reg.sensors.flag.other')).join('; '))) : null,
    s.description ? h('p', null, s.description) : null,
    h(
      'dl',
      { class: 'reg-facts' },
      row(t('reg.sensors.observes'), s.observes.join(', ')),
      row(t('reg.sensors.owner'), orgName(orgs, s.ownerId)),
      row(t('reg.sensors.filter.category'), t(categoryKey(s.category))),
      row(t('reg.sensors.theme'), s.theme),
      row(t('reg.sensors.filter.personalData'), `${t(personalKey(s.personalData))}${s.personalDataClass ? ` (${s.personalDataClass})` : ''}`),
      row(t('reg.sensors.purpose'), s.purpose),
      row(t('reg.sensors.legalBasis'), s.legalBasis ? (s.legalBasisLink ? h('a', { href: s.legalBasisLink, rel: 'noopener' }, s.legalBasis) : s.legalBasis) : null),
      row(t('reg.sensors.retention'), s.retention),
      row(t('reg.sensors.open'), `${s.public ? t('reg.sensors.public') : t('reg.sensors.notPublic')}; ${s.openData ? t('reg.sensors.openData') : t('reg.sensors.notOpenData')}`),
      row(t('reg.sensors.source'), s.sta ? h('a', { href: s.sta }, t('reg.sensors.source.live')) : t('reg.sensors.source.registered')),
    ),
    h('h3', null, t('reg.sensors.mandate')),
    await mandateChains(s.mandateIds),
    h('p', null, h('a', { href: '/verantwoording?kind=sensor' }, t('reg.sensors.traceLink'))),
  ].filter((n): n is HTMLElement => !!n);
}
