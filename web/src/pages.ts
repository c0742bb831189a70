import type { PageEntry } from './page.js';

/**
 * The capability pages, in menu order. Adding a page is one line here plus its
 * menu label in i18n/nl.ts and i18n/en.ts. The first page is the home page.
 */
export const PAGES = [
  { path: '/dataregister', label: 'nav.dataregister', load: () => import('./views/dataregister/index.js') },
] as const satisfies readonly [PageEntry, ...PageEntry[]];
