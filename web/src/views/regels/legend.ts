import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { hoofdgroepLabel } from './format.js';
import { HOOFDGROEP_COLOURS, LINES, UNKNOWN_HOOFDGROEP_COLOUR, type LineKind } from './style.js';
import type { PlanFeature } from './types.js';

const LINE_ORDER: LineKind[] = ['plangebied', 'bouwvlak', 'dubbelbestemming', 'functieaanduiding', 'bouwaanduiding', 'gebiedsaanduiding'];

function lineSwatch(kind: LineKind): HTMLElement {
  const s = LINES[kind];
  const style = s.dash === null ? 'solid' : s.dash[0] <= 1 ? 'dotted' : 'dashed';
  return h('span', { class: 'rg-swatch rg-swatch-line', 'aria-hidden': 'true', style: `border-top: ${Math.max(2, s.width)}px ${style} ${s.colour}` });
}

/**
 * What the colours and lines mean, in words: only what is on the map. The map itself
 * carries no text (no fonts are loaded), so this is where layers get their names.
 */
export function legend(features: readonly PlanFeature[]): HTMLElement {
  const groups = [...new Set(features.filter((f) => f.properties.kind === 'enkelbestemming').map((f) => (f.properties.hoofdgroep ?? '').toLowerCase()))].sort();
  const kinds = new Set(features.map((f) => f.properties.kind));
  const lines = LINE_ORDER.filter((k) => kinds.has(k));
  return h(
    'section',
    { class: 'rg-legend', 'aria-labelledby': 'legend-heading' },
    h('h2', { id: 'legend-heading' }, t('rg.legend.title')),
    features.length === 0
      ? h('p', { class: 'muted' }, t('rg.legend.empty'))
      : [
          groups.length > 0
            ? [
                h('h3', null, t('rg.legend.bestemmingen')),
                h(
                  'ul',
                  { class: 'rg-legend-list' },
                  groups.map((g) =>
                    h('li', null, h('span', { class: 'rg-swatch', 'aria-hidden': 'true', style: `background: ${HOOFDGROEP_COLOURS[g] ?? UNKNOWN_HOOFDGROEP_COLOUR}` }), hoofdgroepLabel(g || null)),
                  ),
                ),
              ]
            : null,
          lines.length > 0 ? [h('h3', null, t('rg.legend.lines')), h('ul', { class: 'rg-legend-list' }, lines.map((k) => h('li', null, lineSwatch(k), t(LINES[k].label))))] : null,
          h('p', { class: 'hint' }, h('span', { class: 'rg-swatch rg-swatch-point', 'aria-hidden': 'true' }), t('rg.legend.point')),
        ],
  );
}
