import { compileDmn, type CompiledModel, type XmlElement } from '../dmn/index.js';
import { compileUnaryTests, type UnaryTester } from '../dmn/feel/compile.js';

/** Namespaces of the Omgevingswet STTR extension elements. */
export const STTR_NS = {
  inter: 'http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Interactieregel',
  uitv: 'http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel',
  content: 'http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Content',
};

export type QuestionType = 'boolean' | 'number' | 'string' | 'date' | 'list';

export interface QuestionOption {
  id: string;
  text: string;
  explanation: string | null;
}

/** An uitvoeringsregel: a question to the applicant (or a fixed value) feeding one input. */
export interface Question {
  id: string;
  /** The DMN inputData it answers. */
  input: string;
  text: string;
  type: QuestionType;
  options: QuestionOption[];
  /** Single or multiple answers for list questions (enkelAntwoord / meerdereAntwoorden). */
  multiple: boolean;
  explanation: string | null;
  /** The longer explanation (langeToelichting), shown on request. */
  longExplanation: string | null;
  group: { id: string; name: string; priority: number } | null;
  priority: number;
  /** Fixed value (vasteWaarde) that is filled in without asking, with its proviso text. */
  fixed: { value: unknown; proviso: string | null } | null;
  /**
   * A location question (geoVerwijzing): does the place lie in the area the rules cover?
   * Answered ja / nee / deels. Its answer decides whether the tree applies at all.
   */
  location: boolean;
  /** For a location question: the IMOW area id the location is tested against, when the file names one. */
  geo: string | null;
}

export interface RuleInfo {
  decision: string;
  index: number;
  id: string | null;
  outputs: string[];
  explanation: string | null;
  annotations: string[];
}

export interface TableInfo {
  decision: string;
  /** Per column: the name its input expression reads (an input or a decision). */
  columns: string[];
  /** Per rule: its input cells as written, compiled, and which are wildcards ('-' or empty). */
  rules: { cells: string[]; tests: UnaryTester[]; wildcard: boolean[]; info: RuleInfo }[];
  priority: string[] | null;
}

/** A measure (maatregel) a conclusion can name by its id, e.g. "m0106": what to do, why, how often. */
export interface Measure {
  id: string;
  text: string;
  explanation: string | null;
  frequency: string | null;
  theme: string | null;
}

export interface SttrModel {
  name: string;
  dmn: CompiledModel;
  questions: Question[];
  tables: Map<string, TableInfo>;
  /** Decision names each decision requires directly. */
  requires: Map<string, string[]>;
  /** The top (conclusion) decisions: not required by any other decision. */
  topDecisions: string[];
  ruleById: Map<string, RuleInfo>;
  /** Measures (content:maatregel) by id. */
  measures: Map<string, Measure>;
}

