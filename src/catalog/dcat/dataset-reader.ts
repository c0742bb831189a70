import { datasetInput, type DatasetInput } from '../model.js';
import { PERSONAL_DATA_CLASSES } from '../vocab.js';
import type { AgentDescription, Descriptions } from './agents.js';
import { emailOf } from './agents.js';
import { type Assumptions, DEFAULT_PERSONAL_DATA } from './assumptions.js';
import { ACCESS_RIGHTS_LIST, FREQUENCY_LIST, LANGUAGE_LIST, SECTOR_LIST, STATUS_LIST, THEME_LIST } from './codes.js';
import { readDistribution } from './distribution-reader.js';
import { NodeReader, ReadReport } from './node-reader.js';
import { adms, dcat, dct, tb, vcard } from './ns.js';
import type { RdfIndex, Term } from './rdf-index.js';
import { readSpatial, readTemporal } from './place-reader.js';
import { accessRightsOfWord, dateOf, frequencyOfWord, isLiteral, languageOfCode, pickText, show, urlOf } from './values.js';

/** Stands in for `publisherId` until the harvest resolves the publisher to an organisation. */
export const UNRESOLVED_PUBLISHER_ID = 'unresolved-publisher';

export interface ReadDataset {
  identifier: string;
  input: DatasetInput;
  publisher: AgentDescription;
  /** Only when dct:creator is another agent than the publisher. */
  creator?: AgentDescription;
  /** Keys of the tb:Mandate nodes the dataset links to (see Descriptions.mandates). */
  mandates: string[];
  report: ReadReport;
}

export interface UnreadDataset {
  identifier: string;
  reasons: string[];
  report: ReadReport;
}

const MAX_TEXT = { title: 300, description: 20_000 } as const;

/**
 * Reads one dcat:Dataset. Rejected only for what DCAT-AP-NL requires and nothing can stand
 * in for: a title, a description, a publisher, an access right and an EU data theme (the last
 * two may be assumed by the operator). Everything else is kept, defaulted with the default
 * named, or dropped with the reason; properties it does not read are dropped by URI.
 */
export class DatasetReader {
  private readonly report = new ReadReport();
  private readonly reasons: string[] = [];
  private readonly node: NodeReader;

  constructor(
    index: RdfIndex,
    private readonly subject: Term,
    private readonly context: { descriptions: Descriptions; assume: Assumptions; cataloguePublisher?: Term },
  ) {
    this.node = new NodeReader(index, subject, this.report);
  }

  private get r(): ReadReport {
    return this.report;
  }

  private fail(reason: string): undefined {
    this.reasons.push(reason);
    return undefined;
  }

  read(): ReadDataset | UnreadDataset {
    const input: Record<string, unknown> = { publisherId: UNRESOLVED_PUBLISHER_ID };
    const identifier = this.identifier();
    if (identifier) input.identifier = identifier;
    input.title = this.text('title', dct('title'), MAX_TEXT.title);
    input.description = this.text('description', dct('description'), MAX_TEXT.description);
    const { publisher, creator } = this.agents();
    input.contactPoint = this.contactPoint(publisher);
    Object.assign(input, this.themes(), this.accessRights());
    Object.assign(input, this.optionalFields());
    const licenses = this.node.get(dct('license'));
    input.distributions = this.distributions(licenses);
    Object.assign(input, this.thorbeckeFields());
    const linked = this.node.get(tb('mandate')).map((m) => this.context.descriptions.mandate(m));
    const mandates = linked.map((m) => m.key);
    // As the source names them; a harvest maps them onto this platform's mandates.
    input.mandateIds = [...new Set(linked.flatMap((m) => (m.id ? [m.id] : [])))];
    this.node.finish();

    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const label = identifier ?? show(this.subject);
    const parsed = this.reasons.length === 0 ? datasetInput.safeParse(input) : undefined;
    if (parsed && !parsed.success) for (const issue of parsed.error.issues) this.reasons.push(`${issue.path.map(String).join('.') || '(dataset)'}: ${issue.message}`);
    if (!parsed?.success || !publisher) return { identifier: label, reasons: this.reasons, report: this.report };
    return { identifier: label, input: parsed.data, publisher, ...(creator ? { creator } : {}), mandates, report: this.report };
  }

