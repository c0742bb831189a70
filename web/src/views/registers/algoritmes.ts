import './registers.css';
import { getJson } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { aiActView } from './ai-act.js';
import { mandateChains, organisations, orgName, selectFilter, withParam } from './common.js';
import type { Paged } from './types.js';

const BASE = '/algoritmes';
export const AI_ACT_PATH = 'ai-verordening';
const PAGE_SIZE = 20;
const CATEGORIES = ['Hoog-risico AI-systeem (Categorie A)', 'Impactvolle algoritmes (Categorie B)', 'Overige algoritmes (Categorie C)'] as const;
const STATUSES = ['In ontwikkeling', 'In gebruik', 'Buiten gebruik'] as const;

interface Algorithm {
  id: string;
  ownerId: string;
  mandateIds: string[];
  standard: Record<string, unknown>;
  missingFields: string[];
  aiAct?: { assessment: { outcome: string; publicationCategory?: string; provisional: boolean } };
}

/** Fields of publication standard 1.0 shown on the detail page, in this order, when filled in. */
const FIELDS = [
  'description_short', 'organization', 'status', 'publication_category', 'theme', 'start_date', 'purpose_and_impact', 'considerations', 'human_intervention',
  'risk_management', 'legal_basis', 'impact_assessments', 'data', 'technical_operation', 'supplier', 'source_data', 'methods_and_models', 'monitoring',
  'competent_authority', 'lawful_basis', 'objection_procedure', 'contact', 'website',
] as const;

const text = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : typeof v === 'string' || typeof v === 'number' ? String(v) : '');
/** The register is in Dutch: on the English page its texts are marked as Dutch. */
const nlAttrs = (): Record<string, string> => (document.documentElement.lang === 'nl' ? {} : { lang: 'nl' });

export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length === 1 && ctx.rest[0] === AI_ACT_PATH) return aiActView(ctx);
  if (ctx.rest.length === 1) return detail(ctx, ctx.rest[0]!);
  if (ctx.rest.length > 1) return notFoundView(BASE);
  const p = ctx.url.searchParams;
  const q = (p.get('q') ?? '').trim();
  const owner = p.get('owner') ?? '';
  const category = (CATEGORIES as readonly string[]).includes(p.get('category') ?? '') ? p.get('category')! : '';
  const status = (STATUSES as readonly string[]).includes(p.get('status') ?? '') ? p.get('status')! : '';
  const page = Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1);
  const orgs = await organisations(ctx.signal);
  const api = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (q) api.set('q', q);
  if (owner && orgs.some((o) => o.id === owner)) api.set('owner', owner);
  if (category) api.set('category', category);
  if (status) api.set('status', status);
  const result = await getJson<Paged<Algorithm>>(`/registers/algorithms?${api}`, ctx.signal);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const go = (name: string) => (value: string) => ctx.navigate(withParam(ctx.url, name, value));
  const count = t(result.total === 1 ? 'reg.alg.count.one' : 'reg.alg.count.other', { count: result.total });
  const qInput = h('input', { type: 'search', id: 'alg-q', name: 'q', value: q, autocomplete: 'off' });
  const title = t('reg.alg.title');
  return {
    title,
    announce: count,
    focusFallback: 'alg-count',
    content: h(
      'div',
      { class: 'registers algoritmes' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('reg.alg.intro')), h('p', null, h('a', { href: `${BASE}/${AI_ACT_PATH}`, class: 'cta' }, t('reg.ai.link')))),
      h(
        'form',
        { class: 'reg-filters', role: 'search', 'aria-label': t('reg.filter.label'), onsubmit: (e: Event) => { e.preventDefault(); go('q')(qInput.value.trim()); } },
        h('div', { class: 'filter filter-q' }, h('label', { for: 'alg-q' }, t('reg.alg.filter.q')), h('div', { class: 'search-row' }, qInput, h('button', { type: 'submit', class: 'button' }, t('reg.alg.search')))),
        selectFilter('owner', t('reg.alg.filter.owner'), api.get('owner') ?? '', orgs.map((o) => [o.id, o.name]), go('owner')),
        selectFilter('category', t('reg.alg.filter.category'), category, CATEGORIES.map((c) => [c, c]), go('category')),
        selectFilter('status', t('reg.alg.filter.status'), status, STATUSES.map((s) => [s, s]), go('status')),
      ),
      h('h2', { id: 'alg-count', tabindex: -1 }, count),
      result.items.length
        ? h(
            'ol',
            { class: 'result-list', start: (page - 1) * PAGE_SIZE + 1 },
            result.items.map((a) =>
              h(
                'li',
                { class: 'result' },
                h('h3', null, h('a', { href: `${BASE}/${encodeURIComponent(a.id)}`, ...nlAttrs() }, text(a.standard.name) || a.id)),
                h('p', { class: 'meta-line' }, `${orgName(orgs, a.ownerId)} · ${text(a.standard.status) || t('reg.unknown')} · ${text(a.standard.publication_category) || t('reg.alg.noCategory')}`),
                a.standard.description_short ? h('p', { class: 'summary', ...nlAttrs() }, text(a.standard.description_short)) : null,
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('reg.alg.none')),
      pages > 1
        ? h(
            'nav',
            { class: 'pager', 'aria-label': t('reg.pager.label') },
            h(
              'ul',
              null,
              h('li', null, page > 1 ? h('a', { href: withParam(ctx.url, 'page', String(page - 1)) }, t('reg.pager.prev')) : null),
              h('li', { class: 'pager-status' }, t('reg.pager.status', { page, pages })),
              h('li', null, page < pages ? h('a', { href: withParam(ctx.url, 'page', String(page + 1)) }, t('reg.pager.next')) : null),
            ),
          )
        : null,
    ),
  };
}

async function detail(ctx: RouteContext, id: string): Promise<View> {
  let a: Algorithm;
  try {
    a = await getJson<Algorithm>(`/registers/algorithms/${encodeURIComponent(id)}`, ctx.signal);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return notFoundView(BASE);
    throw error;
  }
  const orgs = await organisations(ctx.signal);
  const title = text(a.standard.name) || a.id;
  const rows = FIELDS.filter((f) => text(a.standard[f]));
  return {
    title,
    content: h(
      'article',
      { class: 'registers algoritme' },
      h('p', { class: 'back' }, h('a', { href: BASE }, t('reg.alg.back'))),
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1, ...nlAttrs() }, title), h('p', { class: 'meta-line' }, orgName(orgs, a.ownerId))),
      a.missingFields.length ? h('div', { class: 'notice notice-warning' }, h('p', null, t('reg.alg.missing', { fields: a.missingFields.join(', ') }))) : null,
      h('dl', { class: 'reg-facts' }, rows.map((f) => h('div', null, h('dt', null, h('span', { class: 'identifier' }, f)), h('dd', nlAttrs(), text(a.standard[f]))))),
      a.aiAct ? h('section', { 'aria-labelledby': 'ai-heading' }, h('h2', { id: 'ai-heading' }, t('reg.alg.aiAct')), h('p', null, `${a.aiAct.assessment.publicationCategory ?? a.aiAct.assessment.outcome}${a.aiAct.assessment.provisional ? ` (${t('reg.ai.provisional')})` : ''}`)) : null,
      h('section', { 'aria-labelledby': 'mandate-heading' }, h('h2', { id: 'mandate-heading' }, t('reg.alg.mandate')), await mandateChains(a.mandateIds)),
    ),
  };
}