const kid = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
const kids = (el: XmlElement | undefined, name: string): XmlElement[] => el?.children.filter((c) => c.name === name) ?? [];
const deep = (el: XmlElement, name: string): XmlElement[] => [
  ...(el.name === name ? [el] : []),
  ...el.children.flatMap((c) => deep(c, name)),
];
const textOf = (el: XmlElement | undefined): string => (el?.text ?? '').trim();
const explanationOf = (el: XmlElement | undefined): string | null => {
  const t = el ? deep(el, 'toelichting')[0] : undefined;
  return t ? textOf(t) : null;
};
const longExplanationOf = (el: XmlElement | undefined): string | null => {
  const t = el ? deep(el, 'langeToelichting')[0] : undefined;
  return t ? textOf(t) || null : null;
};
const hrefId = (el: XmlElement | undefined): string => (el?.attrs.href ?? '').replace(/^#/, '');

function typed(raw: string, type: string): unknown {
  if (type === 'boolean') return raw === 'true';
  if (type === 'number') return Number(raw);
  return raw;
}

/** Loads an STTR file: the DMN plus its questions, groups and conclusion texts. */
export function loadSttr(xml: string): SttrModel {
  // STTR tables COLLECT conclusions into a list under a `string` typeRef, so strict DMN coercion would null them.
  const dmn = compileDmn(xml, { typeCheck: false });
  const root = dmn.model.root;
  const ext = kid(root, 'extensionElements');
  const groups = new Map<string, { id: string; name: string; priority: number }>();
  for (const g of deep(ext ?? root, 'regelgroep')) {
    groups.set(g.attrs.id ?? '', { id: g.attrs.id ?? '', name: textOf(kid(g, 'naam')), priority: Number(textOf(kid(g, 'prioriteit')) || 0) });
  }
  const regels = new Map<string, XmlElement>();
  for (const r of deep(ext ?? root, 'uitvoeringsregel')) regels.set(r.attrs.id ?? '', r);

  const questions: Question[] = [];
  for (const input of kids(root, 'inputData')) {
    const ref = deep(input, 'uitvoeringsregelRef')[0];
    const regel = ref ? regels.get(hrefId(ref)) : undefined;
    if (!regel) continue;
    const vraag = kid(regel, 'vraag');
    const geo = kid(regel, 'geoVerwijzing');
    const fixedEl = kid(regel, 'vasteWaarde') ?? kid(kid(regel, 'vasteWaardeVoorbehoud'), 'vasteWaarde');
    const proviso = textOf(kid(kid(regel, 'vasteWaardeVoorbehoud'), 'tekstVoorbehoud')) || null;
    // A geo reference asks whether the location lies in an area: answered ja / nee / deels (partly).
    const type = (geo ? 'list' : textOf(kid(vraag ?? fixedEl, 'gegevensType')) || 'boolean') as QuestionType;
    const opties = kid(vraag, 'opties');
    const geoOptions = ['ja', 'nee', 'deels'].map((t, i) => ({ id: String(i + 1), text: t, explanation: null }));
    const group = groups.get(hrefId(kid(regel, 'regelgroepRef'))) ?? null;
    questions.push({
      location: geo !== undefined,
      geo: geo ? (kid(geo, 'locatie')?.attrs.identificatie ?? null) : null,
      id: regel.attrs.id ?? '',
      input: input.attrs.name ?? '',
      text: textOf(kid(vraag, 'vraagTekst')) || textOf(kid(geo, 'vraagTekst')) || textOf(kid(fixedEl, 'waardeVraag')),
      type,
      options: geo ? geoOptions : kids(opties, 'optie').map((o) => ({
        id: textOf(kid(o, 'sequenceId')),
        text: textOf(kid(o, 'optieText')),
        explanation: explanationOf(kid(o, 'uitvoeringsregelToelichting')),
      })),
      multiple: textOf(kid(opties, 'optieType')) === 'meerdereAntwoorden',
      explanation: explanationOf(kid(regel, 'uitvoeringsregelToelichting')),
      longExplanation: longExplanationOf(kid(regel, 'uitvoeringsregelToelichting')),
      group,
      // Location comes first: a UI usually answers it from the map before any question.
      priority: geo ? 0 : Number(textOf(kid(regel, 'prioriteit')) || Number.MAX_SAFE_INTEGER),
      fixed: fixedEl ? { value: typed(textOf(kid(fixedEl, 'waarde')), type), proviso } : null,
    });
  }
  questions.sort((a, b) => (a.location ? -1 : 0) - (b.location ? -1 : 0) || (a.group?.priority ?? 1e9) - (b.group?.priority ?? 1e9) || a.priority - b.priority);

  const tables = new Map<string, TableInfo>();
  const ruleById = new Map<string, RuleInfo>();
  const requires = new Map<string, string[]>();
  const idToName = new Map<string, string>();
  for (const el of [...kids(root, 'decision'), ...kids(root, 'inputData')]) idToName.set(el.attrs.id ?? '', el.attrs.name ?? '');
  for (const d of kids(root, 'decision')) {
    const name = d.attrs.name ?? '';
    requires.set(name, deep(d, 'requiredDecision').map((r) => idToName.get(hrefId(r)) ?? ''));
    const table = kid(d, 'decisionTable');
    if (!table) continue;
    const columns = kids(table, 'input').map((i) => textOf(kid(kid(i, 'inputExpression'), 'text')).replace(/\s+/g, ' '));
    const ov = kid(kid(table, 'output'), 'outputValues');
    const rules = kids(table, 'rule').map((r, i) => {
      const info: RuleInfo = {
        decision: name,
        index: i + 1,
        id: r.attrs.id ?? null,
        outputs: kids(r, 'outputEntry').map((o) => textOf(kid(o, 'text'))),
        explanation: explanationOf(deep(r, 'conclusieToelichting')[0]),
        annotations: kids(r, 'annotationEntry').map((a) => textOf(kid(a, 'text'))),
      };
      if (info.id) ruleById.set(info.id, info);
      const cells = kids(r, 'inputEntry').map((e) => textOf(kid(e, 'text')));
      return { cells, tests: cells.map((t) => compileUnaryTests(t)), wildcard: cells.map((t) => t === '' || t === '-'), info };
    });
    tables.set(name, {
      decision: name,
      columns,
      rules,
      priority: ov ? textOf(kid(ov, 'text')).split(',').map((s) => s.trim().replace(/^"|"$/g, '')) : null,
    });
  }
  const measures = new Map<string, Measure>();
  for (const m of deep(ext ?? root, 'maatregel')) {
    const id = m.attrs.id || textOf(kid(m, 'nummer'));
    if (!id) continue;
    const opt = (name: string) => textOf(kid(m, name)) || null;
    measures.set(id, { id, text: textOf(kid(m, 'maatregeltekst')), explanation: opt('toelichting'), frequency: opt('frequentie'), theme: opt('thema') });
  }
  const required = new Set([...requires.values()].flat());
  const topDecisions = [...requires.keys()].filter((d) => !required.has(d));
  return { name: dmn.name, dmn, questions, tables, requires, topDecisions, ruleById, measures };
}
