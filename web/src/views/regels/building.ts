import { h, type Child } from '../../dom.js';
import { formatNumber, t, tNodes } from '../../i18n/index.js';
import { squareAround } from './geo.js';
import { dutch, positionText } from './format.js';
import { postJson } from '../../api.js';
import { problemNotice } from './http.js';
import type { BuildingCheck, Conflict, LonLat } from './types.js';

/** Functions the server knows per hoofdgroep (src/rules/check/building.ts); the value goes to the API as is. */
export const FUNCTIONS = ['wonen', 'kantoor', 'bedrijf', 'detailhandel', 'horeca', 'dienstverlening', 'maatschappelijk', 'cultuur', 'ontspanning', 'sport', 'recreatie', 'agrarisch'] as const;

export interface BuildingForm {
  element: HTMLElement;
  /** The point the footprint is centred on changed (a click, or the map centre inspected). */
  setPoint(point: LonLat | null): void;
}

/** "12,5" and "12.5" both mean twelve and a half: Dutch users type a comma. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function conflictText(c: Conflict): Child {
  const rule = c.rule.name ?? c.rule.objectId;
  switch (c.kind) {
    case 'too-high':
      return [
        h('strong', null, t('rg.conflict.tooHigh')),
        ' ',
        t('rg.conflict.tooHighBody', { actual: formatNumber(c.actual ?? 0), maximum: formatNumber(c.maximum ?? 0) }),
        c.rule.norm ? [' (', dutch(c.rule.norm.text), ')'] : null,
      ];
    case 'outside-bouwvlak':
      return [h('strong', null, t('rg.conflict.outside')), ' ', t('rg.conflict.outsideBody', { area: formatNumber(c.areaM2 ?? 0) })];
    case 'function-not-allowed': {
      const allowed = c.rule.allowed ?? [];
      return [
        h('strong', null, t('rg.conflict.function')),
        ' ',
        t('rg.conflict.functionBody'),
        ' ',
        dutch(rule),
        '.',
        ' ',
        allowed.length > 0 ? t('rg.conflict.allowed', { functions: allowed.map(functionLabel).join(', ') }) : t('rg.conflict.noneAllowed'),
      ];
    }
  }
}

/**
 * The server writes its notes in English; the two it makes are said in the page's
 * language, anything else is shown as sent and marked English.
 */
function noteText(note: string, check: BuildingCheck): Child {
  const dubbel = /^dubbelbestemming '(.+)' of '(.+)' also applies/.exec(note);
  if (dubbel) return tNodes('rg.note.dubbel', { name: dutch(dubbel[1]!), plan: dutch(dubbel[2]!) });
  if (/outside every imported plan/.test(note)) return t('rg.note.uncovered', { area: formatNumber(check.uncoveredAreaM2) });
  return h('span', { lang: 'en' }, note);
}

const functionLabel = (code: string): string => (FUNCTIONS.includes(code as (typeof FUNCTIONS)[number]) ? t(`rg.fn.${code as (typeof FUNCTIONS)[number]}`) : code);

function resultView(check: BuildingCheck): HTMLElement {
  const n = check.conflicts.length;
  return h(
    'div',
    { class: 'rg-check-result' },
    h('p', { class: n === 0 ? 'rg-verdict rg-verdict-ok' : 'rg-verdict rg-verdict-conflict' }, n === 0 ? t('rg.check.none') : n === 1 ? t('rg.check.one') : t('rg.check.many', { count: n })),
    n > 0
      ? h(
          'ul',
          { class: 'rg-conflicts' },
          check.conflicts.map((c) => h('li', { 'data-kind': c.kind }, h('p', null, conflictText(c)), h('p', { class: 'muted' }, t('rg.conflict.plan'), ': ', dutch(c.plan.name), ' (', h('span', { class: 'identifier' }, c.plan.id), ')'))),
        )
      : null,
    check.plans.length === 0 ? h('p', null, t('rg.check.noPlan')) : null,
    h('p', { class: 'muted' }, t('rg.check.area', { area: formatNumber(check.footprintAreaM2) })),
    check.notes.length > 0 ? h('div', null, h('p', null, t('rg.check.notes')), h('ul', null, check.notes.map((note) => h('li', null, noteText(note, check))))) : null,
  );
}

