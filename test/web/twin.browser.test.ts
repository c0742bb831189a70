import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/app/capabilities.js';
import { bootContext } from '../../src/app/platform.js';
import type { AppContext } from '../../src/kernel/capability.js';
import { loadConfig } from '../../src/kernel/config.js';
import { buildServer } from '../../src/kernel/http/server.js';
import { closeSunWorkers } from '../../src/twin/sun/index.js';
import { axeViolations, ensureWebBuild, launchChromium, openPage, skipWithoutChromium } from '../support/browser.js';

/**
 * The /tweeling viewer in Debian's Chromium (WebGL 2 in software) against a platform
 * with the Delft demo district: tiles load and are drawn, the sun moves the shadows,
 * the scenario shows its tower, the sun-hours map comes on request, the controls pass
 * axe (the canvas itself excluded; its facts are in a table) and nothing logs an error.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const skip = skipWithoutChromium('twin');

/** A coarse grey-level sample grid of the WebGL canvas, read in the page. */
async function sampleCanvas(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    (window as unknown as { __twin?: { renderNow(): void } }).__twin?.renderNow();
    const gl = document.getElementById('twin-canvas') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = 96;
    copy.height = 60;
    const c2 = copy.getContext('2d')!;
    c2.drawImage(gl, 0, 0, copy.width, copy.height);
    const data = c2.getImageData(0, 0, copy.width, copy.height).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(Math.round(0.3 * data[i]! + 0.59 * data[i + 1]! + 0.11 * data[i + 2]!));
    return out;
  });
}

