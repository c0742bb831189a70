import { h, srOnly } from './dom.js';
import { language, LANGUAGES, onLanguageChange, setLanguage, t, type Language } from './i18n/index.js';
import type { PageEntry } from './page.js';

export interface Shell {
  outlet: HTMLElement;
  announce(message: string): void;
  setCurrent(page: PageEntry | undefined): void;
}

/**
 * The frame around every page: skip link, header with the brand, the language switch and
 * the menu (folded behind a button on narrow screens), the main landmark pages render
 * into, a footer and one polite live region.
 */
export function mountShell(root: HTMLElement, pages: readonly PageEntry[]): Shell {
  let current: PageEntry | undefined;
  const outlet = h('main', { id: 'main', tabindex: -1 });
  const announcer = h('div', { id: 'announcer', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const header = h('header', { class: 'site-header' });
  const footer = h('footer', { class: 'site-footer' });
  const skip = h('a', { class: 'skip-link', href: '#main' });
  // Narrow screens fold the menu behind a button; wide screens always show it (CSS decides).
  let menuOpen = false;

  const renderChrome = (): void => {
    skip.textContent = t('app.skip');
    const home = pages[0]?.path ?? '/';
    header.replaceChildren(
      h(
        'div',
        { class: 'wrap header-inner' },
        h('a', { class: 'brand', href: home }, h('span', { class: 'brand-name' }, t('app.name')), h('span', { class: 'brand-tagline' }, t('app.tagline'))),
        h(
          'button',
          {
            type: 'button',
            id: 'menu-toggle',
            class: 'menu-toggle',
            'aria-expanded': String(menuOpen),
            'aria-controls': 'site-nav',
            onclick: () => {
              menuOpen = !menuOpen;
              renderChrome();
              document.getElementById('menu-toggle')?.focus();
            },
          },
          t('nav.menu'),
        ),
        languageSwitch(),
      ),
      h(
        'nav',
        { id: 'site-nav', class: 'wrap site-nav', 'aria-label': t('nav.label'), 'data-open': String(menuOpen) },
        h('ul', null, pages.map((page) => h('li', null, h('a', { href: page.path, 'aria-current': page === current ? 'page' : undefined }, t(page.label))))),
      ),
    );
    footer.replaceChildren(
      h('div', { class: 'wrap footer-inner' }, h('p', null, t('app.footer')), h('p', null, h('a', { href: '/api/v1/docs' }, t('app.apiDocs')))),
    );
  };

  const languageSwitch = (): HTMLElement =>
    h(
      'div',
      { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
      LANGUAGES.map((lang: Language) =>
        h(
          'button',
          { type: 'button', id: `lang-${lang}`, lang, 'aria-pressed': String(lang === language()), onclick: () => setLanguage(lang) },
          lang.toUpperCase(),
          srOnly(` – ${t(`lang.${lang}`)}`),
        ),
      ),
    );

  root.replaceChildren(skip, header, outlet, footer, announcer);
  renderChrome();
  onLanguageChange(() => {
    const focusedId = document.activeElement?.id;
    renderChrome();
    if (focusedId) document.getElementById(focusedId)?.focus();
  });

  return {
    outlet,
    // Clearing first makes a repeated message (the same count twice) be read again.
    announce(message) {
      announcer.textContent = '';
      window.setTimeout(() => (announcer.textContent = message), 100);
    },
    setCurrent(page) {
      if (page === current) return;
      current = page;
      // A chosen page closes the folded menu.
      menuOpen = false;
      renderChrome();
    },
  };
}