  private identifier(): string | undefined {
    const values = this.node.get(dct('identifier')).filter(isLiteral);
    if (values.length > 1) this.r.drop(dct('identifier'), values.length - 1, 'more than one; the first is the identifier');
    const value = values[0]?.value.trim();
    if (value) {
      this.r.keep('identifier');
      return value.slice(0, 500);
    }
    if (this.subject.type === 'iri') {
      this.r.defaultTo('identifier', this.subject.value, "no dct:identifier; the dataset's URI");
      return this.subject.value;
    }
    return this.fail('identifier: no dct:identifier and the dataset has no URI');
  }

  private text(field: 'title' | 'description', p: string, max: number): { nl: string; en?: string } | undefined {
    const t = pickText(this.node.get(p));
    if (t.unused.length) this.r.drop(p, t.unused.length, 'more values, or languages other than Dutch and English');
    if (t.nl === undefined) return this.fail(`${field}: missing (DCAT-AP requires ${field === 'title' ? 'dct:title' : 'dct:description'})`);
    this.r.keep(field);
    if (t.en !== undefined) this.r.keep(`${field}.en`);
    if (t.standIn) this.r.defaultTo(`${field}.nl`, t.nl, `no Dutch or untagged value; the ${t.standIn} one stands in`);
    const fit = (s: string) => (s.length > max ? s.slice(0, max - 1) + '…' : s);
    if (t.nl.length > max || (t.en?.length ?? 0) > max) this.r.defaultTo(field, `${max} characters`, `longer than the register holds; cut to ${max} characters`);
    return { nl: fit(t.nl), ...(t.en !== undefined ? { en: fit(t.en) } : {}) };
  }

  private agents(): { publisher?: AgentDescription; creator?: AgentDescription } {
    const { descriptions, cataloguePublisher } = this.context;
    const publishers = this.node.get(dct('publisher'));
    if (publishers.length > 1) this.r.drop(dct('publisher'), publishers.length - 1, 'more than one; the first is the publisher');
    let publisher: AgentDescription | undefined;
    if (publishers[0]) {
      publisher = descriptions.agent(publishers[0]);
      this.r.keep('publisher');
    } else if (cataloguePublisher) {
      publisher = descriptions.agent(cataloguePublisher);
      this.r.defaultTo('publisher', publisher.name ?? publisher.key, "no dct:publisher; the catalogue's publisher");
    } else this.fail('publisher: no dct:publisher, on the dataset or its catalogue (DCAT-AP-NL requires one)');
    if (publisher && !publisher.name && !publisher.uri) this.fail('publisher: the publisher has neither a URI nor a foaf:name');
    const creators = this.node.get(dct('creator'));
    if (creators.length > 1) this.r.drop(dct('creator'), creators.length - 1, 'more than one; the first is the creator');
    const creator = creators[0] ? descriptions.agent(creators[0]) : undefined;
    if (creator) this.r.keep('creator');
    else if (publisher) this.r.defaultTo('creator', publisher.name ?? publisher.key, 'no dct:creator; the publisher');
    return { ...(publisher ? { publisher } : {}), ...(creator && creator.key !== publisher?.key ? { creator } : {}) };
  }

  private contactPoint(publisher: AgentDescription | undefined): unknown {
    const points = this.node.get(dcat('contactPoint'));
    if (points.length > 1) this.r.drop(dcat('contactPoint'), points.length - 1, 'more than one; the first is kept');
    const point = points[0];
    if (!point) {
      if (!publisher?.name) return this.fail('contactPoint: no dcat:contactPoint, and no publisher name to stand in (DCAT-AP-NL requires one)');
      const fromPublisher = { name: publisher.name, ...(publisher.email ? { email: publisher.email } : {}), ...(publisher.website ? { url: publisher.website } : {}) };
      this.r.defaultTo('contactPoint', fromPublisher, 'no dcat:contactPoint; the publisher');
      return fromPublisher;
    }
    const c = this.node.child(point);
    const name = pickText(c.get(vcard('fn'))).nl ?? pickText(c.get(vcard('organization-name'))).nl;
    const emails = c.get(vcard('hasEmail'));
    const email = emails.map(emailOf).find((e) => e !== undefined);
    if (emails.length > (email ? 1 : 0)) this.r.drop(vcard('hasEmail'), emails.length - (email ? 1 : 0), email ? 'more than one; the first is kept' : `${emails.map(show).join(', ')} is not an e-mail address`);
    const urls = c.get(vcard('hasURL'));
    const url = urls.map(urlOf).find((u) => u !== undefined);
    if (urls.length > (url ? 1 : 0)) this.r.drop(vcard('hasURL'), urls.length - (url ? 1 : 0), url ? 'more than one; the first is kept' : `${urls.map(show).join(', ')} is not an http(s) URL`);
    c.finish();
    const stand = name ?? email ?? publisher?.name;
    if (!stand) return this.fail('contactPoint: the contact point has no vcard:fn, e-mail address or publisher to name it by');
    if (!name) this.r.defaultTo('contactPoint.name', stand, email ? 'no vcard:fn; the e-mail address' : 'no vcard:fn; the publisher');
    this.r.keep('contactPoint');
    return { name: stand.slice(0, 300), ...(email ? { email } : {}), ...(url ? { url } : {}) };
  }

