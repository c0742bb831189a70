/** Small DOM helpers: build elements without innerHTML, so server text can never become markup. */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((event: Event) => void)>;

/** Properties that must be set on the element, not as attributes, to reflect state after user input. */
const PROPERTIES = new Set(['value', 'checked', 'selected']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (PROPERTIES.has(name)) (el as unknown as Record<string, AttrValue>)[name] = value;
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Text only screen readers hear, e.g. to make repeated link texts distinct. */
export const srOnly = (text: string): HTMLSpanElement => h('span', { class: 'visually-hidden' }, text);

/** A fragment of text marked with its language when it differs from the page's (WCAG 3.1.2). */
export function inLang(text: string, lang: string, tag: 'span' | 'a' | 'p' = 'span', attrs: Attrs = {}): HTMLElement {
  return h(tag, { ...attrs, lang: langAttr(lang) }, text);
}

/** The `lang` attribute for content in `lang`: only set where it differs from the page's. */
export const langAttr = (lang: string): string | undefined => (lang === document.documentElement.lang ? undefined : lang);

/** A safe id from arbitrary text, for label/for pairs. */
export const idFrom = (...parts: string[]): string => parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('-');
