import { datasetInput, type DatasetInput, type DistributionInput } from '../model.js';
import { PERSONAL_DATA_CLASSES } from '../vocab.js';
import {
  ACCESS_RIGHTS_LIST, type CodeList, FILE_TYPE_LIST, FILE_TYPE_MEDIA, FREQUENCY_LIST, LANGUAGE_LIST, LICENSE_LIST, SECTOR_LIST, STATUS_LIST, THEME_LIST, mediaTypeOf,
} from './codes.js';
import { adms, dcat, dct, foaf, locn, PREFIXES, skos, tb, vcard, xsd } from './ns.js';
import { parseJsonLd, parseTurtle, type RdfIndex, type Term } from './rdf-index.js';

export { DcatParseError } from './rdf-index.js';

/**
 * Stands in for `publisherId` in every parsed input: RDF names a publisher by URI and name,
 * not by our id. The import service replaces it by matching `publisher.uri` against
 * Organisation.uri, then the name, before it stores anything.
 */
export const UNRESOLVED_PUBLISHER_ID = 'unresolved-publisher';

export interface AgentRef { uri?: string; name?: string }

export interface ParsedDataset {
  identifier: string;
  input: DatasetInput;
  publisher: AgentRef;
  /** Only when dct:creator is another agent than the publisher; resolve it like the publisher and set creatorId. */
  creator?: AgentRef;
  /** What was left out without making the dataset wrong: other theme taxonomies, spatial without a bbox, ... */
  warnings: string[];
}

export interface RejectedDataset { identifier: string; reasons: string[] }

export interface ParseDcatResult { datasets: ParsedDataset[]; rejected: RejectedDataset[] }

export interface ParseDcatOptions {
  /**
   * DCAT has no notion of personal data; datasets from other catalogues lack tb:personalDataClass.
   * Without this they are rejected. Set it only when the source is known to hold no such data.
   */
  defaultPersonalData?: (typeof PERSONAL_DATA_CLASSES)[number];
}

const RDF_TYPE = PREFIXES.rdf + 'type';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const GEOJSON_LITERAL = 'http://www.opengis.net/ont/geosparql#geoJSONLiteral';

/** Parses DCAT(-AP) Turtle or JSON-LD into dataset inputs; throws DcatParseError on unparseable text. */
export async function parseDcat(text: string, format: 'turtle' | 'jsonld', options: ParseDcatOptions = {}): Promise<ParseDcatResult> {
  const index = format === 'turtle' ? parseTurtle(text) : await parseJsonLd(text);
  const result: ParseDcatResult = { datasets: [], rejected: [] };
  for (const s of index.subjects) {
    if (!index.objects(s, RDF_TYPE).some((t) => t.value === dcat('Dataset'))) continue;
    const outcome = new DatasetReader(index, s, options).read();
    if ('reasons' in outcome) result.rejected.push(outcome);
    else result.datasets.push(outcome);
  }
  return result;
}

const isNl = (l: string) => l === 'nl' || l.startsWith('nl-');
const isEn = (l: string) => l === 'en' || l.startsWith('en-');
const show = (t: Term) => (t.type === 'iri' ? `<${t.value}>` : t.type === 'bnode' ? `_:${t.value}` : JSON.stringify(t.value));

/** Reads one dcat:Dataset; each problem becomes a reason, each harmless omission a warning. */
class DatasetReader {
  private readonly reasons: string[] = [];
  /** Fields a mapping reason already covers, so schema errors about them are not repeated. */
  private readonly failed = new Set<string>();
  private readonly warnings: string[] = [];

  constructor(private readonly index: RdfIndex, private readonly subject: Term, private readonly options: ParseDcatOptions) {}

  private objects(p: string, s: Term = this.subject): Term[] {
    return this.index.objects(s, p);
  }

  private fail(field: string, reason: string): undefined {
    this.reasons.push(`${field}: ${reason}`);
    this.failed.add(field.split('.')[0]!);
    return undefined;
  }

  private literal(field: string, p: string, s: Term = this.subject): string | undefined {
    const values = this.objects(p, s);
    const lit = values.find((v) => v.type === 'literal');
    if (values.length > 0 && !lit) return this.fail(field, `expected a literal, found ${values.map(show).join(', ')}`);
    if (values.filter((v) => v.type === 'literal').length > 1) this.warnings.push(`${field}: more than one value; took ${show(lit!)}`);
    return lit?.value;
  }

  private iris(field: string, p: string, s: Term = this.subject): string[] {
    const out: string[] = [];
    for (const v of this.objects(p, s)) {
      if (v.type === 'iri') out.push(v.value);
      else this.fail(field, `expected a URI, found ${show(v)}`);
    }
    return out;
  }

