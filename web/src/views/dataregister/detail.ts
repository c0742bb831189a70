import { API_BASE, ApiError, getJson } from '../../api.js';
import { h, inLang, langAttr, srOnly, type Child } from '../../dom.js';
import { formatBytes, formatDate, formatNumber, localText, t, tNodes, vocabLabel, type MessageKey } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { formatLabel, licenseLabel, loadVocab, themeLabel } from './labels.js';
import { listHref, personalDataBadge } from './list.js';
import type { DatasetDetail, MandateEntry, OrgRef, Vocab } from './types.js';
import type { MandateLink } from '../../../../src/governance/index.js';

export async function renderDetail(ctx: RouteContext, id: string): Promise<View> {
  let dataset: DatasetDetail;
  let vocab: Vocab;
  try {
    [dataset, vocab] = await Promise.all([getJson<DatasetDetail>(`/catalog/datasets/${encodeURIComponent(id)}`, ctx.signal), loadVocab()]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return notFound(id);
    throw error;
  }
  const title = localText(dataset.title);
  const description = localText(dataset.description);
  return {
    title: title.text,
    content: h(
      'article',
      { class: 'dataset' },
      backLink(),
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1, lang: langAttr(title.lang) }, title.text), personalDataBadge(dataset.personalData)),
      inLang(description.text, description.lang, 'p', { class: 'description' }),
      h('div', { class: 'dataset-columns' }, metadata(dataset, vocab), h('div', null, mandates(dataset.mandates), distributions(dataset), linkedData(dataset.id))),
    ),
  };
}

function backLink(): HTMLElement {
  return h('p', { class: 'back' }, h('a', { href: listHref() }, h('span', { 'aria-hidden': 'true' }, '← '), t('dd.back')));
}

function notFound(id: string): View {
  const title = t('dd.notFound.title');
  return { title, announce: title, content: h('div', { class: 'page-head' }, backLink(), h('h1', { tabindex: -1 }, title), h('p', null, t('dd.notFound.body', { id }))) };
}

const unique = (values: string[]): string[] => [...new Set(values)];

function org(ref: OrgRef | undefined): Child {
  if (!ref) return null;
  return [ref.name, ' ', h('span', { class: 'muted' }, `(${vocabLabel('orgKind', ref.kind)})`)];
}

function metadata(d: DatasetDetail, vocab: Vocab): HTMLElement {
  const rows: Array<[MessageKey, Child]> = [
    ['dd.publisher', org(d.publisher)],
    ['dd.creator', d.creator && d.creator.id !== d.publisher.id ? org(d.creator) : null],
    ['dd.contactPoint', contact(d)],
    ['dd.themes', d.themes.length ? tags(d.themes.map((code) => themeLabel(vocab, code))) : null],
    // Keywords carry no language in DCAT-AP-NL here; the register's are Dutch.
    ['dd.keywords', d.keywords.length ? tags(d.keywords, 'nl') : null],
    ['dd.licenses', d.distributions.length ? unique(d.distributions.map((x) => licenseLabel(x.license))).join(', ') : null],
    ['dd.formats', d.distributions.length ? unique(d.distributions.map((x) => formatLabel(x.format))).join(', ') : null],
    ['dd.accessRights', vocabLabel('accessRights', d.accessRights)],
    ['dd.personalData', vocabLabel('personalData', d.personalData)],
    ['dd.legalBasis', d.legalBasis ?? null],
    ['dd.sectors', d.sectors.length ? d.sectors.map((s) => vocabLabel('sector', s)).join(', ') : null],
    ['dd.spatial', spatial(d)],
    ['dd.temporal', temporal(d)],
    ['dd.issued', d.issued ? formatDate(d.issued) : null],
    ['dd.modified', d.modified ? formatDate(d.modified) : null],
    ['dd.frequency', d.accrualPeriodicity ? vocabLabel('frequency', d.accrualPeriodicity) : null],
    ['dd.status', d.status ? vocabLabel('status', d.status) : null],
    ['dd.languages', d.languages.length ? d.languages.map((l) => vocabLabel('language', l)).join(', ') : null],
    ['dd.landingPage', d.landingPage ? h('a', { href: d.landingPage }, d.landingPage) : null],
    ['dd.identifier', h('span', { class: 'identifier' }, d.identifier)],
  ];
  return h(
    'section',
    { class: 'metadata', 'aria-labelledby': 'metadata-heading' },
    h('h2', { id: 'metadata-heading' }, t('dd.metadata')),
    h('dl', null, rows.filter(([, value]) => value !== null).map(([key, value]) => h('div', null, h('dt', null, t(key)), h('dd', null, value)))),
  );
}

const tags = (labels: string[], lang?: string): HTMLElement =>
  h('ul', { class: 'tags', lang: lang ? langAttr(lang) : undefined }, labels.map((label) => h('li', null, label)));

function contact(d: DatasetDetail): Child {
  const c = d.contactPoint;
  return [
    c.name,
    c.email ? [h('br'), h('a', { href: `mailto:${c.email}` }, c.email)] : null,
    c.url ? [h('br'), h('a', { href: c.url }, c.url)] : null,
  ];
}

function spatial(d: DatasetDetail): Child {
  if (!d.spatial) return null;
  const [w, s, e, n] = d.spatial.bbox;
  const deg = (x: number): string => formatNumber(Math.round(x * 10_000) / 10_000);
  return [d.spatial.name ? [d.spatial.name, h('br')] : null, h('span', { class: 'muted' }, t('dd.bbox', { w: deg(w), s: deg(s), e: deg(e), n: deg(n) }))];
}

