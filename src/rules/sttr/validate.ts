import { createHash } from 'node:crypto';
import { DmnError, parseXml, type XmlElement } from '../dmn/index.js';
import { next, start } from './conversation.js';
import { loadSttr, STTR_NS, type SttrModel } from './model.js';

/** Why a file is not taken as an STTR rule file; one code per kind of refusal. */
export type SttrRefusal = 'too-large' | 'not-xml' | 'dtd' | 'too-deep' | 'not-dmn' | 'not-sttr' | 'dmn-invalid' | 'no-conclusion' | 'evaluation-failed';

export class SttrFileError extends Error {
  constructor(
    readonly reason: SttrRefusal,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(line !== undefined ? `${detail} (line ${line})` : detail);
    this.name = 'SttrFileError';
  }
}

/** 64 times the largest shipped file: room for any real tree, not for a denial of service. */
export const MAX_STTR_BYTES = 4 * 1024 * 1024;
/** Real files nest about 12 deep; the readers walk elements recursively, so depth is bounded. */
export const MAX_STTR_DEPTH = 100;

export interface ReadSttr {
  model: SttrModel;
  sha256: string;
  bytes: number;
}

function depthOf(root: XmlElement): number {
  let max = 0;
  const stack: Array<[XmlElement, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_STTR_DEPTH) break;
    for (const c of el.children) stack.push([c, d + 1]);
  }
  return max;
}

const anyIn = (root: XmlElement, ns: string, name: string): boolean => {
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.ns === ns && el.name === name) return true;
    stack.push(...el.children);
  }
  return false;
};

/**
 * Reads a file offered for import as an STTR rule file, or says in words why not: too
 * large, not XML, a DTD (entity bombs and external entities live there; STTR needs none),
 * nested beyond reason, not DMN, DMN without the STTR elements (uitvoeringsregels), a
 * model that does not compile, no conclusion decision, or rules the engine cannot evaluate.
 */
export function readSttrFile(xml: string, maxBytes = MAX_STTR_BYTES): ReadSttr {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) throw new SttrFileError('too-large', `the file is ${bytes} bytes; at most ${maxBytes} are accepted`);
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype) throw new SttrFileError('dtd', 'the file has a DTD (<!DOCTYPE>): STTR files need none, and DTDs can declare entity bombs or external entities, so they are refused', xml.slice(0, doctype.index).split('\n').length);
  if (/<!ENTITY/i.test(xml)) throw new SttrFileError('dtd', 'the file declares XML entities (<!ENTITY>), which are refused');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof DmnError) throw new SttrFileError('not-xml', `the file is not well-formed XML: ${e.detail}`, e.line);
    throw e;
  }
  if (depthOf(root) > MAX_STTR_DEPTH) throw new SttrFileError('too-deep', `elements are nested more than ${MAX_STTR_DEPTH} deep`);
  if (root.name !== 'definitions') throw new SttrFileError('not-dmn', `the root element is <${root.name}>, not a DMN <definitions>`, root.line);
  if (!anyIn(root, STTR_NS.uitv, 'uitvoeringsregel')) {
    throw new SttrFileError('not-sttr', `the file is DMN but has no STTR uitvoeringsregels (namespace ${STTR_NS.uitv}): the permit check needs its questions`);
  }
  let model: SttrModel;
  try {
    model = loadSttr(xml);
  } catch (e) {
    if (e instanceof DmnError) throw new SttrFileError(e.code === 'dmn-xml-invalid' ? 'not-dmn' : 'dmn-invalid', `the DMN model is not valid: ${e.detail}${e.element ? ` (in '${e.element}')` : ''}`, e.line);
    throw e;
  }
  if (model.topDecisions.length === 0) throw new SttrFileError('no-conclusion', 'the model has no conclusion decision (a decision no other decision requires)');
  if (model.questions.length === 0) throw new SttrFileError('not-sttr', 'no inputData refers to an uitvoeringsregel: the check would have no questions');
  // The first step evaluates what needs no answers: an engine gap (e.g. an unsupported construct) shows here.
  const first = next(model, start(model));
  if (first.kind === 'failed') {
    throw new SttrFileError('evaluation-failed', `the rules cannot be evaluated: ${first.errors.map((e) => `${e.element}: ${e.text}`).join('; ')}`);
  }
  return { model, sha256: createHash('sha256').update(xml).digest('hex'), bytes };
}

/** An activity id from a model name: "Conclusie Bouwen Dakkapel" as "ConclusieBouwenDakkapel", like the shipped file names. */
export function activityIdOf(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 100);
  return id || 'Activiteit';
}
