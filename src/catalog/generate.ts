import type { DatasetInput, DistributionInput } from './model.js';
import type { ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LICENSES, PERSONAL_DATA_CLASSES, SECTORS, THEMES } from './vocab.js';
import { FILE_TYPE_MEDIA } from './dcat/codes.js';
import { seededRandom } from '../kernel/random.js';

/**
 * Seeded generator of realistic Dutch municipal datasets, for tests, demos and benchmarks.
 * The same (count, seed, publisherIds, options) always yields the same datasets; each one
 * passes `datasetInput`.
 */
export interface GenerateOptions {
  /** Mandates a dataset may be linked to (about a third of datasets get one or two). */
  mandateIds?: readonly string[];
}

type Theme = (typeof THEMES)[number];
type Sector = (typeof SECTORS)[number];
type FileType = (typeof FILE_TYPES)[number];
type Frequency = (typeof FREQUENCIES)[number];
type PersonalData = (typeof PERSONAL_DATA_CLASSES)[number];

interface Subject {
  key: string;
  nl: string;
  en: string;
  about: { nl: string; en: string };
  themes: Theme[];
  sectors: Sector[];
  keywords: string[];
  formats: FileType[];
  frequency: Frequency;
  personalData: PersonalData;
  legalBasis?: string;
}

const S = (key: string, nl: string, en: string, aboutNl: string, aboutEn: string, themes: Theme[], sectors: Sector[], keywords: string[], formats: FileType[], frequency: Frequency, personalData: PersonalData = 'none', legalBasis?: string): Subject =>
  ({ key, nl, en, about: { nl: aboutNl, en: aboutEn }, themes, sectors, keywords, formats, frequency, personalData, ...(legalBasis ? { legalBasis } : {}) });

