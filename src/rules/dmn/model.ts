import { DmnError } from './errors.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml.js';

/** DMN model namespaces this engine accepts (1.1 to 1.5). */
export const DMN_NAMESPACES = [
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
  'http://www.omg.org/spec/DMN/20180521/MODEL/',
  'https://www.omg.org/spec/DMN/20191111/MODEL/',
  'https://www.omg.org/spec/DMN/20211108/MODEL/',
  'https://www.omg.org/spec/DMN/20230324/MODEL/',
];

export interface ItemDefinition {
  name: string;
  typeRef: string | null;
  isCollection: boolean;
  allowedValues: string | null;
  components: ItemDefinition[];
  isFunction: boolean;
  /** A function item's result type (outputTypeRef). */
  functionOutput: string | null;
  line: number;
}

export interface Named {
  id: string;
  name: string;
  typeRef: string | null;
  line: number;
}

export interface Requirements {
  decisions: string[];
  inputs: string[];
  knowledge: string[];
}

export interface DecisionDef extends Named {
  kind: 'decision';
  requires: Requirements;
  expression: XmlElement | null;
}
export interface BkmDef extends Named {
  kind: 'bkm';
  requires: Requirements;
  /** The encapsulatedLogic functionDefinition element. */
  logic: XmlElement | null;
}
export interface ServiceDef extends Named {
  kind: 'service';
  outputDecisions: string[];
  encapsulatedDecisions: string[];
  inputDecisions: string[];
  inputData: string[];
}
export interface InputDef extends Named {
  kind: 'input';
}

/** A DMN `<import>` of another model, whose elements are named `<name>.<element>` here. */
export interface ImportDef {
  namespace: string;
  name: string;
  importType: string;
  locationURI: string | null;
}

export interface DmnModel {
  name: string;
  namespace: string;
  version: string;
  imports: ImportDef[];
  items: Map<string, ItemDefinition>;
  inputs: InputDef[];
  decisions: DecisionDef[];
  bkms: BkmDef[];
  services: ServiceDef[];
  /** Root element, for extension readers such as the STTR loader. */
  root: XmlElement;
}

const VERSION_BY_NS: Record<string, string> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': '1.1',
  'http://www.omg.org/spec/DMN/20180521/MODEL/': '1.2',
  'https://www.omg.org/spec/DMN/20191111/MODEL/': '1.3',
  'https://www.omg.org/spec/DMN/20211108/MODEL/': '1.4',
  'https://www.omg.org/spec/DMN/20230324/MODEL/': '1.5',
};

/** typeRef is an attribute from DMN 1.2, a child element in 1.1. */
function typeRefOf(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const a = el.attrs.typeRef;
  if (a) return a;
  const c = child(el, 'typeRef');
  return c ? c.text.trim() : null;
}

/**
 * A reference: `#id` (or `<own namespace>#id`) → id; an element of an imported model
 * keeps its namespace, `<namespace>#id`. A bare `file.dmn#id` is read as local.
 */
function refOf(el: XmlElement, ownNamespace: string, imported: Set<string>): string {
  const h = el.attrs.href ?? '';
  const i = h.indexOf('#');
  const ns = i > 0 ? h.slice(0, i) : '';
  const id = h.slice(i + 1);
  return ns && ns !== ownNamespace && imported.has(ns) ? `${ns}#${id}` : id;
}

function requirements(el: XmlElement, hrefId: (el: XmlElement) => string): Requirements {
  const r: Requirements = { decisions: [], inputs: [], knowledge: [] };
  for (const ir of childrenNamed(el, 'informationRequirement')) {
    const d = child(ir, 'requiredDecision');
    const i = child(ir, 'requiredInput');
    if (d) r.decisions.push(hrefId(d));
    if (i) r.inputs.push(hrefId(i));
  }
  for (const kr of childrenNamed(el, 'knowledgeRequirement')) {
    const k = child(kr, 'requiredKnowledge');
    if (k) r.knowledge.push(hrefId(k));
  }
  return r;
}

