import { h } from '../../dom.js';
import { formatNumber, language, t } from '../../i18n/index.js';
import type { Point } from './types.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 34 };

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export const formatTime = (ms: number): string =>
  new Intl.DateTimeFormat(language() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(ms));

/**
 * A line chart of one series, drawn as SVG: axes with the range, start and end time, and
 * a line through the points. `yMax` fixes the top (a facility's capacity) when known.
 */
export function lineChart(points: Point[], label: string, unit: string, yMax?: number): SVGElement {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'live-chart', 'aria-label': label });
  if (points.length === 0) return root;
  const t0 = points[0]!.time;
  const t1 = Math.max(points[points.length - 1]!.time, t0 + 1);
  const top = Math.max(yMax ?? 0, ...points.map((p) => p.value), 1);
  const x = (time: number): number => PAD.left + ((time - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  root.append(
    svg('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: 'axis' }),
    svg('line', { x1: PAD.left, y1: y(top), x2: PAD.left, y2: y(0), class: 'axis' }),
    svg('line', { x1: PAD.left, y1: y(top), x2: W - PAD.right, y2: y(top), class: 'grid' }),
    svg('text', { x: PAD.left - 6, y: y(0), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, '0'),
    svg('text', { x: PAD.left - 6, y: y(top), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, `${formatNumber(top)}`),
    svg('text', { x: PAD.left, y: H - 10, 'text-anchor': 'start' }, formatTime(t0)),
    svg('text', { x: W - PAD.right, y: H - 10, 'text-anchor': 'end' }, formatTime(t1)),
    svg('text', { x: PAD.left + 4, y: PAD.top + 12, 'text-anchor': 'start', class: 'unit' }, unit),
  );
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  root.append(svg('path', { d, class: 'line' }));
  return root;
}

/** The same series as a table, for those who cannot see the chart. */
export function seriesTable(points: Point[], caption: string, valueHeading: string): HTMLElement {
  return h(
    'details',
    { class: 'live-table' },
    h('summary', null, t('live.chart.table')),
    h(
      'table',
      null,
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('live.chart.time')), h('th', { scope: 'col' }, valueHeading))),
      h('tbody', null, [...points].reverse().map((p) => h('tr', null, h('td', null, formatTime(p.time)), h('td', { class: 'num' }, formatNumber(p.value))))),
    ),
  );
}
