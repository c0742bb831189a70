import type { RdfNode, RdfObject } from './graph.js';
import { PREFIXES, XSD_STRING } from './ns.js';

/**
 * The JSON-LD context: our prefixes, plus coercions so the common values read as plain
 * strings: IRI-valued properties (`@type: @id`), fixed datatypes, and language maps for
 * texts. A property whose values do not fit its coercion is written under its full IRI
 * with explicit value objects, which expands to the same triples.
 */
const IRI_VALUED = [
  'dcat:dataset', 'dcat:distribution', 'dcat:theme', 'dcat:themeTaxonomy', 'dcat:contactPoint', 'dcat:landingPage',
  'dcat:accessURL', 'dcat:downloadURL', 'dcat:mediaType',
  'dct:publisher', 'dct:creator', 'dct:accessRights', 'dct:language', 'dct:accrualPeriodicity', 'dct:format', 'dct:license',
  'dct:spatial', 'dct:temporal', 'adms:status', 'foaf:homepage', 'foaf:mbox', 'foaf:page', 'vcard:hasEmail', 'vcard:hasURL',
  'skos:inScheme', 'tb:mandate', 'tb:basedOn', 'tb:decidingOrganisation', 'tb:owner', 'tb:signatory', 'tb:parentOrganisation',
] as const;
const TYPED: Record<string, string> = {
  'dct:issued': 'xsd:date',
  'dct:date': 'xsd:date',
  'dcat:startDate': 'xsd:date',
  'dcat:endDate': 'xsd:date',
  'dcat:byteSize': 'xsd:nonNegativeInteger',
  'dcat:bbox': 'gsp:wktLiteral',
};
const LANGUAGE_MAPS = ['dct:title', 'dct:description', 'skos:prefLabel', 'tb:legalBasis'] as const;

export const JSONLD_CONTEXT: Record<string, unknown> = {
  ...PREFIXES,
  ...Object.fromEntries(IRI_VALUED.map((t) => [t, { '@type': '@id' }])),
  ...Object.fromEntries(Object.entries(TYPED).map(([t, dt]) => [t, { '@type': dt }])),
  ...Object.fromEntries(LANGUAGE_MAPS.map((t) => [t, { '@container': '@language' }])),
};

type Coercion = { kind: 'iri' } | { kind: 'typed'; datatype: string } | { kind: 'language' } | { kind: 'none' };
const PREFIX_ENTRIES = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);
const expandCompact = (c: string): string => {
  const i = c.indexOf(':');
  return PREFIXES[c.slice(0, i) as keyof typeof PREFIXES] + c.slice(i + 1);
};
const COERCIONS = new Map<string, Coercion>([
  ...IRI_VALUED.map((t): [string, Coercion] => [expandCompact(t), { kind: 'iri' }]),
  ...Object.entries(TYPED).map(([t, dt]): [string, Coercion] => [expandCompact(t), { kind: 'typed', datatype: expandCompact(dt) }]),
  ...LANGUAGE_MAPS.map((t): [string, Coercion] => [expandCompact(t), { kind: 'language' }]),
]);

const SAFE_LOCAL = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const compacted = new Map<string, string>();
export function compactIri(iri: string): string {
  const hit = compacted.get(iri);
  if (hit !== undefined) return hit;
  for (const [prefix, ns] of PREFIX_ENTRIES) {
    if (iri.startsWith(ns)) {
      const out = SAFE_LOCAL.test(iri.slice(ns.length)) ? `${prefix}:${iri.slice(ns.length)}` : iri;
      if (compacted.size < 10_000) compacted.set(iri, out);
      return out;
    }
  }
  return iri;
}

function fits(c: Coercion, objects: RdfObject[]): boolean {
  switch (c.kind) {
    case 'iri':
      return objects.every((o) => o.kind !== 'literal');
    case 'typed':
      return objects.every((o) => o.kind === 'literal' && o.language === undefined && o.datatype === c.datatype);
    case 'language': {
      const seen = new Set<string>();
      return objects.every((o) => o.kind === 'literal' && o.language !== undefined && !seen.has(o.language) && seen.add(o.language));
    }
    case 'none':
      return false;
  }
}

function expanded(o: RdfObject): unknown {
  switch (o.kind) {
    case 'iri':
      return { '@id': o.value };
    case 'literal':
      if (o.language !== undefined) return { '@value': o.value, '@language': o.language };
      if (o.datatype !== undefined && o.datatype !== XSD_STRING) return { '@value': o.value, '@type': compactIri(o.datatype) };
      return o.value;
    case 'node':
      return jsonLdNode(o.node);
  }
}

function coerced(c: Coercion, o: RdfObject): unknown {
  if (o.kind === 'node') return jsonLdNode(o.node);
  return c.kind === 'iri' && o.kind === 'iri' ? compactIri(o.value) : o.value;
}

const single = (values: unknown[]): unknown => (values.length === 1 ? values[0] : values);

/** A node as a compact JSON-LD object under JSONLD_CONTEXT; nested nodes are embedded. */
export function jsonLdNode(node: RdfNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.id !== undefined) out['@id'] = compactIri(node.id);
  if (node.types.length > 0) out['@type'] = single(node.types.map(compactIri));
  for (const [predicate, objects] of node.properties) {
    const c = COERCIONS.get(predicate) ?? { kind: 'none' };
    if (c.kind === 'language' && fits(c, objects)) {
      out[compactIri(predicate)] = Object.fromEntries(objects.map((o) => [(o as { language: string }).language, (o as { value: string }).value]));
    } else if (fits(c, objects)) {
      out[compactIri(predicate)] = single(objects.map((o) => coerced(c, o)));
    } else {
      // No coercion applies: the full IRI is not a term, so explicit values expand as written.
      out[c.kind === 'none' ? compactIri(predicate) : predicate] = single(objects.map(expanded));
    }
  }
  return out;
}
