import { isAbort } from './api.js';
import { t } from './i18n/index.js';
import type { Navigation, PageEntry, View } from './page.js';
import { errorView, notFoundView } from './views/common.js';

export interface RouterTarget {
  outlet: HTMLElement;
  announce(message: string): void;
  /** Called after every render with the page that is now shown, for the menu's aria-current. */
  onRoute(page: PageEntry | undefined): void;
}

/** Client-side routing with the History API; `/` goes to the first page. */
export class Router {
  private controller: AbortController | undefined;
  private lastPath: string | undefined;
  private lastLocation: string | undefined;

  constructor(
    private readonly pages: readonly [PageEntry, ...PageEntry[]],
    private readonly target: RouterTarget,
  ) {}

  start(): void {
    window.addEventListener('popstate', () => {
      // Following an in-page #anchor (the skip link) also fires popstate; the page has not changed.
      if (location.pathname + location.search === this.lastLocation) return;
      void this.render('history');
    });
    document.addEventListener('click', (event) => this.interceptLink(event));
    void this.render('initial');
  }

  navigate(href: string, options: { replace?: boolean } = {}): void {
    const next = new URL(href, location.href);
    if (options.replace) history.replaceState(null, '', next);
    else history.pushState(null, '', next);
    void this.render(next.pathname === this.lastPath ? 'query' : 'path');
  }

  rerender(navigation: Navigation): Promise<void> {
    return this.render(navigation);
  }

  /** Follows same-origin links to our own pages without a reload; everything else (API, downloads, #anchors) as usual. */
  private interceptLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || !anchor.href) return;
    const url = new URL(anchor.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    if (url.pathname !== '/' && !this.match(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.href);
  }

  private match(pathname: string): { page: PageEntry; rest: string[] } | undefined {
    for (const page of this.pages) {
      if (pathname === page.path || pathname.startsWith(`${page.path}/`)) {
        const rest = pathname.slice(page.path.length).split('/').filter(Boolean).map(decodeURIComponent);
        return { page, rest };
      }
    }
    return undefined;
  }

  private async render(navigation: Navigation): Promise<void> {
    if (location.pathname === '/') history.replaceState(null, '', this.pages[0].path + location.search);
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const url = new URL(location.href);
    const matched = this.match(url.pathname);
    const { outlet } = this.target;
    const focusedId = document.activeElement?.id;

    outlet.setAttribute('aria-busy', 'true');
    // Only an empty page shows a loading text; otherwise the old content stays until the new is ready.
    if (!outlet.hasChildNodes()) outlet.replaceChildren(loadingText());

    let view: View;
    try {
      if (!matched) view = notFoundView(this.pages[0].path);
      else {
        const module = await matched.page.load();
        view = await module.render({
          url,
          rest: matched.rest,
          navigation,
          signal: controller.signal,
          navigate: (href, options) => this.navigate(href, options),
        });
      }
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      view = errorView(error, () => void this.render(navigation), this.pages[0].path);
    }
    if (controller.signal.aborted) return;

    outlet.replaceChildren(view.content);
    outlet.removeAttribute('aria-busy');
    document.title = `${view.title} — ${t('app.name')}`;
    this.target.onRoute(matched?.page);
    this.lastPath = url.pathname;
    this.lastLocation = url.pathname + url.search;
    this.moveFocus(navigation, focusedId, view.focusFallback);
    if (view.announce) this.target.announce(view.announce);
  }

  /**
   * A new page puts focus on its heading so screen readers start there; a filter or
   * language change keeps focus on the control the user just used.
   */
  private moveFocus(navigation: Navigation, focusedId: string | undefined, fallback: string | undefined): void {
    if (navigation === 'initial') return;
    const keep = focusedId ? document.getElementById(focusedId) : null;
    if (navigation !== 'path' && keep && keep !== document.body) {
      keep.focus();
      return;
    }
    const target = (navigation === 'path' ? null : fallback ? document.getElementById(fallback) : null) ?? this.target.outlet.querySelector<HTMLElement>('h1');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }
}

function loadingText(): HTMLElement {
  const p = document.createElement('p');
  p.className = 'loading';
  p.textContent = t('app.loading');
  return p;
}
