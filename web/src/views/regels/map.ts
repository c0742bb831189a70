import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import { createFlatMap } from '../../map.js';
import { t } from '../../i18n/index.js';
import { blankStyle, FOOTPRINT_SOURCE, INSPECT_SOURCE, SOURCE } from './style.js';
import type { Bbox, LonLat, PlanFeature } from './types.js';

// MapLibre finds its worker next to its own module, which a bundle moves; say where Vite put it.
export interface Camera {
  center: LonLat;
  zoom: number;
}

export interface PlanMap {
  /** Resolves once the style is ready for data. */
  ready: Promise<void>;
  setObjects(features: PlanFeature[]): void;
  showPoint(point: LonLat | null): void;
  showFootprint(ring: LonLat[] | null): void;
  fitTo(bbox: Bbox): void;
  center(): LonLat;
  camera(): Camera;
  onClick(handler: (point: LonLat) => void): void;
  remove(): void;
}

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/**
 * A MapLibre map without any outside resources. Rotation and pitch are off so the map is
 * a plain north-up plan map; the keyboard handler pans with the arrow keys and zooms with + and -.
 */
export function createPlanMap(container: HTMLElement, camera: Camera | null): PlanMap {
  const map = createFlatMap(container, {
    style: blankStyle(),
    center: camera?.center ?? [5.3, 52.1],
    zoom: camera?.zoom ?? 7,
    labels: { title: t('rg.map.label'), zoomIn: t('rg.map.zoomIn'), zoomOut: t('rg.map.zoomOut'), north: t('rg.map.north') },
  });
  const ready = new Promise<void>((resolve) => map.once('load', () => resolve()));

  // The bounds let tests and tools turn a place into a pixel without reaching into MapLibre.
  const publishBounds = (): void => {
    const b = map.getBounds();
    container.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',');
  };
  map.on('moveend', publishBounds);
  map.on('resize', publishBounds);
  map.once('load', publishBounds);

  const source = (id: string): GeoJSONSource | undefined => map.getSource<GeoJSONSource>(id);
  let removed = false;
  return {
    ready,
    setObjects(features) {
      source(SOURCE)?.setData({ type: 'FeatureCollection', features } as unknown as Parameters<GeoJSONSource['setData']>[0]);
    },
    showPoint(point) {
      source(INSPECT_SOURCE)?.setData(point ? { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: point } } : emptyCollection);
    },
    showFootprint(ring) {
      source(FOOTPRINT_SOURCE)?.setData(ring ? { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } } : emptyCollection);
    },
    fitTo([w, s, e, n]) {
      map.fitBounds([[w, s], [e, n]] as LngLatBoundsLike, { padding: 24, animate: false });
      publishBounds();
    },
    center() {
      const c = map.getCenter();
      return [c.lng, c.lat];
    },
    camera() {
      const c = map.getCenter();
      return { center: [c.lng, c.lat], zoom: map.getZoom() };
    },
    onClick(handler) {
      map.on('click', (e) => handler([e.lngLat.lng, e.lngLat.lat]));
    },
    remove() {
      // Both a redraw and the page being replaced end a map; only the first may.
      if (removed) return;
      removed = true;
      map.remove();
    },
  };
}
