import { ApiError } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';

/**
 * A readable error notice: what went wrong in the user's language, then the server's
 * own detail and the fields it names (those are in English, so marked as such).
 */
export function problemNotice(error: unknown, id?: string): HTMLElement {
  const problem = error instanceof ApiError ? error.problem : undefined;
  const status = error instanceof ApiError ? error.status : undefined;
  const headline =
    status === undefined ? t('rg.error.network') : status === 404 ? t('rg.error.notFound') : status >= 500 ? t('rg.error.server') : t('rg.error.request');
  const detail = problem?.detail ?? problem?.title;
  const params = problem?.invalidParams ?? [];
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert', id },
    h('p', null, h('strong', null, headline)),
    detail ? h('p', { lang: 'en' }, detail) : null,
    params.length > 0 ? h('ul', { lang: 'en' }, params.map((p) => h('li', null, `${p.name}: ${p.reason}`))) : null,
  );
}
