import { z } from 'zod';
import type { DistributionInput } from '../model.js';
import type { Assumptions } from './assumptions.js';
import { FILE_TYPE_LIST, LICENSE_LIST } from './codes.js';
import type { NodeReader } from './node-reader.js';
import { dcat, dct, PREFIXES } from './ns.js';
import type { Term } from './rdf-index.js';
import { dateTimeOf, type FileType, formatOfMediaType, formatOfWord, isLiteral, mediaTypeOfTerm, pickText, show, urlOf } from './values.js';

const RDF_VALUE = PREFIXES.rdf + 'value';
const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const mediaTypeSchema = z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i);

/**
 * Reads one dcat:Distribution. DCAT-AP requires dcat:accessURL and DCAT-AP-NL dct:license;
 * without them (and nothing to take them from) the distribution is left out with that
 * reason, the dataset itself stays. Everything else is optional: what cannot be used is
 * reported as dropped.
 */
export function readDistribution(node: NodeReader, field: string, datasetLicenses: readonly Term[], assume: Assumptions): DistributionInput | { leftOut: string } {
  const r = node.report;
  const out: Partial<DistributionInput> = {};
  const id = node.get(dct('identifier')).find(isLiteral)?.value;
  if (id !== undefined && ID.test(id)) out.id = id;
  else if (id !== undefined) r.drop(dct('identifier'), 1, `${JSON.stringify(id)} is not a Thorbecke distribution id; one is assigned`);
  for (const [key, p, max] of [['title', dct('title'), 300], ['description', dct('description'), 5000]] as const) {
    const text = pickText(node.get(p));
    if (text.unused.length) r.drop(p, text.unused.length, 'more values, or languages other than Dutch and English');
    if (text.nl === undefined) continue;
    const fit = (v: string) => (v.length > max ? v.slice(0, max - 1) + '…' : v);
    if (text.nl.length > max || (text.en?.length ?? 0) > max) r.defaultTo(`${field}.${key}`, `${max} characters`, `longer than the register holds; cut to ${max} characters`);
    out[key] = { nl: fit(text.nl), ...(text.en ? { en: fit(text.en) } : {}) };
    if (text.standIn) r.defaultTo(`${field}.${key}.nl`, text.nl, `no Dutch or untagged value; the ${text.standIn} one stands in`);
    r.keep(`distribution.${key}`);
  }

  const download = url(node, dcat('downloadURL'), field);
  if (download) {
    out.downloadUrl = download;
    r.keep('distribution.downloadUrl');
  }
  const access = url(node, dcat('accessURL'), field);
  if (access) {
    out.accessUrl = access;
    r.keep('distribution.accessUrl');
  } else if (download) {
    out.accessUrl = download;
    r.defaultTo(`${field}.accessUrl`, download, 'no dcat:accessURL; the download URL is one');
  } else return { leftOut: 'no dcat:accessURL or dcat:downloadURL (DCAT-AP requires dcat:accessURL)' };

  const media = mediaAndFormat(node, field);
  if (media.mediaType) out.mediaType = media.mediaType;
  if (media.format) out.format = media.format;

  const license = licenseOf(node, field, datasetLicenses, assume);
  if ('leftOut' in license) return license;
  out.license = license.code;

  const size = node.get(dcat('byteSize')).find(isLiteral);
  if (size && /^\d+$/.test(size.value.trim()) && Number.isSafeInteger(Number(size.value))) {
    out.byteSize = Number(size.value);
    r.keep('distribution.byteSize');
  } else if (size) r.drop(dcat('byteSize'), 1, `${show(size)} is not a whole number of bytes`);
  const modified = node.get(dct('modified'))[0];
  const when = modified && dateTimeOf(modified);
  if (when) {
    out.modified = when.value;
    r.keep('distribution.modified');
    if (when.assumedUtc) r.defaultTo(`${field}.modified`, when.value, 'the time has no zone; read as UTC');
  } else if (modified) r.drop(dct('modified'), 1, `${show(modified)} is not a date or date-time`);
  node.finish();
  return out as DistributionInput;
}

