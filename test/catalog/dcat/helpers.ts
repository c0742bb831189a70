import type { Mandate, Organisation } from '../../../src/governance/index.js';
import { type CatalogDescription, type DcatExportInput, exportCatalogToString, type DcatFormat } from '../../../src/catalog/dcat/export.js';
import { UNRESOLVED_PUBLISHER_ID } from '../../../src/catalog/dcat/import.js';
import { platformUris } from '../../../src/catalog/dcat/uris.js';
import { generateDatasets } from '../../../src/catalog/generate.js';
import { type Dataset, datasetInput, type DatasetInput } from '../../../src/catalog/model.js';

export const BASE_URL = 'https://data.delft.nl';
const NOW = '2025-06-01T12:00:00Z';

const org = (o: Omit<Organisation, 'example' | 'createdAt' | 'updatedAt'>): Organisation => ({ example: false, createdAt: NOW, updatedAt: NOW, ...o });

export const DELFT = org({ id: 'gemeente-delft', name: 'Gemeente Delft', kind: 'gemeente', oin: '00000001001963437000', uri: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0503', website: 'https://www.delft.nl', email: 'data@delft.nl' });
export const ZUID_HOLLAND = org({ id: 'provincie-zuid-holland', name: 'Provincie Zuid-Holland', kind: 'provincie', uri: 'https://identifier.overheid.nl/tooi/id/provincie/pv28' });
/** A partner without a TOOI URI: gets a URI under our own API. */
export const PARKING_OPERATOR = org({ id: 'parkeerbedrijf', name: 'Parkeerbedrijf Delft B.V.', kind: 'bedrijf' });

export const ORGANISATIONS = new Map([DELFT, ZUID_HOLLAND, PARKING_OPERATOR].map((o) => [o.id, o]));

const mandate = (m: Omit<Mandate, 'signatories' | 'example' | 'createdAt' | 'updatedAt'> & Partial<Pick<Mandate, 'example'>>): Mandate =>
  ({ signatories: [], example: true, createdAt: NOW, updatedAt: NOW, ...m });

export const MANDATES = new Map([
  mandate({ id: 'raad-2021-datastrategie', kind: 'raadsbesluit', title: 'Raadsvoorstel Datastrategie Delft 2021-2025', date: '2021-06-24', decidedBy: { name: 'Gemeenteraad van Delft', elected: true, organisationId: 'gemeente-delft' }, link: 'https://delft.raadsinformatie.nl/', ownerId: 'gemeente-delft' }),
  mandate({ id: 'college-2023-parkeersensoren', kind: 'collegebesluit', title: 'Besluit plaatsing parkeersensoren binnenstad', date: '2023-03-14', decidedBy: { name: 'College van burgemeester en wethouders', elected: false }, basedOn: 'raad-2021-datastrategie', ownerId: 'gemeente-delft' }),
].map((m) => [m.id, m]));

/** A stored dataset as the store would hold it: defaults applied, ids and timestamps set. */
export function asDataset(input: DatasetInput, baseUrl = BASE_URL): Dataset {
  const d = datasetInput.parse(input);
  const id = d.id ?? 'dataset';
  return {
    ...d,
    id,
    identifier: d.identifier ?? platformUris(baseUrl).dataset(id),
    creatorId: d.creatorId ?? d.publisherId,
    distributions: d.distributions.map((x, i) => ({ ...x, id: x.id ?? `d${i + 1}` })),
    spatial: d.spatial && { ...d.spatial, bbox: d.spatial.bbox! },
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** What a parser should give back for a dataset: its input, minus what RDF does not carry. */
export function expectedInput(d: Dataset): DatasetInput {
  const { id: _id, creatorId: _creator, createdAt: _c, updatedAt: _u, publisherId: _p, ...rest } = d;
  return datasetInput.parse({ ...rest, publisherId: UNRESOLVED_PUBLISHER_ID });
}

export const CATALOG: CatalogDescription = {
  uri: `${BASE_URL}/api/v1/catalog`,
  title: { nl: 'Dataregister gemeente Delft', en: 'Data register of the municipality of Delft' },
  description: { nl: 'Alle datasets van de gemeente Delft en haar partners.', en: 'All datasets of the municipality of Delft and its partners.' },
  publisher: DELFT,
  homepage: 'https://data.delft.nl',
  contactEmail: 'dataregister@delft.nl',
};

/** A small catalogue like the demo: Delft publishing buildings, parking and more. */
export const DEMO_DATASETS: Dataset[] = [
  asDataset({
    id: 'bag-panden-delft',
    title: { nl: 'BAG-panden Delft', en: 'BAG buildings Delft' },
    description: { nl: 'Alle panden in Delft uit de Basisregistratie Adressen en Gebouwen, met bouwjaar en status.', en: 'All buildings in Delft from the Dutch buildings register, with year of construction and status.' },
    publisherId: 'gemeente-delft',
    contactPoint: { name: 'Team Geo-informatie, gemeente Delft', email: 'geo@delft.nl', url: 'https://www.delft.nl/contact' },
    themes: ['REGI'],
    sectors: ['gebouwde-omgeving-dsgo', 'geo-ngii'],
    accessRights: 'PUBLIC',
    keywords: ['BAG', 'panden', 'gebouwen', '3D BAG'],
    languages: ['NLD', 'ENG'],
    landingPage: 'https://data.delft.nl/datasets/bag-panden-delft',
    issued: '2019-01-15',
    modified: '2025-05-30',
    accrualPeriodicity: 'DAILY',
    status: 'COMPLETED',
    spatial: { bbox: [4.3201, 51.9611, 4.4103, 52.0322], name: 'Delft' },
    temporal: { start: '2009-07-01' },
    distributions: [
      { id: 'gpkg', title: { nl: 'GeoPackage' }, accessUrl: 'https://data.delft.nl/datasets/bag-panden-delft', downloadUrl: 'https://data.delft.nl/downloads/bag-panden-delft.gpkg', format: 'GPKG', mediaType: 'application/geopackage+sqlite3', license: 'CC0-1.0', byteSize: 184_220_160, modified: '2025-05-30T02:15:00Z' },
      { id: 'wfs', title: { nl: 'WFS-service', en: 'WFS service' }, description: { nl: 'OGC WFS 2.0 met de laag "panden".' }, accessUrl: 'https://service.pdok.nl/lv/bag/wfs/v2_0?request=GetCapabilities&service=WFS', format: 'WFS_SRVC', license: 'CC0-1.0' },
    ],
    personalData: 'none',
    mandateIds: ['raad-2021-datastrategie'],
  }),
  asDataset({
    id: 'parkeerbezetting-binnenstad',
    identifier: 'urn:uuid:6f1c7a3e-2d4b-4f6a-9c1e-8b7d5a3f2e10',
    title: { nl: 'Parkeerbezetting binnenstad (realtime)', en: 'Parking occupancy city centre (real time)' },
    description: { nl: 'Bezetting van parkeerplaatsen in de binnenstad, gemeten door bodemsensoren. Kentekens worden bij inwinning gepseudonimiseerd.\nRegel twee met "aanhalingstekens" en een \\ backslash.' },
    publisherId: 'gemeente-delft',
    creatorId: 'parkeerbedrijf',
    contactPoint: { name: 'Mobiliteit, gemeente Delft', email: 'mobiliteit@delft.nl' },
    themes: ['TRAN', 'REGI'],
    sectors: ['mobiliteit-dsm-ntm'],
    accessRights: 'RESTRICTED',
    keywords: ['parkeren', 'sensoren', 'realtime', 'SensorThings'],
    landingPage: 'https://data.delft.nl/datasets/parkeerbezetting-binnenstad',
    issued: '2023-04-01',
    accrualPeriodicity: 'UPDATE_CONT',
    status: 'DEVELOP',
    spatial: { bbox: [4.3489, 52.0047, 4.3656, 52.0151], name: 'Binnenstad, Delft' },
    temporal: { start: '2023-04-01', end: '2026-03-31' },
    distributions: [
      { id: 'sta', accessUrl: 'https://data.delft.nl/sta/v1.1/Datastreams', format: 'JSON', mediaType: 'application/json', license: 'GEEN-OPEN-LICENTIE' },
    ],
    personalData: 'pseudonymised',
    legalBasis: 'AVG art. 6 lid 1 sub e (taak van algemeen belang); Wegenverkeerswet 1994, art. 2',
    mandateIds: ['college-2023-parkeersensoren'],
  }),
  asDataset({
    id: 'parkeergarages',
    title: { nl: 'Parkeergarages en P+R-terreinen' },
    description: { nl: 'Locaties, capaciteit en tarieven van parkeergarages en P+R-terreinen in Delft.' },
    publisherId: 'parkeerbedrijf',
    contactPoint: { name: 'Parkeerbedrijf Delft', url: 'https://parkeren.delft.nl' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    distributions: [
      { id: 'geojson', accessUrl: 'https://data.delft.nl/datasets/parkeergarages', downloadUrl: 'https://data.delft.nl/downloads/parkeergarages.geojson', format: 'GEOJSON', mediaType: 'application/geo+json', license: 'CC-BY-4.0' },
      { id: 'csv', accessUrl: 'https://data.delft.nl/datasets/parkeergarages', downloadUrl: 'https://data.delft.nl/downloads/parkeergarages.csv', format: 'CSV', mediaType: 'text/csv', license: 'CC-BY-4.0', byteSize: 0 },
    ],
    personalData: 'none',
  }),
  asDataset({
    id: 'fietsroutes-zuid-holland',
    title: { nl: 'Regionale fietsroutes Zuid-Holland' },
    description: { nl: 'Het provinciale netwerk van snelfietsroutes, ook door Delft.' },
    publisherId: 'provincie-zuid-holland',
    contactPoint: { name: 'Provincie Zuid-Holland, team Data' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    languages: [],
    keywords: [],
    distributions: [],
    personalData: 'none',
  }),
];

export function demoExportInput(datasets: Iterable<Dataset> | AsyncIterable<Dataset> = DEMO_DATASETS): DcatExportInput {
  return { catalog: CATALOG, datasets, organisations: ORGANISATIONS, mandates: MANDATES, baseUrl: BASE_URL };
}

export function generatedDatasets(count: number, seed: number): Dataset[] {
  return generateDatasets(count, seed, [...ORGANISATIONS.keys()], { mandateIds: [...MANDATES.keys()] }).map((d) => asDataset(d));
}

export const exportDemo = (format: DcatFormat, datasets?: Iterable<Dataset>) => exportCatalogToString(demoExportInput(datasets), format);
