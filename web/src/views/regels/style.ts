import type { FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * The map's look: a blank background (no tiles, no fonts) and the plan objects in the
 * colours of the Dutch plan standard (SVBP2012), so a planner recognises the map.
 */
export const HOOFDGROEP_COLOURS: Record<string, string> = {
  agrarisch: '#ebf0d2',
  'agrarisch met waarden': '#d2e1a5',
  bedrijf: '#b45fd2',
  bedrijventerrein: '#c8a0d7',
  bos: '#64aa2d',
  centrum: '#ffc8be',
  'cultuur en ontspanning': '#ff3c82',
  detailhandel: '#ffa096',
  dienstverlening: '#f091be',
  gemengd: '#ffbe87',
  groen: '#28c846',
  horeca: '#ff6923',
  kantoor: '#ebc3d7',
  maatschappelijk: '#dc9b78',
  natuur: '#82a591',
  recreatie: '#b9d746',
  sport: '#82c846',
  tuin: '#c8d76e',
  verkeer: '#cdcdcd',
  water: '#afcde1',
  wonen: '#ffff00',
  woongebied: '#ffffb4',
  overig: '#ebe1eb',
};
export const UNKNOWN_HOOFDGROEP_COLOUR = '#e6e6e6';

/** Line styles, each with the legend key that names it. */
export const LINES = {
  plangebied: { colour: '#1b3a5c', width: 3, dash: null, label: 'rg.legend.plangebied' },
  bouwvlak: { colour: '#1b1f24', width: 2, dash: null, label: 'rg.legend.bouwvlak' },
  dubbelbestemming: { colour: '#0b5cad', width: 1.5, dash: [1, 1.5], label: 'rg.legend.dubbelbestemming' },
  functieaanduiding: { colour: '#8a1c24', width: 1.5, dash: [3, 2], label: 'rg.legend.functieaanduiding' },
  bouwaanduiding: { colour: '#5b2d8a', width: 1.5, dash: [3, 2], label: 'rg.legend.bouwaanduiding' },
  gebiedsaanduiding: { colour: '#1d5e33', width: 1.5, dash: [6, 3], label: 'rg.legend.gebiedsaanduiding' },
} as const;
export type LineKind = keyof typeof LINES;

/** Which collection each drawn layer comes from. */
export const DRAWN_COLLECTIONS = ['plangebieden', 'enkelbestemmingen', 'dubbelbestemmingen', 'bouwvlakken', 'functieaanduidingen', 'bouwaanduidingen', 'gebiedsaanduidingen'] as const;

export const SOURCE = 'plan-objects';
export const INSPECT_SOURCE = 'inspected-point';
export const FOOTPRINT_SOURCE = 'planned-footprint';
const BACKGROUND = '#f2f0ea';

const kind = (k: string): FilterSpecification => ['==', ['get', 'kind'], k];

function fillColour(): unknown {
  const pairs = Object.entries(HOOFDGROEP_COLOURS).flat();
  return ['match', ['downcase', ['coalesce', ['get', 'hoofdgroep'], '']], ...pairs, UNKNOWN_HOOFDGROEP_COLOUR];
}

function line(k: LineKind): LayerSpecification {
  const s = LINES[k];
  return {
    id: `line-${k}`,
    type: 'line',
    source: SOURCE,
    filter: kind(k),
    paint: { 'line-color': s.colour, 'line-width': s.width, ...(s.dash ? { 'line-dasharray': [...s.dash] } : {}) },
  };
}

export function blankStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [INSPECT_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [FOOTPRINT_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      {
        id: 'fill-enkelbestemming',
        type: 'fill',
        source: SOURCE,
        filter: kind('enkelbestemming'),
        paint: { 'fill-color': fillColour() as string, 'fill-opacity': 0.8, 'fill-outline-color': '#6b7480' },
      },
      line('dubbelbestemming'),
      line('gebiedsaanduiding'),
      line('functieaanduiding'),
      line('bouwaanduiding'),
      line('bouwvlak'),
      line('plangebied'),
      {
        id: 'footprint-fill',
        type: 'fill',
        source: FOOTPRINT_SOURCE,
        paint: { 'fill-color': '#d62828', 'fill-opacity': 0.35 },
      },
      { id: 'footprint-line', type: 'line', source: FOOTPRINT_SOURCE, paint: { 'line-color': '#9d0208', 'line-width': 2 } },
      {
        id: 'inspected',
        type: 'circle',
        source: INSPECT_SOURCE,
        paint: { 'circle-radius': 7, 'circle-color': '#d62828', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
      },
    ],
  };
}
