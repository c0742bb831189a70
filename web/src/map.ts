import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type LngLatLike, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

export interface FlatMapOptions {
  style: StyleSpecification | string;
  center: LngLatLike;
  zoom: number;
  /** What screen readers hear for the map and its buttons, in the page's language. */
  labels: { title: string; zoomIn: string; zoomOut: string; north?: string };
}

/**
 * A north-up plan map as every page uses it: no rotation or pitch (keyboard and touch
 * alike), no attribution (no outside sources), zoom buttons labelled in the UI language.
 */
export function createFlatMap(container: HTMLElement, o: FlatMapOptions): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: o.style,
    center: o.center,
    zoom: o.zoom,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    fadeDuration: 0,
    locale: {
      'Map.Title': o.labels.title,
      'NavigationControl.ZoomIn': o.labels.zoomIn,
      'NavigationControl.ZoomOut': o.labels.zoomOut,
      ...(o.labels.north ? { 'NavigationControl.ResetBearing': o.labels.north } : {}),
    },
  });
  map.keyboard.disableRotation();
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  return map;
}
