import { h, inLang } from '../../dom.js';
import { formatDate, hasMessage, language, t } from '../../i18n/index.js';
import type { PlanRef } from './types.js';

/** Plan content (names, norms) is Dutch; on an English page it says so. */
export const dutch = (text: string, tag: 'span' | 'p' = 'span', attrs = {}): HTMLElement =>
  language() === 'nl' ? h(tag, attrs, text) : inLang(text, 'nl', tag, attrs);

/** Label of an IMRO hoofdgroep (wonen, verkeer...); an unknown one shows as written. */
export function hoofdgroepLabel(hoofdgroep: string | null): string {
  if (!hoofdgroep) return t('rg.hg.none');
  const key = `rg.hg.${hoofdgroep.toLowerCase()}`;
  return hasMessage(key) ? t(key) : hoofdgroep;
}

/** "Stationsomgeving Zuid-Oost (NL.IMRO…), vastgesteld 13 februari 2014". */
export function planFacts(plan: PlanRef): HTMLElement {
  const facts: Array<[string, Node | string]> = [
    [t('rg.plan.id'), h('span', { class: 'identifier' }, plan.id)],
    [t('rg.plan.status'), plan.status ? dutch(plan.status) : t('rg.unknown')],
    [t('rg.plan.date'), plan.date ? formatDate(plan.date) : t('rg.unknown')],
  ];
  if (plan.type) facts.push([t('rg.plan.type'), dutch(plan.type)]);
  if (plan.authority) facts.push([t('rg.plan.authority'), dutch(plan.authority)]);
  return h('dl', { class: 'rg-facts' }, facts.map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))));
}

/** Degrees as a position people can check: "51,49712° N, 3,89871° O". */
export function positionText([lon, lat]: [number, number]): string {
  const nf = new Intl.NumberFormat(language() === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return t('rg.position', { lat: nf.format(lat), lon: nf.format(lon) });
}
