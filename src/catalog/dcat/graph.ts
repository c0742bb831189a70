import { XSD_STRING } from './ns.js';

/**
 * A small, format-neutral RDF tree: a node with its types and properties, where an object is
 * an IRI, a literal or another node (a blank node, or an IRI node described in place). The
 * Turtle and JSON-LD writers both serialise it, so the two formats cannot drift apart.
 */
export type RdfObject =
  | { kind: 'iri'; value: string }
  | { kind: 'literal'; value: string; language?: string; datatype?: string }
  | { kind: 'node'; node: RdfNode };

export interface RdfNode {
  /** IRI of the node; absent for a blank node. */
  id?: string;
  types: string[];
  properties: Array<[predicate: string, objects: RdfObject[]]>;
}

export interface LangText { nl: string; en?: string | undefined }

/** Builds a node property by property; undefined values are skipped so optional fields read plainly. */
export class NodeBuilder {
  readonly node: RdfNode;

  constructor(id: string | undefined, ...types: string[]) {
    this.node = id === undefined ? { types, properties: [] } : { id, types, properties: [] };
  }

  private add(predicate: string, objects: RdfObject[]): this {
    if (objects.length > 0) this.node.properties.push([predicate, objects]);
    return this;
  }

  iri(predicate: string, ...values: Array<string | undefined>): this {
    return this.add(predicate, values.filter((v): v is string => v !== undefined).map((value) => ({ kind: 'iri', value })));
  }

  literal(predicate: string, value: string | undefined, datatype?: string): this {
    if (value === undefined) return this;
    return this.add(predicate, [datatype === undefined || datatype === XSD_STRING ? { kind: 'literal', value } : { kind: 'literal', value, datatype }]);
  }

  literals(predicate: string, values: readonly string[]): this {
    return this.add(predicate, values.map((value) => ({ kind: 'literal', value })));
  }

  text(predicate: string, text: LangText | undefined): this {
    if (text === undefined) return this;
    const objects: RdfObject[] = [{ kind: 'literal', value: text.nl, language: 'nl' }];
    if (text.en !== undefined) objects.push({ kind: 'literal', value: text.en, language: 'en' });
    return this.add(predicate, objects);
  }

  /** Labels in whichever of Dutch and English exist. */
  labels(predicate: string, labels: { nl?: string | undefined; en?: string | undefined }): this {
    return this.add(predicate, Object.entries(labels)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([language, value]) => ({ kind: 'literal', value, language })));
  }

  nodes(predicate: string, ...nodes: Array<RdfNode | undefined>): this {
    return this.add(predicate, nodes.filter((n): n is RdfNode => n !== undefined).map((node) => ({ kind: 'node', node })));
  }
}