const SUBJECTS: Subject[] = [
  S('parkeergarages', 'Parkeergarages', 'Parking garages', 'locaties, capaciteit en tarieven van de parkeergarages', 'locations, capacity and rates of the parking garages', ['TRAN'], ['mobiliteit-dsm-ntm'], ['parkeren', 'garages', 'tarieven'], ['JSON', 'CSV', 'GEOJSON'], 'MONTHLY'),
  S('parkeerbezetting', 'Parkeerbezetting', 'Parking occupancy', 'de actuele bezetting van parkeerplaatsen, gemeten door sensoren', 'current occupancy of parking spaces, measured by sensors', ['TRAN'], ['mobiliteit-dsm-ntm'], ['parkeren', 'sensoren', 'realtime'], ['JSON', 'OAPIF'], 'UPDATE_CONT'),
  S('gebouwen', 'Gebouwen', 'Buildings', 'panden met bouwjaar, status en gebruiksdoel uit de BAG', 'buildings with year of construction, status and use from the BAG register', ['REGI'], ['gebouwde-omgeving-dsgo', 'geo-ngii'], ['BAG', 'panden', 'adressen'], ['GML', 'GPKG', 'WFS_SRVC'], 'DAILY'),
  S('stadsmodel-3d', '3D-stadsmodel', '3D city model', 'het driedimensionale model van gebouwen en terrein', 'the three-dimensional model of buildings and terrain', ['REGI', 'TECH'], ['gebouwde-omgeving-dsgo', 'geo-ngii'], ['3D', 'CityJSON', 'digitale tweeling'], ['JSON', 'LAZ', 'ZIP'], 'ANNUAL'),
  S('luchtkwaliteit', 'Luchtkwaliteit', 'Air quality', 'metingen van fijnstof en stikstofdioxide per meetpunt', 'measurements of particulate matter and nitrogen dioxide per station', ['ENVI', 'HEAL'], ['omgeving-dso'], ['lucht', 'fijnstof', 'NO2'], ['CSV', 'JSON'], 'HOURLY'),
  S('verkeerstellingen', 'Verkeerstellingen', 'Traffic counts', 'tellingen van motorvoertuigen per wegvak, met gepseudonimiseerde kentekens', 'counts of motor vehicles per road section, with pseudonymised licence plates', ['TRAN'], ['mobiliteit-dsm-ntm'], ['verkeer', 'tellingen', 'kentekens'], ['CSV', 'JSON'], 'DAILY', 'pseudonymised', 'AVG art. 6 lid 1 sub e (taak van algemeen belang); Wegenverkeerswet 1994'),
  S('fietstellingen', 'Fietstellingen', 'Bicycle counts', 'het aantal fietsers per telpunt en uur', 'the number of cyclists per counting point and hour', ['TRAN'], ['mobiliteit-dsm-ntm'], ['fiets', 'tellingen'], ['CSV', 'JSON'], 'DAILY'),
  S('bomen', 'Bomenregister', 'Tree register', 'alle gemeentelijke bomen met soort, plantjaar en conditie', 'all municipal trees with species, planting year and condition', ['ENVI'], ['omgeving-dso'], ['bomen', 'groen', 'beheer'], ['GEOJSON', 'CSV', 'WMS_SRVC'], 'MONTHLY'),
  S('afvalinzameling', 'Afvalinzameling', 'Waste collection', 'ophaaldagen en containerlocaties per wijk', 'collection days and container locations per district', ['ENVI', 'GOVE'], ['overig'], ['afval', 'containers'], ['CSV', 'GEOJSON'], 'WEEKLY'),
  S('energieverbruik', 'Energieverbruik', 'Energy consumption', 'het geaggregeerde gas- en elektriciteitsverbruik per postcodegebied', 'aggregated gas and electricity consumption per postcode area', ['ENER'], ['energie'], ['energie', 'gas', 'elektriciteit'], ['CSV', 'XLSX'], 'ANNUAL'),
  S('netcongestie', 'Netcongestie', 'Grid congestion', 'de beschikbare transportcapaciteit van het elektriciteitsnet', 'available transport capacity of the electricity grid', ['ENER'], ['energie'], ['netcongestie', 'stroomnet'], ['JSON', 'GEOJSON'], 'DAILY'),
  S('laadpalen', 'Laadpalen', 'Charging points', 'publieke laadpunten voor elektrische voertuigen en hun beschikbaarheid', 'public charging points for electric vehicles and their availability', ['ENER', 'TRAN'], ['energie', 'mobiliteit-dsm-ntm'], ['laadpalen', 'elektrisch rijden'], ['JSON', 'CSV'], 'UPDATE_CONT'),
  S('omgevingsplan', 'Omgevingsplan', 'Zoning plan', 'regels en werkingsgebieden van het omgevingsplan', 'rules and areas of application of the zoning plan', ['REGI', 'GOVE'], ['omgeving-dso'], ['omgevingsplan', 'Omgevingswet', 'regels op de kaart'], ['GML', 'HTML', 'XML'], 'IRREG'),
  S('vergunningen', 'Omgevingsvergunningen', 'Environmental permits', 'aangevraagde en verleende omgevingsvergunningen', 'requested and granted environmental permits', ['GOVE'], ['vth', 'omgeving-dso'], ['vergunningen', 'bouwen'], ['CSV', 'JSON'], 'WEEKLY', 'personal', 'AVG art. 6 lid 1 sub c en e; Omgevingswet'),
  S('meldingen', 'Meldingen openbare ruimte', 'Public space reports', 'meldingen van bewoners over de openbare ruimte en hun afhandeling', 'reports by residents about public space and their handling', ['GOVE'], ['overig'], ['meldingen', 'openbare ruimte'], ['CSV', 'JSON'], 'DAILY', 'personal', 'AVG art. 6 lid 1 sub e (taak van algemeen belang); Gemeentewet art. 160'),
  S('wmo', 'Wmo-voorzieningen', 'Social support provisions', 'toegekende voorzieningen in het kader van de Wmo, per wijk', 'social support provisions granted under the Wmo, per district', ['SOCI', 'HEAL'], ['sociaal-domein', 'zorg'], ['Wmo', 'zorg', 'ondersteuning'], ['CSV', 'XLSX'], 'QUARTERLY', 'special-category', 'AVG art. 6 lid 1 sub c en art. 9 lid 2 sub h; Wet maatschappelijke ondersteuning 2015'),
  S('bevolking', 'Bevolking per wijk', 'Population per district', 'aantallen inwoners naar leeftijd en huishoudsamenstelling', 'numbers of residents by age and household composition', ['SOCI'], ['sociaal-domein'], ['bevolking', 'wijken', 'statistiek'], ['CSV', 'JSON'], 'ANNUAL'),
  S('grondwater', 'Grondwaterstanden', 'Groundwater levels', 'metingen in peilbuizen', 'measurements from monitoring wells', ['ENVI'], ['water'], ['grondwater', 'peilbuizen'], ['CSV', 'JSON'], 'DAILY'),
  S('riolering', 'Rioolstelsel', 'Sewer network', 'leidingen, putten en gemalen van het rioolstelsel', 'pipes, manholes and pumping stations of the sewer network', ['ENVI'], ['water', 'geo-ngii'], ['riolering', 'water'], ['GPKG', 'GML', 'SHP'], 'ANNUAL'),
  S('camera', 'Cameratoezicht', 'Camera surveillance', 'locaties en doel van camera’s in de openbare ruimte', 'locations and purpose of cameras in public space', ['JUST'], ['openbare-orde-en-veiligheid'], ['camera', 'toezicht', 'sensorregister'], ['CSV', 'GEOJSON'], 'IRREG'),
  S('begroting', 'Begroting', 'Budget', 'de vastgestelde begroting per programma', 'the adopted budget per programme', ['ECON', 'GOVE'], ['overig'], ['begroting', 'financiën'], ['CSV', 'XLSX', 'PDF'], 'ANNUAL'),
  S('subsidies', 'Verstrekte subsidies', 'Grants awarded', 'subsidies aan organisaties met bedrag en doel', 'grants to organisations with amount and purpose', ['ECON'], ['overig'], ['subsidies', 'financiën'], ['CSV', 'XLSX'], 'ANNUAL'),
  S('sport', 'Sportaccommodaties', 'Sports facilities', 'sporthallen, velden en zwembaden met openingstijden', 'sports halls, fields and swimming pools with opening hours', ['EDUC'], ['overig'], ['sport', 'voorzieningen'], ['GEOJSON', 'CSV'], 'ANNUAL'),
  S('monumenten', 'Monumenten', 'Monuments', 'gemeentelijke en rijksmonumenten met omschrijving', 'municipal and national monuments with description', ['EDUC', 'REGI'], ['omgeving-dso'], ['erfgoed', 'monumenten'], ['GEOJSON', 'JSON_LD', 'RDF_TURTLE'], 'IRREG'),
  S('geluid', 'Geluidsmetingen', 'Noise measurements', 'geluidsniveaus gemeten langs drukke wegen', 'noise levels measured along busy roads', ['ENVI', 'HEAL'], ['omgeving-dso'], ['geluid', 'sensoren'], ['CSV', 'JSON'], 'HOURLY'),
  S('luchtfoto', 'Luchtfoto', 'Aerial photograph', 'een orthofoto van het hele grondgebied', 'an orthophoto of the whole territory', ['REGI'], ['geo-ngii'], ['luchtfoto', 'orthofoto'], ['TIFF', 'WMS_SRVC'], 'ANNUAL'),
];