interface Field {
  input: HTMLInputElement;
  error: HTMLElement;
}

function numberField(id: string, label: string, hint: string, value: string): { row: HTMLElement } & Field {
  const error = h('p', { class: 'rg-field-error', id: `${id}-error`, hidden: true });
  const input = h('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value, 'aria-describedby': `${id}-hint ${id}-error`, class: 'rg-input' });
  const row = h('div', { class: 'rg-field' }, h('label', { for: id }, label), h('p', { class: 'hint', id: `${id}-hint` }, hint), input, error);
  return { row, input, error };
}

function setError(field: Field, message: string | null): void {
  field.error.hidden = message === null;
  field.error.textContent = message ?? '';
  if (message === null) field.input.removeAttribute('aria-invalid');
  else field.input.setAttribute('aria-invalid', 'true');
}

/**
 * "Check a planned building": height, function and width of a square footprint around
 * the last point the user chose. The footprint is drawn on the map; the answer is read out.
 */
export function buildingForm(getPoint: () => LonLat | null, showFootprint: (ring: LonLat[] | null) => void): BuildingForm {
  let point: LonLat | null = null;
  const pointText = h('p', { class: 'rg-point', id: 'building-point' });
  const height = numberField('bld-height', t('rg.check.height'), t('rg.check.heightHint'), '');
  const width = numberField('bld-width', t('rg.check.width'), t('rg.check.widthHint'), '10');
  const fn = h(
    'select',
    { id: 'bld-function', name: 'function', 'aria-describedby': 'bld-function-hint' },
    h('option', { value: '' }, t('rg.fn.none')),
    FUNCTIONS.map((code) => h('option', { value: code }, t(`rg.fn.${code}`))),
  );
  const result = h('div', { id: 'building-result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, t('rg.check.submit'));

  const showPoint = (): void => {
    pointText.textContent = point ? t('rg.check.point', { position: positionText(point) }) : t('rg.check.noPoint');
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const at = getPoint();
    const h1 = parseDecimal(height.input.value);
    const w = parseDecimal(width.input.value);
    setError(height, h1 === null || h1 <= 0 || h1 > 1000 ? t('rg.check.heightError') : null);
    setError(width, w === null || w < 1 || w > 500 ? t('rg.check.widthError') : null);
    if (h1 === null || h1 <= 0 || h1 > 1000) return height.input.focus();
    if (w === null || w < 1 || w > 500) return width.input.focus();
    if (!at) {
      result.replaceChildren(h('p', { class: 'notice notice-warning' }, t('rg.check.noPoint')));
      return;
    }
    const ring = squareAround(at, w);
    showFootprint(ring);
    button.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, t('rg.check.busy')));
    try {
      const check = await postJson<BuildingCheck>('/rules/check-building', {
        footprint: { type: 'Polygon', coordinates: [ring] },
        height: h1,
        ...(fn.value ? { function: fn.value } : {}),
      });
      result.replaceChildren(resultView(check));
    } catch (error) {
      result.replaceChildren(problemNotice(error));
    } finally {
      button.disabled = false;
    }
  };

  const element = h(
    'form',
    { class: 'rg-building', id: 'building-form', 'aria-labelledby': 'building-heading', novalidate: true, onsubmit: (e: Event) => void submit(e) },
    h('h2', { id: 'building-heading' }, t('rg.check.title')),
    h('p', null, t('rg.check.intro')),
    pointText,
    h('div', { class: 'rg-fields' }, height.row, width.row, h('div', { class: 'rg-field' }, h('label', { for: 'bld-function' }, t('rg.check.function')), h('p', { class: 'hint', id: 'bld-function-hint' }, t('rg.check.functionHint')), fn)),
    h('p', { class: 'actions' }, button),
    result,
  );
  showPoint();
  return {
    element,
    setPoint(next) {
      point = next;
      showPoint();
    },
  };
}

