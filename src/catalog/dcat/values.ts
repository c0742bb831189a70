import { ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LANGUAGES } from '../vocab.js';
import { FILE_TYPE_MEDIA, mediaTypeOf } from './codes.js';
import { xsd } from './ns.js';
import type { Term } from './rdf-index.js';

/** How an RDF term reads in a report: <iri>, _:blank, "literal". */
export const show = (t: Term): string => (t.type === 'iri' ? `<${t.value}>` : t.type === 'bnode' ? `_:${t.value}` : JSON.stringify(t.value.length > 80 ? t.value.slice(0, 77) + '...' : t.value));

export type Literal = Extract<Term, { type: 'literal' }>;
export const isLiteral = (t: Term): t is Literal => t.type === 'literal';

const isNl = (l: string) => l === 'nl' || l.startsWith('nl-');
const isEn = (l: string) => l === 'en' || l.startsWith('en-');

/**
 * The register's texts are Dutch first, English optionally. From the literals of one property:
 * Dutch is the @nl value, else the untagged one, else a value in another language stands in
 * (`standIn` names its language tag); `unused` are the values in yet other languages.
 */
export function pickText(values: readonly Term[]): { nl?: string; en?: string; standIn?: string; unused: Literal[] } {
  const lits = values.filter(isLiteral).filter((l) => l.value.trim() !== '');
  const dutch = lits.find((l) => isNl(l.language)) ?? lits.find((l) => l.language === '');
  const en = lits.find((l) => isEn(l.language));
  const stand = dutch ? undefined : (en ?? lits[0]);
  const nl = dutch ?? stand;
  return {
    ...(nl ? { nl: nl.value.trim() } : {}),
    ...(en ? { en: en.value.trim() } : {}),
    ...(stand ? { standIn: `@${stand.language || '?'}` } : {}),
    unused: lits.filter((l) => l !== nl && l !== en),
  };
}

/** An http(s) URL from an IRI, or from a literal that holds one (xsd:anyURI or plain), as catalogues also write them. */
export function urlOf(t: Term): string | undefined {
  const value = t.type === 'iri' ? t.value : t.type === 'literal' ? t.value.trim() : undefined;
  if (value === undefined || !/^https?:\/\/\S+$/i.test(value)) return undefined;
  return URL.canParse(value) ? value : undefined;
}

/** A calendar date (YYYY-MM-DD) from an xsd:date or xsd:dateTime literal, or a plain one that starts with a date. */
export function dateOf(t: Term): string | undefined {
  if (!isLiteral(t)) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.exec(t.value.trim());
  if (!m || ![xsd('date'), xsd('dateTime'), xsd('string')].includes(t.datatype)) return undefined;
  return Number.isNaN(Date.parse(m[1]!)) ? undefined : m[1];
}

/** An ISO date-time with offset; a date alone is midnight UTC, a time without zone is read as UTC. */
export function dateTimeOf(t: Term): { value: string; assumedUtc: boolean } | undefined {
  if (!isLiteral(t)) return undefined;
  const v = t.value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { value: `${v}T00:00:00Z`, assumedUtc: false };
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(v);
  if (!m || Number.isNaN(Date.parse(m[1]! + 'Z'))) return undefined;
  return { value: `${m[1]}${m[2] ?? ':00'}${m[4] ?? 'Z'}`, assumedUtc: m[4] === undefined };
}

/** DCAT-AP-NL names the access rights values public, restricted and non-public; some catalogues write them as words. */
export function accessRightsOfWord(word: string): (typeof ACCESS_RIGHTS)[number] | undefined {
  const w = word.trim().toUpperCase().replace(/[-\s]/g, '_');
  return (ACCESS_RIGHTS as readonly string[]).includes(w) ? (w as (typeof ACCESS_RIGHTS)[number]) : undefined;
}

const ISO_LANGUAGES: Record<string, (typeof LANGUAGES)[number]> = {
  nl: 'NLD', nld: 'NLD', dut: 'NLD', en: 'ENG', eng: 'ENG', fy: 'FRY', fry: 'FRY', de: 'DEU', deu: 'DEU', ger: 'DEU',
};
/** A language code (ISO 639-1 or -2, also with a region: nl-NL) as the EU language list code. */
export function languageOfCode(code: string): (typeof LANGUAGES)[number] | undefined {
  const c = code.trim().toLowerCase().split(/[-_]/)[0]!;
  return ISO_LANGUAGES[c] ?? ((LANGUAGES as readonly string[]).includes(code.trim().toUpperCase()) ? (code.trim().toUpperCase() as (typeof LANGUAGES)[number]) : undefined);
}

/** A frequency written as a word (English label or code), as older catalogues do: "Annual", "daily". */
export function frequencyOfWord(word: string): (typeof FREQUENCIES)[number] | undefined {
  const w = word.trim().toUpperCase().replace(/[-\s]/g, '_');
  const byLabel: Record<string, (typeof FREQUENCIES)[number]> = { ANNUALLY: 'ANNUAL', YEARLY: 'ANNUAL', CONTINUOUS: 'CONT', IRREGULAR: 'IRREG' };
  return byLabel[w] ?? ((FREQUENCIES as readonly string[]).includes(w) ? (w as (typeof FREQUENCIES)[number]) : undefined);
}

export type FileType = (typeof FILE_TYPES)[number];
const MEDIA_FORMAT = new Map(Object.entries(FILE_TYPE_MEDIA).map(([f, m]) => [m, f as FileType]));

/** The file type a media type usually means (text/csv → CSV), if the register knows it. */
export const formatOfMediaType = (mediaType: string): FileType | undefined => MEDIA_FORMAT.get(mediaType.toLowerCase());

/** A media type from an IANA URI or a literal like "text/csv". */
export function mediaTypeOfTerm(t: Term): string | undefined {
  if (t.type === 'iri') return mediaTypeOf(t.value);
  if (t.type === 'literal' && /^[a-z]+\/[a-z0-9.+-]+$/i.test(t.value.trim())) return t.value.trim().toLowerCase();
  return undefined;
}

/** A format word as catalogues write it (CSV, html, GeoJSON) as a file type code. */
export function formatOfWord(word: string): FileType | undefined {
  const w = word.trim().toUpperCase().replace(/[-\s]/g, '_');
  return (FILE_TYPES as readonly string[]).includes(w) ? (w as FileType) : undefined;
}