const EXPRESSION_ELEMENTS = new Set([
  'literalExpression', 'decisionTable', 'context', 'relation', 'list', 'invocation', 'functionDefinition',
  'conditional', 'filter', 'for', 'every', 'some',
]);
export const expressionChild = (el: XmlElement): XmlElement | null => el.children.find((c) => EXPRESSION_ELEMENTS.has(c.name)) ?? null;

function itemDefinition(el: XmlElement): ItemDefinition {
  const av = child(el, 'allowedValues');
  return {
    name: el.attrs.name ?? '',
    typeRef: typeRefOf(el),
    isCollection: el.attrs.isCollection === 'true',
    allowedValues: av ? (child(av, 'text')?.text ?? '') : null,
    components: childrenNamed(el, 'itemComponent').map(itemDefinition),
    isFunction: child(el, 'functionItem') !== undefined,
    functionOutput: child(el, 'functionItem')?.attrs.outputTypeRef ?? null,
    line: el.line,
  };
}

function named(el: XmlElement, what: string): Named {
  const name = el.attrs.name;
  if (!name) throw new DmnError('dmn-model-invalid', `<${what}> without a name`, { line: el.line });
  const variable = child(el, 'variable');
  return { id: el.attrs.id ?? name, name, typeRef: typeRefOf(variable), line: el.line };
}

/** Reads a DMN document into a model; throws DmnError naming the element on bad XML or structure. */
export function readDmn(xml: string): DmnModel {
  const root = parseXml(xml);
  if (root.name !== 'definitions') {
    throw new DmnError('dmn-xml-invalid', `root element is <${root.name}>, expected <definitions>`, { element: root.name, line: root.line });
  }
  if (!DMN_NAMESPACES.includes(root.ns)) {
    throw new DmnError('dmn-xml-invalid', `<definitions> has namespace '${root.ns}', not a DMN 1.1-1.5 namespace`, { element: 'definitions', line: root.line });
  }
  const model: DmnModel = {
    name: root.attrs.name ?? '',
    namespace: root.attrs.namespace ?? '',
    version: VERSION_BY_NS[root.ns]!,
    imports: childrenNamed(root, 'import')
      .filter((el) => el.ns === root.ns && DMN_NAMESPACES.includes(el.attrs.importType ?? ''))
      .map((el) => ({ namespace: el.attrs.namespace ?? '', name: el.attrs.name ?? '', importType: el.attrs.importType ?? '', locationURI: el.attrs.locationURI ?? null })),
    items: new Map(),
    inputs: [],
    decisions: [],
    bkms: [],
    services: [],
    root,
  };
  const imported = new Set(model.imports.map((i) => i.namespace));
  const hrefId = (el: XmlElement) => refOf(el, model.namespace, imported);
  for (const el of root.children) {
    if (el.ns !== root.ns) continue;
    switch (el.name) {
      case 'itemDefinition': {
        const it = itemDefinition(el);
        model.items.set(it.name, it);
        break;
      }
      case 'inputData':
        model.inputs.push({ kind: 'input', ...named(el, 'inputData') });
        break;
      case 'decision':
        model.decisions.push({ kind: 'decision', ...named(el, 'decision'), requires: requirements(el, hrefId), expression: expressionChild(el) });
        break;
      case 'businessKnowledgeModel':
        model.bkms.push({ kind: 'bkm', ...named(el, 'businessKnowledgeModel'), requires: requirements(el, hrefId), logic: child(el, 'encapsulatedLogic') ?? null });
        break;
      case 'decisionService':
        model.services.push({
          kind: 'service',
          ...named(el, 'decisionService'),
          outputDecisions: childrenNamed(el, 'outputDecision').map(hrefId),
          encapsulatedDecisions: childrenNamed(el, 'encapsulatedDecision').map(hrefId),
          inputDecisions: childrenNamed(el, 'inputDecision').map(hrefId),
          inputData: childrenNamed(el, 'inputData').map(hrefId),
        });
        break;
    }
  }
  return model;
}
