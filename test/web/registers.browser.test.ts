import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import { axeViolations, ensureWebBuild, launchChromium, openPage, skipWithoutChromium } from '../support/browser.js';

/**
 * The transparency pages in a real browser against the platform with its demo content:
 * the sensor register (map and list), "Wie besloot dit?" (totals per class, items per
 * class, the governance graph, print), the algorithm register and the AI Act helper,
 * each checked with axe-core (WCAG 2.1 AA). Debian's Chromium; nothing downloaded.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');

const skip = skipWithoutChromium('registers');

type Totals = Record<'a' | 'b' | 'c' | 'd' | 'total', number>;
const digits = (s: string | null): number => Number((s ?? '').replace(/\D/g, ''));

describe.skipIf(skip)('transparency registers in the browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${platform.url}/api/v1${path}`, { ...init, headers: { accept: 'application/json', 'content-type': 'application/json' } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `registers-${name}.png`), fullPage: true });
  const settled = () => page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'));

  async function expectNoAxeViolations(): Promise<void> {
    // The map canvas is drawn by MapLibre; its table and list alternatives are checked instead.
    expect(await axeViolations(page, ['.maplibregl-canvas'])).toEqual([]);
  }

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'thorbecke-web-'));
    platform = await startPlatform({ dataDir, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent' }, { env: {} });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 900 }, { pageError: (m) => errors.push(m), consoleError: (m) => errors.push(m) });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the sensor register on a map and as a list, flagged sensors said in words', async () => {
    const all = await api<{ total: number; flagged: number; items: Array<{ id: string; name: string; flags: string[]; legalBasis?: string }> }>('/registers/sensors?pageSize=200');
    expect(all.total).toBeGreaterThan(0);
    expect(all.flagged).toBeGreaterThan(0);
    await page.goto(`${platform.url}/sensoren`);
    await page.waitForSelector('#sensor-count');
    expect(await page.textContent('h1')).toBe('Sensorregister');
    expect(await page.getAttribute('nav[aria-label="Hoofdmenu"] a[href="/sensoren"]', 'aria-current')).toBe('page');
    expect(await page.locator('.sensor-list > li').count()).toBe(all.total);
    expect(await page.textContent('#sensor-count')).toContain(`${all.total} sensoren, waarvan ${all.flagged} gemarkeerd`);
    expect(await page.locator('.sensor-list > li.flagged').count()).toBe(all.flagged);
    for (const text of await page.locator('.sensor-list > li.flagged .flag').allTextContents()) expect(text).toMatch(/^Gemarkeerd: /);
    await page.waitForSelector('#sensor-map canvas.maplibregl-canvas');

    const flagged = all.items.find((s) => s.flags.includes('personal-data-without-legal-basis'))!;
    await page.click(`.sensor-list button[data-id="${flagged.id}"]`);
    await page.waitForFunction((name) => document.getElementById('sensor-detail-heading')?.textContent === name, flagged.name);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sensor-detail-heading');
    const detail = (await page.textContent('#sensor-detail'))!;
    expect(detail).toContain('verwerkt persoonsgegevens zonder opgegeven rechtsgrond');
    expect(detail).toContain('Rechtsgrond');
    expect(detail).toContain('Meet');
    await shot('sensoren');
    await expectNoAxeViolations();

    const cameras = await api<{ total: number }>('/registers/sensors?category=camera');
    await page.focus('#category');
    await page.selectOption('#category', 'camera');
    await page.waitForURL((url) => url.searchParams.get('category') === 'camera');
    await settled();
    await page.waitForFunction((n) => document.querySelectorAll('.sensor-list > li').length === n, cameras.total);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('category');
    const exports = await page.$$eval('.exports a', (links) => links.map((a) => a.getAttribute('href')));
    expect(exports).toEqual(['/api/v1/registers/sensors/export?category=camera&format=geojson', '/api/v1/registers/sensors/export?category=camera&format=csv']);
  });

  it('shows the traceability totals the API gives, and lists a class when it is clicked', async () => {
    const summary = await api<{ totals: Totals }>('/registers/traceability/summary');
    await page.goto(`${platform.url}/verantwoording`);
    await page.waitForSelector('#totals-heading');
    expect(await page.textContent('h1')).toBe('Wie besloot dit?');
    for (const c of ['a', 'b', 'c', 'd', 'total'] as const) expect(digits(await page.textContent(`td[data-total="${c}"]`)), c).toBe(summary.totals[c]);
    for (const c of ['a', 'b', 'c', 'd'] as const) expect(digits(await page.textContent(`.bar-chart text[data-class="${c}"]`)), c).toBe(summary.totals[c]);

    const graph = await api<{ nodes: unknown[]; edges: Array<{ from: string; to: string }> }>('/registers/governance-graph');
    expect(await page.locator('.gov-graph g.node').count()).toBe(graph.nodes.length);
    expect(await page.locator('.graph-table tbody tr').count()).toBe(graph.edges.length);
    await expectNoAxeViolations();

    const cls = (['d', 'c', 'b', 'a'] as const).find((c) => summary.totals[c] > 0)!;
    const expected = await api<{ total: number; items: Array<{ title: string }> }>(`/registers/traceability?class=${cls}&pageSize=25`);
    await page.click(`.trace-table a[data-class="${cls}"]`);
    await page.waitForSelector('#class-heading');
    expect(new URL(page.url()).searchParams.get('class')).toBe(cls);
    expect(await page.textContent('#class-heading')).toBe(`Klasse ${cls}: ${expected.total} items`);
    expect(await page.locator('.trace-item h3').allTextContents()).toEqual(expected.items.map((i) => i.title));
    // Every item says what it rests on: a chain, or that there is none.
    expect(await page.locator('.trace-item .chain-slot:empty').count()).toBe(0);
    await shot('verantwoording');
    await expectNoAxeViolations();

    const sensors = await api<{ totals: Totals }>('/registers/traceability/summary?kind=sensor');
    await page.focus('#kind');
    await page.selectOption('#kind', 'sensor');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'sensor');
    await settled();
    await page.waitForFunction((n) => document.querySelector('td[data-total="total"]')?.textContent?.replace(/\D/g, '') === String(n), sensors.totals.total);
    expect(sensors.totals.total).toBe((await api<{ total: number }>('/registers/sensors')).total);

    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header')).toBe(false);
    expect(await page.isVisible('.reg-filters')).toBe(false);
    expect(await page.textContent('.print-only')).toContain('Soort: Sensor');
    await shot('verantwoording-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('lists the algorithm register, opens an entry and walks the AI Act questionnaire to a category', async () => {
    const list = await api<{ total: number; items: Array<{ id: string; standard: { name: string } }> }>('/registers/algorithms?pageSize=20');
    await page.goto(`${platform.url}/algoritmes`);
    await page.waitForSelector('#alg-count');
    expect(await page.textContent('#alg-count')).toBe(`${list.total} algoritmes`);
    expect(await page.locator('.result-list h3').allTextContents()).toEqual(list.items.map((a) => a.standard.name));
    await expectNoAxeViolations();

    await page.click(`.result-list a[href="/algoritmes/${list.items[0]!.id}"]`);
    await page.waitForSelector('#mandate-heading');
    expect(await page.textContent('h1')).toBe(list.items[0]!.standard.name);
    await expectNoAxeViolations();

    await page.goto(`${platform.url}/algoritmes/ai-verordening`);
    await page.waitForSelector('#ai-step-heading');
    const yes = new Set(['ai-system', 'h-employment']);
    const answers: Record<string, string> = {};
    let steps = 0;
    while (await page.isVisible('#ai-step-heading')) {
      const name = (await page.getAttribute('.ai-options input[type=radio]', 'name'))!;
      const id = name.replace(/^answer-/, '');
      const value = yes.has(id) ? 'yes' : 'no';
      answers[id] = value;
      await page.check(`#${name}-${value}`);
      const heading = await page.textContent('#ai-step-heading');
      if (steps === 1) {
        await shot('ai-act-step');
        await expectNoAxeViolations();
      }
      await page.click('#ai-next');
      await page.waitForFunction((h) => document.getElementById('ai-step-heading')?.textContent !== h, heading);
      steps++;
      expect(steps).toBeLessThan(60);
    }
    // The Annex III answer brought in the art. 6(3) follow-ups.
    expect(Object.keys(answers)).toContain('h-derogation');
    const expected = await api<{ outcome: string; publicationCategory?: string }>('/registers/ai-act/assess', { method: 'POST', body: JSON.stringify({ answers }) });
    const outcomes = (await api<{ outcomes: Record<string, { nl: string }> }>('/registers/ai-act/questionnaire')).outcomes;
    expect(expected.outcome).toBe('hoog-risico');
    await page.waitForSelector('#ai-outcome');
    expect(await page.textContent('#ai-outcome')).toBe(`Voorstel: ${outcomes[expected.outcome]!.nl}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ai-result-heading');
    expect(await page.textContent('.ai-result')).toContain(expected.publicationCategory!);
    await shot('ai-act-result');
    await expectNoAxeViolations();
  });

  it('shows the processing register with what each record still misses, and filters it by controller', async () => {
    type Rec = { id: string; name: string; controller: { id: string; name: string }; unknownFields: string[]; legalBasis: string; retention: string };
    const all = await api<{ total: number; items: Rec[] }>('/registers/processing?pageSize=200');
    expect(all.total).toBeGreaterThan(1);
    await page.goto(`${platform.url}/verwerkingen`);
    await page.waitForSelector('#processing-count');
    await settled();
    expect(await page.textContent('h1')).toBe('Verwerkingsregister');
    expect(await page.getAttribute('nav[aria-label="Hoofdmenu"] a[href="/verwerkingen"]', 'aria-current')).toBe('page');
    expect(digits((await page.textContent('#processing-count'))!.split(',')[0]!)).toBe(all.total);
    expect(await page.locator('.processing').count()).toBe(all.total);
    // The completeness table counts what the API says is missing, per part of art. 30.
    for (const field of ['legalBasis', 'dataSubjects', 'retention']) {
      const missing = all.items.filter((r) => r.unknownFields.includes(field)).length;
      const cells = await page.locator(`.completeness-table tr[data-field="${field}"] td.num`).allTextContents();
      expect(cells.map(digits), field).toEqual([all.total - missing, missing]);
    }
    // A record opens to its art. 30 facts; unknown values say so instead of "onbekend".
    const record = all.items.find((r) => r.unknownFields.includes('legalBasis'))!;
    const card = page.locator(`.processing[data-id="${record.id}"]`);
    expect(await card.locator('.flag').textContent()).toContain('Grondslag');
    await card.locator('summary').click();
    expect(await card.locator('[data-field="legalBasis"] dd').textContent()).toBe('nog niet ingevuld');
    expect(await card.locator('[data-field="retention"] dd').textContent()).toBe(record.retention);
    await expectNoAxeViolations();

    await page.selectOption('#controller', record.controller.id);
    await page.waitForURL(`**/verwerkingen?controller=${record.controller.id}`);
    await page.waitForSelector('#processing-count');
    await settled();
    const own = all.items.filter((r) => r.controller.id === record.controller.id).length;
    expect(await page.locator('.processing').count()).toBe(own);
    expect(own).toBeLessThan(all.total);
    expect(await page.getAttribute('.exports a', 'href')).toBe(`/api/v1/registers/processing/export?controller=${record.controller.id}`);
    await shot('verwerkingen');
  });

  it('works in English too', async () => {
    await page.goto(`${platform.url}/verantwoording`);
    await page.waitForSelector('#totals-heading');
    await page.click('#lang-en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Who decided this?');
    await expectNoAxeViolations();
    await page.goto(`${platform.url}/sensoren`);
    await page.waitForSelector('#sensor-count');
    expect(await page.textContent('h1')).toBe('Sensor register');
    await expectNoAxeViolations();
    await page.goto(`${platform.url}/verwerkingen`);
    await page.waitForSelector('#processing-count');
    expect(await page.textContent('h1')).toBe('Register of processing activities');
    // Values the publishers wrote stay Dutch and are marked so for screen readers.
    expect(await page.getAttribute('.processing h3 span', 'lang')).toBe('nl');
    await expectNoAxeViolations();
    await page.click('#lang-nl');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
