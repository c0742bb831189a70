import { h, type Child } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { outcomeView, readableName, unquote, verdictLabel, verdictMeaning, type MeasureView } from './outcome.js';
import { ruleLine, ruleText } from './text.js';
import type { PermitCheck, StepView } from './types.js';

type Conclusion = Extract<StepView, { kind: 'conclusion' }>;
type FiredRule = Conclusion['firedRules'][number];

/** Rules whose only output is the STTR filler "no hit" fired without effect. */
const isNoHit = (r: FiredRule): boolean => r.outputs.length > 0 && r.outputs.every((o) => /^no hit$/i.test(unquote(o)));

const measuresOf = (step: Conclusion): Map<string, MeasureView> => new Map(step.measures.map((m) => [m.id, m]));

function verdict(step: Conclusion): Child {
  const c = step.conclusion as unknown;
  if (typeof c === 'string') {
    const meaning = verdictMeaning(c);
    return [h('p', { class: 'vc-verdict', id: 'vc-verdict' }, verdictLabel(c)), meaning ? h('p', { class: 'vc-meaning' }, meaning) : null];
  }
  if (c === null || c === undefined) return [h('p', { class: 'vc-verdict vc-verdict-none', id: 'vc-verdict' }, t('vc.verdict.none')), h('p', null, t('vc.verdict.noneHelp'))];
  return [h('p', { class: 'vc-verdict', id: 'vc-verdict' }, t('vc.verdict.outcome')), outcomeView(Array.isArray(step.all) ? step.all : c, measuresOf(step))];
}

/** The measures the outcome names: what to do, why and how often. */
function measuresView(step: Conclusion): Child {
  if (step.measures.length === 0) return null;
  return [
    h('h3', null, t('vc.measures')),
    h(
      'ol',
      { class: 'vc-measures' },
      step.measures.map((m) =>
        h(
          'li',
          null,
          h('p', null, h('strong', null, ruleLine(m.text || m.id))),
          m.explanation ? h('div', { class: 'vc-rule-explanation' }, ruleText(m.explanation)) : null,
          m.frequency ? h('p', { class: 'muted' }, t('vc.measure.frequency'), ': ', ruleLine(m.frequency)) : null,
        ),
      ),
    ),
  ];
}

function firedRule(r: FiredRule, measures: ReadonlyMap<string, MeasureView>): HTMLElement {
  return h(
    'li',
    { class: 'vc-rule' },
    h('h3', null, ruleLine(readableName(r.decision)), ', ', t('vc.rule.index', { index: r.index })),
    r.explanation ? h('div', { class: 'vc-rule-explanation' }, ruleText(r.explanation)) : h('p', { class: 'muted' }, t('vc.rule.noExplanation')),
    r.outputs.length > 0 ? h('p', { class: 'muted vc-rule-outcome' }, t('vc.rule.outcome'), ': ', r.outputs.map((o, i) => [i > 0 ? ', ' : '', outcomeView(o, measures)])) : null,
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
    check.answers.map((a) => h('li', null, h('span', { class: 'vc-answer-q' }, a.question.trim() ? ruleLine(a.question) : t('vc.location.area')), ' ', h('strong', { class: 'vc-answer-a' }, answerText(a.value)))),
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
      measuresView(step),
      step.provisos.length > 0 ? [h('h3', null, t('vc.provisos')), h('ul', { class: 'vc-provisos' }, step.provisos.map((p) => h('li', null, ruleText(p))))] : null,
    ),
    actions,
    h(
      'section',
      { class: 'vc-rules', 'aria-labelledby': 'vc-rules-heading' },
      h('h2', { id: 'vc-rules-heading' }, t('vc.rules')),
      decisive.length > 0 ? h('ol', { class: 'vc-rule-list' }, decisive.map((r) => firedRule(r, measuresOf(step)))) : h('p', null, t('vc.rules.none')),
      idle.length > 0 ? h('details', { class: 'vc-idle' }, h('summary', null, t('vc.rules.idle', { count: idle.length })), h('ol', { class: 'vc-rule-list' }, idle.map((r) => firedRule(r, measuresOf(step))))) : null,
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
