import type { AppContext } from '../kernel/capability.js';
import type { DatasetInput } from './model.js';
import { createDataset } from './service.js';
import { catalogStore } from './store/index.js';

const DELFT_BBOX: [number, number, number, number] = [4.3565, 52.0085, 4.3655, 52.0125];
const DELFT_CITY: [number, number, number, number] = [4.32, 51.97, 4.4, 52.03];
const AMSTERDAM: [number, number, number, number] = [4.73, 52.27, 5.07, 52.43];
const GOES_STATION: [number, number, number, number] = [3.882, 51.495, 3.895, 51.503];

/** The real datasets the platform ships in demo/, described with their real sources and licences. */
export const DEMO_DATASETS: DatasetInput[] = [
  {
    id: 'delft-gebouwen-lod1-2016',
    title: { nl: 'Gebouwen binnenstad Delft in 3D (LoD1, 2016)', en: 'Buildings of Delft inner city in 3D (LoD1, 2016)' },
    description: {
      nl: 'CityJSON-model van ongeveer 520 bij 330 meter van de binnenstad van Delft ten oosten van de Markt: 160 gebouwen in LoD1 met gemeten hoogte en BAG-pand-id, plus wegen, grondgebruik, begroeiing, water en bruggen. Basis voor de digitale tweeling en de bezonningsstudie.',
      en: 'CityJSON model of about 520 by 330 metres of Delft inner city east of the Markt: 160 LoD1 buildings with measured height and BAG building id, plus roads, land use, vegetation, water and bridges.',
    },
    publisherId: 'tu-delft-3d',
    contactPoint: { name: '3D geoinformation, TU Delft', url: 'https://3d.bk.tudelft.nl' },
    themes: ['REGI', 'TECH'],
    accessRights: 'PUBLIC',
    keywords: ['3D', 'CityJSON', 'gebouwen', 'BAG', 'digitale tweeling', 'Delft'],
    landingPage: 'https://github.com/cityjson/cjio',
    spatial: { bbox: DELFT_BBOX, name: 'Delft, binnenstad' },
    temporal: { start: '2016-01-01', end: '2016-12-31' },
    distributions: [{ id: 'cityjson', title: { nl: 'CityJSON 2.0 (EPSG:7415)' }, accessUrl: 'https://github.com/cityjson/cjio', format: 'JSON', mediaType: 'application/city+json', license: 'MIT' }],
    personalData: 'none',
    mandateIds: ['raad-delft-digitale-tweeling'],
    sectors: ['gebouwde-omgeving-dsgo', 'geo-ngii'],
    accrualPeriodicity: 'NEVER',
  },
  {
    id: 'delft-3dbag-2024',
    title: { nl: '3DBAG-gebouwen Delft (LoD 0 tot 2.2)', en: '3DBAG buildings of Delft (LoD 0 to 2.2)' },
    description: {
      nl: 'Gebouwen uit een 3DBAG-tegel van Delft (2024) als CityJSONSeq, met maaiveldhoogte, dakhoogtes (minimum, 50e en 70e percentiel, maximum), daktype en oorspronkelijk bouwjaar, afgeleid uit de BAG en de AHN.',
      en: 'Buildings of a 3DBAG tile of Delft (2024) as CityJSONSeq, with ground height, roof heights, roof type and construction year, derived from the BAG and AHN.',
    },
    publisherId: 'tu-delft-3d',
    contactPoint: { name: '3DBAG', url: 'https://3dbag.nl' },
    themes: ['REGI'],
    accessRights: 'PUBLIC',
    keywords: ['3DBAG', 'CityJSONSeq', 'dakhoogte', 'bouwjaar', 'gebouwen'],
    landingPage: 'https://3dbag.nl',
    spatial: { bbox: DELFT_CITY, name: 'Delft' },
    distributions: [{ id: 'cityjsonseq', accessUrl: 'https://3dbag.nl', format: 'JSON', mediaType: 'application/city+json-seq', license: 'CC-BY-4.0' }],
    personalData: 'none',
    mandateIds: ['raad-delft-digitale-tweeling'],
    sectors: ['gebouwde-omgeving-dsgo', 'geo-ngii'],
    accrualPeriodicity: 'ANNUAL',
  },
  {
    id: 'delft-parkeervoorzieningen',
    title: { nl: 'Parkeervoorzieningen Delft', en: 'Parking facilities of Delft' },
    description: {
      nl: 'De 13 openbare parkeergarages en -terreinen van Delft: naam, adres, locatie, capaciteit, exploitant, doorrijhoogte en laadpunten, uit de open parkeerdata (SPDP v2) van RDW en het Nationaal Parkeer Register.',
      en: 'The 13 public parking facilities of Delft: name, address, location, capacity, operator, height limit and charging points, from the RDW / NPR open parking data (SPDP v2).',
    },
    publisherId: 'rdw',
    creatorId: 'nationaal-parkeer-register',
    contactPoint: { name: 'RDW open data', url: 'https://opendata.rdw.nl' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    keywords: ['parkeren', 'parkeergarage', 'SPDP', 'mobiliteit', 'laadpunten'],
    landingPage: 'https://opendata.rdw.nl',
    spatial: { bbox: DELFT_CITY, name: 'Delft' },
    distributions: [{ id: 'spdp-json', accessUrl: 'https://opendata.rdw.nl', format: 'JSON', mediaType: 'application/json', license: 'CC0-1.0' }],
    personalData: 'none',
    mandateIds: ['convenant-parkeerdata'],
    sectors: ['mobiliteit-dsm-ntm'],
    accrualPeriodicity: 'IRREG',
  },
  {
    id: 'delft-parkeerbezetting',
    title: { nl: 'Parkeerbezetting Delft per uur', en: 'Hourly parking occupancy in Delft' },
    description: {
      nl: 'Vrije plaatsen, capaciteit en open/vol per parkeervoorziening in Delft, elk uur van 6 maart tot 22 augustus 2026 (26.235 metingen). Voedt de live parkeerkaart: is er nu plek?',
      en: 'Vacant spaces, capacity and open/full per parking facility in Delft, hourly from 6 March to 22 August 2026 (26,235 readings). Feeds the live parking map.',
    },
    publisherId: 'rdw',
    creatorId: 'nationaal-parkeer-register',
    contactPoint: { name: 'RDW open data', url: 'https://opendata.rdw.nl' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    keywords: ['parkeren', 'bezetting', 'vrije plaatsen', 'realtime', 'sensoren'],
    spatial: { bbox: DELFT_CITY, name: 'Delft' },
    temporal: { start: '2026-03-06', end: '2026-08-22' },
    distributions: [
      { id: 'csv', accessUrl: 'https://opendata.rdw.nl', format: 'CSV', mediaType: 'text/csv', license: 'CC0-1.0' },
    ],
    personalData: 'none',
    mandateIds: ['college-delft-parkeerdata', 'convenant-parkeerdata'],
    sectors: ['mobiliteit-dsm-ntm'],
    accrualPeriodicity: 'HOURLY',
  },
  {
    id: 'amsterdam-luchtkwaliteit-2017-04-30',
    title: { nl: 'Luchtkwaliteit Amsterdam, 30 april 2017', en: 'Air quality in Amsterdam, 30 April 2017' },
    description: {
      nl: 'Uurmetingen van stikstofdioxide (NO2), fijnstof (PM10, PM2,5), ozon en koolmonoxide op drie meetstations van Luchtmeetnet in Amsterdam, met hun ligging.',
      en: 'Hourly readings of NO2, PM10, PM2.5, ozone and CO at three Luchtmeetnet stations in Amsterdam, with their locations.',
    },
    publisherId: 'rivm',
    contactPoint: { name: 'Luchtmeetnet', url: 'https://www.luchtmeetnet.nl' },
    themes: ['ENVI', 'HEAL'],
    accessRights: 'PUBLIC',
    keywords: ['luchtkwaliteit', 'fijnstof', 'stikstofdioxide', 'air quality', 'Luchtmeetnet'],
    landingPage: 'https://www.luchtmeetnet.nl',
    spatial: { bbox: AMSTERDAM, name: 'Amsterdam' },
    temporal: { start: '2017-04-30', end: '2017-04-30' },
    distributions: [{ id: 'csv', accessUrl: 'https://www.luchtmeetnet.nl', format: 'CSV', mediaType: 'text/csv', license: 'MIT' }],
    personalData: 'none',
    mandateIds: [],
    sectors: ['omgeving-dso'],
    accrualPeriodicity: 'HOURLY',
  },
  {
    id: 'amsterdam-parkeergarages',
    title: { nl: 'Parkeergarages en P+R Amsterdam', en: 'Parking garages and park-and-ride in Amsterdam' },
    description: {
      nl: 'Momentopname (23 februari 2023) van de Amsterdamse parkeergarages en P+R-terreinen: vrije plaatsen, capaciteit en status, als GeoJSON zoals de gemeente die publiceert.',
      en: 'Snapshot (23 February 2023) of Amsterdam parking garages and park-and-ride sites: free spaces, capacity and state, as GeoJSON as published by the city.',
    },
    publisherId: 'gemeente-amsterdam',
    contactPoint: { name: 'Gemeente Amsterdam, Data en informatie', url: 'https://data.amsterdam.nl' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    keywords: ['parkeren', 'P+R', 'parkeergarage', 'Amsterdam'],
    landingPage: 'https://data.amsterdam.nl',
    spatial: { bbox: AMSTERDAM, name: 'Amsterdam' },
    distributions: [{ id: 'geojson', accessUrl: 'https://data.amsterdam.nl', format: 'GEOJSON', mediaType: 'application/geo+json', license: 'MIT' }],
    personalData: 'none',
    mandateIds: ['raad-amsterdam-sensorregister'],
    sectors: ['mobiliteit-dsm-ntm'],
    accrualPeriodicity: 'UPDATE_CONT',
  },
  {
    id: 'goes-bestemmingsplan-stationsplein-zuidoost',
    title: { nl: 'Bestemmingsplan Stationsplein Zuidoost, Goes', en: 'Zoning plan Stationsplein Zuidoost, Goes' },
    description: {
      nl: 'Vastgesteld bestemmingsplan van de gemeente Goes in IMRO2012: enkelbestemmingen, 25 bouwvlakken, maatvoering (maximum bouwhoogte, goothoogte, bebouwingspercentage) en functieaanduidingen. Onder de Omgevingswet onderdeel van het tijdelijke deel van het omgevingsplan.',
      en: 'Adopted zoning plan of Goes in IMRO2012: land-use designations, 25 building envelopes, maximum heights and coverage, function designations; part of the temporary omgevingsplan under the Environment and Planning Act.',
    },
    publisherId: 'gemeente-goes',
    contactPoint: { name: 'Gemeente Goes', url: 'https://www.goes.nl' },
    themes: ['REGI', 'GOVE'],
    accessRights: 'PUBLIC',
    keywords: ['bestemmingsplan', 'omgevingsplan', 'IMRO', 'regels op de kaart', 'bouwvlak'],
    spatial: { bbox: GOES_STATION, name: 'Goes, Stationsplein' },
    distributions: [{ id: 'gml', accessUrl: 'https://www.ruimtelijkeplannen.nl', format: 'GML', mediaType: 'application/gml+xml', license: 'CC0-1.0' }],
    personalData: 'none',
    mandateIds: ['omgevingswet'],
    sectors: ['omgeving-dso'],
    accrualPeriodicity: 'IRREG',
  },
  {
    id: 'toepasbare-regels-vergunningcheck',
    title: { nl: 'Toepasbare regels voor de vergunningcheck (STTR)', en: 'Applicable rules for the permit check (STTR)' },
    description: {
      nl: 'Regelbestanden in DMN met de Omgevingswet-uitbreiding: dakkapel, evenementenvergunning, opslag van olieproducten, bomen kappen en een locatiegebonden model. Vragen (uitvoeringsregels) leiden tot een conclusie zoals vergunningplicht of toestemmingsvrij.',
      en: 'DMN rule files with the Environment and Planning Act extension (dormer, event permit, oil storage, tree felling, a location-based model): questions lead to a conclusion such as permit required or permit-free.',
    },
    publisherId: 'gemeente-amsterdam',
    contactPoint: { name: 'Gemeente Amsterdam', url: 'https://www.amsterdam.nl' },
    themes: ['GOVE', 'REGI'],
    accessRights: 'PUBLIC',
    keywords: ['STTR', 'DMN', 'vergunningcheck', 'toepasbare regels', 'Omgevingsloket'],
    distributions: [{ id: 'dmn', accessUrl: 'https://github.com/Amsterdam', format: 'XML', mediaType: 'application/xml', license: 'MPL-2.0' }],
    personalData: 'none',
    mandateIds: ['omgevingswet'],
    sectors: ['omgeving-dso', 'vth'],
  },
  {
    id: 'algoritmeregister-2022-12-08',
    title: { nl: 'Algoritmeregister van de Nederlandse overheid (export 8 december 2022)', en: 'Algorithm register of the Dutch government (export of 8 December 2022)' },
    description: {
      nl: '99 registraties uit het algoritmeregister (Utrecht, Den Haag, Amsterdam, Rotterdam, ministeries): naam, organisatie, doel, wettelijke grondslag, IAMA/DPIA en status, met de JSON Schema van publicatiestandaard 1.0.',
      en: '99 entries of the Dutch algorithm register with their organisation, goal, legal basis, impact assessments and status, with the JSON Schema of publication standard 1.0.',
    },
    publisherId: 'ministerie-bzk',
    contactPoint: { name: 'Algoritmeregister', url: 'https://algoritmes.overheid.nl' },
    themes: ['GOVE', 'TECH'],
    accessRights: 'PUBLIC',
    keywords: ['algoritmeregister', 'algoritmes', 'transparantie', 'AI Act'],
    landingPage: 'https://algoritmes.overheid.nl',
    distributions: [{ id: 'json', accessUrl: 'https://algoritmes.overheid.nl', format: 'JSON', mediaType: 'application/json', license: 'EUPL-1.2' }],
    personalData: 'none',
    mandateIds: ['algoritmeregister-kabinetsbeleid'],
    sectors: ['overig'],
  },
];

/** Registers the demo datasets that are not there yet; a changed record is left as the user left it. */
export async function seedCatalogDemo(ctx: AppContext): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const store = catalogStore(tx);
    for (const d of DEMO_DATASETS) if (!(await store.get(tx, d.id!))) await createDataset(tx, d, ctx.baseUrl);
  });
}
