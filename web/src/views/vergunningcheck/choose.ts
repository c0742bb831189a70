import { h, type Child } from '../../dom.js';
import { formatDate, t } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { postJson } from '../../api.js';
import { problemNotice } from '../regels/http.js';
import { loadActivities } from './activities.js';
import { BASE } from './check.js';
import { ruleLine } from './text.js';
import type { ActivityView, PermitCheck } from './types.js';

/** Where an imported activity's rules come from: who imported them and when. */
function origin(a: ActivityView): Child {
  if (a.source !== 'imported' || !a.importedAt || !a.importedBy) return null;
  const who = a.importedBy.kind === 'admin' ? t('vc.importedByAdmin') : a.importedBy.organisationId;
  return [' ', h('span', { class: 'vc-origin' }, t('vc.imported', { who, date: formatDate(a.importedAt) }))];
}

/** `/vergunningcheck`: pick an activity and start a check; the check's own page takes it from there. */
export async function renderChoose(ctx: RouteContext): Promise<View> {
  const { items, broken } = await loadActivities(ctx.signal, true);
  const title = t('vc.title');
  const feedback = h('div', { class: 'vc-feedback', id: 'vc-start-feedback' });
  const error = h('p', { class: 'vc-error', id: 'vc-activity-error', hidden: true });
  const button = h('button', { type: 'submit', class: 'button', id: 'vc-start' }, t('vc.start'));

  const start = async (event: Event): Promise<void> => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name=activity]:checked');
    error.hidden = chosen !== null;
    error.textContent = chosen ? '' : t('vc.error.activity');
    if (!chosen) return form.querySelector<HTMLInputElement>('input[name=activity]')?.focus();
    button.disabled = true;
    feedback.replaceChildren(h('p', { class: 'muted' }, t('vc.busy')));
    try {
      const check = await postJson<PermitCheck>('/rules/checks', { activity: chosen.value });
      ctx.navigate(`${BASE}/${check.id}`);
    } catch (e) {
      feedback.replaceChildren(problemNotice(e));
      button.disabled = false;
    }
  };

  const form = h(
    'form',
    { class: 'vc-form', id: 'vc-start-form', novalidate: true, onsubmit: (e: Event) => void start(e) },
    h(
      'fieldset',
      { class: 'vc-question', 'aria-describedby': 'vc-activity-error' },
      h('legend', null, h('h2', { class: 'vc-question-text' }, t('vc.chooseActivity'))),
      error,
      h(
        'div',
        { class: 'vc-choices' },
        items.map((a, i) =>
          h(
            'div',
            { class: 'vc-choice' },
            h('input', { type: 'radio', name: 'activity', id: `vc-activity-${i}`, value: a.id, 'aria-describedby': `vc-activity-${i}-hint` }),
            h('label', { for: `vc-activity-${i}` }, ruleLine(a.name)),
            h('p', { class: 'hint vc-choice-hint', id: `vc-activity-${i}-hint` }, t('vc.questionCount', { count: a.questions }), origin(a)),
          ),
        ),
      ),
    ),
    h('p', { class: 'actions' }, button),
    feedback,
  );

  return {
    title,
    content: h(
      'div',
      { class: 'vergunningcheck' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('vc.intro'))),
      items.length > 0 ? form : h('p', { class: 'notice notice-warning' }, t('vc.noActivities')),
      broken.length > 0
        ? h(
            'div',
            { class: 'notice notice-warning' },
            h('p', null, h('strong', null, t('vc.broken'))),
            h('ul', null, broken.map((b) => h('li', null, h('span', { class: 'identifier' }, b.file), ': ', h('span', { lang: 'en' }, b.error)))),
          )
        : null,
    ),
  };
}
