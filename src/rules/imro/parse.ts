import { DmnError, parseXml, type XmlElement } from '../dmn/index.js';
import { ImroError } from './errors.js';
import type { PlanGeometry } from './geometry.js';
import { readGeometry } from './gml.js';
import { parseNorm, type Norm } from './norms.js';

/**
 * IMRO2008 / IMRO2012 plan files (bestemmingsplannen and other ruimtelijke plannen)
 * to plain objects. The XML is read with the DOM parser of the DMN engine
 * (src/rules/dmn/xml.ts): it gives line numbers and namespaces, and a 0.4 MB plan
 * parses in about 40 ms, so streaming would buy nothing for plan-sized files.
 */

export const IMRO_NAMESPACES: Record<string, ImroVersion> = {
  'http://www.geonovum.nl/imro/2008/1': 'IMRO2008',
  'http://www.geonovum.nl/imro/2012/1.0': 'IMRO2012',
  'http://www.geonovum.nl/imro/2012/1.1': 'IMRO2012',
};
export type ImroVersion = 'IMRO2008' | 'IMRO2012';

export const OBJECT_KINDS = [
  'plangebied',
  'enkelbestemming',
  'dubbelbestemming',
  'bouwvlak',
  'functieaanduiding',
  'bouwaanduiding',
  'maatvoering',
  'gebiedsaanduiding',
  'figuur',
  'lettertekenaanduiding',
  'other',
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

const KIND_OF_TYPE: Record<string, ObjectKind> = {
  Enkelbestemming: 'enkelbestemming',
  Dubbelbestemming: 'dubbelbestemming',
  Bouwvlak: 'bouwvlak',
  Functieaanduiding: 'functieaanduiding',
  Bouwaanduiding: 'bouwaanduiding',
  Maatvoering: 'maatvoering',
  Gebiedsaanduiding: 'gebiedsaanduiding',
  Figuur: 'figuur',
  Lettertekenaanduiding: 'lettertekenaanduiding',
};

/** The area element of every IMRO plan type (bestemmingsplan, inpassingsplan, structuurvisie, besluit ...). */
const isPlanArea = (type: string): boolean => type === 'Bestemmingsplangebied' || /plangebied(_[A-Z]+)?$/i.test(type) || /^Besluitgebied/.test(type) || /^Structuurvisie.*gebied/.test(type);

export type Attributes = Record<string, string | string[]>;

export interface PlanObject {
  /** The IMRO identification (gml:id), e.g. NL.IMRO.0664.EP2261149148-00. */
  id: string;
  kind: ObjectKind;
  /** The element name, e.g. Enkelbestemming; for `other` objects the only hint of what they are. */
  type: string;
  name: string | null;
  /** bestemmingshoofdgroep or gebiedsaanduidinghoofdgroep. */
  hoofdgroep: string | null;
  artikelnummer: string | null;
  norms: Norm[];
  refs: { plangebied: string[]; bestemmingsvlak: string[]; aanduiding: string[]; other: string[] };
  /** Every other property as text (repeated properties become arrays). */
  attributes: Attributes;
  /** RD New (EPSG:28992). */
  geometry: PlanGeometry | null;
  line: number;
}

export interface PlanInfo {
  id: string;
  name: string;
  /** typePlan, e.g. bestemmingsplan. */
  type: string | null;
  status: string | null;
  date: string | null;
  authority: string | null;
  authorityCode: string | null;
}

export interface ImportReport {
  version: ImroVersion;
  counts: Partial<Record<ObjectKind, number>>;
  /** Object types this importer does not know: kept as kind `other`, listed here so nobody loses them unnoticed. */
  unknownTypes: Array<{ type: string; count: number; ids: string[] }>;
  warnings: string[];
}

export interface ImroPlan {
  version: ImroVersion;
  plan: PlanInfo;
  objects: PlanObject[];
  metadata: Attributes | null;
  report: ImportReport;
}

const GML_NS = new Set(['http://www.opengis.net/gml', 'http://www.opengis.net/gml/3.2']);
/** Presentation and structure properties that carry no rule content. */
const SKIP = new Set(['geometrie', 'labelInfo', 'symboolInfo', 'maatvoeringInfo', 'identificatie']);
const REF_KEYS = new Set(['plangebied', 'bestemmingsvlak', 'aanduiding']);

function flatten(el: XmlElement, into: Attributes, refs: PlanObject['refs']): void {
  for (const c of el.children) {
    if (SKIP.has(c.name) || GML_NS.has(c.ns)) continue;
    const href = c.attrs['xlink:href'] ?? c.attrs.href;
    if (href !== undefined) {
      const id = href.replace(/^#/, '');
      if (REF_KEYS.has(c.name)) refs[c.name as 'plangebied'].push(id);
      else refs.other.push(id);
      continue;
    }
    if (c.children.length > 0) {
      flatten(c, into, refs);
      continue;
    }
    const value = c.text.trim();
    if (value === '') continue;
    const prev = into[c.name];
    into[c.name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
}

const first = (a: Attributes, key: string): string | null => {
  const v = a[key];
  return v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
};

/** NEN3610ID (IMRO2012: namespace + lokaalID [+ versie]) or plain text (IMRO2008). */
function identification(el: XmlElement): string | null {
  const idEl = el.children.find((c) => c.name === 'identificatie');
  if (!idEl) return null;
  const nen = idEl.children.find((c) => c.name === 'NEN3610ID');
  if (!nen) return idEl.text.trim() || null;
  const part = (n: string) => nen.children.find((c) => c.name === n)?.text.trim() ?? '';
  const base = [part('namespace'), part('lokaalID')].filter(Boolean).join('.');
  return base ? (part('versie') ? `${base}-${part('versie')}` : base) : null;
}

function geometryOf(el: XmlElement): PlanGeometry | null {
  const props = el.children.filter((c) => c.children.length === 1 && GML_NS.has(c.children[0]!.ns) && !SKIP.has(c.name) || c.name === 'geometrie');
  const prop = props.find((c) => c.name === 'geometrie') ?? props[0];
  const g = prop?.children[0];
  return g ? readGeometry(g) : null;
}

function readObject(el: XmlElement, index: number, warnings: string[]): PlanObject {
  const type = el.name;
  const kind: ObjectKind = isPlanArea(type) ? 'plangebied' : (KIND_OF_TYPE[type] ?? 'other');
  const attributes: Attributes = {};
  const refs: PlanObject['refs'] = { plangebied: [], bestemmingsvlak: [], aanduiding: [], other: [] };
  flatten(el, attributes, refs);
  let id = el.attrs['gml:id'] ?? el.attrs.id ?? identification(el);
  if (!id) {
    id = `${type}-${index + 1}`;
    warnings.push(`<${type}> at line ${el.line} has no gml:id or identificatie; stored as '${id}'`);
  }
  const norms: Norm[] = [];
  for (const info of el.children.filter((c) => c.name === 'maatvoeringInfo')) {
    for (const we of info.children) {
      const get = (n: string) => we.children.find((c) => c.name === n)?.text.trim() ?? '';
      if (get('waardeType') || get('waarde')) norms.push(parseNorm(get('waardeType') || first(attributes, 'naam') || '', get('waarde')));
    }
  }
  return {
    id,
    kind,
    type,
    name: first(attributes, 'naam'),
    hoofdgroep: first(attributes, 'bestemmingshoofdgroep') ?? first(attributes, 'gebiedsaanduidinghoofdgroep'),
    artikelnummer: first(attributes, 'artikelnummer'),
    norms,
    refs,
    attributes,
    geometry: geometryOf(el),
    line: el.line,
  };
}

function parseDocument(xml: string): XmlElement {
  try {
    return parseXml(xml);
  } catch (e) {
    if (e instanceof DmnError) throw new ImroError('imro-xml-invalid', e.detail, e.element, e.line);
    throw e;
  }
}

/** Parses an IMRO2008 or IMRO2012 GML file; throws ImroError naming the element and line. */
export function parseImro(xml: string): ImroPlan {
  const root = parseDocument(xml);
  const version = IMRO_NAMESPACES[root.ns];
  if (!version || root.name !== 'FeatureCollectionIMRO') {
    throw new ImroError('imro-not-imro', `expected <FeatureCollectionIMRO> in an IMRO2008 or IMRO2012 namespace, found <${root.name}> in '${root.ns || 'no namespace'}'`, root.name, root.line);
  }
  const features: XmlElement[] = [];
  for (const c of root.children) {
    if (c.name === 'featureMember') features.push(...c.children.slice(0, 1));
    else if (c.name === 'featureMembers') features.push(...c.children);
  }
  const warnings: string[] = [];
  const objects: PlanObject[] = [];
  let metadata: Attributes | null = null;
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    if (f.name === 'MetadataIMRObestand') {
      metadata = {};
      flatten(f, metadata, { plangebied: [], bestemmingsvlak: [], aanduiding: [], other: [] });
      return;
    }
    const o = readObject(f, i, warnings);
    const dup = seen.get(o.id);
    if (dup !== undefined) throw new ImroError('imro-xml-invalid', `gml:id '${o.id}' is used twice (first at line ${dup})`, f.name, f.line);
    seen.set(o.id, f.line);
    objects.push(o);
  });
  const areas = objects.filter((o) => o.kind === 'plangebied');
  if (areas.length === 0) throw new ImroError('imro-no-plan', 'the file has no plan area (Bestemmingsplangebied or another *plangebied)', root.name, root.line);
  if (areas.length > 1) throw new ImroError('imro-no-plan', `the file has ${areas.length} plan areas; import one plan per file`, areas[1]!.type, areas[1]!.line);
  const area = areas[0]!;
  if (area.geometry?.type !== 'MultiPolygon') throw new ImroError('imro-geometry-invalid', 'the plan area needs a surface geometry', area.type, area.line);
  const a = area.attributes;
  const plan: PlanInfo = {
    id: area.id,
    name: area.name ?? area.id,
    type: first(a, 'typePlan'),
    status: first(a, 'planstatus'),
    date: first(a, 'datum'),
    authority: first(a, 'naamOverheid'),
    authorityCode: first(a, 'overheidsCode'),
  };
  for (const o of objects) {
    if (o.kind !== 'plangebied' && o.kind !== 'other' && !o.geometry) warnings.push(`${o.type} '${o.id}' (line ${o.line}) has no geometry and applies nowhere on the map`);
  }
  const counts: ImportReport['counts'] = {};
  const unknown = new Map<string, string[]>();
  for (const o of objects) {
    counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    if (o.kind === 'other') unknown.set(o.type, [...(unknown.get(o.type) ?? []), o.id]);
  }
  const unknownTypes = [...unknown].map(([type, ids]) => ({ type, count: ids.length, ids }));
  for (const u of unknownTypes) warnings.push(`${u.count} object(s) of unknown type <${u.type}> kept with their attributes`);
  return { version, plan, objects, metadata, report: { version, counts, unknownTypes, warnings } };
}
