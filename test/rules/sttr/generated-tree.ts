/**
 * Small STTR trees written for property tests: one conclusion table (COLLECT) over one
 * or two location questions (geoVerwijzing) and some yes/no questions, each rule
 * concluding any STTR outcome. Built as text, the way exporters write the files.
 */
export const OUTCOMES = ['Vergunningplicht', 'Toestemmingsvrij', 'Verbod', 'Meldingsplicht', 'Informatieplicht', 'NeemContactOpMet', 'NietVanToepassing'] as const;

export interface TreeSpec {
  locations: number;
  booleans: number;
  /** Per rule: a cell per column (locations first) and the outcome. */
  rules: Array<{ cells: string[]; outcome: (typeof OUTCOMES)[number] }>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function treeXml(spec: TreeSpec): string {
  const inputs = [
    ...Array.from({ length: spec.locations }, (_, i) => ({ id: `loc${i}`, name: `Locatie ${i}`, regel: `<uitv:geoVerwijzing><uitv:locatie identificatie="nl.imow-gm0${100 + i}.gebied.${i}"/><uitv:vraagTekst>Ligt de plek in gebied ${i}?</uitv:vraagTekst></uitv:geoVerwijzing>` })),
    ...Array.from({ length: spec.booleans }, (_, i) => ({ id: `b${i}`, name: `Vraag ${i}`, regel: `<uitv:vraag><uitv:gegevensType>boolean</uitv:gegevensType><uitv:vraagTekst>Vraag ${i}?</uitv:vraagTekst></uitv:vraag>` })),
  ];
  const regels = inputs.map((x, i) => `<uitv:uitvoeringsregel id="U${x.id}"><inter:prioriteit>${i + 1}</inter:prioriteit>${x.regel}</uitv:uitvoeringsregel>`).join('\n');
  const inputData = inputs
    .map((x) => `<dmn:inputData id="I${x.id}" name="${esc(x.name)}"><dmn:extensionElements><uitv:uitvoeringsregelRef href="#U${x.id}"/></dmn:extensionElements><dmn:variable name="${esc(x.name)}"/></dmn:inputData>`)
    .join('\n');
  const columns = inputs.map((x) => `<dmn:input><dmn:inputExpression><dmn:text>${esc(x.name)}</dmn:text></dmn:inputExpression></dmn:input>`).join('');
  const rules = spec.rules
    .map((r, i) => `<dmn:rule id="r${i}">${r.cells.map((c) => `<dmn:inputEntry><dmn:text>${esc(c)}</dmn:text></dmn:inputEntry>`).join('')}<dmn:outputEntry><dmn:text>"${r.outcome}"</dmn:text></dmn:outputEntry></dmn:rule>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<dmn:definitions xmlns:dmn="http://www.omg.org/spec/DMN/20180521/MODEL/" xmlns:inter="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Interactieregel" xmlns:uitv="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel" xmlns:content="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Content" namespace="urn:test" id="gen" name="Gegenereerde boom">
<dmn:extensionElements><uitv:uitvoeringsregels>${regels}</uitv:uitvoeringsregels></dmn:extensionElements>
${inputData}
<dmn:decision id="top" name="Conclusie">
${inputs.map((x) => `<dmn:informationRequirement><dmn:requiredInput href="#I${x.id}"/></dmn:informationRequirement>`).join('')}
<dmn:decisionTable hitPolicy="COLLECT">${columns}<dmn:output><dmn:outputValues><dmn:text>${OUTCOMES.map((o) => `"${o}"`).join(',')}</dmn:text></dmn:outputValues></dmn:output>
${rules}
</dmn:decisionTable>
</dmn:decision>
</dmn:definitions>`;
}

/**
 * A tree the engine cannot evaluate whatever the answers: its conclusion invokes a name
 * that is no function (an error the engine reports, with or without BKM support). Stands
 * for any engine gap without relying on which constructs the engine lacks today.
 */
export function unevaluableTreeXml(): string {
  const xml = treeXml({ locations: 0, booleans: 1, rules: [{ cells: ['-'], outcome: 'Vergunningplicht' }] });
  return xml.replace(/<dmn:decisionTable[\s\S]*<\/dmn:decisionTable>/, '<dmn:invocation><dmn:literalExpression><dmn:text>Vraag 0</dmn:text></dmn:literalExpression></dmn:invocation>');
}