  /** Dutch text is required: an @nl value, or an untagged one (read as Dutch); English is optional. */
  private text(field: string, p: string, s: Term, required: boolean): { nl: string; en?: string } | undefined {
    const lits = this.objects(p, s).filter((v): v is Extract<Term, { type: 'literal' }> => v.type === 'literal');
    const nl = lits.find((l) => isNl(l.language)) ?? lits.find((l) => l.language === '');
    const en = lits.find((l) => isEn(l.language));
    if (!nl) {
      if (lits.length === 0) return required ? this.fail(field, 'missing') : undefined;
      const found = `found only ${[...new Set(lits.map((l) => `@${l.language}`))].join(', ')}`;
      if (required) return this.fail(field, `no Dutch (@nl) or untagged value; ${found}`);
      this.warnings.push(`${field}: left out, no Dutch value (${found})`);
      return undefined;
    }
    return en ? { nl: nl.value, en: en.value } : { nl: nl.value };
  }

  private code<C extends string>(field: string, list: CodeList<C>, uri: string): C | undefined {
    return list.code(uri) ?? this.fail(field, `<${uri}> is not a value of the ${list.name} list Thorbecke supports`);
  }

  private date(field: string, p: string, s: Term = this.subject): string | undefined {
    const v = this.objects(p, s).find((t) => t.type === 'literal');
    if (!v || v.type !== 'literal') return undefined;
    if (/^\d{4}-\d{2}-\d{2}/.test(v.value) && (v.datatype === xsd('date') || v.datatype === xsd('dateTime') || v.datatype === xsd('string'))) return v.value.slice(0, 10);
    return this.fail(field, `${show(v)}^^<${v.datatype}> is not a calendar date`);
  }

  private agent(s: Term): { uri?: string; name?: string } {
    const names = this.objects(foaf('name'), s).filter((v) => v.type === 'literal') as Array<Extract<Term, { type: 'literal' }>>;
    const name = (names.find((n) => isNl(n.language)) ?? names.find((n) => n.language === '') ?? names[0])?.value;
    return { ...(s.type === 'iri' ? { uri: s.value } : {}), ...(name ? { name } : {}) };
  }

