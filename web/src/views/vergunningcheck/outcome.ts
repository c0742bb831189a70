import { h, type Child } from '../../dom.js';
import { hasMessage, t } from '../../i18n/index.js';
import { ruleLine } from './text.js';

/** A FEEL string output arrives quoted ("\"Vergunningplicht\""); people read it without. */
export const unquote = (s: string): string => s.replace(/^"(.*)"$/s, '$1');

/** "Toestemmingsvrij" and friends, in words; an unknown code shows as written. */
export function verdictLabel(code: string): string {
  const key = `vc.verdict.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export function verdictMeaning(code: string): string | null {
  const key = `vc.verdict.${code}.help`;
  return hasMessage(key) ? t(key) : null;
}

/**
 * A JCI reference to Dutch law (jci1.3:c:BWBR0022830&artikel=3.71g&lid=1&citeertitel=...)
 * as its citation: "Activiteitenbesluit milieubeheer, artikel 3.71g, lid 1", linked to wetten.overheid.nl.
 */
export function lawCitation(ref: string): { text: string; href: string } | null {
  const m = /^jci1\.\d+:[a-z]:(BWBR\d+)(.*)$/i.exec(ref.trim());
  if (!m) return null;
  const params = new URLSearchParams(m[2]!.replace(/^&/, ''));
  const title = params.get('citeertitel') ?? m[1]!;
  const parts = [title];
  if (params.get('artikel')) parts.push(t('vc.law.article', { article: params.get('artikel')! }));
  if (params.get('lid')) parts.push(t('vc.law.member', { member: params.get('lid')! }));
  return { text: parts.join(', '), href: `https://wetten.overheid.nl/${encodeURI(ref.trim())}` };
}

/** A decision's name as people read it: "_Conclusie_dummy" as "Conclusie dummy", "ConclusieBoomKappen" as "Conclusie Boom Kappen". */
export const readableName = (name: string): string =>
  name
    .replace(/_+/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim() || name;

export interface MeasureView {
  id: string;
  text: string;
}

/**
 * Any outcome value in words: yes/no for booleans, verdict codes by their label, law
 * references as citations, measure ids as the measure, lists and records readably.
 */
export function outcomeView(value: unknown, measures: ReadonlyMap<string, MeasureView> = new Map()): Child {
  if (value === null || value === undefined || value === '') return h('span', { class: 'muted' }, t('vc.empty'));
  if (value === true) return t('vc.yes');
  if (value === false) return t('vc.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const s = unquote(value.trim());
    if (s === 'true' || s === 'false') return outcomeView(s === 'true');
    if (s === '') return outcomeView(null);
    // STTR's filler output for "this rule changes nothing".
    if (/^no hit$/i.test(s)) return t('vc.noHit');
    const law = lawCitation(s);
    if (law) return h('a', { href: law.href, rel: 'noopener' }, law.text);
    const measure = measures.get(s);
    if (measure) return ruleLine(measure.text || measure.id);
    return hasMessage(`vc.verdict.${s}`) ? verdictLabel(s) : ruleLine(s);
  }
  if (Array.isArray(value)) return h('ul', null, value.map((v) => h('li', null, outcomeView(v, measures))));
  return h(
    'dl',
    { class: 'vc-record' },
    Object.entries(value as Record<string, unknown>).map(([k, v]) => h('div', null, h('dt', null, ruleLine(k)), h('dd', null, outcomeView(v, measures)))),
  );
}
