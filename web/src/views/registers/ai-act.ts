import { getJson, postJson } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { bilingual } from './common.js';

type Answer = 'yes' | 'no' | 'unknown';
type Text = { nl: string; en: string };
interface Question {
  id: string;
  group: string;
  reference: string;
  text: Text;
  help?: Text;
  options: Array<{ value: Answer; label: Text }>;
  askIf?: { questionId: string; answer: Answer };
}
interface Reason {
  questionId: string;
  reference: string;
  text: Text;
}
interface Assessment {
  outcome: string;
  publicationCategory?: string;
  provisional: boolean;
  reasons: Reason[];
  obligations: Reason[];
  openQuestions: string[];
}

/** Whether a question is asked, given the answers so far; "annex-iii" means any Annex III area answered yes. */
function applies(q: Question, answers: Record<string, Answer>, all: readonly Question[]): boolean {
  if (!q.askIf) return true;
  if (q.askIf.questionId === 'annex-iii') return all.some((x) => x.reference.startsWith('annex III') && answers[x.id] === 'yes');
  return answers[q.askIf.questionId] === q.askIf.answer;
}

async function postAssess(answers: Record<string, Answer>): Promise<Assessment> {
  return postJson<Assessment>('/registers/ai-act/assess', { answers });
}

/**
 * The EU AI Act helper as a step-by-step form: one question per step (follow-up
 * questions only when they apply), then the proposed category with its reasons.
 * Steps are drawn in place; focus goes to each step's heading.
 */
export async function aiActView(ctx: RouteContext): Promise<View> {
  const data = await getJson<{ questions: Question[]; outcomes: Record<string, Text> }>('/registers/ai-act/questionnaire', ctx.signal);
  const answers: Record<string, Answer> = {};
  const stage = h('div', { class: 'ai-stage' });
  let index = 0;
  const asked = (): Question[] => data.questions.filter((q) => applies(q, answers, data.questions));

  const focusHeading = (): void => stage.querySelector<HTMLElement>('h2')?.focus();

  const showStep = (focus: boolean): void => {
    const list = asked();
    const q = list[index]!;
    const name = `answer-${q.id}`;
    const form = h(
      'form',
      {
        class: 'ai-step',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const chosen = (form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? 'unknown') as Answer;
          answers[q.id] = chosen;
          // Answers to follow-ups that no longer apply are dropped, so they do not count.
          for (const x of data.questions) if (!applies(x, answers, data.questions)) delete answers[x.id];
          const next = asked();
          if (index + 1 < next.length) {
            index++;
            showStep(true);
          } else void showResult();
        },
      },
      h('h2', { id: 'ai-step-heading', tabindex: -1 }, t('reg.ai.step', { n: index + 1, total: list.length })),
      h(
        'fieldset',
        { class: 'ai-question', 'aria-describedby': q.help ? 'ai-help ai-ref' : 'ai-ref' },
        h('legend', null, bilingual(q.text)),
        h('p', { class: 'hint', id: 'ai-ref' }, `${t('reg.ai.reference')}: ${q.reference}`),
        q.help ? h('p', { class: 'hint', id: 'ai-help' }, bilingual(q.help)) : null,
        h(
          'ul',
          { class: 'ai-options' },
          q.options.map((o) => {
            const id = `${name}-${o.value}`;
            return h('li', null, h('input', { type: 'radio', id, name, value: o.value, checked: (answers[q.id] ?? '') === o.value }), h('label', { for: id }, bilingual(o.label)));
          }),
        ),
      ),
      h(
        'p',
        { class: 'actions' },
        index > 0 ? h('button', { type: 'button', class: 'button button-secondary', id: 'ai-prev', onclick: () => { index--; showStep(true); } }, t('reg.ai.prev')) : null,
        h('button', { type: 'submit', class: 'button', id: 'ai-next' }, index + 1 < list.length ? t('reg.ai.next') : t('reg.ai.finish')),
      ),
    );
    stage.replaceChildren(form);
    if (focus) focusHeading();
  };

  const showResult = async (): Promise<void> => {
    const result = await postAssess(answers);
    const outcome = data.outcomes[result.outcome];
    const reasons = (title: string, list: Reason[]) => (list.length ? [h('h3', null, title), h('ul', { class: 'ai-reasons' }, list.map((r) => h('li', null, bilingual(r.text), h('span', { class: 'muted' }, ` (${r.reference})`))))] : []);
    const byId = new Map(data.questions.map((q) => [q.id, q]));
    stage.replaceChildren(
      h(
        'section',
        { class: 'ai-result', 'aria-labelledby': 'ai-result-heading' },
        h('h2', { id: 'ai-result-heading', tabindex: -1 }, t('reg.ai.resultHeading')),
        h('p', { class: `ai-outcome outcome-${result.outcome}`, id: 'ai-outcome' }, h('strong', null, `${t('reg.ai.proposed')}: `), outcome ? bilingual(outcome) : result.outcome),
        result.publicationCategory ? h('p', null, `${t('reg.ai.category')}: `, h('span', { lang: 'nl' }, result.publicationCategory)) : null,
        result.provisional ? h('div', { class: 'notice notice-warning' }, h('p', null, t('reg.ai.provisionalNote'))) : null,
        ...reasons(t('reg.ai.reasons'), result.reasons),
        ...reasons(t('reg.ai.obligations'), result.obligations),
        result.openQuestions.length ? [h('h3', null, t('reg.ai.open')), h('ul', null, result.openQuestions.map((id) => h('li', null, byId.get(id) ? bilingual(byId.get(id)!.text) : id)))] : null,
        h('p', { class: 'actions' }, h('button', { type: 'button', class: 'button', id: 'ai-restart', onclick: () => { for (const k of Object.keys(answers)) delete answers[k]; index = 0; showStep(true); } }, t('reg.ai.restart')), h('a', { href: '/algoritmes' }, t('reg.alg.back'))),
      ),
    );
    focusHeading();
  };

  showStep(false);
  const title = t('reg.ai.title');
  return {
    title,
    content: h(
      'div',
      { class: 'registers ai-act' },
      h('p', { class: 'back' }, h('a', { href: '/algoritmes' }, t('reg.alg.back'))),
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('reg.ai.intro'))),
      stage,
    ),
  };
}