function temporal(d: DatasetDetail): Child {
  const { start, end } = d.temporal ?? {};
  if (start && end) return t('dd.temporal.range', { start: formatDate(start), end: formatDate(end) });
  if (start) return t('dd.temporal.from', { start: formatDate(start) });
  if (end) return t('dd.temporal.until', { end: formatDate(end) });
  return null;
}

/** Democratic traceability: which decision this dataset rests on, who took it, and what that decision rests on in turn. */
function mandates(entries: MandateEntry[]): HTMLElement {
  return h(
    'section',
    { class: 'mandates', 'aria-labelledby': 'mandates-heading' },
    h('h2', { id: 'mandates-heading' }, t('dd.mandates')),
    entries.length === 0
      ? h('div', { class: 'notice notice-warning' }, h('p', null, h('strong', null, t('dd.mandates.none'))), h('p', null, t('dd.mandates.noneHint')))
      : [
          h('p', { class: 'muted' }, t('dd.mandates.intro')),
          h(
            'ul',
            { class: 'mandate-list' },
            entries.map((entry) => {
              const [self, ...basedOn] = entry.chain.length > 0 ? entry.chain : [{ mandate: entry.mandate }];
              return h(
                'li',
                null,
                h(
                  'article',
                  { class: 'mandate' },
                  h('h3', null, inLang(entry.mandate.title, 'nl'), entry.mandate.example ? [' ', exampleBadge()] : null),
                  mandateFacts(self ?? { mandate: entry.mandate }),
                  basedOn.length > 0
                    ? h('div', { class: 'chain' }, h('h4', null, t('dd.basedOn')), h('ol', null, basedOn.map((link) => h('li', null, h('p', { class: 'chain-title' }, inLang(link.mandate.title, 'nl'), link.mandate.example ? [' ', exampleBadge()] : null), mandateFacts(link)))))
                    : null,
                ),
              );
            }),
          ),
        ],
  );
}

function mandateFacts(link: MandateLink): HTMLElement {
  const { mandate } = link;
  const body = link.body ?? mandate.decidedBy;
  // Decisions and the bodies that take them are Dutch whatever the page language.
  const bodyName = body ? inLang(body.name, 'nl') : undefined;
  const decided = bodyName
    ? mandate.date
      ? tNodes('dd.decidedBy', { body: bodyName, date: formatDate(mandate.date) })
      : tNodes('dd.decidedByUndated', { body: bodyName })
    : t('dd.decidedUnknown');
  return h(
    'div',
    { class: 'mandate-facts' },
    h('p', { class: 'decided' }, decided, body?.elected ? [' ', h('span', { class: 'badge badge-elected' }, t('dd.elected'))] : null),
    h('p', null, h('span', { class: 'muted' }, `${t('dd.kind')}: `), vocabLabel('mandateKind', mandate.kind)),
    link.signatories?.length
      ? h('p', null, h('span', { class: 'muted' }, `${t('dd.signedBy')}: `), link.signatories.map((o) => inLang(o.name, 'nl')).join(', '))
      : null,
    mandate.link ? h('p', null, h('a', { href: mandate.link }, t('dd.decisionLink'), h('span', { class: 'visually-hidden' }, ': ', inLang(mandate.title, 'nl')))) : null,
  );
}

const exampleBadge = (): HTMLElement => h('span', { class: 'badge badge-example', title: t('dd.exampleHint') }, t('dd.example'), srOnly(` – ${t('dd.exampleHint')}`));

function distributions(d: DatasetDetail): HTMLElement {
  return h(
    'section',
    { class: 'distributions', 'aria-labelledby': 'distributions-heading' },
    h('h2', { id: 'distributions-heading' }, t('dd.distributions')),
    d.distributions.length === 0
      ? h('p', null, t('dd.dist.none'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            null,
            h('thead', null, h('tr', null, (['dd.dist.name', 'dd.dist.format', 'dd.dist.license', 'dd.dist.size', 'dd.dist.link'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
            h(
              'tbody',
              null,
              d.distributions.map((dist) => {
                const name = dist.title ? localText(dist.title) : undefined;
                const label = name?.text ?? formatLabel(dist.format);
                return h(
                  'tr',
                  null,
                  h('td', null, name ? inLang(name.text, name.lang) : formatLabel(dist.format)),
                  h('td', null, formatLabel(dist.format)),
                  h('td', null, licenseLabel(dist.license)),
                  h('td', null, dist.byteSize !== undefined ? formatBytes(dist.byteSize) : '—'),
                  h(
                    'td',
                    null,
                    h('a', { href: dist.downloadUrl ?? dist.accessUrl }, dist.downloadUrl ? t('dd.dist.download') : t('dd.dist.open'), srOnly(`: ${label} (${formatLabel(dist.format)})`)),
                  ),
                );
              }),
            ),
          ),
        ),
  );
}

function linkedData(id: string): HTMLElement {
  const href = (format: string): string => `${API_BASE}/catalog/datasets/${encodeURIComponent(id)}?format=${format}`;
  return h(
    'section',
    { class: 'linked-data', 'aria-labelledby': 'rdf-heading' },
    h('h2', { id: 'rdf-heading' }, t('dd.rdf')),
    h('p', null, t('dd.rdf.intro')),
    h(
      'ul',
      { class: 'inline-list' },
      h('li', null, h('a', { href: href('ttl'), type: 'text/turtle' }, t('dd.rdf.turtle'))),
      h('li', null, h('a', { href: href('jsonld'), type: 'application/ld+json' }, t('dd.rdf.jsonld'))),
    ),
  );
}
