import { z } from 'zod';
import { createOrganisation, listOrganisations, type Organisation, slugify } from '../governance/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { AgentDescription } from './dcat/agents.js';
import { type Assumptions, DEFAULT_ORGANISATION_KIND } from './dcat/assumptions.js';
import type { DefaultedField } from './dcat/node-reader.js';
import { platformUris } from './dcat/uris.js';

/** An organisation or mandate a harvest creates, with what it had to default. */
export interface CreatedNote {
  id: string;
  name: string;
  uri?: string;
  defaulted: DefaultedField[];
}

export type Resolution = { id: string } | { reason: string };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const label = (d: AgentDescription) => [d.name && `'${d.name}'`, d.uri && `<${d.uri}>`].filter(Boolean).join(' ') || d.key;
const isUrl = (s: string | undefined): s is string => s !== undefined && z.url().safeParse(s).success;
export const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Maps the agents of a harvest onto organisations: registered ones by URI, OIN, this
 * platform's own organisation URI, then exact name; the others, when the harvester may
 * create them, are planned (an id, a kind) and created only once a dataset that will be
 * written needs them, in the harvest's transaction.
 */
export class OrganisationPlan {
  private readonly byUri = new Map<string, Organisation>();
  private readonly byOin = new Map<string, Organisation>();
  private readonly byName = new Map<string, Organisation>();
  private readonly byId = new Map<string, Organisation>();
  private readonly ids = new Set<string>();
  private readonly resolved = new Map<string, Resolution>();
  private readonly planned = new Map<string, { input: Record<string, unknown>; parentKey?: string; note: CreatedNote }>();
  /** Planned ids by URI, OIN and name: two descriptions of one agent (blank nodes) become one organisation. */
  private readonly plannedBy = new Map<string, string>();
  readonly created: CreatedNote[] = [];

  constructor(
    private readonly agents: ReadonlyMap<string, AgentDescription>,
    private readonly opts: { mayCreate: boolean; assume: Assumptions; baseUrl: string },
  ) {}

  async load(db: Queryable): Promise<void> {
    for (let page = 0; ; page++) {
      const { items } = await listOrganisations(db, 1000, page * 1000);
      for (const o of items) {
        this.ids.add(o.id);
        this.byId.set(o.id, o);
        if (o.uri) this.byUri.set(o.uri, o);
        if (o.oin) this.byOin.set(o.oin, o);
        if (!this.byName.has(norm(o.name))) this.byName.set(norm(o.name), o);
      }
      if (items.length < 1000) return;
    }
  }

  private existing(d: AgentDescription): Organisation | undefined {
    // This platform's own URI for an organisation without a persistent one names it by id.
    const own = d.uri?.startsWith(this.ownPrefix) ? d.uri.slice(this.ownPrefix.length) : undefined;
    return (d.uri ? this.byUri.get(d.uri) : undefined)
      ?? (d.oin ? this.byOin.get(d.oin) : undefined)
      ?? (own ? this.byId.get(decodeURIComponent(own)) : undefined)
      ?? (d.name ? this.byName.get(norm(d.name)) : undefined);
  }

  private get ownPrefix(): string {
    return `${platformUris(this.opts.baseUrl).base}/api/v1/organisations/`;
  }

  /** The organisation id for an agent: registered, or planned for creation; else why not. */
  resolve(key: string): Resolution {
    const known = this.resolved.get(key);
    if (known) return known;
    const d = this.agents.get(key);
    const out = d ? this.resolveNew(d) : { reason: `agent ${key} is not described` };
    this.resolved.set(key, out);
    return out;
  }

  private resolveNew(d: AgentDescription): Resolution {
    const found = this.existing(d);
    if (found) return { id: found.id };
    const again = [d.uri && `uri ${d.uri}`, d.oin && `oin ${d.oin}`, d.name && `name ${norm(d.name)}`].map((k) => k && this.plannedBy.get(k)).find(Boolean);
    if (again) return { id: again };
    if (!this.opts.mayCreate) return { reason: `${label(d)} is not a registered organisation` };
    if (!d.name) return { reason: `${label(d)} is not a registered organisation, and without a foaf:name it cannot be created` };
    const id = this.freeId(d.id ?? slugify(d.name));
    const defaulted: DefaultedField[] = [];
    const kind = d.kind?.value ?? this.opts.assume.organisationKind ?? DEFAULT_ORGANISATION_KIND;
    if (!d.kind) defaulted.push({ field: 'kind', value: kind, because: this.opts.assume.organisationKind ? `not stated; assumed (organisationKind=${kind})` : 'not stated; the default (state it with the assumption organisationKind=…)' });
    else if (d.kind.from !== 'tb:organisationKind') defaulted.push({ field: 'kind', value: kind, because: `derived from ${d.kind.from}` });
    if (d.id && d.id !== id) defaulted.push({ field: 'id', value: id, because: `'${d.id}' is taken here` });
    const uri = isUrl(d.uri) ? d.uri : undefined;
    const input: Record<string, unknown> = {
      id, name: d.name.slice(0, 300), kind,
      ...(d.oin && !this.byOin.has(d.oin) ? { oin: d.oin } : {}),
      ...(uri ? { uri } : {}),
      ...(isUrl(d.website) ? { website: d.website } : {}),
      ...(d.email ? { email: d.email } : {}),
    };
    const note: CreatedNote = { id, name: d.name, ...(uri ? { uri } : {}), defaulted };
    this.planned.set(id, { input, ...(d.parent ? { parentKey: d.parent } : {}), note });
    this.ids.add(id);
    for (const k of [d.uri && `uri ${d.uri}`, d.oin && `oin ${d.oin}`, `name ${norm(d.name)}`]) if (k && !this.plannedBy.has(k)) this.plannedBy.set(k, id);
    return { id };
  }

  private freeId(wanted: string): string {
    const base = ID.test(wanted) ? wanted : slugify(wanted);
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base.slice(0, 58)}-${n}`;
    return id;
  }

  plannedIds(): string[] {
    return [...this.planned.keys()];
  }

  isPlanned(id: string): boolean {
    return this.planned.has(id) && !this.created.some((c) => c.id === id);
  }

  /** Creates the planned organisations among `ids` (and their parents, first). */
  async create(db: Queryable, ids: Iterable<string>, now = new Date()): Promise<void> {
    const inProgress = new Set<string>();
    const make = async (id: string): Promise<void> => {
      const plan = this.planned.get(id);
      if (!plan || !this.isPlanned(id) || inProgress.has(id)) return;
      inProgress.add(id);
      const parent = plan.parentKey ? this.resolve(plan.parentKey) : undefined;
      if (parent && 'id' in parent && !inProgress.has(parent.id)) {
        await make(parent.id);
        plan.input.parentId = parent.id;
      } else if (parent) plan.note.defaulted.push({ field: 'parentId', value: null, because: 'reason' in parent ? parent.reason : 'a cycle of parent organisations' });
      await createOrganisation(db, plan.input, now);
      this.created.push(plan.note);
      inProgress.delete(id);
    };
    for (const id of ids) await make(id);
  }
}