describe.skipIf(skip)('digital twin viewer in the browser', () => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let url: string;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  async function setTime(minutes: number): Promise<void> {
    await page.evaluate((m) => {
      const input = document.getElementById('twin-time') as HTMLInputElement;
      input.value = String(m);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, minutes);
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    await page.waitForFunction((c) => document.getElementById('twin-facts')?.textContent?.includes(c) && !document.getElementById('twin-facts')?.textContent?.includes('…'), clock);
  }

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'thorbecke-twin-web-'));
    // The whole platform: the twin with the live capability's parking layer on top.
    const caps = CAPABILITIES;
    ctx = await bootContext(loadConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', demo: true }), caps);
    app = await buildServer(ctx, caps);
    url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('[::]', '127.0.0.1');
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 1000 }, { pageError: (m) => errors.push(`pageerror: ${m}`), consoleError: (m) => errors.push(`console: ${m}`) });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ctx?.store.close();
    await closeSunWorkers();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the live parking layer: a column per facility, and each one in words', async () => {
    await page.goto(`${url}/tweeling?date=2026-03-21&time=600`);
    await page.waitForFunction(() => (document.getElementById('twin-facts')?.textContent ?? '').includes('Phoenixgarage'), null, { timeout: 60_000 });
    const facts = (await page.textContent('#twin-facts'))!;
    expect(facts).toContain('Live parkeren');
    const api = await (await fetch(`${url}/api/v1/live/parking`)).json();
    expect(api.items).toHaveLength(13);
    for (const item of api.items) expect(facts).toContain(item.name);
    const columns = await page.evaluate(() => (window as unknown as { __twin: { parking: { children: unknown[] } } }).__twin.parking.children.length);
    expect(columns).toBe(13);
  }, 90_000);

  it('loads the Delft district from its GLB tiles and draws it', async () => {
    const started = Date.now();
    await page.goto(`${url}/tweeling?date=2026-03-21&time=600`);
    await page.waitForFunction(() => /\d+ gebouwen geladen/.test(document.getElementById('twin-status')?.textContent ?? ''), null, { timeout: 60_000 });
    const loadMs = Date.now() - started;
    expect(await page.textContent('#twin-status')).toBe('160 gebouwen geladen');
    expect(await page.textContent('h1')).toBe('Digitale tweeling');
    expect(await page.getAttribute('nav a[href="/tweeling"]', 'aria-current')).toBe('page');
    await setTime(600);
    const pixels = await sampleCanvas(page);
    const distinct = new Set(pixels.map((v) => Math.round(v / 8))).size;
    expect(distinct, 'the canvas shows more than a flat sky').toBeGreaterThan(8);
    await page.screenshot({ path: join(SHOTS, 'twin-page.png'), fullPage: true });
    console.info(`twin viewer: district loaded and drawn in ${loadMs} ms`);
  }, 90_000);

  it('moves the shadows with the time of day', async () => {
    await setTime(9 * 60);
    const morning = await sampleCanvas(page);
    await page.locator('#twin-canvas').screenshot({ path: join(SHOTS, 'twin-0900.png') });
    await setTime(16 * 60);
    const afternoon = await sampleCanvas(page);
    await page.locator('#twin-canvas').screenshot({ path: join(SHOTS, 'twin-1600.png') });
    const changed = morning.filter((v, i) => Math.abs(v - afternoon[i]!) > 12).length / morning.length;
    expect(changed, 'share of sampled pixels that changed').toBeGreaterThan(0.03);
    expect(await page.textContent('#twin-facts')).toMatch(/hoogte [\d,]+° boven de horizon/);
  }, 60_000);

  it('is operated by keyboard: the time slider steps with the arrow keys', async () => {
    await page.focus('#twin-time');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#twin-time')).toBe(String(16 * 60 + 10));
    expect(await page.getAttribute('#twin-time', 'aria-valuetext')).toBe('16:10');
    await page.focus('#twin-canvas');
    const before = await sampleCanvas(page);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
    const after = await sampleCanvas(page);
    expect(after.filter((v, i) => v !== before[i]).length).toBeGreaterThan(50);
  }, 60_000);

  it('shows the example scenario’s tower, highlighted', async () => {
    await page.click('#twin-reset');
    await page.selectOption('#twin-scenario', 'voorbeeld-toren-delft');
    await page.waitForFunction(() => document.getElementById('twin-status')?.textContent === '161 gebouwen geladen', null, { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('scenario')).toBe('voorbeeld-toren-delft');
    expect(await page.textContent('#twin-facts')).toContain('Toren (40 m), 40 m hoog');
    await setTime(15 * 60);
    const pixels = await page.evaluate(() => {
      (window as unknown as { __twin?: { renderNow(): void } }).__twin?.renderNow();
      const gl = document.getElementById('twin-canvas') as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = gl.width;
      copy.height = gl.height;
      const c2 = copy.getContext('2d')!;
      c2.drawImage(gl, 0, 0);
      const d = c2.getImageData(0, 0, copy.width, copy.height).data;
      let orange = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 150 && d[i + 1]! > 50 && d[i + 1]! < 150 && d[i + 2]! < 90) orange++;
      return orange;
    });
    await page.locator('#twin-canvas').screenshot({ path: join(SHOTS, 'twin-scenario-1500.png') });
    expect(pixels, 'orange pixels of the planned tower').toBeGreaterThan(500);
  }, 90_000);

  it('lays the sun-hours map on the ground on request', async () => {
    await page.click('#twin-sunhours');
    await page.waitForFunction(() => document.getElementById('twin-sunhours')?.getAttribute('aria-pressed') === 'true', null, { timeout: 60_000 });
    expect(await page.isVisible('#twin-legend')).toBe(true);
    expect(await page.textContent('#twin-facts')).toMatch(/gemiddeld [\d,]+/);
    await page.click('#twin-reset');
    await page.locator('#twin-canvas').screenshot({ path: join(SHOTS, 'twin-sunhours.png') });
  }, 90_000);

  it('passes axe (WCAG 2.1 AA) on the controls and the facts table', async () => {
    expect(await axeViolations(page, ['#twin-canvas'])).toEqual([]);
  }, 60_000);

  it('logged no errors', () => {
    writeFileSync(join(SHOTS, 'twin-console.txt'), errors.join('\n'));
    expect(errors).toEqual([]);
  });
});
