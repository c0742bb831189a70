import type { Mandate, Organisation } from '../../governance/index.js';
import type { Dataset, Distribution } from '../model.js';
import {
  ACCESS_RIGHTS_LIST, type CodeList, FILE_TYPE_LIST, FREQUENCY_LIST, LANGUAGE_LIST, LICENSE_LIST, SECTOR_LIST, STATUS_LIST, THEME_LIST, mediaTypeUri,
} from './codes.js';
import { type LangText, NodeBuilder, type RdfNode } from './graph.js';
import { adms, dcat, dct, foaf, geo, locn, skos, tb, vcard, xsd } from './ns.js';
import type { PlatformUris } from './uris.js';

export class DcatExportError extends Error {
  override readonly name = 'DcatExportError';
}

export interface CatalogDescription {
  uri: string;
  title: LangText;
  description: LangText;
  publisher: Organisation;
  homepage?: string;
  contactEmail?: string;
}

/**
 * What several datasets point at (agents, mandates, code-list concepts) is described once, at
 * the end of the document. It grows with the number of organisations, mandates and codes,
 * never with the number of datasets.
 */
export class SharedNodes {
  private readonly nodes = new Map<string, RdfNode>();

  constructor(
    private readonly uris: PlatformUris,
    private readonly organisations: ReadonlyMap<string, Organisation>,
    private readonly mandates: ReadonlyMap<string, Mandate>,
  ) {}

  organisationUri(id: string, context: string): string {
    const org = this.organisations.get(id);
    if (!org) throw new DcatExportError(`${context} refers to organisation '${id}', which is not in the organisations map`);
    return this.agent(org);
  }

  /** An organisation, with what another Thorbecke node needs to create it again: id, kind, OIN, parent. */
  agent(org: Organisation): string {
    const uri = this.uris.organisation(org);
    if (!this.nodes.has(uri)) {
      const node = new NodeBuilder(uri, foaf('Agent'), foaf('Organization'))
        .literal(foaf('name'), org.name)
        .iri(foaf('homepage'), org.website)
        .iri(foaf('mbox'), org.email && `mailto:${org.email}`)
        .literal(tb('organisationId'), org.id)
        .literal(tb('organisationKind'), org.kind)
        .literal(tb('oin'), org.oin)
        .node;
      this.nodes.set(uri, node);
      const parent = org.parentId ? this.organisations.get(org.parentId) : undefined;
      if (parent) node.properties.push([tb('parentOrganisation'), [{ kind: 'iri', value: this.agent(parent) }]]);
    }
    return uri;
  }

  mandateUri(id: string): string {
    const uri = this.uris.mandate(id);
    const m = this.mandates.get(id);
    if (m && !this.nodes.has(uri)) {
      this.nodes.set(uri, undefined as never); // reserve first: basedOn chains may loop back
      const decidedBy = m.decidedBy && new NodeBuilder(undefined, foaf('Agent'))
        .literal(foaf('name'), m.decidedBy.name)
        .literal(tb('elected'), String(m.decidedBy.elected), xsd('boolean'))
        .iri(tb('decidingOrganisation'), m.decidedBy.organisationId && this.organisationUri(m.decidedBy.organisationId, `mandate '${id}'`))
        .node;
      this.nodes.set(uri, new NodeBuilder(uri, tb('Mandate'))
        .literal(dct('identifier'), m.id)
        .text(dct('title'), { nl: m.title })
        .literal(tb('mandateKind'), m.kind)
        .literal(dct('date'), m.date, xsd('date'))
        .nodes(tb('decidedBy'), decidedBy)
        .iri(foaf('page'), m.link)
        .iri(tb('basedOn'), m.basedOn && this.mandateUri(m.basedOn))
        .iri(tb('owner'), this.organisations.has(m.ownerId) ? this.organisationUri(m.ownerId, `mandate '${id}'`) : undefined)
        .iri(tb('signatory'), ...m.signatories.filter((s) => this.organisations.has(s)).map((s) => this.organisationUri(s, `mandate '${id}'`)))
        .literal(tb('example'), m.example ? 'true' : undefined, xsd('boolean'))
        .node);
    }
    return uri;
  }

  concept<C extends string>(list: CodeList<C>, code: C): string {
    const uri = list.uri(code);
    if (!this.nodes.has(uri)) {
      const label = list.label(code);
      const inScheme = list.inScheme(code);
      if (inScheme) this.scheme(list);
      this.nodes.set(uri, new NodeBuilder(uri, ...list.types)
        .labels(skos('prefLabel'), label)
        .iri(skos('inScheme'), inScheme ? list.scheme : undefined)
        .node);
    }
    return uri;
  }

  mediaType(mediaType: string): string {
    const uri = mediaTypeUri(mediaType);
    if (!this.nodes.has(uri)) this.nodes.set(uri, { id: uri, types: [dct('MediaType')], properties: [] });
    return uri;
  }

  scheme(list: CodeList<string>): string {
    if (!this.nodes.has(list.scheme)) {
      this.nodes.set(list.scheme, new NodeBuilder(list.scheme, skos('ConceptScheme')).text(dct('title'), { nl: list.schemeTitle }).node);
    }
    return list.scheme;
  }

  /** Everything registered so far, in a stable order (by URI). */
  drain(): RdfNode[] {
    return [...this.nodes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, n]) => n);
  }
}

const document = (uri: string | undefined): RdfNode | undefined => (uri === undefined ? undefined : { id: uri, types: [foaf('Document')], properties: [] });