function url(node: NodeReader, p: string, field: string): string | undefined {
  const values = node.get(p);
  const found = values.map(urlOf).find((u) => u !== undefined);
  const bad = values.filter((v) => urlOf(v) === undefined);
  if (bad.length) node.report.drop(p, bad.length, `${bad.map(show).join(', ')} is not an http(s) URL`);
  if (values.length > 1 && found) node.report.drop(p, values.length - 1 - bad.length, `more than one; ${field} keeps the first`);
  return found;
}

/**
 * dct:format from the EU file-type list, a format word ("CSV"), a media type ("text/csv",
 * also as a dct:IMT node with rdf:value) or, when absent, inferred from dcat:mediaType.
 */
function mediaAndFormat(node: NodeReader, field: string): { mediaType?: string; format?: FileType } {
  const r = node.report;
  let mediaType: string | undefined;
  for (const m of node.get(dcat('mediaType'))) {
    const type = mediaTypeOfTerm(m);
    if (type && mediaTypeSchema.safeParse(type).success && !mediaType) mediaType = type;
    else r.drop(dcat('mediaType'), 1, type ? 'more than one; the first is kept' : `${show(m)} is not an IANA media type`);
  }
  if (mediaType) r.keep('distribution.mediaType');
  let format: FileType | undefined;
  for (const f of node.get(dct('format'))) {
    const imt = f.type !== 'literal' ? node.child(f) : undefined;
    const imtValue = imt?.get(RDF_VALUE).find(isLiteral);
    const asMedia = imtValue ? mediaTypeOfTerm(imtValue) : mediaTypeOfTerm(f);
    const code = f.type === 'iri' ? FILE_TYPE_LIST.code(f.value) : f.type === 'literal' ? formatOfWord(f.value) : undefined;
    const found = code ?? (asMedia ? formatOfMediaType(asMedia) : undefined);
    if (imt && imtValue) imt.finish();
    if (asMedia && !mediaType) {
      mediaType = asMedia;
      r.keep('distribution.mediaType');
    }
    if (found && !format) {
      format = found;
      r.keep('distribution.format');
    } else if (found) r.drop(dct('format'), 1, 'more than one; the first is kept');
    else if (asMedia) r.drop(dct('format'), 1, `media type ${asMedia} has no file type on Thorbecke's list; kept as the media type`);
    else r.drop(dct('format'), 1, `${show(f)} is not on Thorbecke's file type list`);
  }
  if (!format && mediaType) {
    format = formatOfMediaType(mediaType);
    if (format) r.defaultTo(`${field}.format`, format, `no usable dct:format; inferred from the media type ${mediaType}`);
  }
  return { ...(mediaType ? { mediaType } : {}), ...(format ? { format } : {}) };
}

function licenseOf(node: NodeReader, field: string, datasetLicenses: readonly Term[], assume: Assumptions): { code: NonNullable<DistributionInput['license']> } | { leftOut: string } {
  const r = node.report;
  const own = node.get(dct('license'));
  const code = (terms: readonly Term[]) => terms.map((t) => (urlOf(t) ? LICENSE_LIST.code(urlOf(t)!) : undefined)).find((c) => c !== undefined);
  const found = code(own);
  if (found) {
    r.keep('distribution.license');
    if (own.length > 1) r.drop(dct('license'), own.length - 1, 'more than one; the first on the licence list is kept');
    return { code: found };
  }
  if (own.length) return { leftOut: `licence ${own.map(show).join(', ')} is not on Thorbecke's licence list (DCAT-AP-NL requires a known dct:license)` };
  const inherited = code(datasetLicenses);
  if (inherited) {
    r.defaultTo(`${field}.license`, inherited, "no dct:license; the dataset's licence");
    return { code: inherited };
  }
  if (assume.license) {
    r.defaultTo(`${field}.license`, assume.license, `no dct:license; assumed (license=${assume.license})`);
    return { code: assume.license };
  }
  return { leftOut: 'no dct:license (DCAT-AP-NL requires one per distribution; state one with the assumption license=…)' };
}
