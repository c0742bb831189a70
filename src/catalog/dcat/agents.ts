import { z } from 'zod';
import { MANDATE_KINDS, ORGANISATION_KINDS } from '../../governance/index.js';
import { NodeReader, ReadReport } from './node-reader.js';
import { dct, foaf, tb, vcard, xsd } from './ns.js';
import { type RdfIndex, type Term, termKey } from './rdf-index.js';
import { dateOf, isLiteral, pickText, urlOf } from './values.js';

type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
type MandateKind = (typeof MANDATE_KINDS)[number];

/** An organisation as RDF describes it (foaf:Agent / foaf:Organization), with what Thorbecke's export adds. */
export interface AgentDescription {
  /** The node: its URI, or `_:label` for a blank node. */
  key: string;
  uri?: string;
  name?: string;
  /** tb:organisationId: the id it had on the Thorbecke node that exported it. */
  id?: string;
  oin?: string;
  kind?: { value: OrganisationKind; from: string };
  website?: string;
  email?: string;
  /** tb:parentOrganisation. */
  parent?: string;
}

/** A tb:Mandate as Thorbecke's export describes it. */
export interface MandateDescription {
  key: string;
  /** Its id: dct:identifier, else the last path segment of a …/mandates/{id} URI. */
  id?: string;
  title?: string;
  kind?: MandateKind;
  date?: string;
  decidedBy?: { name: string; elected: boolean; organisation?: string };
  link?: string;
  /** Keys of the mandate it rests on and of its owner and signatories. */
  basedOn?: string;
  owner?: string;
  signatories: string[];
  example?: boolean;
}

/** The kinds a TOOI URI names in its path, and ADMS publisher types that map onto a kind. */
const TOOI_KINDS: Record<string, OrganisationKind> = { gemeente: 'gemeente', provincie: 'provincie', waterschap: 'waterschap', ministerie: 'rijk' };
const ADMS_KINDS: Record<string, OrganisationKind> = {
  LocalAuthority: 'gemeente',
  RegionalAuthority: 'provincie',
  NationalAuthority: 'rijk',
  Company: 'bedrijf',
  NonProfitOrganisation: 'ngo',
  NonGovernmentalOrganisation: 'ngo',
};
const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Reads the agents and mandates records point at, each once. Properties of those nodes the
 * register does not keep are reported in `report` (per harvest, not per dataset: they are shared).
 */
export class Descriptions {
  readonly agents = new Map<string, AgentDescription>();
  readonly mandates = new Map<string, MandateDescription>();
  readonly report = new ReadReport();

  constructor(private readonly index: RdfIndex) {}

  agent(term: Term): AgentDescription {
    const key = termKey(term);
    const known = this.agents.get(key);
    if (known) return known;
    const node = new NodeReader(this.index, term, this.report);
    const d: AgentDescription = { key, ...(term.type === 'iri' ? { uri: term.value } : {}) };
    this.agents.set(key, d);
    const names = pickText(node.get(foaf('name')));
    const name = names.nl ?? names.en ?? pickText(node.get(vcard('fn'))).nl;
    if (name) d.name = name;
    const id = node.get(tb('organisationId')).find(isLiteral)?.value;
    if (id && ID.test(id)) d.id = id;
    const oin = node.get(tb('oin')).find(isLiteral)?.value;
    if (oin && /^\d{20}$/.test(oin)) d.oin = oin;
    const kind = this.kindOf(node, d.uri);
    if (kind) d.kind = kind;
    const website = node.get(foaf('homepage')).map(urlOf).find((u) => u !== undefined);
    if (website) d.website = website;
    const email = node.get(foaf('mbox')).map(emailOf).find((e) => e !== undefined);
    if (email) d.email = email;
    const parent = node.get(tb('parentOrganisation'))[0];
    if (parent) d.parent = this.agent(parent).key;
    node.finish();
    return d;
  }

  private kindOf(node: NodeReader, uri: string | undefined): AgentDescription['kind'] {
    const stated = node.get(tb('organisationKind')).find(isLiteral)?.value;
    if (stated && (ORGANISATION_KINDS as readonly string[]).includes(stated)) return { value: stated as OrganisationKind, from: 'tb:organisationKind' };
    const tooi = uri && /^https?:\/\/identifier\.overheid\.nl\/tooi\/id\/([a-z]+)\//.exec(uri)?.[1];
    if (tooi && TOOI_KINDS[tooi]) return { value: TOOI_KINDS[tooi], from: `its TOOI URI (${tooi})` };
    for (const t of node.get(dct('type'))) {
      const adms = t.type === 'iri' ? /^https?:\/\/purl\.org\/adms\/publishertype\/(\w+)$/.exec(t.value)?.[1] : undefined;
      if (adms && ADMS_KINDS[adms]) return { value: ADMS_KINDS[adms], from: `its ADMS publisher type (${adms})` };
    }
    return undefined;
  }

  mandate(term: Term): MandateDescription {
    const key = termKey(term);
    const known = this.mandates.get(key);
    if (known) return known;
    const node = new NodeReader(this.index, term, this.report);
    const m: MandateDescription = { key, signatories: [] };
    this.mandates.set(key, m);
    const id = node.get(dct('identifier')).find(isLiteral)?.value ?? (term.type === 'iri' ? /\/mandates\/([a-z0-9-]+)$/.exec(term.value)?.[1] : undefined);
    if (id && ID.test(id)) m.id = id;
    if (!this.index.has(term)) return m; // referenced only: nothing more to read
    const title = pickText(node.get(dct('title')));
    if (title.nl ?? title.en) m.title = (title.nl ?? title.en)!;
    const kind = node.get(tb('mandateKind')).find(isLiteral)?.value;
    if (kind && (MANDATE_KINDS as readonly string[]).includes(kind)) m.kind = kind as MandateKind;
    const date = node.get(dct('date')).map(dateOf).find((v) => v !== undefined);
    if (date) m.date = date;
    const link = node.get(foaf('page')).map(urlOf).find((u) => u !== undefined);
    if (link) m.link = link;
    const basedOn = node.get(tb('basedOn'))[0];
    if (basedOn) m.basedOn = this.mandate(basedOn).key;
    const owner = node.get(tb('owner'))[0];
    if (owner) m.owner = this.agent(owner).key;
    m.signatories = node.get(tb('signatory')).map((s) => this.agent(s).key);
    const example = node.get(tb('example')).find(isLiteral);
    if (example) m.example = example.value === 'true' && example.datatype === xsd('boolean');
    const body = node.get(tb('decidedBy'))[0];
    if (body) {
      const b = node.child(body);
      const name = pickText(b.get(foaf('name')));
      const elected = b.get(tb('elected')).find(isLiteral)?.value === 'true';
      const org = b.get(tb('decidingOrganisation'))[0];
      if (name.nl ?? name.en) m.decidedBy = { name: (name.nl ?? name.en)!, elected, ...(org ? { organisation: this.agent(org).key } : {}) };
      b.finish();
    }
    node.finish();
    return m;
  }
}

/** An e-mail address from a mailto: IRI or a plain literal. */
export function emailOf(t: Term): string | undefined {
  const v = t.type === 'iri' || t.type === 'literal' ? t.value.trim().replace(/^mailto:/i, '') : undefined;
  return v !== undefined && z.email().safeParse(v).success ? v : undefined;
}