interface Place { name: string; slug: string; bbox: [number, number, number, number]; districts: string[] }
const PLACES: Place[] = [
  { name: 'Delft', slug: 'delft', bbox: [4.32, 51.96, 4.41, 52.03], districts: ['Binnenstad', 'Tanthof', 'Voorhof', 'Buitenhof', 'Hof van Delft', 'Vrijenban', 'Wippolder', 'Delftse Hout'] },
  { name: 'Den Haag', slug: 'denhaag', bbox: [4.2, 52.01, 4.42, 52.13], districts: ['Centrum', 'Scheveningen', 'Escamp', 'Laak', 'Segbroek', 'Loosduinen'] },
  { name: 'Rotterdam', slug: 'rotterdam', bbox: [4.35, 51.85, 4.6, 51.99], districts: ['Centrum', 'Delfshaven', 'Feijenoord', 'Kralingen-Crooswijk', 'Charlois', 'Noord'] },
  { name: 'Utrecht', slug: 'utrecht', bbox: [5.02, 52.03, 5.19, 52.14], districts: ['Binnenstad', 'Leidsche Rijn', 'Overvecht', 'Zuilen', 'Oost', 'Vleuten-De Meern'] },
  { name: 'Amsterdam', slug: 'amsterdam', bbox: [4.73, 52.28, 5.07, 52.43], districts: ['Centrum', 'West', 'Nieuw-West', 'Zuid', 'Oost', 'Noord', 'Zuidoost'] },
  { name: 'Groningen', slug: 'groningen', bbox: [6.48, 53.17, 6.67, 53.27], districts: ['Centrum', 'Oosterpark', 'Vinkhuizen', 'Helpman', 'Hoogkerk'] },
  { name: 'Eindhoven', slug: 'eindhoven', bbox: [5.4, 51.39, 5.53, 51.5], districts: ['Centrum', 'Strijp', 'Woensel-Noord', 'Gestel', 'Tongelre'] },
  { name: 'Zwolle', slug: 'zwolle', bbox: [6.03, 52.47, 6.17, 52.56], districts: ['Binnenstad', 'Stadshagen', 'Zwolle-Zuid', 'Holtenbroek', 'Assendorp'] },
  { name: 'Leiden', slug: 'leiden', bbox: [4.44, 52.13, 4.53, 52.18], districts: ['Binnenstad', 'Merenwijk', 'Stevenshof', 'Roomburg'] },
  { name: 'Maastricht', slug: 'maastricht', bbox: [5.64, 50.8, 5.77, 50.89], districts: ['Binnenstad', 'Wyck', 'Heer', 'Malberg', 'Amby'] },
];

