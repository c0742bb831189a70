import {
  ACCESS_RIGHTS, DATASET_STATUS, DCAT_AP_NL_LICENSES, EU_AUTHORITY, FILE_TYPES, FREQUENCIES, LANGUAGES, LICENSES, SECTORS, THEMES, THEME_LABELS,
} from '../vocab.js';
import { dct, skos, tb } from './ns.js';

/**
 * One controlled vocabulary: our short codes in the API, URIs in RDF. `types` are the
 * classes DCAT-AP's range shapes (sh:class) expect of a value, so the export can state them.
 */
export interface CodeList<C extends string> {
  name: string;
  scheme: string;
  schemeTitle: string;
  types: readonly string[];
  codes: readonly C[];
  uri(code: C): string;
  /** Maps a URI back to a code, accepting the spellings other catalogues use (http/https, trailing slash). */
  code(uri: string): C | undefined;
  label(code: C): { nl?: string; en: string };
  /** Whether the code's URI belongs to `scheme` (not so for licences outside the Dutch list). */
  inScheme(code: C): boolean;
}

type Labels<C extends string> = Record<C, { nl?: string; en: string }>;

function codeList<C extends string>(
  name: string,
  scheme: string,
  schemeTitle: string,
  types: readonly string[],
  codes: readonly C[],
  labels: Labels<C>,
  uriOf: (code: C) => string,
  aliases: Record<string, C> = {},
  inScheme: (code: C) => boolean = () => true,
): CodeList<C> {
  const byUri = new Map<string, C>();
  for (const c of codes) byUri.set(normalise(uriOf(c)), c);
  for (const [uri, c] of Object.entries(aliases)) byUri.set(normalise(uri), c);
  return {
    name, scheme, schemeTitle, types, codes,
    uri: uriOf,
    code: (uri) => byUri.get(normalise(uri)),
    label: (c) => labels[c],
    inScheme,
  };
}

