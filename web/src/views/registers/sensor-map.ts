import type { GeoJSONSource, LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import { createFlatMap } from '../../map.js';
import { t } from '../../i18n/index.js';
import type { Sensor } from './types.js';

const SOURCE = 'sensors';

/** No tiles, no fonts: a plain background and the sensors as dots (flagged ones red with a thick ring). */
function style(): StyleSpecification {
  return {
    version: 8,
    sources: { [SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      {
        id: 'sensors',
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 10, 7],
          'circle-color': ['case', ['get', 'flagged'], '#b3261e', '#1b3a5c'],
          'circle-stroke-color': ['case', ['get', 'flagged'], '#1b1f24', '#ffffff'],
          'circle-stroke-width': ['case', ['get', 'flagged'], 3, 2],
        },
      },
    ],
  };
}

export interface SensorMap {
  show(sensors: readonly Sensor[], selected: string | null): void;
  onSelect(handler: (id: string) => void): void;
  remove(): void;
}

export function createSensorMap(container: HTMLElement): SensorMap {
  const map = createFlatMap(container, {
    style: style(),
    center: [5.3, 52.1],
    zoom: 6.5,
    labels: { title: t('reg.sensors.mapLabel'), zoomIn: t('reg.map.zoomIn'), zoomOut: t('reg.map.zoomOut') },
  });
  const ready = new Promise<void>((resolve) => map.once('load', () => resolve()));
  let fitted = false;
  let removed = false;
  map.on('mouseenter', 'sensors', () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', 'sensors', () => (map.getCanvas().style.cursor = ''));
  return {
    show(sensors, selected) {
      void ready.then(() => {
        const placed = sensors.filter((s) => s.location);
        const features = placed.map((s) => ({
          type: 'Feature' as const,
          properties: { id: s.id, flagged: s.flags.length > 0, selected: s.id === selected },
          geometry: { type: 'Point' as const, coordinates: [s.location!.longitude, s.location!.latitude] },
        }));
        map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
        if (!fitted && placed.length) {
          fitted = true;
          const xs = placed.map((s) => s.location!.longitude);
          const ys = placed.map((s) => s.location!.latitude);
          map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]] as LngLatBoundsLike, { padding: 40, maxZoom: 14, animate: false });
        }
      });
    },
    onSelect(handler) {
      map.on('click', 'sensors', (e) => {
        const id = e.features?.[0]?.properties?.id;
        if (typeof id === 'string') handler(id);
      });
    },
    remove() {
      if (removed) return;
      removed = true;
      map.remove();
    },
  };
}