const ACCOMPANIMENTS_NL = [
  'De gegevens worden door de gemeente beheerd en zijn bedoeld voor hergebruik.',
  'De dataset wordt gebruikt voor beleid, onderzoek en de digitale tweeling van de stad.',
  'Bij elk record staan de bron, de datum van inwinning en de kwaliteit vermeld.',
  'Coördinaten zijn vastgelegd in RD New (EPSG:28992) en omgerekend naar WGS84.',
  'Vragen over deze gegevens kunt u stellen via het contactadres.',
];
const ACCOMPANIMENTS_EN = [
  'The data is maintained by the municipality and intended for reuse.',
  'The dataset supports policy, research and the city’s digital twin.',
  'Each record states its source, date of capture and quality.',
  'Coordinates are recorded in RD New (EPSG:28992) and converted to WGS84.',
];

export function generateDatasets(count: number, seed: number, publisherIds: readonly string[], options: GenerateOptions = {}): DatasetInput[] {
  if (publisherIds.length === 0) throw new Error('generateDatasets needs at least one publisher id');
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const some = <T>(xs: readonly T[], lo: number, hi: number): T[] => {
    const pool = [...xs];
    const n = Math.min(pool.length, int(lo, hi));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
    return out;
  };
  const date = (y0: number, y1: number) => `${int(y0, y1)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const round = (x: number) => Math.round(x * 1e5) / 1e5;

  const out: DatasetInput[] = [];
  for (let i = 0; i < count; i++) {
    const subject = pick(SUBJECTS);
    const place = pick(PLACES);
    const district = chance(0.4) ? pick(place.districts) : undefined;
    const year = int(2012, 2025);
    const id = `${subject.key}-${place.slug}-${i.toString(36)}`;
    const where = district ? `${district}, ${place.name}` : place.name;
    const withEnglish = chance(0.6);
    const title = { nl: `${subject.nl} ${where} ${year}`, ...(withEnglish ? { en: `${subject.en} ${where} ${year}` } : {}) };
    const description = {
      nl: `Deze dataset bevat ${subject.about.nl} in ${where}, stand ${year}. ${pick(ACCOMPANIMENTS_NL)}`,
      ...(withEnglish ? { en: `This dataset contains ${subject.about.en} in ${where}, as of ${year}. ${pick(ACCOMPANIMENTS_EN)}` } : {}),
    };
    const accessRights: (typeof ACCESS_RIGHTS)[number] =
      subject.personalData === 'none' ? (chance(0.9) ? 'PUBLIC' : 'RESTRICTED') : subject.personalData === 'pseudonymised' ? 'RESTRICTED' : 'NON_PUBLIC';
    const openLicence = (): (typeof LICENSES)[number] => {
      const r = rnd();
      return r < 0.5 ? 'CC0-1.0' : r < 0.85 ? 'CC-BY-4.0' : r < 0.93 ? 'CC-BY-SA-4.0' : r < 0.97 ? 'PDM-1.0' : 'CC-BY-NC-4.0';
    };
    const licence = accessRights === 'PUBLIC' ? openLicence() : 'GEEN-OPEN-LICENTIE';
    const [w, s, e, n] = place.bbox;
    const x0 = w + rnd() * (e - w) * 0.8, y0 = s + rnd() * (n - s) * 0.8;
    const bbox: [number, number, number, number] = district
      ? [round(x0), round(y0), round(x0 + (e - w) * 0.2), round(y0 + (n - s) * 0.2)]
      : [w, s, e, n];
    const issued = date(Math.max(2012, year - 3), year);
    const modified = chance(0.7) ? date(year, 2025) : undefined;
    const host = `https://data.${place.slug}.nl`;
    const distributions: DistributionInput[] = some(subject.formats, 1, 3).map((format, k) => {
      const service = format.endsWith('_SRVC') || format === 'OAPIF';
      const mediaType = FILE_TYPE_MEDIA[format];
      return {
        id: `${id}-${k + 1}`,
        ...(chance(0.5) ? { title: { nl: `${subject.nl} (${format})`, ...(withEnglish ? { en: `${subject.en} (${format})` } : {}) } } : {}),
        accessUrl: service ? `https://service.${place.slug}.nl/${subject.key}/${format.toLowerCase()}` : `${host}/datasets/${id}`,
        ...(service ? {} : { downloadUrl: `${host}/datasets/${id}/${subject.key}.${format.toLowerCase()}` }),
        format,
        ...(mediaType && !service ? { mediaType } : {}),
        license: licence,
        ...(!service && chance(0.7) ? { byteSize: int(2_000, 900_000_000) } : {}),
        ...(modified && chance(0.5) ? { modified: `${modified}T0${int(0, 9)}:${String(int(10, 59))}:00Z` } : {}),
      };
    });
    const extraPublishers = publisherIds.length > 1 && chance(0.1) ? publisherIds : undefined;
    const publisherId = pick(publisherIds);
    const mandates = options.mandateIds && options.mandateIds.length > 0 && chance(0.35) ? some(options.mandateIds, 1, 2) : [];
    const dataset: DatasetInput = {
      id,
      ...(chance(0.2) ? { identifier: `${host}/id/dataset/${id}` } : {}),
      title,
      description,
      publisherId,
      ...(extraPublishers ? { creatorId: pick(extraPublishers.filter((p) => p !== publisherId)) } : {}),
      contactPoint: { name: `Team Data en Informatie, gemeente ${place.name}`, email: `data@${place.slug}.nl`, ...(chance(0.5) ? { url: `${host}/contact` } : {}) },
      themes: some(subject.themes, 1, subject.themes.length),
      accessRights,
      keywords: [...some(subject.keywords, 1, subject.keywords.length), place.name, ...(district ? [district] : [])],
      languages: withEnglish ? ['NLD', 'ENG'] : ['NLD'],
      ...(chance(0.8) ? { landingPage: `${host}/datasets/${id}` } : {}),
      issued,
      ...(modified && modified >= issued ? { modified } : {}),
      accrualPeriodicity: subject.frequency,
      status: chance(0.85) ? 'COMPLETED' : pick(['DEVELOP', 'DEPRECATED'] as const),
      spatial: { bbox, name: where },
      ...(chance(0.7) ? { temporal: { start: `${year}-01-01`, ...(chance(0.6) ? { end: `${year}-12-31` } : {}) } } : {}),
      distributions,
      personalData: subject.personalData,
      ...(subject.legalBasis ? { legalBasis: subject.legalBasis } : {}),
      mandateIds: mandates,
      sectors: some(subject.sectors, 1, subject.sectors.length),
    };
    out.push(dataset);
  }
  return out;
}
