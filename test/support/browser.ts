import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/**
 * What every browser test shares: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a web build that is current, no traffic beyond localhost, and
 * axe-core's WCAG 2.1 AA rules.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIST_INDEX = join(ROOT, 'web-dist', 'index.html');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeText: string | undefined;
const axeSource = (): string => (axeText ??= readFileSync(AXE, 'utf8'));

export function skipWithoutChromium(what: string): boolean {
  if (!HAS_CHROMIUM) console.warn(`Skipping the ${what} browser test: ${CHROMIUM} does not exist (apt-get install chromium).`);
  return !HAS_CHROMIUM;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the web app when web-dist is missing or older than its sources. */
export function ensureWebBuild(): void {
  const sources = Math.max(newestMtime(join(ROOT, 'web')), newestMtime(join(ROOT, 'vite.config.ts')));
  if (existsSync(WEB_DIST_INDEX) && statSync(WEB_DIST_INDEX).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Nothing but the platform itself: no tiles, fonts or analytics from elsewhere. */
export async function onlyLocalhost(page: Page): Promise<void> {
  await page.route(/^(?!http:\/\/(127\.0\.0\.1|localhost)[:/])/, (route) => route.abort());
}

/**
 * A page of the given size that only reaches localhost, telling `report` of every script
 * error (and, when asked, every console error) so a test can fail on them.
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  report: { pageError(message: string): void; consoleError?(message: string): void },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => report.pageError(error.message));
  if (report.consoleError) page.on('console', (message) => message.type() === 'error' && report.consoleError!(message.text()));
  await onlyLocalhost(page);
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: unknown; summary?: string }>;
}

/** axe-core's WCAG 2.1 AA violations on the page as it is now (optionally leaving out canvases and the like). */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the app's content security policy refuses inline scripts, as it should.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
      const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) }));
    },
    { tags: AXE_TAGS, exclude },
  );
  if (violations.length > 0) console.error(`axe violations on ${page.url()}:\n${JSON.stringify(violations, null, 2)}`);
  return violations;
}
