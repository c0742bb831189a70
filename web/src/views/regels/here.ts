import { h, type Child } from '../../dom.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { dutch, hoofdgroepLabel, planFacts, positionText } from './format.js';
import type { AppliedObject, HereResult, LonLat, NormHere, PlanHere } from './types.js';

// The server words each norm as the plan states it; the page shows that text, never rebuilds it.
const uniqueNorms = (norms: readonly NormHere[]): string[] => [...new Set(norms.map((n) => n.text))];

/**
 * The answer in one line per bestemming, as a planner would say it:
 * "Bestemming: Wonen — maximum bouwhoogte 10 m — binnen bouwvlak".
 */
function summaryLines(plan: PlanHere): HTMLElement[] {
  const place = plan.bouwvlak ? t('rg.here.inside') : t('rg.here.outside');
  if (plan.bestemmingen.length === 0) {
    return [h('p', null, t('rg.here.noBestemming'), ' ', dutch(plan.plan.name), ' — ', place)];
  }
  return plan.bestemmingen.map((b) => {
    const parts: Child[] = [`${t('rg.here.bestemming')}: `, dutch(b.name ?? hoofdgroepLabel(b.hoofdgroep))];
    for (const norm of uniqueNorms(b.norms)) parts.push(' — ', dutch(norm));
    parts.push(' — ', place);
    return h('p', { class: 'rg-line' }, parts);
  });
}

/** What the live region says: short enough to hear in one go. */
export function hereSummary(result: HereResult): HTMLElement[] {
  if (result.plans.length === 0) return [h('p', { class: 'rg-line' }, t('rg.here.none'))];
  return result.plans.flatMap(summaryLines);
}

function objectList(heading: MessageKey, objects: readonly AppliedObject[], describe: (o: AppliedObject) => Child = (o) => dutch(o.name ?? o.type)): Child {
  if (objects.length === 0) return null;
  return [h('dt', null, t(heading)), ...objects.map((o) => h('dd', null, describe(o)))];
}

function bestemming(o: AppliedObject): Child {
  return [
    dutch(o.name ?? o.type),
    o.artikelnummer ? [' ', h('span', { class: 'muted' }, t('rg.here.artikel', { nr: o.artikelnummer }))] : null,
    o.hoofdgroep ? [' — ', t('rg.here.hoofdgroep'), ': ', hoofdgroepLabel(o.hoofdgroep)] : null,
  ];
}

function planDetails(plan: PlanHere): HTMLElement {
  const norms = plan.norms;
  return h(
    'article',
    { class: 'rg-plan' },
    h('h3', null, dutch(plan.plan.name)),
    planFacts(plan.plan),
    h(
      'dl',
      { class: 'rg-applies' },
      objectList('rg.here.bestemmingen', plan.bestemmingen, bestemming),
      objectList('rg.here.dubbelbestemmingen', plan.dubbelbestemmingen),
      h('dt', null, t('rg.here.bouwvlak')),
      h('dd', null, plan.bouwvlak ? t('rg.here.bouwvlak.yes') : t('rg.here.bouwvlak.no')),
      objectList('rg.here.functieaanduidingen', plan.functieaanduidingen),
      objectList('rg.here.bouwaanduidingen', plan.bouwaanduidingen),
      objectList('rg.here.gebiedsaanduidingen', plan.gebiedsaanduidingen),
      objectList('rg.here.figuren', plan.figuren),
      objectList('rg.here.overige', plan.overige),
      norms.length > 0 ? [h('dt', null, t('rg.here.norms')), ...norms.map((n) => h('dd', null, dutch(n.text), ' ', h('span', { class: 'muted' }, t('rg.here.normSource', { plan: plan.plan.name }))))] : null,
    ),
  );
}

/** The full answer below the summary: every object and norm, and the plan each comes from. */
export function hereDetails(result: HereResult, point: LonLat): HTMLElement {
  return h(
    'div',
    { class: 'rg-details' },
    h('p', { class: 'muted' }, t('rg.here.at', { position: positionText(point) })),
    result.plans.map(planDetails),
  );
}
