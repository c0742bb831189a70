import { h, type Child } from '../../dom.js';
import { hasMessage, t } from '../../i18n/index.js';
import { ruleLine, ruleText } from './text.js';
import type { PermitCheck, StepView } from './types.js';

type Conclusion = Extract<StepView, { kind: 'conclusion' }>;
type FiredRule = Conclusion['firedRules'][number];

/** A FEEL string output arrives quoted ("\"Vergunningplicht\""); people read it without. */
export const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1');

/** Rules whose only output is the STTR filler "no hit" fired without effect. */
const isNoHit = (r: FiredRule): boolean => r.outputs.length > 0 && r.outputs.every((o) => /^no hit$/i.test(unquote(o)));

/** "Toestemmingsvrij" and friends, with what they mean; an unknown outcome shows as written. */
export function verdictLabel(code: string): string {
  const key = `vc.verdict.${code}`;
  return hasMessage(key) ? t(key) : code;
}

function verdictMeaning(code: string): string | null {
  const key = `vc.verdict.${code}.help`;
  return hasMessage(key) ? t(key) : null;
}

/** Any other outcome (a record of regulations, a list): shown as it is, readably. */
function valueView(value: unknown): Child {
  if (value === null || value === undefined || value === '') return h('span', { class: 'muted' }, t('vc.empty'));
  if (typeof value === 'string') return ruleLine(unquote(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return h('ul', null, value.map((v) => h('li', null, valueView(v))));
  return h('dl', { class: 'vc-record' }, Object.entries(value as Record<string, unknown>).map(([k, v]) => h('div', null, h('dt', null, ruleLine(k)), h('dd', null, valueView(v)))));
}

function verdict(step: Conclusion): Child {
  const c = step.conclusion as unknown;
  if (typeof c === 'string') {
    const meaning = verdictMeaning(c);
    return [h('p', { class: 'vc-verdict', id: 'vc-verdict' }, verdictLabel(c)), meaning ? h('p', { class: 'vc-meaning' }, meaning) : null];
  }
  if (c === null || c === undefined) return [h('p', { class: 'vc-verdict vc-verdict-none', id: 'vc-verdict' }, t('vc.verdict.none')), h('p', null, t('vc.verdict.noneHelp'))];
  return [h('p', { class: 'vc-verdict', id: 'vc-verdict' }, t('vc.verdict.outcome')), valueView(Array.isArray(step.all) ? step.all : c)];
}

function firedRule(r: FiredRule): HTMLElement {
  return h(
    'li',
    { class: 'vc-rule' },
    h('h3', null, ruleLine(r.decision), ', ', t('vc.rule.index', { index: r.index })),
    r.explanation ? h('div', { class: 'vc-rule-explanation' }, ruleText(r.explanation)) : h('p', { class: 'muted' }, t('vc.rule.noExplanation')),
    r.outputs.length > 0 ? h('p', { class: 'muted' }, t('vc.rule.outcome'), ': ', r.outputs.map((o, i) => [i > 0 ? ', ' : '', ruleLine(unquote(o))])) : null,
    r.annotations.length > 0 ? h('ul', { class: 'vc-annotations' }, r.annotations.map(annotation)) : null,
  );
}

/** Annotations are mostly Akoma Ntoso references to the article a rule rests on. */
function annotation(text: string): HTMLElement {
  const plain = unquote(text.trim());
  if (/^\/akn\//.test(plain)) return h('li', null, t('vc.rule.basis'), ': ', h('span', { class: 'identifier' }, plain));
  return h('li', null, ruleText(plain));
}

export function answerText(value: unknown): Child {
  if (value === true) return t('vc.yes');
  if (value === false) return t('vc.no');
  if (Array.isArray(value)) return value.map((v, i) => [i > 0 ? ', ' : '', ruleLine(String(v))]);
  return ruleLine(String(value));
}

/** The answers so far, question by question. */
export function answersList(check: PermitCheck): HTMLElement {
  return h(
    'ol',
    { class: 'vc-answers' },
    check.answers.map((a) => h('li', null, h('span', { class: 'vc-answer-q' }, ruleLine(a.question)), ' ', h('strong', { class: 'vc-answer-a' }, answerText(a.value)))),
  );
}

/**
 * The conclusion page: the outcome in large type, what it rests on (provisos), the
 * rules that decided it with their explanations, and the answers given.
 */
export function conclusionView(check: PermitCheck, step: Conclusion, actions: HTMLElement): { content: HTMLElement; heading: HTMLElement } {
  const heading = h('h2', { id: 'vc-conclusion-heading', tabindex: -1 }, t('vc.conclusion'));
  const decisive = step.firedRules.filter((r) => !isNoHit(r));
  const idle = step.firedRules.filter(isNoHit);
  const content = h(
    'div',
    { class: 'vc-result' },
    h(
      'section',
      { class: 'vc-conclusion', 'aria-labelledby': 'vc-conclusion-heading' },
      heading,
      verdict(step),
      step.partlyOutside.length > 0 ? h('div', { class: 'notice notice-warning vc-partly' }, h('p', null, h('strong', null, t('vc.partly.title'))), h('p', null, t('vc.partly.body'))) : null,
      step.provisos.length > 0 ? [h('h3', null, t('vc.provisos')), h('ul', { class: 'vc-provisos' }, step.provisos.map((p) => h('li', null, ruleText(p))))] : null,
    ),
    actions,
    h(
      'section',
      { class: 'vc-rules', 'aria-labelledby': 'vc-rules-heading' },
      h('h2', { id: 'vc-rules-heading' }, t('vc.rules')),
      decisive.length > 0 ? h('ol', { class: 'vc-rule-list' }, decisive.map(firedRule)) : h('p', null, t('vc.rules.none')),
      idle.length > 0 ? h('details', { class: 'vc-idle' }, h('summary', null, t('vc.rules.idle', { count: idle.length })), h('ol', { class: 'vc-rule-list' }, idle.map(firedRule))) : null,
    ),
    h(
      'section',
      { class: 'vc-given', 'aria-labelledby': 'vc-given-heading' },
      h('h2', { id: 'vc-given-heading' }, t('vc.given')),
      check.answers.length > 0 ? answersList(check) : h('p', null, t('vc.given.none')),
    ),
  );
  return { content, heading };
}
