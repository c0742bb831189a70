import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../page.js';

export function notFoundView(home: string): View {
  const title = t('notFound.title');
  return {
    title,
    content: h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', null, t('notFound.body')), h('p', null, h('a', { href: home }, t('notFound.home')))),
  };
}

/** Shown when a page could not load its data; the problem's detail helps, the retry button often fixes it. */
export function errorView(error: unknown, retry: () => void, home: string): View {
  const title = t('error.title');
  const detail = error instanceof ApiError ? error.problem.detail ?? error.problem.title : undefined;
  return {
    title,
    announce: title,
    content: h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, title),
      h('div', { class: 'notice notice-error', role: 'alert' }, h('p', null, t('error.body')), detail ? h('p', null, detail) : null),
      h('p', { class: 'actions' }, h('button', { type: 'button', class: 'button', onclick: retry }, t('error.retry')), ' ', h('a', { href: home }, t('notFound.home'))),
    ),
  };
}
