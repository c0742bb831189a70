import './regels.css';
import { getJson, isAbort } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { buildingForm } from './building.js';
import { loadPlanObjects, loadPlans, unionBbox } from './data.js';
import { hereDetails, hereSummary } from './here.js';
import { problemNotice } from './http.js';
import { legend } from './legend.js';
import { createPlanMap, type Camera, type PlanMap } from './map.js';
import type { HereResult, LonLat, PlanFeature } from './types.js';

/** What survives a redraw (the language switch) or a visit elsewhere: where the user looked. */
const remembered: { camera: Camera | null; point: LonLat | null } = { camera: null, point: null };
let activeMap: PlanMap | null = null;

/** Runs `then` once `el` is in the document (the router attaches the view after render resolves). */
function whenConnected(el: HTMLElement, then: () => void, tries = 600): void {
  if (el.isConnected) then();
  else if (tries > 0) requestAnimationFrame(() => whenConnected(el, then, tries - 1));
}

/** Frees the WebGL context once the page has been replaced. */
function removeWhenDetached(el: HTMLElement, map: PlanMap): void {
  const observer = new MutationObserver(() => {
    if (el.isConnected) return;
    observer.disconnect();
    remembered.camera = map.camera();
    map.remove();
    if (activeMap === map) activeMap = null;
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * "Regels op de kaart": the loaded plans on a map. A click (or, by keyboard, the map's
 * centre) asks what applies there; a form checks a planned building at that spot.
 */
export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length > 0) return notFoundView('/regels');
  const plans = await loadPlans(ctx.signal);
  if (activeMap) {
    remembered.camera = activeMap.camera();
    activeMap.remove();
    activeMap = null;
  }

  const title = t('rg.title');
  const status = h('p', { class: 'rg-status', id: 'rg-status', role: 'status' }, t('rg.status.loading'));
  const mapEl = h('div', { class: 'rg-map', id: 'rg-map' });
  const summary = h('div', { id: 'here-summary', class: 'rg-summary', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('rg.here.hint')));
  const details = h('div', { id: 'here-details' });
  const legendEl = h('div', { class: 'rg-legend-slot' }, legend([]));
  let map: PlanMap | null = null;
  let point: LonLat | null = null;
  let asked = 0;

  const building = buildingForm(() => point, (ring) => map?.showFootprint(ring));

  const inspect = async (at: LonLat): Promise<void> => {
    point = at;
    remembered.point = at;
    map?.showPoint(at);
    map?.showFootprint(null);
    building.setPoint(at);
    const mine = ++asked;
    summary.setAttribute('aria-busy', 'true');
    try {
      const result = await getJson<HereResult>(`/rules/here?lon=${at[0].toFixed(7)}&lat=${at[1].toFixed(7)}`);
      if (mine !== asked) return;
      summary.replaceChildren(h('h3', { class: 'visually-hidden' }, t('rg.here.summary')), ...hereSummary(result));
      details.replaceChildren(hereDetails(result, at));
    } catch (error) {
      if (mine !== asked || isAbort(error)) return;
      summary.replaceChildren(problemNotice(error));
      details.replaceChildren();
    } finally {
      if (mine === asked) summary.removeAttribute('aria-busy');
    }
  };

  const inspectCentre = h(
    'button',
    { type: 'button', class: 'button', id: 'inspect-centre', 'aria-controls': 'here-summary', onclick: () => map && void inspect(map.center()) },
    t('rg.map.inspectCentre'),
  );

  const start = (): void => {
    map = createPlanMap(mapEl, remembered.camera);
    activeMap = map;
    removeWhenDetached(mapEl, map);
    const bbox = unionBbox(plans);
    if (!remembered.camera && bbox) map.fitTo(bbox);
    map.onClick((at) => void inspect(at));
    void (async () => {
      if (plans.length === 0) {
        status.textContent = t('rg.status.noPlans');
        return;
      }
      let features: PlanFeature[];
      try {
        [features] = await Promise.all([loadPlanObjects(plans), map.ready]);
      } catch (error) {
        status.replaceChildren(problemNotice(error));
        return;
      }
      map.setObjects(features);
      legendEl.replaceChildren(legend(features));
      status.textContent = t(plans.length === 1 ? 'rg.status.loadedOne' : 'rg.status.loaded', { count: features.length, plans: plans.length });
      if (remembered.point) void inspect(remembered.point);
    })();
  };
  whenConnected(mapEl, start);

  return {
    title,
    content: h(
      'div',
      { class: 'regels' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', { class: 'lead' }, t('rg.intro'))),
      h(
        'div',
        { class: 'rg-layout' },
        h(
          'section',
          { class: 'rg-mapcol', 'aria-labelledby': 'map-heading' },
          h('h2', { id: 'map-heading', class: 'visually-hidden' }, t('rg.map.heading')),
          status,
          h('p', { class: 'hint', id: 'map-hint' }, t('rg.map.hint')),
          h('div', { class: 'rg-map-wrap' }, mapEl, h('div', { class: 'rg-crosshair', 'aria-hidden': 'true' })),
          h('p', { class: 'actions rg-map-actions' }, inspectCentre),
          legendEl,
        ),
        h(
          'div',
          { class: 'rg-side' },
          h('section', { class: 'rg-panel', 'aria-labelledby': 'here-heading' }, h('h2', { id: 'here-heading' }, t('rg.here.title')), summary, details),
          building.element,
        ),
      ),
    ),
  };
}
