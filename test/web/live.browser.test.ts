import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import { ADMIN_KEY } from '../support/platform.js';
import { axeViolations, ensureWebBuild, launchChromium, openPage, skipWithoutChromium } from '../support/browser.js';

/**
 * The live map in a real browser against the real platform with its demo content: a
 * device publishes over MQTT and the page shows the new number, axe-core finds nothing
 * (WCAG 2.1 AA; the map canvas excluded), and the chart has its table.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PHOENIX = 'c6fa5861-abde-41af-8f00-14c188566168';

const skip = skipWithoutChromium('live map');

interface Thing {
  '@iot.id': number;
  name: string;
  properties: { uuid?: string };
  Datastreams: Array<{ '@iot.id': number; properties: { role: string } }>;
}

describe.skipIf(skip)('Live map in the browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let phoenix: Thing;
  const problems: string[] = [];

  async function expectNoAxeViolations(): Promise<void> {
    // The map canvas is drawn by MapLibre; its table and list alternatives are checked instead.
    expect(await axeViolations(page, ['.maplibregl-canvas'])).toEqual([]);
  }

  beforeAll(async () => {
    ensureWebBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'thorbecke-live-'));
    platform = await startPlatform({ dataDir, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', adminKey: ADMIN_KEY }, { env: {} });
    const filter = encodeURIComponent("properties/demo eq 'delft-parkeren'");
    const things = (await (await fetch(`${platform.url}/sta/v1.1/Things?$filter=${filter}&$expand=Datastreams&$top=100`)).json()) as { value: Thing[] };
    phoenix = things.value.find((t) => t.properties.uuid === PHOENIX)!;
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 1000 }, { pageError: (m) => problems.push(m), consoleError: (m) => problems.push(m) });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the 13 facilities and the 3 stations with their current values', async () => {
    await page.goto(`${platform.url}/live`);
    await page.waitForSelector('#parking-list tbody tr');
    expect(await page.textContent('h1')).toBe('Live kaart');
    expect(await page.$$eval('#parking-list tbody tr', (rows) => rows.length)).toBe(13);
    expect(await page.$$eval('#station-list tbody tr', (rows) => rows.length)).toBe(3);
    await page.waitForFunction((id) => document.querySelector(`#vacant-${id}`)?.textContent !== '–', phoenix['@iot.id']);
    await page.waitForFunction(() => document.querySelector('#live-status')?.textContent?.includes('13 parkeervoorzieningen'));
    expect(await page.getAttribute('nav a[href="/live"]', 'aria-current')).toBe('page');
  });

  it('shows a number a device publishes over MQTT', async () => {
    const vacant = phoenix.Datastreams.find((d) => d.properties.role === 'vacant')!['@iot.id'];
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.services.live!.mqttPort as number}`, { clientId: 'live-browser-test', username: 'admin', password: ADMIN_KEY });
    await device.publishAsync(`v1.1/Datastreams(${vacant})/Observations`, JSON.stringify({ phenomenonTime: '2026-03-09T14:00:00Z', result: 187 }), { qos: 1 });
    await device.endAsync();
    await page.waitForFunction((id) => document.querySelector(`#vacant-${id}`)?.textContent === '187', phoenix['@iot.id'], { timeout: 10_000 });
    const row = await page.textContent(`#parking-list tr:has(#vacant-${phoenix['@iot.id']})`);
    // Colour is never the only carrier: the state is written out.
    expect(row).toContain('plek vrij');
  });

  it('passes axe (WCAG 2.1 AA) with the map canvas excluded', async () => {
    await page.waitForSelector('.maplibregl-canvas');
    await expectNoAxeViolations();
  });

  it('shows the last days of a facility as a chart with a table', async () => {
    await page.click(`#parking-list button:has-text("${phoenix.name}")`);
    await page.waitForSelector('#live-detail svg.live-chart path.line');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('live-detail-heading');
    const rows = await page.$$eval('#live-detail table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length).toBeGreaterThan(24);
    expect(rows[0]).toContain('187');
    await expectNoAxeViolations();
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    await page.screenshot({ path: join(ROOT, '.tmp', 'live-nl.png'), fullPage: true });
  });

  it('speaks English after the language switch and logged no errors', async () => {
    await page.click('#lang-en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Live map');
    await page.waitForFunction((id) => document.querySelector(`#vacant-${id}`)?.textContent === '187', phoenix['@iot.id']);
    await page.screenshot({ path: join(ROOT, '.tmp', 'live-en.png') });
    expect(problems).toEqual([]);
  });
});
