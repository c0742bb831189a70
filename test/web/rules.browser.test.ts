import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import type { HereResult } from '../../src/rules/service.js';
import type { BuildingCheck } from '../../src/rules/check/building.js';
import type { PermitCheck } from '../../src/rules/check/permit.js';
import { axeViolations, ensureWebBuild, launchChromium, openPage, skipWithoutChromium } from '../support/browser.js';
import { loadSttr } from '../../src/rules/sttr/index.js';
import { answerPaths, shippedTrees, type AnswerPath } from '../rules/sttr/paths.js';

/**
 * "What is allowed here" in a real browser against the real platform and its demo
 * content (the Goes bestemmingsplan, the STTR permit-check models): the rules map with
 * its answer panel and building check, the permit check question by question, and
 * axe-core's WCAG 2.1 AA rules. Uses Debian's Chromium; never downloads a browser.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const GOES = 'NL.IMRO.0664.BPBS02-VG99';
const ADMIN_KEY = 'browser-test-admin-key-0123456789';
const DRAWN = ['plangebieden', 'enkelbestemmingen', 'dubbelbestemmingen', 'bouwvlakken', 'functieaanduidingen', 'bouwaanduidingen', 'gebiedsaanduidingen'];

const skip = skipWithoutChromium('rules');

type Ring = Array<[number, number]>;
interface Feature { geometry: { type: 'MultiPolygon'; coordinates: Ring[][] }; properties: { objectId: string } }

/** Ray casting: whether a point lies inside a ring. */
function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Points well inside a bouwvlak: every neighbour `margin` metres away is inside too, so a
 * click a pixel off still lands in it.
 */
function pointsWellInside(f: Feature, margin: number): Array<[number, number]> {
  const ring = f.geometry.coordinates[0]![0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dLat = margin / 111_320;
  const dLon = dLat / Math.cos((((s + n) / 2) * Math.PI) / 180);
  const out: Array<[number, number]> = [];
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 12, s + ((n - s) * j) / 12];
      const around: Array<[number, number]> = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]].map(([a, b]) => [p[0] + a! * dLon, p[1] + b! * dLat]);
      if (around.every((q) => inRing(q, ring))) out.push(p);
    }
  }
  return out;
}

const mercY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

