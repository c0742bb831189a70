import { getJson } from '../../api.js';
import { language, t, vocabLabel } from '../../i18n/index.js';
import type { FacetName, Vocab } from './types.js';

let vocab: Promise<Vocab> | undefined;

/**
 * The catalogue's vocabularies, fetched once per visit (they change only with a release).
 * Not abortable: the one request is shared by every page that asks.
 */
export function loadVocab(): Promise<Vocab> {
  vocab ??= getJson<Vocab>('/catalog/vocab').catch((error: unknown) => {
    vocab = undefined;
    throw error;
  });
  return vocab;
}

/** File types are language-neutral; these read better than the EU list's codes. */
const FORMAT_NAMES: Record<string, string> = {
  GEOJSON: 'GeoJSON',
  RDF_TURTLE: 'RDF Turtle',
  JSON_LD: 'JSON-LD',
  RDF_XML: 'RDF/XML',
  WMS_SRVC: 'WMS',
  WFS_SRVC: 'WFS',
  OAPIF: 'OGC API Features',
  GPKG: 'GeoPackage',
  SHP: 'Shapefile',
};

/**
 * Licence names are language-neutral too; 'no open licence' is translated (license.none).
 * Keyed by plain string: the server's licence list is still moving, and a code missing
 * here just shows as itself.
 */
const LICENSE_NAMES: Record<string, string> = {
  'CC0-1.0': 'CC0 1.0',
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC-BY-ND-4.0': 'CC BY-ND 4.0',
  'CC-BY-NC-4.0': 'CC BY-NC 4.0',
  'PDM-1.0': 'Public Domain Mark 1.0',
  'ODbL-1.0': 'ODbL 1.0',
  'EUPL-1.2': 'EUPL 1.2',
  'MPL-2.0': 'MPL 2.0',
  'Apache-2.0': 'Apache 2.0',
  MIT: 'MIT',
};

/** A distribution may name no format (DCAT-AP-NL leaves dct:format optional). */
export const formatLabel = (code: string | undefined): string => (code === undefined ? '—' : (FORMAT_NAMES[code] ?? code));

export const licenseLabel = (code: string): string =>
  code === 'GEEN-OPEN-LICENTIE' ? t('license.none') : (LICENSE_NAMES[code] ?? code);

export function themeLabel(vocabulary: Vocab | undefined, code: string): string {
  const theme = vocabulary?.themes.find((th) => th.code === code);
  return theme ? theme.label[language()] : code;
}

/** The label a facet value shows, in the current language. */
export function facetLabel(facet: FacetName, value: string, vocabulary: Vocab | undefined, serverLabel?: string): string {
  switch (facet) {
    case 'theme':
      return themeLabel(vocabulary, value);
    case 'publisher':
      return serverLabel ?? value;
    case 'format':
      return formatLabel(value);
    case 'license':
      return licenseLabel(value);
    case 'personalData':
      return vocabLabel('personalData', value);
    case 'sector':
      return vocabLabel('sector', value);
  }
}