  private themes(): { themes?: string[]; sectors: string[] } {
    const themes: string[] = [];
    const sectors: string[] = [];
    for (const t of this.node.get(dcat('theme'))) {
      const code = t.type === 'iri' ? THEME_LIST.code(t.value) : undefined;
      const sector = t.type === 'iri' ? SECTOR_LIST.code(t.value) : undefined;
      if (code) themes.push(code);
      else if (sector) sectors.push(sector);
      else if (t.type !== 'iri') this.r.drop(dcat('theme'), 1, `${show(t)} is not a concept URI`);
      else if (/^https?:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\//.test(t.value)) this.r.drop(dcat('theme'), 1, `${show(t)} is not on Thorbecke's theme list`);
      else this.r.drop(dcat('theme'), 1, `${show(t)} is from another vocabulary than the EU data themes`);
    }
    if (sectors.length) this.r.keep('sectors');
    if (themes.length) {
      this.r.keep('themes');
      return { themes, sectors };
    }
    if (this.context.assume.theme) {
      this.r.defaultTo('themes', [this.context.assume.theme], `no EU data theme; assumed (theme=${this.context.assume.theme})`);
      return { themes: [this.context.assume.theme], sectors };
    }
    this.fail('themes: no dcat:theme from the EU data theme vocabulary, which DCAT-AP-NL prescribes (state one with the assumption theme=…)');
    return { sectors };
  }

  private accessRights(): { accessRights?: string } {
    const values = this.node.get(dct('accessRights'));
    for (const v of values) {
      const code = v.type === 'iri' ? ACCESS_RIGHTS_LIST.code(v.value) : v.type === 'literal' ? accessRightsOfWord(v.value) : undefined;
      if (code) {
        if (values.length > 1) this.r.drop(dct('accessRights'), values.length - 1, 'more than one; the first usable one is kept');
        this.r.keep('accessRights');
        return { accessRights: code };
      }
    }
    if (values.length) this.r.drop(dct('accessRights'), values.length, `${values.map(show).join(', ')} is not public, restricted or non-public`);
    const assumed = this.context.assume.accessRights;
    if (assumed) {
      this.r.defaultTo('accessRights', assumed, `no usable dct:accessRights; assumed (accessRights=${assumed})`);
      return { accessRights: assumed };
    }
    this.fail('accessRights: no dct:accessRights public, restricted or non-public (DCAT-AP-NL requires one; state it with the assumption accessRights=…)');
    return {};
  }

  /** Optional properties: kept when usable, dropped with the reason when not, never a rejection. */
  private optionalFields(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keywords = this.node.get(dcat('keyword')).filter(isLiteral).map((k) => k.value.trim()).filter((k) => k.length > 0 && k.length <= 100);
    const unusable = this.node.get(dcat('keyword')).length - keywords.length;
    if (unusable > 0) this.r.drop(dcat('keyword'), unusable, 'empty, not text, or longer than 100 characters');
    if (keywords.length > 50) this.r.drop(dcat('keyword'), keywords.length - 50, 'more than 50 keywords');
    out.keywords = [...new Set(keywords.slice(0, 50))];
    if (keywords.length) this.r.keep('keywords');
    out.languages = this.languages();
    const landing = this.node.get(dcat('landingPage'));
    out.landingPage = landing.map(urlOf).find((u) => u !== undefined);
    if (out.landingPage) this.r.keep('landingPage');
    if (landing.length > (out.landingPage ? 1 : 0)) this.r.drop(dcat('landingPage'), landing.length - (out.landingPage ? 1 : 0), 'not an http(s) URL, or more than one');
    for (const [field, p] of [['issued', dct('issued')], ['modified', dct('modified')]] as const) {
      const values = this.node.get(p);
      const date = values.map(dateOf).find((d) => d !== undefined);
      if (date) {
        out[field] = date;
        this.r.keep(field);
      }
      if (values.length > (date ? 1 : 0)) this.r.drop(p, values.length - (date ? 1 : 0), `${values.map(show).join(', ')}: not a calendar date, or more than one`);
    }
    out.accrualPeriodicity = this.coded('accrualPeriodicity', dct('accrualPeriodicity'), (t) => (t.type === 'iri' ? FREQUENCY_LIST.code(t.value) : isLiteral(t) ? frequencyOfWord(t.value) : undefined), 'the EU frequency list');
    out.status = this.coded('status', adms('status'), (t) => (t.type === 'iri' ? STATUS_LIST.code(t.value) : undefined), 'the EU dataset status list');
    out.spatial = readSpatial(this.node);
    out.temporal = readTemporal(this.node);
    return out;
  }

  private coded(field: string, p: string, code: (t: Term) => string | undefined, list: string): string | undefined {
    const values = this.node.get(p);
    const found = values.map(code).find((c) => c !== undefined);
    if (found) this.r.keep(field);
    const unused = values.length - (found ? 1 : 0);
    if (unused > 0) this.r.drop(p, unused, found ? 'more than one; the first usable one is kept' : `${values.map(show).join(', ')} is not on ${list}`);
    return found;
  }

  private languages(): string[] {
    const out: string[] = [];
    for (const l of this.node.get(dct('language'))) {
      const code = l.type === 'iri' ? LANGUAGE_LIST.code(l.value) : isLiteral(l) ? languageOfCode(l.value) : undefined;
      if (code && !out.includes(code)) out.push(code);
      else if (!code) this.r.drop(dct('language'), 1, `${show(l)} is not Dutch, English, Frisian or German (the languages the register lists)`);
    }
    if (out.length) this.r.keep('languages');
    return out.slice(0, 4);
  }

  private distributions(datasetLicenses: readonly Term[]): unknown[] {
    const out: unknown[] = [];
    const all = this.node.get(dcat('distribution'));
    for (const [i, d] of all.entries()) {
      if (out.length === 100) {
        this.r.drop(dcat('distribution'), all.length - i, 'more than 100 distributions');
        break;
      }
      // Read into a report of its own: a distribution left out keeps nothing.
      const part = new ReadReport();
      const read = readDistribution(this.node.child(d, part), `distributions.${out.length}`, datasetLicenses, this.context.assume);
      if ('leftOut' in read) this.r.drop(dcat('distribution'), 1, `${show(d)} left out: ${read.leftOut}`);
      else {
        this.r.merge(part);
        out.push(read);
      }
    }
    if (out.length) this.r.keep('distributions');
    return out;
  }

  /** Thorbecke's own fields: from the tb: properties of its export, else the assumption, else the stated default. */
  private thorbeckeFields(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const { assume } = this.context;
    const stated = this.node.get(tb('personalDataClass')).find(isLiteral)?.value;
    if (stated !== undefined && (PERSONAL_DATA_CLASSES as readonly string[]).includes(stated)) {
      out.personalData = stated;
      this.r.keep('personalData');
    } else {
      if (stated !== undefined) this.r.drop(tb('personalDataClass'), 1, `${JSON.stringify(stated)} is not a personal-data class`);
      out.personalData = assume.personalData ?? DEFAULT_PERSONAL_DATA;
      this.r.defaultTo('personalData', out.personalData, assume.personalData
        ? `not stated by the source; assumed (personalData=${assume.personalData})`
        : `not stated by the source; the default (state otherwise with the assumption personalData=…)`);
    }
    const legal = pickText(this.node.get(tb('legalBasis')));
    if (legal.nl) {
      out.legalBasis = legal.nl.slice(0, 1000);
      this.r.keep('legalBasis');
    } else if (out.personalData !== 'none' && assume.legalBasis) {
      out.legalBasis = assume.legalBasis;
      this.r.defaultTo('legalBasis', assume.legalBasis, 'not stated by the source; assumed (legalBasis=…)');
    } else if (out.personalData !== 'none') {
      this.fail(`legalBasis: the dataset is marked as holding ${out.personalData} data but states no legal basis (AVG art. 6; state it with the assumption legalBasis=…)`);
    }
    return out;
  }
}
