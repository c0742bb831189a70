import type { PageEntry } from './page.js';

/**
 * The capability pages, in menu order. Adding a page is one line here plus its
 * menu label in i18n/nl.ts and i18n/en.ts. The first page is the home page.
 */
export const PAGES = [
  { path: '/dataregister', label: 'nav.dataregister', load: () => import('./views/dataregister/index.js') },
  { path: '/regels', label: 'nav.regels', load: () => import('./views/regels/index.js') },
  { path: '/vergunningcheck', label: 'nav.vergunningcheck', load: () => import('./views/vergunningcheck/index.js') },
  { path: '/tweeling', label: 'nav.twin', load: () => import('./views/twin/index.js') },
  { path: '/live', label: 'nav.live', load: () => import('./views/live/index.js') },
  { path: '/sensoren', label: 'nav.sensoren', load: () => import('./views/registers/sensoren.js') },
  { path: '/verantwoording', label: 'nav.verantwoording', load: () => import('./views/registers/verantwoording.js') },
  { path: '/algoritmes', label: 'nav.algoritmes', load: () => import('./views/registers/algoritmes.js') },
  { path: '/verwerkingen', label: 'nav.verwerkingen', load: () => import('./views/registers/verwerkingen.js') },
] as const satisfies readonly [PageEntry, ...PageEntry[]];