  read(): ParsedDataset | RejectedDataset {
    const s = this.subject;
    const identifier = this.literal('identifier', dct('identifier')) ?? (s.type === 'iri' ? s.value : undefined);
    const input: Record<string, unknown> = {};
    if (identifier === undefined) this.fail('identifier', 'no dct:identifier and the dataset has no URI');
    else input.identifier = identifier;

    input.title = this.text('title', dct('title'), s, true);
    input.description = this.text('description', dct('description'), s, true);

    const publishers = this.objects(dct('publisher'));
    const publisherTerm = publishers[0];
    if (!publisherTerm) this.fail('publisherId', 'no dct:publisher');
    if (publishers.length > 1) this.warnings.push('publisher: more than one; took the first');
    const publisher = publisherTerm ? this.agent(publisherTerm) : {};
    input.publisherId = UNRESOLVED_PUBLISHER_ID;
    const creatorTerm = this.objects(dct('creator'))[0];
    const creator = creatorTerm && !(publisherTerm && creatorTerm.type === publisherTerm.type && creatorTerm.value === publisherTerm.value) ? this.agent(creatorTerm) : undefined;

    input.contactPoint = this.contactPoint();

    const themes: string[] = [];
    const sectors: string[] = [];
    for (const uri of this.iris('themes', dcat('theme'))) {
      const theme = THEME_LIST.code(uri);
      const sector = SECTOR_LIST.code(uri);
      if (theme) themes.push(theme);
      else if (sector) sectors.push(sector);
      else if (/^https?:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\//.test(uri)) this.code('themes', THEME_LIST, uri);
      else this.warnings.push(`themes: <${uri}> is from another taxonomy; left out`);
    }
    if (themes.length === 0 && !this.failed.has('themes')) this.fail('themes', 'no dcat:theme from the EU data theme vocabulary (DCAT-AP-NL requires one)');
    input.themes = themes;
    input.sectors = sectors;

    const access = this.iris('accessRights', dct('accessRights'));
    if (access[0] === undefined) this.fail('accessRights', 'no dct:accessRights');
    else input.accessRights = this.code('accessRights', ACCESS_RIGHTS_LIST, access[0]);

    input.keywords = this.objects(dcat('keyword')).filter((v) => v.type === 'literal').map((v) => v.value);
    input.languages = this.iris('languages', dct('language')).map((u) => this.code('languages', LANGUAGE_LIST, u)).filter((c) => c !== undefined);
    const landing = this.iris('landingPage', dcat('landingPage'));
    if (landing[0]) input.landingPage = landing[0];
    const issued = this.date('issued', dct('issued'));
    if (issued) input.issued = issued;
    const modified = this.date('modified', dct('modified'));
    if (modified) input.modified = modified;
    const freq = this.iris('accrualPeriodicity', dct('accrualPeriodicity'))[0];
    if (freq) input.accrualPeriodicity = this.code('accrualPeriodicity', FREQUENCY_LIST, freq);
    const status = this.iris('status', adms('status'))[0];
    if (status) input.status = this.code('status', STATUS_LIST, status);
    const spatial = this.spatial();
    if (spatial) input.spatial = spatial;
    const temporal = this.temporal();
    if (temporal) input.temporal = temporal;
    input.distributions = this.objects(dcat('distribution')).map((d, i) => this.distribution(d, i));

    const pd = this.literal('personalData', tb('personalDataClass')) ?? this.options.defaultPersonalData;
    if (pd === undefined) this.fail('personalData', 'no tb:personalDataClass; DCAT cannot say whether a dataset holds personal data, so an import from another catalogue must state it (defaultPersonalData)');
    else input.personalData = pd;
    const legal = this.text('legalBasis', tb('legalBasis'), s, false);
    if (legal) input.legalBasis = legal.nl;
    input.mandateIds = this.objects(tb('mandate')).map((m) => this.mandateId(m)).filter((m) => m !== undefined);

    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const parsed = datasetInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || '(dataset)';
        if (!this.failed.has(String(issue.path[0]))) this.reasons.push(`${field}: ${issue.message}`);
      }
    }
    const label = identifier ?? show(s);
    if (this.reasons.length > 0 || !parsed.success) return { identifier: label, reasons: this.reasons };
    return { identifier: label, input: parsed.data, publisher, ...(creator ? { creator } : {}), warnings: this.warnings };
  }

  private contactPoint(): unknown {
    const points = this.objects(dcat('contactPoint'));
    if (points.length === 0) return this.fail('contactPoint', 'no dcat:contactPoint');
    if (points.length > 1) this.warnings.push('contactPoint: more than one; took the first');
    const c = points[0]!;
    const name = this.literal('contactPoint.name', vcard('fn'), c) ?? this.literal('contactPoint.name', vcard('organization-name'), c);
    const email = this.objects(vcard('hasEmail'), c)[0]?.value.replace(/^mailto:/, '');
    const url = this.objects(vcard('hasURL'), c)[0]?.value;
    if (name === undefined) return this.fail('contactPoint.name', 'the contact point has no vcard:fn');
    return { name, ...(email ? { email } : {}), ...(url ? { url } : {}) };
  }

  private spatial(): unknown {
    let found: unknown;
    for (const place of this.objects(dct('spatial'))) {
      const geom = this.objects(dcat('bbox'), place).find((v) => v.type === 'literal');
      if (!geom || geom.type !== 'literal') {
        this.warnings.push(`spatial: ${show(place)} has no dcat:bbox; left out`);
        continue;
      }
      if (found) {
        this.warnings.push(`spatial: more than one bbox; took the first`);
        continue;
      }
      const bbox = geom.datatype === GEOJSON_LITERAL ? bboxOfGeoJson(geom.value) : bboxOfWkt(geom.value);
      if (typeof bbox === 'string') {
        this.fail('spatial', `${bbox}: ${JSON.stringify(geom.value.slice(0, 120))}`);
        continue;
      }
      const name = [locn('geographicName'), skos('prefLabel'), RDFS_LABEL].map((p) => this.objects(p, place).find((v) => v.type === 'literal')?.value).find((v) => v !== undefined);
      const geometryLiteral = this.objects(locn('geometry'), place).find((v) => v.type === 'literal' && v.datatype === GEOJSON_LITERAL);
      let geometry: unknown;
      if (geometryLiteral) {
        try {
          geometry = JSON.parse(geometryLiteral.value);
        } catch {
          this.warnings.push('spatial: locn:geometry is not valid GeoJSON; left out');
        }
      }
      found = { bbox, ...(geometry ? { geometry } : {}), ...(name ? { name } : {}) };
    }
    return found;
  }

  private temporal(): unknown {
    const period = this.objects(dct('temporal'))[0];
    if (!period) return undefined;
    const start = this.date('temporal.start', dcat('startDate'), period);
    const end = this.date('temporal.end', dcat('endDate'), period);
    if (!start && !end) {
      this.warnings.push('temporal: no dcat:startDate or dcat:endDate; left out');
      return undefined;
    }
    return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }

  private distribution(d: Term, i: number): unknown {
    const f = `distributions.${i}`;
    const out: Record<string, unknown> = {};
    const id = this.literal(`${f}.id`, dct('identifier'), d);
    if (id && /^[a-z0-9][a-z0-9-]{1,62}$/.test(id)) out.id = id;
    const title = this.text(`${f}.title`, dct('title'), d, false);
    if (title) out.title = title;
    const description = this.text(`${f}.description`, dct('description'), d, false);
    if (description) out.description = description;
    const access = this.iris(`${f}.accessUrl`, dcat('accessURL'), d)[0];
    if (!access) this.fail(`${f}.accessUrl`, 'no dcat:accessURL');
    else out.accessUrl = access;
    const download = this.iris(`${f}.downloadUrl`, dcat('downloadURL'), d)[0];
    if (download) out.downloadUrl = download;
    const media = this.objects(dcat('mediaType'), d)[0];
    const mediaType = media && (media.type === 'iri' ? mediaTypeOf(media.value) : media.value);
    if (media && !mediaType) this.fail(`${f}.mediaType`, `${show(media)} is not an IANA media type URI`);
    if (mediaType) out.mediaType = mediaType;
    const format = this.iris(`${f}.format`, dct('format'), d)[0];
    if (format) out.format = this.code(`${f}.format`, FILE_TYPE_LIST, format);
    else {
      const inferred = mediaType && (Object.entries(FILE_TYPE_MEDIA).find(([, m]) => m === mediaType)?.[0]);
      if (inferred) {
        out.format = inferred;
        this.warnings.push(`${f}.format: none given; inferred ${inferred} from media type ${mediaType}`);
      } else this.fail(`${f}.format`, 'no dct:format, and no media type to infer it from');
    }
    const license = this.iris(`${f}.license`, dct('license'), d)[0];
    if (!license) this.fail(`${f}.license`, 'no dct:license (DCAT-AP-NL requires one per distribution)');
    else out.license = this.code(`${f}.license`, LICENSE_LIST, license);
    const size = this.literal(`${f}.byteSize`, dcat('byteSize'), d);
    if (size !== undefined) out.byteSize = /^\d+$/.test(size.trim()) ? Number(size) : this.fail(`${f}.byteSize`, `${JSON.stringify(size)} is not a whole number of bytes`);
    const modified = this.literal(`${f}.modified`, dct('modified'), d);
    if (modified !== undefined) out.modified = /^\d{4}-\d{2}-\d{2}$/.test(modified) ? `${modified}T00:00:00Z` : modified;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as DistributionInput;
  }

  private mandateId(m: Term): string | undefined {
    const id = this.literal('mandateIds', dct('identifier'), m) ?? (m.type === 'iri' ? /\/mandates\/([a-z0-9-]+)$/.exec(m.value)?.[1] : undefined);
    if (id === undefined) this.warnings.push(`mandateIds: ${show(m)} has no identifier; left out`);
    return id;
  }
}

