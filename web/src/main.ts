import { initLanguage, onLanguageChange } from './i18n/index.js';
import { PAGES } from './pages.js';
import { Router } from './router.js';
import { mountShell } from './shell.js';

initLanguage();
const shell = mountShell(document.body, PAGES);
const router = new Router(PAGES, { outlet: shell.outlet, announce: shell.announce, onRoute: shell.setCurrent });
onLanguageChange(() => void router.rerender('language'));
router.start();
