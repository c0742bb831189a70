import { allMandates, createMandate, type Mandate, slugify } from '../governance/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { MandateDescription } from './dcat/agents.js';
import type { DefaultedField } from './dcat/node-reader.js';
import { type CreatedNote, ID, type OrganisationPlan, type Resolution } from './organisation-plan.js';

/**
 * Maps the tb:Mandate links of a harvest onto mandates: an existing mandate by id, else
 * (for the administrator) one planned from its description, created in the transaction
 * once a dataset that will be written links to it. A link that can be neither is dropped
 * from the dataset with the reason: a mandate is Thorbecke's own, never a reason to refuse.
 */
export class MandatePlan {
  private readonly existing = new Set<string>();
  private readonly resolved = new Map<string, Resolution>();
  private readonly planned = new Map<string, { input: Record<string, unknown>; note: CreatedNote; orgs: string[]; basedOn?: string }>();
  private readonly taken = new Set<string>();
  readonly created: CreatedNote[] = [];

  constructor(
    private readonly mandates: ReadonlyMap<string, MandateDescription>,
    private readonly orgs: OrganisationPlan,
    private readonly mayCreate: boolean,
  ) {}

  /** Every mandate id here: a link names one by id, and a new mandate's id must be free. */
  async load(db: Queryable): Promise<void> {
    for (const m of await allMandates(db)) this.existing.add(m.id);
  }

  /** The mandate id for a link from a dataset published by `publisherId`, or why it is dropped. */
  resolve(key: string, publisherId: string): Resolution {
    const known = this.resolved.get(key);
    if (known) return known;
    this.resolved.set(key, { reason: 'a cycle of mandates based on each other' });
    const out = this.resolveNew(key, publisherId);
    this.resolved.set(key, out);
    return out;
  }

  private resolveNew(key: string, publisherId: string): Resolution {
    const m = this.mandates.get(key);
    if (!m) return { reason: `mandate ${key} is not described` };
    if (m.id && this.existing.has(m.id)) return { id: m.id };
    const name = m.id ? `mandate '${m.id}'` : `mandate ${key}`;
    if (!this.mayCreate) return { reason: `${name} does not exist here, and only the administrator's key may create it` };
    if (!m.title) return { reason: `${name} does not exist here and is described without a dct:title` };
    const id = this.freeId(m.id ?? slugify(`${m.kind ?? 'mandate'}-${m.title}`));
    const defaulted: DefaultedField[] = [];
    const orgs: string[] = [];
    const org = (k: string, field: string): string | undefined => {
      const r = this.orgs.resolve(k);
      if ('id' in r) {
        orgs.push(r.id);
        return r.id;
      }
      defaulted.push({ field, value: null, because: r.reason });
      return undefined;
    };
    let ownerId = m.owner ? org(m.owner, 'ownerId') : undefined;
    if (!ownerId) {
      ownerId = publisherId;
      defaulted.push({ field: 'ownerId', value: publisherId, because: 'no usable tb:owner; the publisher of the first dataset that links to it' });
    }
    const kind = m.kind ?? 'geen';
    if (!m.kind) defaulted.push({ field: 'kind', value: kind, because: 'no tb:mandateKind' });
    const decidingOrg = m.decidedBy?.organisation ? org(m.decidedBy.organisation, 'decidedBy.organisationId') : undefined;
    const signatories = m.signatories.map((s, i) => org(s, `signatories.${i}`)).filter((s): s is string => s !== undefined);
    const basedOn = m.basedOn ? this.resolve(m.basedOn, publisherId) : undefined;
    if (basedOn && 'reason' in basedOn) defaulted.push({ field: 'basedOn', value: null, because: basedOn.reason });
    const input: Record<string, unknown> = {
      id, kind, title: m.title.slice(0, 500), ownerId, signatories: [...new Set(signatories)], example: m.example ?? false,
      ...(m.date ? { date: m.date } : {}),
      ...(m.link ? { link: m.link } : {}),
      ...(m.decidedBy ? { decidedBy: { name: m.decidedBy.name.slice(0, 300), elected: m.decidedBy.elected, ...(decidingOrg ? { organisationId: decidingOrg } : {}) } } : {}),
      ...(basedOn && 'id' in basedOn ? { basedOn: basedOn.id } : {}),
    };
    this.planned.set(id, { input, note: { id, name: m.title, defaulted }, orgs: [ownerId, ...orgs], ...(basedOn && 'id' in basedOn ? { basedOn: basedOn.id } : {}) });
    this.taken.add(id);
    return { id };
  }

  private freeId(wanted: string): string {
    const base = ID.test(wanted) ? wanted : slugify(wanted);
    let id = base;
    for (let n = 2; this.existing.has(id) || this.taken.has(id); n++) id = `${base.slice(0, 58)}-${n}`;
    return id;
  }

  plannedIds(): string[] {
    return [...this.planned.keys()];
  }

  /** The planned mandates among `ids` with the ones they rest on, and the organisations all of them need. */
  closure(ids: Iterable<string>): { mandates: string[]; organisations: string[] } {
    const mandates: string[] = [];
    const organisations = new Set<string>();
    const add = (id: string) => {
      const plan = this.planned.get(id);
      if (!plan || mandates.includes(id)) return;
      if (plan.basedOn) add(plan.basedOn);
      mandates.push(id); // after what it rests on: creation order
      for (const o of plan.orgs) organisations.add(o);
    };
    for (const id of ids) add(id);
    return { mandates, organisations: [...organisations] };
  }

  /** Creates planned mandates in the order `closure` gave (each after the one it rests on). */
  async create(db: Queryable, ordered: readonly string[], now = new Date()): Promise<Mandate[]> {
    const out: Mandate[] = [];
    for (const id of ordered) {
      const plan = this.planned.get(id)!;
      out.push(await createMandate(db, plan.input, now));
      this.created.push(plan.note);
    }
    return out;
  }
}
