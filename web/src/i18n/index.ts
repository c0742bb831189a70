import { en } from './en.js';
import { nl, type MessageKey, type Messages } from './nl.js';

export type { MessageKey } from './nl.js';
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Messages> = { nl, en };
const STORAGE_KEY = 'thorbecke.lang';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

let current: Language = 'nl';
const listeners = new Set<(lang: Language) => void>();

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** Reads the saved choice; Dutch unless the user picked English before. */
export function initLanguage(): Language {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policy); the default still works.
  }
  current = isLanguage(saved) ? saved : 'nl';
  document.documentElement.lang = current;
  return current;
}

export const language = (): Language => current;

export function setLanguage(lang: Language): void {
  if (lang === current) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted, but the switch still applies to this visit.
  }
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener: (lang: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = DICTIONARIES[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** Like t(), but placeholders may be DOM nodes, e.g. a name marked with its own `lang`. */
export function tNodes(key: MessageKey, vars: Record<string, string | number | Node>): Array<string | Node> {
  const parts = DICTIONARIES[current][key].split(/(\{\w+\})/);
  return parts
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      const value = name === undefined ? undefined : vars[name];
      if (value === undefined) return part;
      return typeof value === 'number' ? formatNumber(value) : value;
    })
    .filter((part) => part !== '');
}

/** Whether `key` is a message key; for labels built from codes the server sends. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(nl, key);

/** Label for a vocabulary code, e.g. vocabLabel('sector', 'water'); unknown codes show as themselves. */
export function vocabLabel(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/**
 * Picks the text for the current language from a `{nl, en?}` value. `lang` is the
 * language the text is really in, so the caller can mark a Dutch fallback on an
 * English page (WCAG 3.1.2, language of parts).
 */
export function localText(value: { nl: string; en?: string | undefined }): { text: string; lang: Language } {
  if (current === 'en' && value.en) return { text: value.en, lang: 'en' };
  return { text: value.nl, lang: 'nl' };
}

export const formatNumber = (n: number): string => new Intl.NumberFormat(LOCALES[current]).format(n);

/** Formats an ISO date (yyyy-mm-dd) or date-time as a long date, without shifting it by time zone. */
export function formatDate(iso: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALES[current], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
