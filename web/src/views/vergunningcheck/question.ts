import { h, type Child } from '../../dom.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { ruleLine, ruleText } from './text.js';
import type { QuestionView } from './types.js';

export type Read = { ok: true; value: boolean | number | string | string[] } | { ok: false; message: string };

export interface QuestionControls {
  /** The fieldset with the question as its legend, the explanation and the inputs. */
  element: HTMLElement;
  /** The question heading, to move focus to when the question appears. */
  heading: HTMLElement;
  read(): Read;
  showError(message: string | null): void;
}

/** A unit written after the question, e.g. "(in cm)" in "Wat is de hoogte ... (in cm)?". */
export function unitOf(text: string): string | null {
  const m = /\((?:in\s+)?([^()\d]{1,15})\)\s*\??\s*$/i.exec(text.trim());
  return m ? m[1]!.trim() : null;
}

/** "4,5" or "4.5"; Dutch users type a comma. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const ERROR_ID = 'vc-error';
const HINT_ID = 'vc-explanation';

function choice(type: 'radio' | 'checkbox', value: string, label: Child, index: number, hint: string | null): HTMLElement {
  const id = `vc-opt-${index}`;
  const hintId = hint ? `${id}-hint` : undefined;
  return h(
    'div',
    { class: 'vc-choice' },
    h('input', { type, id, name: 'answer', value, 'aria-describedby': hintId }),
    h('label', { for: id }, label),
    hint ? h('div', { class: 'hint vc-choice-hint', id: hintId }, ruleText(hint)) : null,
  );
}

const LOCATION_OPTION: Record<string, MessageKey> = { ja: 'vc.location.ja', nee: 'vc.location.nee', deels: 'vc.location.deels' };

/** A location question's text; files may leave it out, then it says what it asks in words. */
const questionText = (q: QuestionView): Child => (q.text.trim() || !q.location ? ruleLine(q.text) : t('vc.location.area'));

/** An option's label: a location question's ja / nee / deels in words, any other as the file writes it. */
const optionLabel = (q: QuestionView, text: string): Child => {
  const key = q.location ? LOCATION_OPTION[text] : undefined;
  return key ? t(key) : ruleLine(text);
};

/** The right control for the question's data type, with its explanation under the question. */
export function questionControls(q: QuestionView): QuestionControls {
  const heading = h('h2', { id: 'vc-question-text', class: 'vc-question-text', tabindex: -1 }, questionText(q));
  const error = h('p', { class: 'vc-error', id: ERROR_ID, hidden: true });
  const more = q.longExplanation ? h('details', { class: 'vc-more' }, h('summary', null, t('vc.moreExplanation')), ruleText(q.longExplanation)) : null;
  const explanation = q.explanation || more ? h('div', { class: 'hint vc-explanation', id: HINT_ID }, q.explanation ? ruleText(q.explanation) : null, more) : null;
  const checked = (root: HTMLElement): HTMLInputElement[] => [...root.querySelectorAll<HTMLInputElement>('input[name=answer]:checked')];
  let inputs: HTMLElement;
  let read: () => Read;

  if (q.type === 'boolean') {
    inputs = h('div', { class: 'vc-choices' }, choice('radio', 'true', t('vc.yes'), 0, null), choice('radio', 'false', t('vc.no'), 1, null));
    read = () => {
      const [box] = checked(inputs);
      return box ? { ok: true, value: box.value === 'true' } : { ok: false, message: t('vc.error.choose') };
    };
  } else if (q.type === 'list') {
    const type = q.multiple ? 'checkbox' : 'radio';
    inputs = h('div', { class: 'vc-choices' }, q.options.map((o, i) => choice(type, o.text, optionLabel(q, o.text), i, o.explanation)));
    read = () => {
      const values = checked(inputs).map((box) => box.value);
      if (values.length === 0) return { ok: false, message: q.multiple ? t('vc.error.chooseSome') : t('vc.error.choose') };
      return { ok: true, value: q.multiple ? values : values[0]! };
    };
  } else {
    const unit = q.type === 'number' ? unitOf(q.text) : null;
    const describedBy = [explanation ? HINT_ID : null, ERROR_ID].filter(Boolean).join(' ');
    const field =
      q.type === 'string'
        ? h('textarea', { id: 'vc-input', name: 'answer', rows: 3, 'aria-describedby': describedBy })
        : h('input', {
            id: 'vc-input',
            name: 'answer',
            type: q.type === 'date' ? 'date' : 'text',
            inputmode: q.type === 'number' ? 'decimal' : undefined,
            autocomplete: 'off',
            'aria-describedby': describedBy,
          });
    const label = unit ? t('vc.answerIn', { unit }) : q.type === 'date' ? t('vc.answerDate') : t('vc.answer');
    inputs = h('div', { class: 'vc-field' }, h('label', { for: 'vc-input' }, label), h('div', { class: 'vc-input-row' }, field, unit ? h('span', { class: 'vc-unit', 'aria-hidden': 'true' }, unit) : null));
    read = () => {
      const raw = field.value.trim();
      if (raw === '') return { ok: false, message: t('vc.error.empty') };
      if (q.type === 'number') {
        const n = parseNumber(raw);
        return n === null ? { ok: false, message: t('vc.error.number') } : { ok: true, value: n };
      }
      return { ok: true, value: raw };
    };
  }

  const element = h(
    'fieldset',
    { class: 'vc-question', 'aria-describedby': explanation ? `${HINT_ID} ${ERROR_ID}` : ERROR_ID },
    h('legend', null, heading),
    explanation,
    error,
    inputs,
  );
  return {
    element,
    heading,
    read,
    showError(message) {
      error.hidden = message === null;
      error.textContent = message ?? '';
      const first = element.querySelector<HTMLElement>('input, textarea');
      for (const el of element.querySelectorAll('input, textarea')) {
        if (message === null) el.removeAttribute('aria-invalid');
        else el.setAttribute('aria-invalid', 'true');
      }
      if (message !== null) first?.focus();
    },
  };
}
