import { RDF_TYPE } from './ns.js';
import type { RdfIndex, Term } from './rdf-index.js';

/** A value the register did not take: an unknown property (no reason) or a known one it could not use (with the reason). */
export interface DroppedValue {
  /** The property's URI. */
  property: string;
  /** How many values (triples) were left out. */
  count: number;
  reason?: string;
}

/** A field the register filled without the source saying it: the value and why. */
export interface DefaultedField {
  field: string;
  value: unknown;
  because: string;
}

/** What one record's reading kept, defaulted and dropped, in the order it happened. */
export class ReadReport {
  readonly kept: string[] = [];
  readonly defaulted: DefaultedField[] = [];
  private readonly droppedByKey = new Map<string, DroppedValue>();

  keep(field: string): void {
    if (!this.kept.includes(field)) this.kept.push(field);
  }

  defaultTo(field: string, value: unknown, because: string): void {
    this.defaulted.push({ field, value, because });
  }

  drop(property: string, count: number, reason?: string): void {
    const k = `${property}\u0000${reason ?? ''}`;
    const seen = this.droppedByKey.get(k);
    if (seen) seen.count += count;
    else this.droppedByKey.set(k, { property, count, ...(reason === undefined ? {} : { reason }) });
  }

  get dropped(): DroppedValue[] {
    return [...this.droppedByKey.values()];
  }

  /** Takes over what a part's reading (a distribution that is kept) noted. */
  merge(other: ReadReport): void {
    for (const k of other.kept) this.keep(k);
    this.defaulted.push(...other.defaulted);
    for (const d of other.dropped) this.drop(d.property, d.count, d.reason);
  }
}

/**
 * Reads one RDF node for the importer and remembers which properties it looked at, so
 * whatever it never asked for can be reported as dropped, by property URI, counted.
 */
export class NodeReader {
  private readonly used = new Set<string>([RDF_TYPE]);

  constructor(
    readonly index: RdfIndex,
    readonly term: Term,
    readonly report: ReadReport,
  ) {}

  /** The objects of a property; reading them marks the property as handled. */
  get(p: string): Term[] {
    this.used.add(p);
    return this.index.objects(this.term, p);
  }

  /** A reader for a node this one points at, reporting into the same report (or another). */
  child(term: Term, report = this.report): NodeReader {
    return new NodeReader(this.index, term, report);
  }

  types(): string[] {
    return this.index.objects(this.term, RDF_TYPE).filter((t) => t.type === 'iri').map((t) => t.value);
  }

  /** Reports every property never asked for as dropped; call once, when the node is read. */
  finish(): void {
    for (const [p, objects] of this.index.predicates(this.term)) if (!this.used.has(p)) this.report.drop(p, objects.length);
  }
}