const CRS84 = /^<(http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)>\s*/i;
const EPSG4326 = /^<http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/4326>\s*/i;

/** [west, south, east, north] of a WKT geometry in CRS84 (or EPSG:4326, latitude first). */
export function bboxOfWkt(wkt: string): [number, number, number, number] | string {
  let text = wkt.trim();
  let latFirst = false;
  if (EPSG4326.test(text)) {
    latFirst = true;
    text = text.replace(EPSG4326, '');
  } else if (CRS84.test(text)) text = text.replace(CRS84, '');
  else if (text.startsWith('<')) return 'bbox in a coordinate reference system other than WGS84';
  if (!/^(POLYGON|MULTIPOLYGON|ENVELOPE)\s*\(/i.test(text)) return 'bbox is not a WKT POLYGON';
  const numbers = text.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)?.map(Number) ?? [];
  if (numbers.length < 4 || numbers.length % 2 !== 0) return 'bbox WKT has no coordinate pairs';
  if (/^ENVELOPE/i.test(text)) {
    const [minX, maxX, maxY, minY] = numbers as [number, number, number, number];
    return [minX, minY, maxX, maxY];
  }
  return extent(numbers, latFirst);
}

function bboxOfGeoJson(json: string): [number, number, number, number] | string {
  try {
    const flat = JSON.stringify((JSON.parse(json) as { coordinates?: unknown }).coordinates ?? null).match(/-?\d+(\.\d+)?(e-?\d+)?/gi)?.map(Number) ?? [];
    return flat.length >= 4 && flat.length % 2 === 0 ? extent(flat, false) : 'GeoJSON bbox has no coordinate pairs';
  } catch {
    return 'bbox is not valid GeoJSON';
  }
}

function extent(numbers: number[], latFirst: boolean): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < numbers.length; i += 2) {
    const x = numbers[latFirst ? i + 1 : i]!, y = numbers[latFirst ? i : i + 1]!;
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}
