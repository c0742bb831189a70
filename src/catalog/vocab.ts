/**
 * Controlled vocabularies the DCAT-AP-NL 3.0 profile prescribes, as short codes in the
 * API and as URIs in RDF. Only codes a municipal catalogue plausibly needs are listed;
 * each maps one-to-one onto the authority list named beside it.
 */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

/** EU Data Theme vocabulary (dcat:theme). */
export const THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
export const THEME_LABELS: Record<(typeof THEMES)[number], { nl: string; en: string }> = {
  AGRI: { nl: 'Landbouw, visserij, bosbouw en voeding', en: 'Agriculture, fisheries, forestry and food' },
  ECON: { nl: 'Economie en financiën', en: 'Economy and finance' },
  EDUC: { nl: 'Onderwijs, cultuur en sport', en: 'Education, culture and sport' },
  ENER: { nl: 'Energie', en: 'Energy' },
  ENVI: { nl: 'Milieu', en: 'Environment' },
  GOVE: { nl: 'Overheid en publieke sector', en: 'Government and public sector' },
  HEAL: { nl: 'Gezondheid', en: 'Health' },
  INTR: { nl: 'Internationale vraagstukken', en: 'International issues' },
  JUST: { nl: 'Justitie, rechtsstelsel en openbare veiligheid', en: 'Justice, legal system and public safety' },
  REGI: { nl: 'Regio’s en steden', en: 'Regions and cities' },
  SOCI: { nl: 'Bevolking en samenleving', en: 'Population and society' },
  TECH: { nl: 'Wetenschap en technologie', en: 'Science and technology' },
  TRAN: { nl: 'Vervoer', en: 'Transport' },
};

/** EU Access Rights list; DCAT-AP-NL allows exactly these three. */
export const ACCESS_RIGHTS = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const;

/** EU Frequency list (dct:accrualPeriodicity), the values a city's data uses. */
export const FREQUENCIES = ['UPDATE_CONT', 'CONT', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG', 'NEVER', 'UNKNOWN', 'OTHER'] as const;

/** EU File Type list (dct:format). */
export const FILE_TYPES = ['CSV', 'JSON', 'GEOJSON', 'XML', 'GML', 'RDF_TURTLE', 'JSON_LD', 'RDF_XML', 'ZIP', 'PDF', 'HTML', 'XLSX', 'SHP', 'GPKG', 'WMS_SRVC', 'WFS_SRVC', 'OAPIF', 'TIFF', 'LAS', 'LAZ'] as const;

/** EU Languages list (dct:language). */
export const LANGUAGES = ['NLD', 'ENG', 'FRY', 'DEU'] as const;

/** EU Dataset Status list (adms:status). */
export const DATASET_STATUS = ['COMPLETED', 'DEPRECATED', 'DEVELOP', 'WITHDRAWN'] as const;

/**
 * Licences, as SPDX-like codes in the API. DCAT-AP-NL 3.0 prescribes its own licence list
 * (Geonovum: Creative Commons licences, the Public Domain Mark and 'niet-open');
 * DCAT_AP_NL_LICENSES are the codes on it. The others (software and database licences) go
 * out under their SPDX URI, which DCAT-AP accepts but the Dutch list does not name: the
 * profile would have such a distribution described as 'GEEN-OPEN-LICENTIE'.
 */
export const LICENSES = ['CC0-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'ODbL-1.0', 'MIT', 'EUPL-1.2', 'MPL-2.0', 'Apache-2.0', 'GEEN-OPEN-LICENTIE', 'CC-BY-ND-4.0', 'CC-BY-NC-4.0', 'PDM-1.0'] as const;
export const DCAT_AP_NL_LICENSES = ['CC0-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-4.0', 'PDM-1.0', 'GEEN-OPEN-LICENTIE'] as const satisfies readonly (typeof LICENSES)[number][];

/** Thorbecke's own: how much a dataset says about people. */
export const PERSONAL_DATA_CLASSES = ['none', 'pseudonymised', 'personal', 'special-category'] as const;

/** The Dutch sector data systems a dataset belongs to. */
export const SECTORS = [
  'omgeving-dso',
  'mobiliteit-dsm-ntm',
  'gebouwde-omgeving-dsgo',
  'vth',
  'energie',
  'logistiek-basis-data-infrastructuur',
  'geo-ngii',
  'water',
  'zorg',
  'sociaal-domein',
  'openbare-orde-en-veiligheid',
  'overig',
] as const;
