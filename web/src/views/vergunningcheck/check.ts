import { ApiError, getJson } from '../../api.js';
import { append, h } from '../../dom.js';
import { t, tNodes } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { postJson } from '../../api.js';
import { problemNotice } from '../regels/http.js';
import { loadActivities } from './activities.js';
import { answersList, conclusionView } from './conclusion.js';
import { failedView, outsideView } from './ended.js';
import { questionControls } from './question.js';
import { ruleLine } from './text.js';
import type { PermitCheck } from './types.js';

export const BASE = '/vergunningcheck';

/**
 * Starts a check for the same activity and answers all but the last question again: the
 * API keeps answers append-only, so "previous question" is a replay into a new check.
 */
async function replayWithoutLast(check: PermitCheck): Promise<PermitCheck> {
  let next = await postJson<PermitCheck>('/rules/checks', { activity: check.activityId, ...(check.location ? { location: check.location } : {}) });
  for (const a of check.answers.slice(0, -1)) {
    next = await postJson<PermitCheck>(`/rules/checks/${next.id}/answers`, { questionId: a.questionId, value: a.value });
  }
  return next;
}

function notFound(id: string): View {
  const title = t('vc.notFound.title');
  return {
    title,
    announce: title,
    content: h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', null, t('vc.notFound.body', { id })), h('p', null, h('a', { href: BASE }, t('vc.startOver')))),
  };
}

/** One permit check at `/vergunningcheck/<id>`: the open question, or the conclusion. Reloading resumes it. */
export async function renderCheck(ctx: RouteContext, id: string): Promise<View> {
  let check: PermitCheck;
  try {
    check = await getJson<PermitCheck>(`/rules/checks/${encodeURIComponent(id)}`, ctx.signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return notFound(id);
    throw error;
  }
  const activities = await loadActivities(ctx.signal).catch(() => null);
  const name = activities?.items.find((a) => a.id === check.activityId)?.name ?? check.activity;

  const body = h('div', { class: 'vc-body' });
  const feedback = h('div', { class: 'vc-feedback' });
  let busy = false;

  const restart = h('a', { href: BASE, class: 'vc-restart' }, t('vc.startOver'));
  const back = (): HTMLButtonElement =>
    h(
      'button',
      {
        type: 'button',
        class: 'button button-secondary',
        id: 'vc-back',
        onclick: async () => {
          if (busy) return;
          busy = true;
          feedback.replaceChildren(h('p', { class: 'muted' }, t('vc.busy')));
          try {
            const previous = await replayWithoutLast(check);
            ctx.navigate(`${BASE}/${previous.id}`, { replace: true });
          } catch (error) {
            feedback.replaceChildren(problemNotice(error));
          } finally {
            busy = false;
          }
        },
      },
      h('span', { 'aria-hidden': 'true' }, '← '),
      check.status !== 'open' ? t('vc.changeLast') : t('vc.previous'),
    );

  const draw = (focus: boolean): void => {
    feedback.replaceChildren();
    body.replaceChildren();
    const step = check.step;
    if (step.kind !== 'question') {
      const actions = h(
        'p',
        { class: 'actions vc-actions' },
        h('button', { type: 'button', class: 'button', id: 'vc-restart', onclick: () => ctx.navigate(BASE) }, t('vc.startOver')),
        check.answers.length > 0 ? back() : null,
      );
      const { content, heading } =
        step.kind === 'conclusion' ? conclusionView(check, step, actions) : step.kind === 'outside' ? outsideView(check, step, actions) : failedView(check, step, actions);
      body.replaceChildren(content);
      if (focus) heading.focus();
      return;
    }
    const q = questionControls(step.question);
    const n = check.answers.length + 1;
    const submit = async (event: Event): Promise<void> => {
      event.preventDefault();
      if (busy) return;
      const read = q.read();
      if (!read.ok) return q.showError(read.message);
      q.showError(null);
      busy = true;
      try {
        check = await postJson<PermitCheck>(`/rules/checks/${check.id}/answers`, { questionId: step.question.id, value: read.value });
        draw(true);
      } catch (error) {
        // Answered elsewhere meanwhile (another tab): show where the check really is.
        if (error instanceof ApiError && error.status === 409) {
          check = await getJson<PermitCheck>(`/rules/checks/${check.id}`);
          draw(true);
        } else feedback.replaceChildren(problemNotice(error));
      } finally {
        busy = false;
      }
    };
    append(body, [
      h(
        'p',
        { class: 'vc-progress', id: 'vc-progress' },
        h('strong', null, t('vc.progress', { n })),
        ' ',
        h('span', { class: 'muted' }, t('vc.progressHint')),
        step.question.group ? [h('br'), h('span', { class: 'muted' }, t('vc.group'), ': ', ruleLine(step.question.group))] : null,
      ),
      h(
        'form',
        { class: 'vc-form', id: 'vc-form', novalidate: true, 'aria-describedby': 'vc-progress', onsubmit: (e: Event) => void submit(e) },
        q.element,
        h('p', { class: 'actions vc-actions' }, check.answers.length > 0 ? back() : null, h('button', { type: 'submit', class: 'button', id: 'vc-next' }, t('vc.next'))),
      ),
      check.answers.length > 0 ? h('details', { class: 'vc-so-far' }, h('summary', null, t('vc.soFar', { count: check.answers.length })), answersList(check)) : null,
      h('p', null, restart),
    ]);
    if (focus) q.heading.focus();
  };

  draw(false);
  const title = `${t('vc.title')}: ${name}`;
  return {
    title,
    content: h(
      'div',
      { class: 'vergunningcheck' },
      h('p', { class: 'back' }, h('a', { href: BASE }, h('span', { 'aria-hidden': 'true' }, '← '), t('vc.otherActivity'))),
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, tNodes('vc.checkTitle', { activity: ruleLine(name) }))),
      feedback,
      body,
    ),
  };
}
