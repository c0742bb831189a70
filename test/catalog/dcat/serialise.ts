import { Parser, Writer, type Quad } from 'n3';

/** The triples of a Turtle document, for re-serialising it in the other syntaxes a harvest reads. */
export const quadsOf = (turtle: string): Quad[] => new Parser().parse(turtle);

export function toNTriples(quads: readonly Quad[]): string {
  return new Writer({ format: 'N-Triples' }).quadsToString([...quads]);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');

/**
 * Flat RDF/XML, one rdf:Description per triple, for tests only: the predicate is split at its
 * last '#', '/' or ':' into a namespace (declared on the element) and a local name.
 */
export function toRdfXml(quads: readonly Quad[]): string {
  const subject = (q: Quad) => (q.subject.termType === 'BlankNode' ? `rdf:nodeID="${q.subject.value}"` : `rdf:about="${xmlEscape(q.subject.value)}"`);
  const lines = quads.map((q) => {
    const p = q.predicate.value;
    const cut = Math.max(p.lastIndexOf('#'), p.lastIndexOf('/'), p.lastIndexOf(':')) + 1;
    const el = `p:${p.slice(cut)}`;
    const ns = `xmlns:p="${xmlEscape(p.slice(0, cut))}"`;
    const o = q.object;
    const body =
      o.termType === 'NamedNode' ? `<${el} ${ns} rdf:resource="${xmlEscape(o.value)}"/>`
      : o.termType === 'BlankNode' ? `<${el} ${ns} rdf:nodeID="${o.value}"/>`
      : o.termType === 'Literal' && o.language ? `<${el} ${ns} xml:lang="${o.language}">${xmlEscape(o.value)}</${el}>`
      : o.termType === 'Literal' && o.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? `<${el} ${ns} rdf:datatype="${xmlEscape(o.datatype.value)}">${xmlEscape(o.value)}</${el}>`
      : `<${el} ${ns}>${xmlEscape(o.value)}</${el}>`;
    return `  <rdf:Description ${subject(q)}>${body}</rdf:Description>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n${lines.join('\n')}\n</rdf:RDF>\n`;
}