/** Catalogues differ in scheme and trailing slashes for the same concept; compare without them. */
function normalise(uri: string): string {
  return uri.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

const eu = (list: string) => (code: string) => `${EU_AUTHORITY}${list}/${code}`;
const CONCEPT = [skos('Concept')] as const;

export const THEME_LIST = codeList('theme', `${EU_AUTHORITY}data-theme`, 'Data theme', CONCEPT, THEMES, THEME_LABELS, eu('data-theme'));

export const ACCESS_RIGHTS_LIST = codeList('access rights', `${EU_AUTHORITY}access-right`, 'Access right', [dct('RightsStatement'), skos('Concept')], ACCESS_RIGHTS, {
  PUBLIC: { nl: 'publiek', en: 'public' },
  RESTRICTED: { nl: 'beperkt', en: 'restricted' },
  NON_PUBLIC: { nl: 'niet-publiek', en: 'non-public' },
}, eu('access-right'));

export const FREQUENCY_LIST = codeList('frequency', `${EU_AUTHORITY}frequency`, 'Frequency', [dct('Frequency'), skos('Concept')], FREQUENCIES, {
  UPDATE_CONT: { nl: 'voortdurend bijgewerkt', en: 'continuously updated' },
  CONT: { nl: 'continu', en: 'continuous' },
  HOURLY: { nl: 'elk uur', en: 'hourly' },
  DAILY: { nl: 'dagelijks', en: 'daily' },
  WEEKLY: { nl: 'wekelijks', en: 'weekly' },
  MONTHLY: { nl: 'maandelijks', en: 'monthly' },
  QUARTERLY: { nl: 'driemaandelijks', en: 'quarterly' },
  ANNUAL: { nl: 'jaarlijks', en: 'annual' },
  IRREG: { nl: 'onregelmatig', en: 'irregular' },
  NEVER: { nl: 'nooit', en: 'never' },
  UNKNOWN: { nl: 'onbekend', en: 'unknown' },
  OTHER: { nl: 'anders', en: 'other' },
}, eu('frequency'), {
  // Dublin Core Collection Description frequencies, which DCAT-AP 1.x catalogues still use.
  'http://purl.org/cld/freq/continuous': 'CONT',
  'http://purl.org/cld/freq/daily': 'DAILY',
  'http://purl.org/cld/freq/weekly': 'WEEKLY',
  'http://purl.org/cld/freq/monthly': 'MONTHLY',
  'http://purl.org/cld/freq/quarterly': 'QUARTERLY',
  'http://purl.org/cld/freq/annual': 'ANNUAL',
  'http://purl.org/cld/freq/irregular': 'IRREG',
});

const fileTypeLabels = Object.fromEntries(FILE_TYPES.map((c) => [c, { en: c.replace(/_SRVC$/, ' service').replace(/_/g, ' ') }])) as Labels<(typeof FILE_TYPES)[number]>;
export const FILE_TYPE_LIST = codeList('format', `${EU_AUTHORITY}file-type`, 'File type', [dct('MediaTypeOrExtent'), skos('Concept')], FILE_TYPES, fileTypeLabels, eu('file-type'));

export const LANGUAGE_LIST = codeList('language', `${EU_AUTHORITY}language`, 'Language', [dct('LinguisticSystem'), skos('Concept')], LANGUAGES, {
  NLD: { nl: 'Nederlands', en: 'Dutch' },
  ENG: { nl: 'Engels', en: 'English' },
  FRY: { nl: 'Fries', en: 'Western Frisian' },
  DEU: { nl: 'Duits', en: 'German' },
}, eu('language'));

export const STATUS_LIST = codeList('status', `${EU_AUTHORITY}dataset-status`, 'Dataset status', CONCEPT, DATASET_STATUS, {
  COMPLETED: { nl: 'voltooid', en: 'completed' },
  DEPRECATED: { nl: 'verouderd', en: 'deprecated' },
  DEVELOP: { nl: 'in ontwikkeling', en: 'under development' },
  WITHDRAWN: { nl: 'ingetrokken', en: 'withdrawn' },
}, eu('dataset-status'), {
  // ADMS's own status list, as DCAT-AP 2 catalogues write it.
  'http://purl.org/adms/status/Completed': 'COMPLETED',
  'http://purl.org/adms/status/Deprecated': 'DEPRECATED',
  'http://purl.org/adms/status/UnderDevelopment': 'DEVELOP',
  'http://purl.org/adms/status/Withdrawn': 'WITHDRAWN',
});

/** DCAT-AP-NL 3.0 licence list (Geonovum): Creative Commons licences and 'niet-open'. */
export const LICENSE_BASE = 'https://definities.geostandaarden.nl/dcat-ap-nl/id/waardelijst/licenties';
const LICENSE_SLUGS: Record<(typeof DCAT_AP_NL_LICENSES)[number], string> = {
  'CC0-1.0': 'cc0',
  'CC-BY-4.0': 'naamsvermelding40',
  'CC-BY-SA-4.0': 'naamsvermelding_gelijkdelen40',
  'CC-BY-ND-4.0': 'naamsvermelding_geen_afgeleide_werken40',
  'CC-BY-NC-4.0': 'naamsvermelding_niet_commercieel40',
  'PDM-1.0': 'public_domain_mark',
  'GEEN-OPEN-LICENTIE': 'niet_open',
};
/** Licences outside the Dutch list go out under their SPDX URI (see vocab.ts). */
const SPDX = 'https://spdx.org/licenses/';
const licenseUri = (c: (typeof LICENSES)[number]): string =>
  c in LICENSE_SLUGS ? `${LICENSE_BASE}/${LICENSE_SLUGS[c as keyof typeof LICENSE_SLUGS]}` : SPDX + c;
const CC = 'http://creativecommons.org/';
export const LICENSE_LIST = codeList('licence', LICENSE_BASE, 'Licenties (DCAT-AP-NL)', [dct('LicenseDocument'), skos('Concept')], LICENSES, {
  'CC0-1.0': { nl: 'CC0 1.0 (publiek domein)', en: 'CC0 1.0' },
  'CC-BY-4.0': { nl: 'CC BY 4.0 (naamsvermelding)', en: 'CC BY 4.0' },
  'CC-BY-SA-4.0': { nl: 'CC BY-SA 4.0 (naamsvermelding, gelijk delen)', en: 'CC BY-SA 4.0' },
  'CC-BY-ND-4.0': { nl: 'CC BY-ND 4.0 (naamsvermelding, geen afgeleide werken)', en: 'CC BY-ND 4.0' },
  'CC-BY-NC-4.0': { nl: 'CC BY-NC 4.0 (naamsvermelding, niet commercieel)', en: 'CC BY-NC 4.0' },
  'PDM-1.0': { nl: 'Public Domain Mark 1.0', en: 'Public Domain Mark 1.0' },
  'GEEN-OPEN-LICENTIE': { nl: 'niet-open', en: 'not open' },
  'ODbL-1.0': { en: 'Open Data Commons Open Database License 1.0' },
  'MIT': { en: 'MIT License' },
  'EUPL-1.2': { en: 'European Union Public Licence 1.2' },
  'MPL-2.0': { en: 'Mozilla Public License 2.0' },
  'Apache-2.0': { en: 'Apache License 2.0' },
}, licenseUri, {
  // The Creative Commons URIs themselves, as other catalogues (and DCAT-AP-DONL 2) write them.
  [`${CC}publicdomain/zero/1.0/`]: 'CC0-1.0',
  [`${CC}publicdomain/zero/1.0/deed.nl`]: 'CC0-1.0',
  [`${CC}licenses/by/4.0/`]: 'CC-BY-4.0',
  [`${CC}licenses/by/4.0/deed.nl`]: 'CC-BY-4.0',
  [`${CC}licenses/by-sa/4.0/`]: 'CC-BY-SA-4.0',
  [`${CC}licenses/by-sa/4.0/deed.nl`]: 'CC-BY-SA-4.0',
  [`${CC}licenses/by-nd/4.0/`]: 'CC-BY-ND-4.0',
  [`${CC}licenses/by-nc/4.0/`]: 'CC-BY-NC-4.0',
  [`${CC}publicdomain/mark/1.0/`]: 'PDM-1.0',
  [`${CC}publicdomain/mark/1.0/deed.nl`]: 'PDM-1.0',
  // The same licences in the EU licence list and in SPDX, and Open Definition's URI for CC0.
  [`${EU_AUTHORITY}licence/CC0`]: 'CC0-1.0',
  [`${EU_AUTHORITY}licence/CC_BY_4_0`]: 'CC-BY-4.0',
  [`${EU_AUTHORITY}licence/CC_BYSA_4_0`]: 'CC-BY-SA-4.0',
  [`${EU_AUTHORITY}licence/CC_BYND_4_0`]: 'CC-BY-ND-4.0',
  [`${EU_AUTHORITY}licence/CC_BYNC_4_0`]: 'CC-BY-NC-4.0',
  [`${EU_AUTHORITY}licence/EUPL_1_2`]: 'EUPL-1.2',
  [`${EU_AUTHORITY}licence/ODC_ODBL`]: 'ODbL-1.0',
  [`${SPDX}CC0-1.0`]: 'CC0-1.0',
  [`${SPDX}CC-BY-4.0`]: 'CC-BY-4.0',
  [`${SPDX}CC-BY-SA-4.0`]: 'CC-BY-SA-4.0',
  [`${SPDX}CC-BY-ND-4.0`]: 'CC-BY-ND-4.0',
  [`${SPDX}CC-BY-NC-4.0`]: 'CC-BY-NC-4.0',
  'http://www.opendefinition.org/licenses/cc-zero': 'CC0-1.0',
  'http://opendefinition.org/licenses/cc-zero': 'CC0-1.0',
}, (c) => c in LICENSE_SLUGS);

const SECTOR_LABELS: Labels<(typeof SECTORS)[number]> = {
  'omgeving-dso': { nl: 'Omgeving (Digitaal Stelsel Omgevingswet)', en: 'Physical living environment (DSO)' },
  'mobiliteit-dsm-ntm': { nl: 'Mobiliteit (Data Stelsel Mobiliteit, NTM)', en: 'Mobility (DSM, NTM)' },
  'gebouwde-omgeving-dsgo': { nl: 'Gebouwde omgeving (DSGO)', en: 'Built environment (DSGO)' },
  'vth': { nl: 'Vergunningverlening, toezicht en handhaving', en: 'Permits, supervision and enforcement' },
  'energie': { nl: 'Energie', en: 'Energy' },
  'logistiek-basis-data-infrastructuur': { nl: 'Logistiek (Basis Data Infrastructuur)', en: 'Logistics (BDI)' },
  'geo-ngii': { nl: 'Geo (Nationale Geo-informatie Infrastructuur)', en: 'Geo (NGII)' },
  'water': { nl: 'Water', en: 'Water' },
  'zorg': { nl: 'Zorg', en: 'Care' },
  'sociaal-domein': { nl: 'Sociaal domein', en: 'Social domain' },
  'openbare-orde-en-veiligheid': { nl: 'Openbare orde en veiligheid', en: 'Public order and safety' },
  'overig': { nl: 'Overig', en: 'Other' },
};
/** Our sector data systems, published as a second theme taxonomy (DCAT allows more than one). */
export const SECTOR_LIST = codeList('sector', tb('sectors'), 'Thorbecke: sectorale datastelsels', CONCEPT, SECTORS, SECTOR_LABELS, (c) => tb(`sector:${c}`));

export const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';
export const mediaTypeUri = (mediaType: string): string => IANA_MEDIA_TYPES + mediaType.toLowerCase();
/** `text/csv` from an IANA media type URI, in either scheme. */
export function mediaTypeOf(uri: string): string | undefined {
  const m = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/([a-z]+\/[a-z0-9.+-]+)$/i.exec(uri);
  return m?.[1]?.toLowerCase();
}

/** The usual IANA media type of a file type, to fill dcat:mediaType and to infer a format on import. */
export const FILE_TYPE_MEDIA: Partial<Record<(typeof FILE_TYPES)[number], string>> = {
  CSV: 'text/csv',
  JSON: 'application/json',
  GEOJSON: 'application/geo+json',
  XML: 'application/xml',
  GML: 'application/gml+xml',
  RDF_TURTLE: 'text/turtle',
  JSON_LD: 'application/ld+json',
  RDF_XML: 'application/rdf+xml',
  ZIP: 'application/zip',
  PDF: 'application/pdf',
  HTML: 'text/html',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  GPKG: 'application/geopackage+sqlite3',
  TIFF: 'image/tiff',
};
