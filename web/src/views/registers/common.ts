import { getJson } from '../../api.js';
import { h } from '../../dom.js';
import { language, t, type MessageKey } from '../../i18n/index.js';

/** What the pages read of the governance API. */
export interface Mandate {
  id: string;
  title: string;
  kind: string;
  example?: boolean;
  link?: string;
}
export interface MandateLink {
  mandate: Mandate;
  body?: { name: string; elected: boolean; organisation?: { id: string; name: string } };
}
export interface Organisation {
  id: string;
  name: string;
}
export type TraceClass = 'a' | 'b' | 'c' | 'd';
export const TRACE_CLASSES: readonly TraceClass[] = ['a', 'b', 'c', 'd'];
export const CLASS_KEYS: Record<TraceClass, MessageKey> = { a: 'reg.class.a', b: 'reg.class.b', c: 'reg.class.c', d: 'reg.class.d' };

/** Text in both languages from the server: the current language, Dutch as fallback (marked). */
export function bilingual(text: { nl: string; en?: string } | undefined): HTMLElement {
  if (!text) return h('span', null, '');
  const lang = language();
  if (lang === 'en' && text.en) return h('span', null, text.en);
  return h('span', lang === 'nl' ? null : { lang: 'nl' }, text.nl);
}

const orgCache = new Map<string, Promise<Organisation[]>>();
/** Every organisation, once per visit: owner filters and names. */
export function organisations(signal?: AbortSignal): Promise<Organisation[]> {
  let p = orgCache.get('all');
  if (!p) {
    p = getJson<{ items: Organisation[] }>('/organisations?pageSize=200', signal).then((r) => r.items);
    p.catch(() => orgCache.delete('all'));
    orgCache.set('all', p);
  }
  return p;
}

export const orgName = (orgs: readonly Organisation[], id: string | null | undefined): string =>
  !id ? t('reg.owner.unknown') : orgs.find((o) => o.id === id)?.name ?? id;

const chainCache = new Map<string, Promise<MandateLink[] | null>>();
function chainOf(id: string): Promise<MandateLink[] | null> {
  let p = chainCache.get(id);
  if (!p) {
    p = getJson<Mandate & { chain: MandateLink[] }>(`/mandates/${encodeURIComponent(id)}`).then((m) => m.chain, () => null);
    chainCache.set(id, p);
  }
  return p;
}

/** The mandates an item rests on, each with its chain up to the elected decision (if any). */
export async function mandateChains(ids: readonly string[]): Promise<HTMLElement> {
  if (!ids.length) return h('p', { class: 'no-mandate' }, t('reg.mandate.none'));
  const chains = await Promise.all(ids.map(chainOf));
  return h(
    'ul',
    { class: 'chain-list' },
    ids.map((id, i) => {
      const chain = chains[i];
      if (!chain?.length) return h('li', null, t('reg.mandate.unknown', { id }));
      return h(
        'li',
        null,
        h(
          'ol',
          { class: 'mandate-chain', 'aria-label': t('reg.mandate.chainLabel', { title: chain[0]!.mandate.title }) },
          chain.map((link, depth) =>
            h(
              'li',
              null,
              depth > 0 ? h('span', { class: 'muted' }, `${t('reg.mandate.restsOn')} `) : null,
              link.mandate.link ? h('a', { href: link.mandate.link, rel: 'noopener' }, link.mandate.title) : h('strong', null, link.mandate.title),
              ` (${link.mandate.kind})`,
              link.mandate.example ? [' ', h('span', { class: 'badge badge-example' }, t('reg.example'))] : null,
              link.body ? h('span', { class: 'decided-by' }, ` — ${t('reg.mandate.decidedBy', { body: link.body.name })}${link.body.elected ? ` (${t('reg.mandate.elected')})` : ''}`) : null,
            ),
          ),
        ),
      );
    }),
  );
}

/** A labelled select that navigates on change; `id` stays stable so focus returns to it. */
export function selectFilter(id: string, label: string, value: string, options: Array<[string, string]>, onChange: (value: string) => void): HTMLElement {
  const select = h(
    'select',
    { id, name: id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    h('option', { value: '', selected: value === '' }, t('reg.filter.all')),
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return h('div', { class: 'filter' }, h('label', { for: id }, label), select);
}

/** The query string with one parameter changed (empty removes it) and the page reset. */
export function withParam(url: URL, name: string, value: string): string {
  const next = new URLSearchParams(url.searchParams);
  if (value) next.set(name, value);
  else next.delete(name);
  if (name !== 'page') next.delete('page');
  const qs = next.toString();
  return qs ? `${url.pathname}?${qs}` : url.pathname;
}

/** Every item of a register that matches `query`: registers hold hundreds, so at most 10 pages of 200 are read. */
export async function loadAll<T>(path: string, query: URLSearchParams, signal: AbortSignal): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; page <= 10; page++) {
    query.set('page', String(page));
    query.set('pageSize', '200');
    const r = await getJson<{ items: T[]; total: number }>(`${path}?${query}`, signal);
    items.push(...r.items);
    total = r.total;
    if (items.length >= total) break;
  }
  return { items, total };
}
