import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { createFlatMap } from '../../map.js';
import { t } from '../../i18n/index.js';
import type { FeatureCollection, LonLat, ParkingState } from './types.js';

/** Colours per state; the list and the legend always say the state in words too. */
export const STATE_COLOURS: Record<ParkingState, string> = {
  free: '#1e7d3a',
  busy: '#c46a00',
  full: '#b3261e',
  closed: '#5f6873',
  unknown: '#ffffff',
};
export const STATION_COLOUR = '#5b2d8a';
const BUILDINGS = 'buildings';
const PARKING = 'parking';
const STATIONS = 'stations';

/** No tiles and no fonts: a plain background, our own buildings and the live layers. */
function blankStyle(): StyleSpecification {
  return { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } }] };
}

export interface ParkingPoint {
  id: number;
  at: LonLat;
  state: ParkingState;
}

export interface LiveMap {
  ready: Promise<void>;
  setBuildings(fc: FeatureCollection): void;
  setParking(points: ParkingPoint[]): void;
  setStations(points: Array<{ id: number; at: LonLat }>): void;
  fitTo(points: LonLat[]): void;
  onSelect(handler: (kind: 'parking' | 'station', id: number) => void): void;
  remove(): void;
}

type SourceData = Parameters<GeoJSONSource['setData']>[0];
const collection = (features: unknown[]): SourceData => ({ type: 'FeatureCollection', features }) as unknown as SourceData;

export function createLiveMap(container: HTMLElement, basemapUrl: string | null): LiveMap {
  const map = createFlatMap(container, {
    style: basemapUrl ?? blankStyle(),
    center: [4.36, 52.0],
    zoom: 13,
    labels: { title: t('live.map.label'), zoomIn: t('live.map.zoomIn'), zoomOut: t('live.map.zoomOut'), north: t('live.map.north') },
  });
  // The container may get its size only after the page's styles apply; follow it.
  const resizer = new ResizeObserver(() => map.resize());
  resizer.observe(container);

  const ready = new Promise<void>((resolve) =>
    map.once('load', () => {
      map.addSource(BUILDINGS, { type: 'geojson', data: collection([]) });
      map.addSource(PARKING, { type: 'geojson', data: collection([]) });
      map.addSource(STATIONS, { type: 'geojson', data: collection([]) });
      map.addLayer({ id: 'buildings', type: 'fill', source: BUILDINGS, paint: { 'fill-color': '#b9bec4', 'fill-outline-color': '#8d949c' } });
      const colour: unknown[] = ['match', ['get', 'state']];
      for (const [state, c] of Object.entries(STATE_COLOURS)) colour.push(state, c);
      colour.push('#ffffff');
      map.addLayer({
        id: 'parking',
        type: 'circle',
        source: PARKING,
        paint: { 'circle-radius': 9, 'circle-color': colour as never, 'circle-stroke-color': '#1b1f24', 'circle-stroke-width': 2 },
      });
      map.addLayer({
        id: 'stations',
        type: 'circle',
        source: STATIONS,
        paint: { 'circle-radius': 8, 'circle-color': STATION_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
      });
      for (const layer of ['parking', 'stations'] as const) {
        map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
      }
      resolve();
    }),
  );
  const source = (id: string): GeoJSONSource | undefined => map.getSource<GeoJSONSource>(id);
  const points = (items: Array<{ id: number; at: LonLat; state?: ParkingState }>): SourceData =>
    collection(items.map((p) => ({ type: 'Feature', id: p.id, properties: { id: p.id, state: p.state ?? null }, geometry: { type: 'Point', coordinates: p.at } })));
  let removed = false;
  return {
    ready,
    setBuildings: (fc) => source(BUILDINGS)?.setData(fc as unknown as SourceData),
    setParking: (items) => source(PARKING)?.setData(points(items)),
    setStations: (items) => source(STATIONS)?.setData(points(items)),
    fitTo(list) {
      if (list.length === 0) return;
      const xs = list.map((p) => p[0]);
      const ys = list.map((p) => p[1]);
      map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 40, animate: false, maxZoom: 15 });
    },
    onSelect(handler) {
      map.on('click', (e) => {
        const hit = map.queryRenderedFeatures(e.point, { layers: ['parking', 'stations'] })[0];
        const id = Number(hit?.properties?.id);
        if (hit && Number.isFinite(id)) handler(hit.layer.id === 'stations' ? 'station' : 'parking', id);
      });
    },
    remove() {
      if (removed) return;
      removed = true;
      resizer.disconnect();
      map.remove();
    },
  };
}