function contactPoint(name: string, email?: string, url?: string): RdfNode {
  return new NodeBuilder(undefined, vcard('Kind'))
    .literal(vcard('fn'), name)
    .iri(vcard('hasEmail'), email && `mailto:${email}`)
    .iri(vcard('hasURL'), url)
    .node;
}

/** WGS84 bbox as a WKT polygon; geo:wktLiteral without a CRS IRI means CRS84, longitude first. */
export function bboxToWkt([w, s, e, n]: readonly [number, number, number, number]): string {
  return `POLYGON((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s}))`;
}

export function catalogNode(c: CatalogDescription, shared: SharedNodes, languages: readonly string[]): RdfNode {
  return new NodeBuilder(c.uri, dcat('Catalog'))
    .text(dct('title'), c.title)
    .text(dct('description'), c.description)
    .iri(dct('publisher'), shared.agent(c.publisher))
    .iri(dct('creator'), shared.agent(c.publisher))
    .nodes(foaf('homepage'), document(c.homepage))
    .nodes(dcat('contactPoint'), contactPoint(c.publisher.name, c.contactEmail ?? c.publisher.email, c.homepage ?? c.publisher.website))
    .iri(dct('language'), ...languages.map((l) => shared.concept(LANGUAGE_LIST, l as (typeof LANGUAGE_LIST.codes)[number])))
    .iri(dcat('themeTaxonomy'), shared.scheme(THEME_LIST), shared.scheme(SECTOR_LIST))
    .node;
}

function distributionNode(d: Distribution, datasetId: string, uris: PlatformUris, shared: SharedNodes): RdfNode {
  return new NodeBuilder(uris.distribution(datasetId, d.id), dcat('Distribution'))
    .literal(dct('identifier'), d.id)
    .text(dct('title'), d.title)
    .text(dct('description'), d.description)
    .iri(dcat('accessURL'), d.accessUrl)
    .iri(dcat('downloadURL'), d.downloadUrl)
    .iri(dct('format'), d.format && shared.concept(FILE_TYPE_LIST, d.format))
    .iri(dcat('mediaType'), d.mediaType && shared.mediaType(d.mediaType))
    .iri(dct('license'), shared.concept(LICENSE_LIST, d.license))
    .literal(dcat('byteSize'), d.byteSize === undefined ? undefined : String(d.byteSize), xsd('nonNegativeInteger'))
    .literal(dct('modified'), d.modified, xsd('dateTime'))
    .node;
}

export function datasetNode(d: Dataset, uris: PlatformUris, shared: SharedNodes): RdfNode {
  const context = `dataset '${d.id}'`;
  const publisher = shared.organisationUri(d.publisherId, context);
  const spatial = d.spatial && new NodeBuilder(undefined, dct('Location'))
    .literal(dcat('bbox'), bboxToWkt(d.spatial.bbox), geo('wktLiteral'))
    // DCAT-AP 3 gives locn:geometry the range locn:Geometry: a node carrying the GeoJSON.
    .nodes(locn('geometry'), d.spatial.geometry && new NodeBuilder(undefined, locn('Geometry')).literal(geo('asGeoJSON'), JSON.stringify(d.spatial.geometry), geo('geoJSONLiteral')).node)
    .literal(locn('geographicName'), d.spatial.name)
    .node;
  const temporal = d.temporal && (d.temporal.start || d.temporal.end)
    ? new NodeBuilder(undefined, dct('PeriodOfTime'))
      .literal(dcat('startDate'), d.temporal.start, xsd('date'))
      .literal(dcat('endDate'), d.temporal.end, xsd('date'))
      .node
    : undefined;
  return new NodeBuilder(uris.dataset(d.id), dcat('Dataset'))
    .literal(dct('identifier'), d.identifier)
    .text(dct('title'), d.title)
    .text(dct('description'), d.description)
    .iri(dct('publisher'), publisher)
    .iri(dct('creator'), d.creatorId === d.publisherId ? publisher : shared.organisationUri(d.creatorId, context))
    .nodes(dcat('contactPoint'), contactPoint(d.contactPoint.name, d.contactPoint.email, d.contactPoint.url))
    .iri(dcat('theme'), ...d.themes.map((t) => shared.concept(THEME_LIST, t)), ...d.sectors.map((s) => shared.concept(SECTOR_LIST, s)))
    .iri(dct('accessRights'), shared.concept(ACCESS_RIGHTS_LIST, d.accessRights))
    .literals(dcat('keyword'), d.keywords)
    .iri(dct('language'), ...d.languages.map((l) => shared.concept(LANGUAGE_LIST, l)))
    .nodes(dcat('landingPage'), document(d.landingPage))
    .literal(dct('issued'), d.issued, xsd('date'))
    .literal(dct('modified'), d.modified, xsd('date'))
    .iri(dct('accrualPeriodicity'), d.accrualPeriodicity && shared.concept(FREQUENCY_LIST, d.accrualPeriodicity))
    .iri(adms('status'), d.status && shared.concept(STATUS_LIST, d.status))
    .nodes(dct('spatial'), spatial)
    .nodes(dct('temporal'), temporal)
    .nodes(dcat('distribution'), ...d.distributions.map((x) => distributionNode(x, d.id, uris, shared)))
    .literal(tb('personalDataClass'), d.personalData)
    .text(tb('legalBasis'), d.legalBasis === undefined ? undefined : { nl: d.legalBasis })
    .iri(tb('mandate'), ...d.mandateIds.map((m) => shared.mandateUri(m)))
    .node;
}
