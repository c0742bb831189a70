import type { RdfNode, RdfObject } from './graph.js';
import { PREFIXES, RDF_TYPE, XSD_STRING } from './ns.js';

const PREFIX_ENTRIES = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);
/** Conservative PN_LOCAL: what every Turtle parser accepts without escapes. */
const SAFE_LOCAL = /^[A-Za-z0-9_][A-Za-z0-9_:-]*$/;

export function turtlePrologue(): string {
  return Object.entries(PREFIXES).map(([p, iri]) => `@prefix ${p}: <${iri}> .\n`).join('') + '\n';
}

/** Vocabulary terms and code-list URIs recur in every dataset; their compact forms are cached. */
const compacted = new Map<string, string>();

export function turtleIri(iri: string): string {
  const hit = compacted.get(iri);
  if (hit !== undefined) return hit;
  for (const [prefix, ns] of PREFIX_ENTRIES) {
    if (iri.startsWith(ns)) {
      const local = iri.slice(ns.length);
      const out = local === '' || SAFE_LOCAL.test(local) ? `${prefix}:${local}` : `<${escapeIri(iri)}>`;
      if (compacted.size < 10_000) compacted.set(iri, out);
      return out;
    }
  }
  return `<${escapeIri(iri)}>`;
}

/** IRIREF may not contain spaces, controls or <>"{}|^`\ ; UCHAR escapes keep such IRIs intact. */
function escapeIri(iri: string): string {
  return /[\u0000-\u0020<>"{}|^`\\]/.test(iri)
    ? iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
    : iri;
}

const STRING_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

export function turtleString(value: string): string {
  return '"' + value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => STRING_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

function object(o: RdfObject, indent: string, deferred: RdfNode[]): string {
  switch (o.kind) {
    case 'iri':
      return turtleIri(o.value);
    case 'literal':
      if (o.language !== undefined) return `${turtleString(o.value)}@${o.language}`;
      if (o.datatype !== undefined && o.datatype !== XSD_STRING) return `${turtleString(o.value)}^^${turtleIri(o.datatype)}`;
      return turtleString(o.value);
    case 'node':
      if (o.node.id !== undefined) {
        // An IRI node described in place: reference it here, describe it as its own subject.
        if (o.node.types.length > 0 || o.node.properties.length > 0) deferred.push(o.node);
        return turtleIri(o.node.id);
      }
      return `[\n${body(o.node, indent + '  ', deferred)}\n${indent}]`;
  }
}

function body(node: RdfNode, indent: string, deferred: RdfNode[]): string {
  const lines: string[] = [];
  if (node.types.length > 0) lines.push(`${indent}a ${node.types.map(turtleIri).join(', ')}`);
  for (const [predicate, objects] of node.properties) {
    lines.push(`${indent}${predicate === RDF_TYPE ? 'a' : turtleIri(predicate)} ${objects.map((o) => object(o, indent, deferred)).join(', ')}`);
  }
  return lines.join(' ;\n');
}

/** One subject with all it says, then the IRI nodes it described in place. */
export function turtleNode(node: RdfNode): string {
  if (node.id === undefined) throw new Error('a top-level Turtle subject needs an IRI');
  const deferred: RdfNode[] = [];
  let out = `${turtleIri(node.id)}\n${body(node, '  ', deferred)} .\n\n`;
  for (const d of deferred) out += turtleNode(d);
  return out;
}

export function turtleTriple(subject: string, predicate: string, objectIri: string): string {
  return `${turtleIri(subject)} ${turtleIri(predicate)} ${turtleIri(objectIri)} .\n`;
}
