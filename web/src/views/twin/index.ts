import { getJson, postJson } from '../../api.js';
import { h, inLang } from '../../dom.js';
import { formatNumber, language, t, tNodes } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { clock, dutchTimeToUtc, dutchToday } from './time.js';
import type { Job, ScenarioSummary, SunHoursGrid, SunPosition, TileIndex } from './types.js';
import './twin.css';

/**
 * /tweeling: the 3D city model in three.js with the sun at a chosen moment, a scenario
 * selector that highlights planned buildings, the sun-hours map on request, and every
 * fact of the picture in a table for those who cannot see it.
 */
interface State {
  scenario: string;
  date: string;
  minutes: number;
}

async function waitForJob<R>(job: Job<R>, signal: AbortSignal): Promise<R> {
  let current = job;
  while (current.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 300));
    current = await getJson<Job<R>>(`/jobs/${current.id}`, signal);
  }
  if (current.state === 'failed') throw new Error(current.error?.detail ?? 'failed');
  return current.result!;
}

const degrees = (v: number): string => new Intl.NumberFormat(language() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(v);
const hours = (v: number): string => new Intl.NumberFormat(language() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(v);

export async function render(ctx: RouteContext): Promise<View> {
  const params = ctx.url.searchParams;
  const scenarios = (await getJson<{ items: ScenarioSummary[] }>('/twin/scenarios', ctx.signal)).items;
  const state: State = {
    scenario: scenarios.some((s) => s.id === params.get('scenario')) ? params.get('scenario')! : '',
    date: /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : dutchToday(),
    minutes: Math.min(1435, Math.max(0, Number(params.get('time') ?? 14 * 60) || 0)),
  };
  let index = await getJson<TileIndex>(`/twin/tiles${state.scenario ? `?scenario=${state.scenario}` : ''}`, ctx.signal);
  let sun: SunPosition | null = null;
  let sunHours: SunHoursGrid | null = null;
  let loaded = 0;
  let parking: Array<{ name: string; rd: [number, number]; vacant: number | null; capacity: number | null; open: boolean | null; full: boolean | null }> = [];
  const parkingState = (p: (typeof parking)[number]): 'free' | 'busy' | 'full' | 'closed' | 'unknown' =>
    p.open === false ? 'closed' : p.full === true || p.vacant === 0 ? 'full' : p.vacant === null || p.capacity === null ? 'unknown' : p.vacant / Math.max(1, p.capacity) < 0.1 ? 'busy' : 'free';

  const title = t('twin.title');
  const status = h('p', { id: 'twin-status', class: 'twin-status', role: 'status' }, t('twin.loading'));
  const canvas = h('canvas', { id: 'twin-canvas', tabindex: 0, role: 'img', 'aria-label': t('twin.loading'), 'aria-describedby': 'twin-keys' });
  const stage = h('div', { class: 'twin-stage' }, canvas);
  const factsBody = h('tbody');
  const legend = h('p', { id: 'twin-legend', class: 'twin-legend', hidden: true });
  const reportOut = h('div', { id: 'twin-report', class: 'twin-report', 'aria-live': 'polite' });

  const scenarioSelect = h(
    'select',
    { id: 'twin-scenario', name: 'scenario' },
    h('option', { value: '', selected: state.scenario === '' }, t('twin.scenario.none')),
    scenarios.map((s) => h('option', { value: s.id, selected: s.id === state.scenario }, s.name)),
  );
  const dateInput = h('input', { type: 'date', id: 'twin-date', name: 'date', value: state.date, required: true });
  const timeOutput = h('output', { id: 'twin-time-value', for: 'twin-time' }, clock(state.minutes));
  const timeInput = h('input', { type: 'range', id: 'twin-time', name: 'time', min: 0, max: 1435, step: 5, value: state.minutes, 'aria-valuetext': clock(state.minutes) });
  const sunHoursButton = h('button', { type: 'button', id: 'twin-sunhours', class: 'button', 'aria-pressed': 'false' }, t('twin.sunHours.show'));
  const reportButton = h('button', { type: 'button', id: 'twin-bezonning', class: 'button button-secondary', hidden: state.scenario === '' }, t('twin.report'));

  let scene: import('./scene.js').TwinScene | null = null;
  let sunRequest: AbortController | null = null;
  const life = new AbortController();

  const momentText = (): string => `${state.date} ${clock(state.minutes)}`;

  function syncUrl(): void {
    const q = new URLSearchParams();
    if (state.scenario) q.set('scenario', state.scenario);
    q.set('date', state.date);
    q.set('time', String(state.minutes));
    history.replaceState(null, '', `/tweeling?${q.toString()}`);
  }

  function renderFacts(): void {
    const rows: Array<[string, Node | string]> = [
      [t('twin.fact.buildings'), formatNumber(loaded)],
      [t('twin.fact.scenario'), state.scenario ? inLang(scenarios.find((s) => s.id === state.scenario)?.name ?? state.scenario, 'nl') : t('twin.scenario.none')],
      [
        t('twin.fact.planned'),
        index.planned.length
          ? h('ul', { class: 'twin-plain' }, index.planned.map((p) => h('li', null, t('twin.fact.plannedItem', { name: p.name ?? p.id, height: hours(p.height) }))))
          : t('twin.fact.none'),
      ],
      [t('twin.fact.moment'), momentText()],
      [
        t('twin.fact.sun'),
        sun === null ? '…' : sun.altitude > 0 ? t('twin.fact.sunValue', { azimuth: degrees(sun.azimuth), altitude: degrees(sun.altitude) }) : t('twin.fact.sunDown', { altitude: degrees(sun.altitude) }),
      ],
      [
        t('twin.fact.parking'),
        parking.length
          ? h('ul', { class: 'twin-plain' }, parking.map((p) => h('li', null, t('twin.fact.parkingItem', { name: p.name, vacant: p.vacant === null ? '?' : formatNumber(p.vacant), state: t(`twin.parking.${parkingState(p)}`) }))))
          : t('twin.fact.none'),
      ],
      [
        t('twin.fact.sunHours'),
        sunHours
          ? t('twin.fact.sunHoursValue', { min: hours(sunHours.stats.min), mean: hours(sunHours.stats.mean), max: hours(sunHours.stats.max), day: hours(sunHours.dayHours) })
          : t('twin.fact.sunHoursNone'),
      ],
    ];
    factsBody.replaceChildren(...rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v))));
    canvas.setAttribute('aria-label', t('twin.canvas', { count: loaded, when: momentText() }));
  }

  async function updateSun(): Promise<void> {
    sunRequest?.abort();
    const request = (sunRequest = new AbortController());
    const at = dutchTimeToUtc(state.date, state.minutes).toISOString();
    try {
      sun = await getJson<SunPosition>(`/twin/sun?at=${encodeURIComponent(at)}`, request.signal);
    } catch (error) {
      if (request.signal.aborted) return;
      throw error;
    }
    scene?.setSun(sun.gridAzimuth, sun.altitude);
    renderFacts();
  }

  /** The live parking layer, when the live capability runs (otherwise the layer stays empty). */
  async function refreshParking(): Promise<void> {
    try {
      parking = (await getJson<{ items: typeof parking }>('/live/parking', life.signal)).items;
    } catch {
      parking = [];
    }
    scene?.showParking(parking.map((p) => ({ rd: p.rd, state: parkingState(p) })));
    renderFacts();
  }

  async function loadModel(): Promise<void> {
    if (!scene) return;
    status.textContent = t('twin.loading');
    loaded = await scene.load(index);
    status.textContent = t('twin.loaded', { count: loaded });
    renderFacts();
  }

  async function changeScenario(): Promise<void> {
    state.scenario = scenarioSelect.value;
    reportButton.hidden = state.scenario === '';
    reportOut.replaceChildren();
    syncUrl();
    index = await getJson<TileIndex>(`/twin/tiles${state.scenario ? `?scenario=${state.scenario}` : ''}`, life.signal);
    if (sunHours) toggleSunHours(false);
    await loadModel();
  }

  function toggleSunHours(on: boolean): void {
    if (!on) {
      sunHours = null;
      scene?.clearSunHours();
      sunHoursButton.setAttribute('aria-pressed', 'false');
      sunHoursButton.textContent = t('twin.sunHours.show');
      legend.hidden = true;
      renderFacts();
      return;
    }
    void (async () => {
      sunHoursButton.disabled = true;
      status.textContent = t('twin.sunHours.busy');
      try {
        const box = index.bboxWgs84 ?? [0, 0, 0, 0];
        const margin = 0.0004;
        const job = await postJson<Job<SunHoursGrid>>(
          '/twin/analyses/sun-hours',
          { bbox: [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin], date: state.date, stepMinutes: 10, cellSize: 2, ...(state.scenario ? { scenario: state.scenario } : {}) },
          life.signal,
        );
        sunHours = await waitForJob(job, life.signal);
        await scene?.showSunHours(sunHours);
        sunHoursButton.setAttribute('aria-pressed', 'true');
        sunHoursButton.textContent = t('twin.sunHours.hide');
        legend.replaceChildren(h('span', { class: 'twin-ramp', 'aria-hidden': 'true' }), ' ', t('twin.sunHours.legend', { date: sunHours.date, max: hours(sunHours.dayHours) }));
        legend.hidden = false;
        status.textContent = t('twin.loaded', { count: loaded });
      } catch (error) {
        if (life.signal.aborted) return;
        status.textContent = t('twin.sunHours.failed', { detail: (error as Error).message });
      } finally {
        sunHoursButton.disabled = false;
        renderFacts();
      }
    })();
  }

  async function runReport(): Promise<void> {
    reportButton.disabled = true;
    reportOut.replaceChildren(h('p', null, t('twin.report.busy')));
    try {
      const job = await postJson<Job<{ verdict: string; report: string }>>('/twin/analyses/bezonning', { scenario: state.scenario, stepMinutes: 10 }, life.signal);
      const result = await waitForJob(job, life.signal);
      reportOut.replaceChildren(
        h('p', null, tNodes('twin.report.done', { verdict: inLang(result.verdict, 'nl') })),
        h('p', null, h('a', { href: result.report, target: '_blank', rel: 'noopener' }, t('twin.report.open'))),
      );
    } catch (error) {
      if (!life.signal.aborted) reportOut.replaceChildren(h('p', { class: 'notice notice-error' }, (error as Error).message));
    } finally {
      reportButton.disabled = false;
    }
  }

  scenarioSelect.addEventListener('change', () => void changeScenario());
  dateInput.addEventListener('change', () => {
    if (!dateInput.value) return;
    state.date = dateInput.value;
    syncUrl();
    if (sunHours) toggleSunHours(false);
    void updateSun();
  });
  timeInput.addEventListener('input', () => {
    state.minutes = Number(timeInput.value);
    timeOutput.textContent = clock(state.minutes);
    timeInput.setAttribute('aria-valuetext', clock(state.minutes));
    void updateSun();
  });
  timeInput.addEventListener('change', syncUrl);
  sunHoursButton.addEventListener('click', () => toggleSunHours(sunHoursButton.getAttribute('aria-pressed') !== 'true'));
  reportButton.addEventListener('click', () => void runReport());

  const viewButton = (id: string, label: string, act: () => void) => h('button', { type: 'button', id, class: 'button button-secondary', onclick: act }, label);

  const content = h(
    'div',
    { class: 'twin' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('twin.intro'))),
    h(
      'form',
      { class: 'twin-controls', onsubmit: (e: Event) => e.preventDefault() },
      h('fieldset', null, h('legend', null, t('twin.controls')),
        h('div', { class: 'twin-field' }, h('label', { for: 'twin-scenario' }, t('twin.scenario')), scenarioSelect),
        h('div', { class: 'twin-field' }, h('label', { for: 'twin-date' }, t('twin.date')), dateInput),
        h('div', { class: 'twin-field twin-field-wide' }, h('label', { for: 'twin-time' }, t('twin.time'), ': ', timeOutput), timeInput),
        h('div', { class: 'twin-field' }, sunHoursButton),
      ),
    ),
    status,
    legend,
    stage,
    h('p', { id: 'twin-keys', class: 'hint' }, t('twin.keys')),
    h(
      'div',
      { class: 'twin-view-buttons', role: 'group', 'aria-label': t('twin.view.label') },
      viewButton('twin-rotate-left', t('twin.view.left'), () => scene?.rotate(-20)),
      viewButton('twin-rotate-right', t('twin.view.right'), () => scene?.rotate(20)),
      viewButton('twin-zoom-in', t('twin.view.in'), () => scene?.zoom(0.75)),
      viewButton('twin-zoom-out', t('twin.view.out'), () => scene?.zoom(1.33)),
      viewButton('twin-reset', t('twin.view.reset'), () => scene?.reset()),
    ),
    h('table', { class: 'twin-facts', id: 'twin-facts' }, h('caption', null, t('twin.facts')), factsBody),
    h('div', { class: 'twin-report-actions' }, reportButton, reportOut),
  );
  renderFacts();

  // three.js needs the canvas in the document (for its size): start once the shell has shown the view.
  const start = async (): Promise<void> => {
    const { TwinScene } = await import('./scene.js');
    try {
      scene = new TwinScene(canvas);
    } catch {
      status.textContent = t('twin.noWebgl');
      return;
    }
    (window as unknown as { __twin?: unknown }).__twin = scene;
    await Promise.all([loadModel(), updateSun()]);
    await refreshParking();
    // The live layer follows the city: new readings every ten seconds while the page is open.
    const timer = setInterval(() => void refreshParking(), 10_000);
    life.signal.addEventListener('abort', () => clearInterval(timer));
  };
  const waitForMount = (): void => {
    if (ctx.signal.aborted) return;
    if (canvas.isConnected) {
      void start();
      // Free the WebGL context when the page is left or redrawn (language switch).
      const watch = setInterval(() => {
        if (canvas.isConnected) return;
        clearInterval(watch);
        life.abort();
        scene?.dispose();
      }, 1000);
      return;
    }
    requestAnimationFrame(waitForMount);
  };
  requestAnimationFrame(waitForMount);

  return { title, content, focusFallback: 'twin-scenario' };
}
