import { h } from '../../dom.js';
import { formatNumber, t } from '../../i18n/index.js';
import { CLASS_KEYS, TRACE_CLASSES, type TraceClass } from './common.js';
import { s } from './svg.js';

export type Totals = Record<TraceClass, number> & { total: number };

/** Fills per class: dark enough for 3:1 against white; the numbers and labels carry the meaning too. */
const FILL: Record<TraceClass, string> = { a: '#1d5e33', b: '#1a4f8b', c: '#8a5a00', d: '#8a1c24' };

/**
 * Horizontal bars, one per class, each a link to the class's items; the count is
 * written at the end of the bar and the same figures follow as a table.
 */
export function barChart(totals: Totals, hrefOf: (c: TraceClass) => string, current: TraceClass | null): HTMLElement {
  const max = Math.max(1, ...TRACE_CLASSES.map((c) => totals[c]));
  const rowH = 44;
  const labelW = 96;
  const width = 640;
  const barMax = width - labelW - 70;
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${rowH * 4 + 8}`, class: 'bar-chart', role: 'group', 'aria-labelledby': 'bars-title' },
    s('title', { id: 'bars-title' }, t('reg.trace.chartTitle')),
    ...TRACE_CLASSES.map((c, i) => {
      const w = Math.max(2, (totals[c] / max) * barMax);
      const y = i * rowH + 6;
      const link = s(
        'a',
        { href: hrefOf(c), class: `bar bar-${c}${current === c ? ' current' : ''}` },
        s('text', { x: 0, y: y + 24, class: 'bar-label' }, t('reg.trace.classShort', { class: c })),
        s('rect', { x: labelW, y, width: w, height: rowH - 14, fill: FILL[c], rx: 3 }),
        s('text', { x: labelW + w + 8, y: y + 21, class: 'bar-value', 'data-class': c }, formatNumber(totals[c])),
      );
      return link;
    }),
  );
  const table = h(
    'table',
    { class: 'trace-table' },
    h('caption', null, t('reg.trace.tableCaption')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('reg.trace.class')), h('th', { scope: 'col' }, t('reg.trace.meaning')), h('th', { scope: 'col', class: 'num' }, t('reg.trace.count')))),
    h(
      'tbody',
      null,
      TRACE_CLASSES.map((c) =>
        h('tr', null, h('th', { scope: 'row' }, h('a', { href: hrefOf(c), 'aria-current': current === c ? 'true' : false, 'data-class': c }, t('reg.trace.classShort', { class: c }))), h('td', null, t(CLASS_KEYS[c])), h('td', { class: 'num', 'data-total': c }, formatNumber(totals[c]))),
      ),
      h('tr', null, h('th', { scope: 'row' }, t('reg.trace.total')), h('td', null, ''), h('td', { class: 'num', 'data-total': 'total' }, formatNumber(totals.total))),
    ),
  );
  return h('div', { class: 'bars' }, h('div', { class: 'bar-figure' }, svg), table);
}
