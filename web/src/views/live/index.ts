import './live.css';
import { h } from '../../dom.js';
import { formatNumber, t } from '../../i18n/index.js';
import type { MessageKey } from '../../i18n/index.js';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { formatTime, lineChart, seriesTable } from './chart.js';
import { loadBuildings, loadConfig, loadFacilities, loadSeries, loadStations, parkingState } from './data.js';
import { createLiveMap, type LiveMap } from './map.js';
import type { Facility, Latest, ParkingState, Station } from './types.js';

/** What one drawing of the page holds open: the map (once created) and the event stream. */
interface Held {
  map: LiveMap | null;
  events: EventSource;
}
/** The current drawing; a redraw (the language switch) ends it before drawing again. */
let active: Held | null = null;
const end = (held: Held | null): void => {
  held?.events.close();
  held?.map?.remove();
  if (active === held) active = null;
};

function whenConnected(el: HTMLElement, then: () => void, tries = 600): void {
  if (el.isConnected) then();
  else if (tries > 0) requestAnimationFrame(() => whenConnected(el, then, tries - 1));
}

/** Ends this drawing's map and event stream once its page has been replaced. */
function endWhenDetached(el: HTMLElement, held: Held): void {
  const observer = new MutationObserver(() => {
    if (el.isConnected) return;
    observer.disconnect();
    end(held);
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

const STATE_KEYS: Record<ParkingState, MessageKey> = {
  free: 'live.state.free',
  busy: 'live.state.busy',
  full: 'live.state.full',
  closed: 'live.state.closed',
  unknown: 'live.state.unknown',
};
const SUMMARY_EVERY_MS = 30_000;
const HISTORY_DAYS = 3;

/**
 * /live: Delft's parking facilities and Amsterdam's air quality stations on a map, kept
 * current over Server-Sent Events. The tables say everything the map shows; a chart (with
 * its table) shows the last days of the chosen facility or station.
 */
export async function render(ctx: RouteContext): Promise<View> {
  if (ctx.rest.length > 0) return notFoundView('/live');
  const [facilities, stations, config] = await Promise.all([loadFacilities(ctx.signal), loadStations(ctx.signal), loadConfig(ctx.signal)]);
  end(active);

  const latest = new Map<number, Latest>();
  const value = (id: number): unknown => latest.get(id)?.result;
  const num = (id: number): number | undefined => (typeof value(id) === 'number' ? (value(id) as number) : undefined);
  const bool = (id: number): boolean | undefined => (typeof value(id) === 'boolean' ? (value(id) as boolean) : undefined);
  const stateOf = (f: Facility): ParkingState => parkingState({ vacant: num(f.streams.vacant), capacity: num(f.streams.capacity) ?? f.capacity, open: bool(f.streams.open), full: bool(f.streams.full) });

  const title = t('live.title');
  const status = h('p', { id: 'live-status', class: 'live-status', role: 'status' }, t('live.status.connecting'));
  const mapEl = h('div', { class: 'live-map', id: 'live-map' });
  const detail = h('section', { id: 'live-detail', class: 'live-detail', 'aria-labelledby': 'live-detail-heading' }, h('h2', { id: 'live-detail-heading' }, t('live.detail.heading')), h('p', { class: 'muted' }, t('live.detail.hint')));
  let map: LiveMap | null = null;

  // ---- parking table ----
  const cells = new Map<number, { vacant: HTMLElement; capacity: HTMLElement; state: HTMLElement; time: HTMLElement }>();
  const parkingRows = facilities.map((f) => {
    const c = {
      vacant: h('td', { class: 'num', id: `vacant-${f.id}` }, '–'),
      capacity: h('td', { class: 'num' }, formatNumber(f.capacity)),
      state: h('td', null, t('live.state.unknown')),
      time: h('td', null, '–'),
    };
    cells.set(f.id, c);
    return h('tr', null, h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => void showFacility(f) }, f.name)), c.vacant, c.capacity, c.state, c.time);
  });
  const parkingTable = h(
    'table',
    { class: 'live-list', id: 'parking-list' },
    h('caption', null, t('live.parking.caption')),
    h('thead', null, h('tr', null, ...(['live.col.name', 'live.col.vacant', 'live.col.capacity', 'live.col.state', 'live.col.time'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, parkingRows),
  );

  // ---- air quality table ----
  const airCells = new Map<number, HTMLElement>();
  const stationRows = stations.map((s) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => void showStation(s) }, s.name)),
      h(
        'td',
        null,
        h('ul', { class: 'live-values' }, s.streams.map((d) => {
          const cell = h('span', { id: `air-${d.id}` }, '–');
          airCells.set(d.id, cell);
          return h('li', null, `${d.name}: `, cell, ` ${d.unit}`);
        })),
      ),
    ),
  );
  const airTable = h(
    'table',
    { class: 'live-list', id: 'station-list' },
    h('caption', null, t('live.air.caption')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('live.col.station')), h('th', { scope: 'col' }, t('live.col.latest')))),
    h('tbody', null, stationRows),
  );

  const redrawParking = (): void => map?.setParking(facilities.map((f) => ({ id: f.id, at: f.at, state: stateOf(f) })));
  const updateFacility = (f: Facility): void => {
    const c = cells.get(f.id)!;
    const vacant = num(f.streams.vacant);
    c.vacant.textContent = vacant === undefined ? '–' : formatNumber(vacant);
    const capacity = num(f.streams.capacity);
    if (capacity !== undefined) c.capacity.textContent = formatNumber(capacity);
    const state = stateOf(f);
    c.state.replaceChildren(h('span', { class: `live-dot live-dot-${state}`, 'aria-hidden': 'true' }), t(STATE_KEYS[state]));
    const time = latest.get(f.streams.vacant)?.phenomenonTime;
    c.time.textContent = time ? formatTime(Date.parse(time)) : '–';
  };
  const byStream = new Map<number, Facility>();
  for (const f of facilities) for (const id of Object.values(f.streams)) byStream.set(id, f);

  // ---- chart of the chosen facility or station ----
  let shown: { kind: 'parking' | 'station'; id: number; datastream: number } | null = null;
  const chartBlock = (heading: string, caption: string, points: Array<{ time: number; value: number }>, unit: string, yMax?: number): Node[] => [
    h('h2', { id: 'live-detail-heading', tabindex: -1 }, heading),
    points.length === 0 ? h('p', null, t('live.detail.empty')) : lineChart(points, caption, unit, yMax),
    points.length === 0 ? null : seriesTable(points, caption, unit ? `${caption} (${unit})` : caption),
  ].filter((n): n is HTMLElement | SVGElement => n !== null);

  async function showFacility(f: Facility, focus = true): Promise<void> {
    const until = latest.get(f.streams.vacant)?.phenomenonTime;
    const points = await loadSeries(f.streams.vacant, until ? Date.parse(until) : Date.now(), HISTORY_DAYS);
    shown = { kind: 'parking', id: f.id, datastream: f.streams.vacant };
    detail.replaceChildren(
      ...chartBlock(t('live.detail.parking', { name: f.name }), t('live.detail.vacantCaption', { name: f.name, days: HISTORY_DAYS }), points, t('live.unit.spaces'), num(f.streams.capacity) ?? f.capacity),
      h('p', { class: 'muted' }, [f.address, f.operator ? t('live.detail.operator', { operator: f.operator }) : ''].filter(Boolean).join(' · ')),
    );
    if (focus) (detail.querySelector('h2') as HTMLElement | null)?.focus();
  }

  async function showStation(s: Station, focus = true): Promise<void> {
    const stream = s.streams.find((d) => d.name === 'NO2') ?? s.streams[0];
    if (!stream) return;
    const until = latest.get(stream.id)?.phenomenonTime;
    const points = await loadSeries(stream.id, until ? Date.parse(until) : Date.now(), HISTORY_DAYS);
    shown = { kind: 'station', id: s.id, datastream: stream.id };
    detail.replaceChildren(...chartBlock(t('live.detail.station', { name: s.name }), t('live.detail.airCaption', { component: stream.name, name: s.name }), points, stream.unit));
    if (focus) (detail.querySelector('h2') as HTMLElement | null)?.focus();
  }

  // ---- live updates ----
  let lastSummary = 0;
  const summarise = (force = false): void => {
    const now = Date.now();
    if (!force && now - lastSummary < SUMMARY_EVERY_MS) return;
    lastSummary = now;
    const counts: Record<ParkingState, number> = { free: 0, busy: 0, full: 0, closed: 0, unknown: 0 };
    for (const f of facilities) counts[stateOf(f)]++;
    const newest = Math.max(0, ...facilities.map((f) => Date.parse(latest.get(f.streams.vacant)?.phenomenonTime ?? '') || 0));
    status.textContent = t('live.status.summary', { total: facilities.length, free: counts.free, busy: counts.busy, full: counts.full, closed: counts.closed, time: newest ? formatTime(newest) : '–' });
  };
  const ids = [...facilities.flatMap((f) => Object.values(f.streams)), ...stations.flatMap((s) => s.streams.map((d) => d.id))];
  const events = new EventSource(`/api/v1/live/stream?datastreams=${ids.join(',')}`);
  let pending = false;
  events.addEventListener('observation', (e) => {
    const l = JSON.parse((e as MessageEvent<string>).data) as Latest;
    latest.set(l.datastream, l);
    const f = byStream.get(l.datastream);
    if (f) updateFacility(f);
    const air = airCells.get(l.datastream);
    if (air && typeof l.result === 'number') air.textContent = formatNumber(l.result);
    if (shown && shown.datastream === l.datastream && typeof l.result === 'number') {
      const chart = detail.querySelector('svg');
      // Redraw the open chart with the new point, without moving focus.
      if (chart) {
        const target = shown.kind === 'parking' ? facilities.find((x) => x.id === shown!.id) : undefined;
        const station = shown.kind === 'station' ? stations.find((x) => x.id === shown!.id) : undefined;
        if (target) void showFacility(target, false);
        else if (station) void showStation(station, false);
      }
    }
    // Many observations arrive together; redraw the map once per frame.
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        redrawParking();
        summarise();
      });
    }
  });
  events.addEventListener('ready', () => summarise(true));
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CONNECTING) status.textContent = t('live.status.reconnecting');
  });

  const legend = h(
    'ul',
    { class: 'live-legend', 'aria-label': t('live.legend') },
    (['free', 'busy', 'full', 'closed'] as const).map((s) => h('li', null, h('span', { class: `live-dot live-dot-${s}`, 'aria-hidden': 'true' }), t(STATE_KEYS[s]))),
    h('li', null, h('span', { class: 'live-dot live-dot-station', 'aria-hidden': 'true' }), t('live.legend.station')),
    h('li', null, h('span', { class: 'live-swatch', 'aria-hidden': 'true' }), t('live.legend.buildings')),
  );
  const goto = (which: 'delft' | 'amsterdam'): void => map?.fitTo(which === 'delft' ? facilities.map((f) => f.at) : stations.map((s) => s.at));

  const content = h(
    'div',
    { class: 'live-page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, title), h('p', null, t('live.intro'))),
    status,
    h(
      'section',
      { class: 'live-map-section', 'aria-labelledby': 'live-map-heading' },
      h('h2', { id: 'live-map-heading', class: 'visually-hidden' }, t('live.map.heading')),
      h('p', { class: 'actions' }, h('button', { type: 'button', class: 'button', onclick: () => goto('delft') }, t('live.goto.delft')), ' ', h('button', { type: 'button', class: 'button', onclick: () => goto('amsterdam') }, t('live.goto.amsterdam'))),
      h('div', { class: 'live-map-wrap' }, mapEl),
      legend,
      h('p', { class: 'muted' }, t('live.map.alternative')),
    ),
    detail,
    h('section', { 'aria-labelledby': 'parking-heading' }, h('h2', { id: 'parking-heading' }, t('live.parking.heading')), parkingTable),
    h('section', { 'aria-labelledby': 'air-heading' }, h('h2', { id: 'air-heading' }, t('live.air.heading')), airTable),
  );

  whenConnected(mapEl, () => {
    if (held.events.readyState === EventSource.CLOSED) return;
    map = createLiveMap(mapEl, config.basemapUrl);
    held.map = map;
    endWhenDetached(mapEl, held);
    map.onSelect((kind, id) => {
      if (kind === 'parking') {
        const f = facilities.find((x) => x.id === id);
        if (f) void showFacility(f);
      } else {
        const s = stations.find((x) => x.id === id);
        if (s) void showStation(s);
      }
    });
    void map.ready.then(async () => {
      map?.setStations(stations.map((s) => ({ id: s.id, at: s.at })));
      redrawParking();
      goto('delft');
      const xs = facilities.map((f) => f.at[0]);
      const ys = facilities.map((f) => f.at[1]);
      if (xs.length) map?.setBuildings(await loadBuildings([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]));
    });
  });
  const held: Held = { map: null, events };
  active = held;
  return { title, content, announce: t('live.announce', { parking: facilities.length, stations: stations.length }) };
}

