import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import { axeViolations, ensureWebBuild, launchChromium, openPage, skipWithoutChromium } from '../support/browser.js';

/**
 * The Dataregister in a real browser against the real platform with its demo content:
 * search, facets, dataset detail with its mandate chain, the language switch, and
 * axe-core's WCAG 2.1 AA rules. Uses Debian's Chromium; never downloads a browser.
 */
const skip = skipWithoutChromium('Dataregister');

interface Mandate { id: string; title: string; kind: string; example: boolean; date?: string }
interface Detail {
  id: string;
  title: { nl: string; en?: string };
  mandates: Array<{ mandate: Mandate; chain: Array<{ mandate: Mandate; body?: { name: string } }> }>;
}

/** Where a (1-based) text of a dataset-count heading or announcement shows the total. */
const countPattern = (total: number, lang: 'nl' | 'en'): RegExp =>
  total === 0 ? (lang === 'nl' ? /Geen datasets gevonden/ : /No datasets found/) : new RegExp(`\\b${total} dataset${total === 1 ? '' : 's'} (gevonden|found)`);

describe.skipIf(skip)('Dataregister in the browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const pageErrors: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${platform.url}/api/v1${path}`, { headers: { accept: 'application/json' } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  async function expectNoAxeViolations(): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    ensureWebBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'thorbecke-web-'));
    platform = await startPlatform({ dataDir, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent' }, { env: {} });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 900 }, { pageError: (m) => pageErrors.push(m) });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends / to /dataregister, in Dutch, with the skip link as the first stop', async () => {
    await page.goto(`${platform.url}/`);
    await page.waitForSelector('#results-heading');
    expect(new URL(page.url()).pathname).toBe('/dataregister');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.textContent('h1')).toBe('Dataregister');
    expect(await page.getAttribute('nav[aria-label="Hoofdmenu"] a[href="/dataregister"]', 'aria-current')).toBe('page');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('passes axe (WCAG 2.1 AA) on the list', async () => {
    await expectNoAxeViolations();
  });

  it('searches, shows the matching datasets and announces the count', async () => {
    const expected = await api<{ total: number; items: Array<{ id: string; title: { nl: string } }> }>('/catalog/datasets?q=parkeren&pageSize=10');
    expect(expected.total).toBeGreaterThan(0);

    await page.fill('#q', 'parkeren');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => document.querySelector('#results-heading')?.textContent?.includes('parkeren'));
    expect(new URL(page.url()).searchParams.get('q')).toBe('parkeren');
    expect(await page.textContent('#results-heading')).toMatch(countPattern(expected.total, 'nl'));
    const titles = await page.$$eval('.result-list h3', (els) => els.map((el) => el.textContent));
    expect(titles).toEqual(expected.items.map((d) => d.title.nl));
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent !== '');
    expect(await page.textContent('#announcer')).toMatch(countPattern(expected.total, 'nl'));
  });

  it('narrows the results with a facet, operated by keyboard', async () => {
    const first = page.locator('fieldset.facet input[type=checkbox]').first();
    const [name, value] = [await first.getAttribute('name'), await first.getAttribute('value')];
    const expected = await api<{ total: number }>(`/catalog/datasets?q=parkeren&${name}=${encodeURIComponent(value!)}`);

    await first.focus();
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.get(name!) === value);
    await page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'));
    const checkbox = page.locator(`fieldset.facet input[name="${name}"][value="${value}"]`);
    expect(await checkbox.isChecked()).toBe(true);
    // Focus stays on the box just ticked, though the list was redrawn.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(value);
    expect(await page.textContent('#results-heading')).toMatch(countPattern(expected.total, 'nl'));

    await page.keyboard.press('Space');
    await page.waitForURL((url) => !url.searchParams.has(name!));
    await page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'));
  });

  it('opens a dataset and shows who decided what it rests on, chain included', async () => {
    const found = await api<{ items: Array<{ id: string }> }>('/catalog/datasets?q=parkeren&pageSize=10');
    const details = await Promise.all(found.items.map((d) => api<Detail>(`/catalog/datasets/${d.id}`)));
    // The richest example: a mandate that rests on another one.
    const dataset = details.find((d) => d.mandates.some((m) => m.chain.length > 1)) ?? details.find((d) => d.mandates.length > 0);
    expect(dataset, 'the demo content has a "parkeren" dataset with a mandate').toBeDefined();

    await page.click(`.result-list a[href="/dataregister/${dataset!.id}"]`);
    await page.waitForSelector('#mandates-heading');
    expect(await page.textContent('h1')).toBe(dataset!.title.nl);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const section = (await page.textContent('section.mandates'))!;
    expect(section).not.toContain('Geen besluit bekend');
    for (const { mandate, chain } of dataset!.mandates) {
      expect(section).toContain(mandate.title);
      const body = chain[0]?.body;
      if (body) expect(section).toContain(`Besloten door: ${body.name}`);
      for (const link of chain.slice(1)) {
        expect(section).toContain(link.mandate.title);
        if (link.body) expect(section).toContain(`Besloten door: ${link.body.name}`);
      }
    }
    const examples = dataset!.mandates.flatMap((m) => m.chain.map((c) => c.mandate)).filter((m) => m.example).length;
    expect(await page.locator('section.mandates .badge-example').count()).toBe(examples);
    if (dataset!.mandates.some((m) => m.chain.length > 1)) expect(section).toContain('Rust op');

    const rdf = await page.$$eval('section.linked-data a', (links) => links.map((a) => a.getAttribute('href')));
    expect(rdf).toEqual([`/api/v1/catalog/datasets/${dataset!.id}?format=ttl`, `/api/v1/catalog/datasets/${dataset!.id}?format=jsonld`]);
  });

  it('passes axe (WCAG 2.1 AA) on a dataset', async () => {
    await expectNoAxeViolations();
  });

  it('says "Geen besluit bekend" for a dataset without a mandate', async () => {
    const all = await api<{ items: Array<{ id: string; mandateIds: string[] }> }>('/catalog/datasets?pageSize=200');
    const bare = all.items.find((d) => d.mandateIds.length === 0);
    expect(bare, 'the demo content has a dataset without a mandate').toBeDefined();
    await page.goto(`${platform.url}/dataregister/${bare!.id}`);
    await page.waitForSelector('#mandates-heading');
    expect(await page.textContent('section.mandates')).toContain('Geen besluit bekend');
  });

  it('switches to English, and keeps it after a reload', async () => {
    await page.click('#lang-en');
    await page.waitForFunction(() => document.getElementById('mandates-heading')?.textContent === 'Decision and mandate');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('section.mandates')).toContain('No decision known');
    expect(await page.getAttribute('#lang-en', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-en');
    await expectNoAxeViolations();

    await page.goto(`${platform.url}/dataregister?q=parkeren`);
    await page.waitForSelector('#results-heading');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('label[for="q"]')).toBe('Search the data register');
    expect(await page.textContent('#results-heading')).toMatch(/datasets? found for “parkeren”/);
    await expectNoAxeViolations();
  });

  it('folds the menu behind a button on a phone-sized screen, and opens it by keyboard', async () => {
    const phone = await openPage(browser, { width: 375, height: 800 }, { pageError: (m) => pageErrors.push(m) });
    try {
      await phone.goto(`${platform.url}/dataregister`);
      await phone.waitForSelector('#results-heading');
      expect(await phone.isVisible('#site-nav')).toBe(false);
      expect(await phone.getAttribute('#menu-toggle', 'aria-expanded')).toBe('false');
      await phone.focus('#menu-toggle');
      await phone.keyboard.press('Enter');
      expect(await phone.getAttribute('#menu-toggle', 'aria-expanded')).toBe('true');
      expect(await phone.isVisible('#site-nav a[href="/live"]')).toBe(true);
      expect(await phone.evaluate(() => document.activeElement?.id)).toBe('menu-toggle');
      expect(await axeViolations(phone)).toEqual([]);
      // Choosing a page folds the menu again.
      await phone.click('#site-nav a[href="/regels"]');
      await phone.waitForURL(/\/regels$/);
      await phone.waitForFunction(() => document.getElementById('menu-toggle')?.getAttribute('aria-expanded') === 'false');
      expect(await phone.isVisible('#site-nav')).toBe(false);
    } finally {
      await phone.close();
    }
    // On a wide screen the menu is always there and the button is not.
    expect(await page.isVisible('#site-nav a[href="/live"]')).toBe(true);
    expect(await page.isVisible('#menu-toggle')).toBe(false);
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
