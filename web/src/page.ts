import type { MessageKey } from './i18n/index.js';

/** Why a page is rendered; decides where keyboard focus goes afterwards. */
export type Navigation = 'initial' | 'path' | 'query' | 'history' | 'language';

export interface RouteContext {
  url: URL;
  /** Path segments after the page's own path, decoded: `/dataregister/abc` gives `['abc']`. */
  rest: string[];
  navigation: Navigation;
  /** Aborted when the user navigates on before this render finishes. */
  signal: AbortSignal;
  navigate(href: string, options?: { replace?: boolean }): void;
}

/** What a page hands back to the shell to show. */
export interface View {
  /** Page title; the shell adds " — Thorbecke". */
  title: string;
  content: Node;
  /** Said by the live region once the view is shown, e.g. a result count. */
  announce?: string;
  /** Element id to focus after a query change when the focused element is gone. */
  focusFallback?: string;
}

export interface PageModule {
  render(ctx: RouteContext): Promise<View>;
}

/** One capability page: where it lives, its menu label, and its lazily loaded module. */
export interface PageEntry {
  path: `/${string}`;
  label: MessageKey;
  load(): Promise<PageModule>;
}
