import { h } from '../../dom.js';
import { t, tNodes, type MessageKey } from '../../i18n/index.js';
import { answersList } from './conclusion.js';
import { readableName } from './outcome.js';
import { ruleLine } from './text.js';
import type { PermitCheck, StepView } from './types.js';

type Outside = Extract<StepView, { kind: 'outside' }>;
type Failed = Extract<StepView, { kind: 'failed' }>;
type Finding = Outside['outside'][number];

/** The national Omgevingsloket, where a check for any place in the Netherlands can be done. */
export const OMGEVINGSLOKET = 'https://omgevingswet.overheid.nl/checken';

const AUTHORITY: Record<NonNullable<Finding['authority']>['kind'], MessageKey> = {
  gemeente: 'vc.authority.gemeente',
  provincie: 'vc.authority.provincie',
  waterschap: 'vc.authority.waterschap',
  rijk: 'vc.authority.rijk',
};

/** "gemeente 0345", "provincie 26": the authority whose area the rules cover, as the file names it. */
function authorityText(f: Finding): string | null {
  return f.authority ? t(AUTHORITY[f.authority.kind], { code: f.authority.code }) : null;
}

/** The area a location question is about, in words: its question, or the area and its authority. */
export function areaLine(f: Finding): Node | string {
  if (f.question.trim()) return ruleLine(f.question);
  const who = authorityText(f);
  return who ? t('vc.location.areaOf', { authority: who }) : t('vc.location.area');
}

function whereToGo(findings: readonly Finding[]): HTMLElement {
  const authorities = [...new Set(findings.map(authorityText).filter((a): a is string => a !== null))];
  return h(
    'ul',
    { class: 'vc-where' },
    h('li', null, tNodes('vc.outside.loket', { loket: h('a', { href: OMGEVINGSLOKET, rel: 'noopener' }, t('vc.outside.loketName')) })),
    h('li', null, t('vc.outside.authority')),
    authorities.length > 0 ? h('li', null, t('vc.outside.fileAuthority', { authority: authorities.join(', ') })) : null,
  );
}

/** The place lies outside the rules' area: no conclusion, and where to ask instead. */
export function outsideView(check: PermitCheck, step: Outside, actions: HTMLElement): { content: HTMLElement; heading: HTMLElement } {
  const heading = h('h2', { id: 'vc-conclusion-heading', tabindex: -1 }, t('vc.conclusion'));
  const content = h(
    'div',
    { class: 'vc-result' },
    h(
      'section',
      { class: 'vc-conclusion vc-outside', 'aria-labelledby': 'vc-conclusion-heading' },
      heading,
      h('p', { class: 'vc-verdict vc-verdict-none', id: 'vc-verdict' }, t('vc.outside.verdict')),
      h('p', { class: 'vc-meaning' }, t('vc.outside.meaning')),
      h('ul', { class: 'vc-outside-areas' }, step.outside.map((f) => h('li', null, areaLine(f), ' ', h('strong', null, t('vc.outside.answered'))))),
      h('h3', null, t('vc.outside.where')),
      whereToGo(step.outside),
    ),
    actions,
    h('section', { class: 'vc-given', 'aria-labelledby': 'vc-given-heading' }, h('h2', { id: 'vc-given-heading' }, t('vc.given')), answersList(check)),
  );
  return { content, heading };
}

/** The engine could not evaluate the rules: say so in words, with what it reported. */
export function failedView(check: PermitCheck, step: Failed, actions: HTMLElement): { content: HTMLElement; heading: HTMLElement } {
  const heading = h('h2', { id: 'vc-conclusion-heading', tabindex: -1 }, t('vc.conclusion'));
  const content = h(
    'div',
    { class: 'vc-result' },
    h(
      'section',
      { class: 'vc-conclusion vc-failed', 'aria-labelledby': 'vc-conclusion-heading' },
      heading,
      h('p', { class: 'vc-verdict vc-verdict-none', id: 'vc-verdict' }, t('vc.failed.verdict')),
      h('p', { class: 'vc-meaning' }, t('vc.failed.meaning')),
      h('details', { class: 'vc-failed-details' }, h('summary', null, t('vc.failed.details')), h('ul', null, step.errors.map((e) => h('li', null, ruleLine(readableName(e.element)), ': ', h('span', { lang: 'en' }, e.text))))),
      h('h3', null, t('vc.outside.where')),
      whereToGo([]),
    ),
    actions,
    h('section', { class: 'vc-given', 'aria-labelledby': 'vc-given-heading' }, h('h2', { id: 'vc-given-heading' }, t('vc.given')), check.answers.length > 0 ? answersList(check) : h('p', null, t('vc.given.none'))),
  );
  return { content, heading };
}
