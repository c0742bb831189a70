/** Namespaces of the DCAT-AP(-NL) 3.0 RDF layer; `tb:` is Thorbecke's own, for what no standard covers. */
export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  tb: 'urn:thorbecke:ns:',
} as const;

type Prefix = keyof typeof PREFIXES;
const ns = <P extends Prefix>(p: P) => (local: string): string => PREFIXES[p] + local;

export const dcat = ns('dcat');
export const dct = ns('dct');
export const dcatap = ns('dcatap');
export const foaf = ns('foaf');
export const vcard = ns('vcard');
export const skos = ns('skos');
export const adms = ns('adms');
export const locn = ns('locn');
export const geo = ns('gsp');
export const xsd = ns('xsd');
export const tb = ns('tb');

export const RDF_TYPE = PREFIXES.rdf + 'type';
export const RDF_LANG_STRING = PREFIXES.rdf + 'langString';
export const XSD_STRING = xsd('string');
