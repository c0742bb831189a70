import { RDF_LANG_STRING, XSD_STRING } from './ns.js';

export type Term =
  | { type: 'iri'; value: string }
  | { type: 'bnode'; value: string }
  | { type: 'literal'; value: string; language: string; datatype: string };

export const termKey = (t: Term): string => (t.type === 'bnode' ? `_:${t.value}` : t.value);

/**
 * Triples indexed by subject and predicate, objects in document order so repeated values
 * (distributions, keywords) come back in the order they were written.
 */
export class RdfIndex {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  /** For long object lists (a catalogue's dcat:dataset): the values seen, so a duplicate is found without a scan. */
  private readonly seen = new Map<Term[], Set<string>>();
  readonly subjects: Term[] = [];

  add(s: Term, p: string, o: Term): void {
    let props = this.bySubject.get(termKey(s));
    if (!props) {
      props = new Map();
      this.bySubject.set(termKey(s), props);
      this.subjects.push(s);
    }
    const list = props.get(p);
    if (!list) return void props.set(p, [o]);
    const k = valueKey(o);
    let seen = this.seen.get(list);
    if (!seen && list.length >= 16) this.seen.set(list, (seen = new Set(list.map(valueKey))));
    if (seen ? seen.has(k) : list.some((x) => valueKey(x) === k)) return;
    list.push(o);
    seen?.add(k);
  }

  objects(s: Term, p: string): Term[] {
    return this.bySubject.get(termKey(s))?.get(p) ?? [];
  }

  /** Every predicate of a subject with its objects, in document order. */
  predicates(s: Term): ReadonlyMap<string, Term[]> {
    return this.bySubject.get(termKey(s)) ?? new Map();
  }

  has(s: Term): boolean {
    return this.bySubject.has(termKey(s));
  }
}

/** Equal RDF terms have equal keys: kind, value, and for literals language and datatype. */
const valueKey = (t: Term): string => (t.type === 'literal' ? `"${t.value}"@${t.language}^^${t.datatype}` : `${t.type}:${t.value}`);

export interface RdfJsLikeTerm { termType: string; value: string; language?: string; datatype?: { value: string } }
export interface RdfJsQuad { subject: RdfJsLikeTerm; predicate: RdfJsLikeTerm; object: RdfJsLikeTerm; graph: RdfJsLikeTerm }

function term(t: RdfJsLikeTerm): Term {
  if (t.termType === 'NamedNode') return { type: 'iri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value.replace(/^_:/, '') };
  const language = t.language ?? '';
  return { type: 'literal', value: t.value, language, datatype: t.datatype?.value ?? (language ? RDF_LANG_STRING : XSD_STRING) };
}

export function indexOf(quads: Iterable<RdfJsQuad>): RdfIndex {
  const index = new RdfIndex();
  for (const q of quads) index.add(term(q.subject), q.predicate.value, term(q.object));
  return index;
}