describe.skipIf(skip)('Rules pages in the browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${platform.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, path).toBeLessThan(300);
    return (await response.json()) as T;
  };

  async function expectNoAxeViolations(): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
  }

  /** The pixel of a place on the map, from the bounds the map publishes (north-up Web Mercator). */
  async function pixelOf([lon, lat]: [number, number]): Promise<{ x: number; y: number }> {
    const box = (await page.locator('#rg-map').boundingBox())!;
    const [w, s, e, n] = (await page.getAttribute('#rg-map', 'data-bounds'))!.split(',').map(Number) as [number, number, number, number];
    return { x: box.x + ((lon - w) / (e - w)) * box.width, y: box.y + ((mercY(n) - mercY(lat)) / (mercY(n) - mercY(s))) * box.height };
  }

  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `regels-${name}.png`), fullPage: true });
  const summaryText = async (): Promise<string> => (await page.textContent('#here-summary'))!.replace(/\s+/g, ' ');

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'thorbecke-rules-web-'));
    platform = await startPlatform({ dataDir, port: 0, mqttPort: 0, host: '127.0.0.1', logLevel: 'silent', adminKey: ADMIN_KEY }, { env: {} });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 900 }, { pageError: (m) => pageErrors.push(m), consoleError: (m) => consoleErrors.push(m) });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('/regels', () => {
    let target: { point: [number, number]; here: HereResult };

    it('draws every object of the Goes plan and says how many', async () => {
      const counts = await Promise.all(DRAWN.map((c) => api<{ numberMatched: number }>(`/rules/collections/${c}/items?plan=${GOES}&limit=1`)));
      const expected = counts.reduce((sum, c) => sum + c.numberMatched, 0);
      expect(expected).toBeGreaterThan(50);

      await page.goto(`${platform.url}/regels`);
      await page.waitForFunction(() => /\d+ objecten geladen/.test(document.getElementById('rg-status')?.textContent ?? ''), null, { timeout: 30_000 });
      expect(await page.textContent('#rg-status')).toBe(`${expected} objecten geladen uit 1 plan`);
      expect(await page.textContent('h1')).toBe('Regels op de kaart');
      expect(await page.getAttribute('nav[aria-label="Hoofdmenu"] a[href="/regels"]', 'aria-current')).toBe('page');
      // The map is drawn by WebGL, and fitted to the plan: its bounds contain the plan's box.
      expect(await page.locator('#rg-map canvas').count()).toBe(1);
      const plan = await api<{ bbox: [number, number, number, number] }>(`/rules/plans/${GOES}`);
      const [w, s, e, n] = (await page.getAttribute('#rg-map', 'data-bounds'))!.split(',').map(Number) as [number, number, number, number];
      expect(w).toBeLessThanOrEqual(plan.bbox[0]);
      expect(s).toBeLessThanOrEqual(plan.bbox[1]);
      expect(e).toBeGreaterThanOrEqual(plan.bbox[2]);
      expect(n).toBeGreaterThanOrEqual(plan.bbox[3]);
      // The legend names the hoofdgroepen on the map.
      const bestemmingen = await api<{ features: Array<{ properties: { hoofdgroep: string } }> }>(`/rules/collections/enkelbestemmingen/items?plan=${GOES}&limit=1000`);
      const groups = new Set(bestemmingen.features.map((f) => f.properties.hoofdgroep));
      expect(await page.locator('.rg-legend-list').first().locator('li').count()).toBe(groups.size);
      await shot('map');
    });

    it('passes axe (WCAG 2.1 AA)', async () => {
      await expectNoAxeViolations();
    });

    it('answers a click inside a bouwvlak with the bestemming, its norms and "binnen bouwvlak"', async () => {
      // A point well inside a bouwvlak that carries a maximum bouwhoogte, found through the API.
      const bouwvlakken = await api<{ features: Feature[] }>(`/rules/collections/bouwvlakken/items?plan=${GOES}&limit=1000`);
      for (const f of bouwvlakken.features) {
        for (const point of pointsWellInside(f, 10)) {
          const here = await api<HereResult>(`/rules/here?lon=${point[0]}&lat=${point[1]}`);
          const plan = here.plans[0];
          if (plan?.bouwvlak && plan.bestemmingen.length > 0 && plan.bestemmingen[0]!.norms.some((nm) => nm.quantity === 'bouwhoogte' && nm.bound === 'max')) {
            target = { point, here };
            break;
          }
        }
        if (target) break;
      }
      expect(target, 'the Goes plan has a bouwvlak with a maximum bouwhoogte').toBeDefined();

      const { x, y } = await pixelOf(target.point);
      await page.mouse.click(x, y);
      await page.waitForFunction(() => document.getElementById('here-summary')?.textContent?.includes('Bestemming:'));
      const plan = target.here.plans[0]!;
      const b = plan.bestemmingen[0]!;
      const summary = await summaryText();
      expect(summary).toContain(`Bestemming: ${b.name}`);
      expect(summary).toContain('binnen bouwvlak');
      const height = b.norms.find((nm) => nm.quantity === 'bouwhoogte' && nm.bound === 'max')!;
      expect(summary).toContain(`maximum bouwhoogte ${String(height.value).replace('.', ',')} m`);
      expect(await page.getAttribute('#here-summary', 'role')).toBe('status');
      // The details name the plan it comes from: name, identification, date and status.
      const details = (await page.textContent('#here-details'))!;
      expect(details).toContain(plan.plan.name);
      expect(details).toContain(GOES);
      expect(details).toContain('13 februari 2014');
      expect(details).toContain(plan.plan.status!);
      expect(await page.textContent('#building-point')).toMatch(/Midden van het grondvlak: 51,\d{5}° N, 3,\d{5}° O/);
    });

    it('checks a too-tall building there and lists the height conflict the API finds', async () => {
      const max = target.here.plans[0]!.bestemmingen[0]!.norms.find((nm) => nm.quantity === 'bouwhoogte' && nm.bound === 'max')!.value!;
      await page.fill('#bld-height', String(max + 15).replace('.', ','));
      await page.fill('#bld-width', '4');
      const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/rules/check-building') && r.method() === 'POST');
      await page.click('#building-form button[type=submit]');
      const sent = (await request).postDataJSON() as { footprint: unknown; height: number };
      expect(sent.height).toBe(max + 15);
      await page.waitForSelector('#building-result .rg-check-result');
      // The same question to the API directly: the page shows exactly its conflicts.
      const expected = await api<BuildingCheck>('/rules/check-building', sent);
      expect(expected.conflicts.some((c) => c.kind === 'too-high')).toBe(true);
      const kinds = await page.$$eval('#building-result li[data-kind]', (items) => items.map((li) => li.getAttribute('data-kind')));
      expect(kinds).toEqual(expected.conflicts.map((c) => c.kind));
      const text = (await page.textContent('#building-result'))!;
      expect(text).toContain(expected.conflicts.length === 1 ? '1 strijdigheid gevonden' : `${expected.conflicts.length} strijdigheden gevonden`);
      expect(text).toContain('Te hoog.');
      expect(text).toContain(`hier mag maximaal ${String(max).replace('.', ',')} m`);
      await shot('building');

      // A low, small building in the same spot conflicts with nothing.
      await page.fill('#bld-height', '2');
      await page.fill('#bld-width', '2');
      await page.click('#building-form button[type=submit]');
      await page.waitForFunction(() => document.getElementById('building-result')?.textContent?.includes('Geen strijdigheden gevonden'));
    });

    it('refuses a missing height with a message on the field, not a request', async () => {
      await page.fill('#bld-height', '');
      await page.click('#building-form button[type=submit]');
      expect(await page.getAttribute('#bld-height', 'aria-invalid')).toBe('true');
      expect(await page.isVisible('#bld-height-error')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('bld-height');
    });

    it('works by keyboard: arrow keys pan the map, the button inspects its centre', async () => {
      const before = await page.getAttribute('#rg-map', 'data-bounds');
      await page.focus('#rg-map canvas');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((b) => document.getElementById('rg-map')?.dataset.bounds !== b, before);
      await page.click('#inspect-centre');
      const [w, s, e, n] = (await page.getAttribute('#rg-map', 'data-bounds'))!.split(',').map(Number) as [number, number, number, number];
      const centre: [number, number] = [(w + e) / 2, (s + n) / 2];
      const here = await api<HereResult>(`/rules/here?lon=${centre[0]}&lat=${centre[1]}`);
      const first = here.plans[0]?.bestemmingen[0]?.name;
      await page.waitForFunction(() => !document.getElementById('here-summary')?.hasAttribute('aria-busy'));
      if (first) expect(await summaryText()).toContain(`Bestemming: ${first}`);
      else expect(await summaryText()).toMatch(/Hier geldt geen plan uit dit register|Geen bestemming op deze plek/);
    });

    it('says so where no plan applies', async () => {
      // A spot in view that the API says no plan covers (the plan is long and narrow).
      const [w, s, e, n] = (await page.getAttribute('#rg-map', 'data-bounds'))!.split(',').map(Number) as [number, number, number, number];
      let empty: [number, number] | undefined;
      for (let i = 1; i < 8 && !empty; i++) {
        for (let j = 1; j < 8 && !empty; j++) {
          const p: [number, number] = [w + ((e - w) * i) / 8, s + ((n - s) * j) / 8];
          if ((await api<HereResult>(`/rules/here?lon=${p[0]}&lat=${p[1]}`)).plans.length === 0) empty = p;
        }
      }
      expect(empty, 'part of the map view lies outside the plan').toBeDefined();
      const { x, y } = await pixelOf(empty!);
      await page.mouse.click(x, y);
      await page.waitForFunction(() => document.getElementById('here-summary')?.textContent?.includes('Hier geldt geen plan uit dit register'));
      expect(await page.textContent('#here-details')).not.toContain(GOES);
    });

    it('redraws in English, keeping the spot, and passes axe there too', async () => {
      await page.click('#lang-en');
      await page.waitForFunction(() => /\d+ objects loaded from 1 plan/.test(document.getElementById('rg-status')?.textContent ?? ''), null, { timeout: 30_000 });
      expect(await page.textContent('h1')).toBe('Rules on the map');
      // The spot inspected last is asked about again in the new language.
      await page.waitForFunction(() => document.getElementById('here-summary')?.textContent?.includes('No plan from this register applies here.'));
      expect(await page.locator('#rg-map canvas').count()).toBe(1);
      await expectNoAxeViolations();
      await page.click('#lang-nl');
      await page.waitForFunction(() => /objecten geladen/.test(document.getElementById('rg-status')?.textContent ?? ''), null, { timeout: 30_000 });
    });
  });

  describe('/vergunningcheck', () => {
    let firstId: string;

    it('lists the activities and passes axe', async () => {
      const activities = await api<{ items: Array<{ id: string; name: string }> }>('/rules/activities');
      await page.goto(`${platform.url}/vergunningcheck`);
      await page.waitForSelector('#vc-start-form');
      expect(await page.textContent('h1')).toBe('Vergunningcheck');
      const labels = await page.$$eval('#vc-start-form label', (els) => els.map((el) => el.textContent));
      expect(labels).toEqual(activities.items.map((a) => a.name));
      await expectNoAxeViolations();
    });

    it('asks for a choice before starting', async () => {
      await page.click('#vc-start');
      expect(await page.isVisible('#vc-activity-error')).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/vergunningcheck');
    });

    it('starts the dormer check and asks its first question, with the check id in the URL', async () => {
      await page.check('input[name=activity][value=ConclusieBouwenDakkapel]');
      await page.click('#vc-start');
      await page.waitForURL(/\/vergunningcheck\/[0-9a-f-]{36}$/);
      firstId = new URL(page.url()).pathname.split('/').pop()!;
      const check = await api<PermitCheck>(`/rules/checks/${firstId}`);
      expect(check.step.kind).toBe('question');
      const q = (check.step as { question: { text: string; options: Array<{ text: string }> } }).question;
      await page.waitForSelector('#vc-question-text');
      expect((await page.textContent('#vc-question-text'))!.trim()).toBe(q.text.trim());
      expect(await page.textContent('#vc-progress')).toContain('Vraag 1');
      // A list question: one radio button per option.
      expect(await page.$$eval('.vc-question input[type=radio]', (els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(q.options.map((o) => o.text));
      await page.click('#vc-next');
      expect(await page.textContent('#vc-error')).toBe('Kies een antwoord.');
      await expectNoAxeViolations();
    });

    it('shows the server\'s problem readably when an answer is refused', async () => {
      // The real server refuses an answer to a question the model does not have.
      const pattern = `${platform.url}/api/v1/rules/checks/${firstId}/answers`;
      await page.route(pattern, (route) => route.continue({ postData: JSON.stringify({ questionId: 'no-such-question', value: 'ja' }) }));
      await page.check('.vc-question input[value="ja"]');
      await page.click('#vc-next');
      await page.waitForSelector('.vc-feedback [role=alert]');
      const notice = (await page.textContent('.vc-feedback [role=alert]'))!;
      expect(notice).toContain('Dit verzoek kon niet worden verwerkt:');
      expect(notice).toContain("no question 'no-such-question'");
      expect(notice).toContain('questionId:');
      await page.unroute(pattern);
      // Nothing was recorded; the same question is still open.
      expect((await api<PermitCheck>(`/rules/checks/${firstId}`)).answers).toEqual([]);
      expect(await page.textContent('#vc-progress')).toContain('Vraag 1');
    });

    it('answers, moves on to question 2 with yes/no buttons, and resumes it after a reload', async () => {
      await page.check('.vc-question input[value="ja"]');
      await page.click('#vc-next');
      await page.waitForFunction(() => document.getElementById('vc-progress')?.textContent?.includes('Vraag 2'));
      const check = await api<PermitCheck>(`/rules/checks/${firstId}`);
      expect(check.answers.map((a) => a.value)).toEqual(['ja']);
      const q2 = (check.step as { question: { text: string; type: string } }).question;
      expect(q2.type).toBe('boolean');
      expect((await page.textContent('#vc-question-text'))!.trim()).toBe(q2.text.trim());
      expect(await page.$$eval('.vc-question label', (els) => els.map((el) => el.textContent))).toEqual(['Ja', 'Nee']);
      // Focus follows the new question for keyboard and screen-reader users.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('vc-question-text');
      await shot('vc-question');

      await page.reload();
      await page.waitForSelector('#vc-question-text');
      expect(await page.textContent('#vc-progress')).toContain('Vraag 2');
      expect((await page.textContent('#vc-question-text'))!.trim()).toBe(q2.text.trim());
    });

    it('goes back a question, answers "outside the municipality" and says the check does not apply there, with where to go instead', async () => {
      await page.click('#vc-back');
      await page.waitForURL((url) => url.pathname.startsWith('/vergunningcheck/') && !url.pathname.endsWith(firstId));
      await page.waitForFunction(() => document.getElementById('vc-progress')?.textContent?.includes('Vraag 1'));
      await page.check('.vc-question input[value="nee"]');
      await page.click('#vc-next');
      await page.waitForSelector('#vc-verdict');
      expect(await page.textContent('#vc-verdict')).toBe('Deze check geldt niet voor uw locatie');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('vc-conclusion-heading');

      const id = new URL(page.url()).pathname.split('/').pop()!;
      const check = await api<PermitCheck>(`/rules/checks/${id}`);
      expect(check.status).toBe('outside');
      expect(check.answers.map((a) => a.value)).toEqual(['nee']);
      expect(check.step.kind).toBe('outside');
      // No verdict of the tables reaches the page: not "Toestemmingsvrij", nor any other.
      const text = (await page.textContent('.vc-result'))!.replace(/\s+/g, ' ');
      for (const verdict of ['Toestemmingsvrij', 'Vergunningplicht', 'Verbod', 'Meldingsplicht', 'Informatieplicht']) expect(text).not.toContain(verdict);
      // Where to go instead, in words: the area the check covers, the Omgevingsloket (a link), the competent authority.
      expect(text).toContain('Ligt het pand binnen de gemeentegrens van Veenendaal?');
      expect(text).toContain('bevoegd gezag');
      expect(text).toContain('gemeente 0345');
      expect(await page.getAttribute('.vc-where a', 'href')).toMatch(/^https:\/\/omgevingswet\.overheid\.nl\//);
      await shot('vc-outside');
      await expectNoAxeViolations();

      await page.reload();
      await page.waitForSelector('#vc-verdict');
      expect(await page.textContent('#vc-verdict')).toBe('Deze check geldt niet voor uw locatie');
    });

    it('restarts from the conclusion', async () => {
      await page.click('#vc-restart');
      await page.waitForURL((url) => url.pathname === '/vergunningcheck');
      await page.waitForSelector('#vc-start-form');
    });

    it('lists an imported rule file with who imported it and when', async () => {
      const xml = readFileSync(join(ROOT, 'demo', 'omgevingswet', 'sttr', 'tree-felling.dmn'), 'utf8').replace('name="ConclusieBoomKappen"', 'name="Bomen kappen (geïmporteerd)"');
      const imported = await fetch(`${platform.url}/api/v1/rules/activities?id=BomenGeimporteerd`, { method: 'POST', headers: { 'content-type': 'application/xml', 'x-api-key': ADMIN_KEY }, body: xml });
      expect(imported.status).toBe(201);
      await page.goto(`${platform.url}/vergunningcheck`);
      await page.waitForSelector('#vc-start-form');
      const choice = page.locator('.vc-choice', { has: page.locator('input[value=BomenGeimporteerd]') });
      expect(await choice.locator('label').textContent()).toBe('Bomen kappen (geïmporteerd)');
      expect((await choice.locator('.vc-origin').textContent())!).toMatch(/^Geïmporteerd door de beheerder op \d{1,2} \w+ \d{4}\.$/);
      await expectNoAxeViolations();
    });

    it('says a check does not exist instead of failing', async () => {
      await page.goto(`${platform.url}/vergunningcheck/00000000-0000-4000-8000-000000000000`);
      await page.waitForSelector('h1');
      expect(await page.textContent('h1')).toBe('Check niet gevonden');
    });
  });

  describe('every STTR text of every shipped file, rendered', () => {
    /**
     * Answer paths that together show every question (with its explanations and options)
     * and every end a rule text, proviso or measure appears on: each is replayed through
     * the API and its page read in the browser.
     */
    function coveringPaths(xml: string): Array<AnswerPath['answers']> {
      const seen = new Set<string>();
      const chosen: Array<AnswerPath['answers']> = [];
      const fresh = (key: string) => !seen.has(key) && Boolean(seen.add(key));
      for (const p of answerPaths(loadSttr(xml))) {
        // A question not seen yet: the page that asks it (its text, explanation and options).
        p.answers.forEach((a, i) => fresh(`q:${a.question.id}`) && chosen.push(p.answers.slice(0, i)));
        const ends = [`end:${p.end.kind}`];
        if (p.end.kind === 'conclusion') {
          ends.push(...p.end.firedRules.filter((r) => r.explanation).map((r) => `r:${r.decision}#${r.index}`), ...p.end.provisos.map((x) => `p:${x}`), ...(p.end.measures ?? []).map((m) => `m:${m.id}`));
        }
        if (ends.filter(fresh).length > 0) chosen.push(p.answers);
      }
      return chosen;
    }

    /** What may not reach a resident as characters: STTR markup, HTML, FEEL values, codes. */
    const RAW: Array<[string, RegExp]> = [
      ['video markup', /!video/i],
      ['image markup', /!\[|\]\(/],
      ['bold markup', /\*\*|(^|\s)__\S|\S__(\s|$)/],
      ['emphasis markup', /(^|[\s(])[*_][^\s*_]|[^\s*_][*_]($|[\s.,;:)])/],
      ['list or heading markup', /^\s*[-*+#]\s/m],
      ['HTML', /<\/?[a-z][^>]*>/i],
      ['a FEEL boolean', /Uitkomst: (true|false)\b/],
      ['a quoted FEEL string', /"(Vergunningplicht|Toestemmingsvrij|no hit)"/],
      ['a verdict code', /\bNeemContactOpMet\b|\bno hit\b/],
      ['a law reference code', /jci1\.\d/],
    ];

    it('shows every question, explanation, conclusion text and measure without raw markup', async () => {
      const activities = await api<{ items: Array<{ id: string }> }>('/rules/activities');
      let pages = 0;
      for (const { file, xml } of shippedTrees()) {
        const activity = file.replace(/\.dmn$/, '');
        expect(activities.items.map((a) => a.id)).toContain(activity);
        for (const answers of coveringPaths(xml)) {
          let check = await api<PermitCheck>('/rules/checks', { activity });
          for (const a of answers) check = await api<PermitCheck>(`/rules/checks/${check.id}/answers`, { questionId: a.question.id, value: a.value });
          await page.goto(`${platform.url}/vergunningcheck/${check.id}`);
          await page.waitForSelector('#vc-question-text, #vc-verdict');
          pages++;
          // Visible text, with links that show their own address left out (a URL as written is not markup).
          const shown = await page.$eval('.vergunningcheck', (root) => {
            const copy = root.cloneNode(true) as HTMLElement;
            for (const a of copy.querySelectorAll('a')) if (a.textContent?.trim() === a.getAttribute('href')) a.remove();
            for (const d of copy.querySelectorAll('details')) d.setAttribute('open', '');
            document.body.appendChild(copy);
            const text = copy.innerText;
            copy.remove();
            return text;
          });
          const where = `${file} after ${JSON.stringify(answers.map((a) => a.value))}`;
          for (const [what, re] of RAW) expect(re.test(shown), `${where}: ${what} in ${JSON.stringify(shown.slice(0, 2000))}`).toBe(false);
          const hrefs = await page.$$eval('.vergunningcheck a[href]', (as) => as.map((a) => a.getAttribute('href')!));
          for (const href of hrefs) expect(href, where).toMatch(/^(https?:\/\/|mailto:|\/)/);
          // Rule texts are built as elements, never as HTML from the file: only these tags appear in them.
          const tags = await page.$$eval('.vc-rule-explanation *, .vc-explanation *, .vc-provisos *, .vc-measures *, .vc-question-text *', (els) => [...new Set(els.map((el) => el.tagName.toLowerCase()))]);
          for (const tag of tags) expect(['p', 'a', 'strong', 'em', 'ul', 'ol', 'li', 'br', 'span', 'details', 'summary', 'div'], `${where}: <${tag}>`).toContain(tag);
        }
      }
      expect(pages).toBeGreaterThan(20);
    }, 240_000);

    it('shows the dormer file\'s video and image as links with their titles, and its emphasis as emphasis', async () => {
      // Question 2 of the dormer check (inside Veenendaal, not a monument) carries the video; the height question the image.
      let check = await api<PermitCheck>('/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
      for (const value of ['ja', false]) {
        const q = (check.step as { question: { id: string } }).question;
        check = await api<PermitCheck>(`/rules/checks/${check.id}/answers`, { questionId: q.id, value });
      }
      await page.goto(`${platform.url}/vergunningcheck/${check.id}`);
      await page.waitForSelector('#vc-question-text');
      expect(await page.textContent('#vc-question-text')).toContain('Rijks Beschermd Stadsgezicht');
      const video = page.locator('.vc-explanation a.vc-media-video');
      expect(await video.getAttribute('href')).toBe('https://www.youtube.com/watch?v=lKPLvCw2CWc');
      expect((await video.textContent())!.replace(/\s+/g, ' ')).toBe('Video: Voorbeeld van een Rijks Beschermd Stadsgezicht (youtube.com)');
      await shot('vc-video');
    });
  });

  it('raised no script or console errors', () => {
    expect(pageErrors).toEqual([]);
    // The deliberate 400 (refused answer) and 404 (missing check) show up as failed resources.
    expect(consoleErrors.filter((m) => !/^Failed to load resource: the server responded with a status of (400|404)\b/.test(m))).toEqual([]);
  });
});
