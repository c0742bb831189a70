import { PUBLICATION_CATEGORIES, type PublicationCategory } from '../algorithms/standard.js';
import { ANNEX_III_QUESTIONS, QUESTIONS, type Answer, type Question, type Text } from './questionnaire.js';

export type Outcome = 'verboden' | 'hoog-risico' | 'impactvol' | 'overig';

export interface Reason {
  questionId: string;
  reference: string;
  text: Text;
}

export interface Assessment {
  outcome: Outcome;
  /** The standard's publication category; absent when the practice is prohibited. */
  publicationCategory?: PublicationCategory;
  /** True while a question that could change the outcome is unanswered or "unknown". */
  provisional: boolean;
  reasons: Reason[];
  /** Duties that follow from the answers, whatever the category (art. 50, art. 6(4)). */
  obligations: Reason[];
  openQuestions: string[];
}

const CATEGORY: Record<Exclude<Outcome, 'verboden'>, PublicationCategory> = {
  'hoog-risico': PUBLICATION_CATEGORIES[0],
  impactvol: PUBLICATION_CATEGORIES[1],
  overig: PUBLICATION_CATEGORIES[2],
};

const byId = new Map<string, Question>(QUESTIONS.map((x) => [x.id, x]));

const reason = (questionId: string, nl: string, en: string): Reason => ({
  questionId,
  reference: byId.get(questionId)?.reference ?? '',
  text: { nl, en },
});

/** Article 5(1) practices without an exception question: "yes" alone prohibits. */
const PLAIN_PROHIBITIONS = ['p-manipulation', 'p-vulnerabilities', 'p-social-scoring', 'p-crime-prediction', 'p-face-scraping', 'p-biometric-categorisation'];

/**
 * Maps answers to a proposed category with reasons. Unanswered counts as "unknown".
 * Unknowns are listed in `openQuestions` and make the result provisional; the proposal
 * is then computed as if the answer were "no", with two conservative exceptions: an
 * unknown `ai-system` is treated as AI (so the AI Act questions apply), and the art. 6(3)
 * derogation only applies when both of its questions are answered in its favour.
 */
export function assess(answers: Readonly<Record<string, Answer>>): Assessment {
  const a = (id: string): Answer => answers[id] ?? 'unknown';
  const open = new Set<string>();
  const note = (id: string) => a(id) === 'unknown' && open.add(id);
  const prohibited: Reason[] = [];
  const highRisk: Reason[] = [];
  const impact: Reason[] = [];
  const obligations: Reason[] = [];
  const context: Reason[] = [];

  note('ai-system');
  const isAi = a('ai-system') !== 'no';
  if (!isAi) {
    context.push(reason('ai-system', 'Geen AI-systeem: de verboden en hoog-risicoregels van de AI-verordening zijn niet van toepassing.', 'Not an AI system: the AI Act’s prohibitions and high-risk rules do not apply.'));
  } else {
    if (a('ai-system') === 'unknown') context.push(reason('ai-system', 'Onbekend of het een AI-systeem is; voor de zekerheid als AI-systeem beoordeeld.', 'Unknown whether it is an AI system; assessed as one to be safe.'));
    for (const id of PLAIN_PROHIBITIONS) {
      note(id);
      if (a(id) === 'yes') prohibited.push(reason(id, `Verboden praktijk (${byId.get(id)!.reference}).`, `Prohibited practice (${byId.get(id)!.reference}).`));
    }
    // Emotion recognition at work or in education: prohibited unless for medical or safety reasons, then high risk.
    note('p-emotion-work-education');
    if (a('p-emotion-work-education') === 'yes') {
      note('p-emotion-exception');
      if (a('p-emotion-exception') === 'yes') highRisk.push(reason('p-emotion-exception', 'Emotieherkenning om medische of veiligheidsredenen: niet verboden, wel hoog risico (bijlage III, 1(c)).', 'Emotion recognition for medical or safety reasons: not prohibited, but high risk (annex III, 1(c)).'));
      else prohibited.push(reason('p-emotion-work-education', 'Emotieherkenning op de werkplek of in het onderwijs is verboden (art. 5(1)(f)).', 'Emotion recognition in the workplace or education is prohibited (art. 5(1)(f)).'));
    }
    // Real-time remote biometric identification for law enforcement: prohibited outside the narrow, authorised exceptions.
    note('p-realtime-rbi');
    if (a('p-realtime-rbi') === 'yes') {
      note('p-rbi-exception');
      if (a('p-rbi-exception') === 'yes') highRisk.push(reason('p-rbi-exception', 'Real-time biometrische identificatie binnen de uitzonderingen van art. 5(2)-(3): hoog risico (bijlage III, 1(a)).', 'Real-time remote biometric identification within the exceptions of art. 5(2)-(3): high risk (annex III, 1(a)).'));
      else prohibited.push(reason('p-realtime-rbi', 'Real-time biometrische identificatie op afstand in openbare ruimten voor rechtshandhaving is verboden (art. 5(1)(h)).', 'Real-time remote biometric identification in public spaces for law enforcement is prohibited (art. 5(1)(h)).'));
    }

    note('h-product-safety');
    if (a('h-product-safety') === 'yes') highRisk.push(reason('h-product-safety', 'Veiligheidscomponent van een product onder bijlage I: hoog risico (art. 6(1)).', 'Safety component of a product under annex I: high risk (art. 6(1)).'));
    const areas = ANNEX_III_QUESTIONS.filter((id) => (note(id), a(id) === 'yes'));
    if (areas.length > 0) {
      note('h-derogation');
      note('h-profiling');
      const derogation = a('h-derogation') === 'yes' && a('h-profiling') === 'no';
      if (derogation) {
        context.push(reason('h-derogation', 'Bijlage III-gebied, maar de uitzondering van art. 6(3) geldt: geen hoog risico.', 'Annex III area, but the art. 6(3) derogation applies: not high risk.'));
        obligations.push(reason('h-derogation', 'Leg de beoordeling vast vóór ingebruikname en registreer het systeem in de EU-databank (art. 6(4), 49(2)).', 'Document the assessment before putting it into service and register the system in the EU database (art. 6(4), 49(2)).'));
      } else {
        for (const id of areas) highRisk.push(reason(id, `Hoog-risicogebied (${byId.get(id)!.reference}).`, `High-risk area (${byId.get(id)!.reference}).`));
        if (a('h-profiling') === 'yes') context.push(reason('h-profiling', 'Het systeem profileert personen: de uitzondering van art. 6(3) kan niet gelden.', 'The system profiles persons: the art. 6(3) derogation cannot apply.'));
      }
    }

    const duties: Array<[string, string, string]> = [
      ['t-interacts', 'Vertel mensen dat zij met een AI-systeem communiceren (art. 50(1)).', 'Tell people they are interacting with an AI system (art. 50(1)).'],
      ['t-generates-content', 'Markeer gegenereerde of gemanipuleerde inhoud als kunstmatig (art. 50(2), 50(4)).', 'Mark generated or manipulated content as artificial (art. 50(2), 50(4)).'],
      ['t-emotion-categorisation', 'Informeer de mensen die eraan worden blootgesteld (art. 50(3)).', 'Inform the people exposed to it (art. 50(3)).'],
    ];
    for (const [id, nl, en] of duties) {
      note(id);
      if (a(id) === 'yes') obligations.push(reason(id, nl, en));
    }
  }

  for (const id of ['i-legal-effects', 'i-significant-effects']) {
    note(id);
    if (a(id) === 'yes') impact.push(reason(id, id === 'i-legal-effects' ? 'Draagt bij aan besluiten met rechtsgevolgen: impactvol (categorie B).' : 'Aanmerkelijke gevolgen voor mensen: impactvol (categorie B).', id === 'i-legal-effects' ? 'Contributes to decisions with legal effects: impactful (category B).' : 'Significant effects on people: impactful (category B).'));
  }

  let outcome: Outcome;
  let reasons: Reason[];
  if (prohibited.length) [outcome, reasons] = ['verboden', prohibited];
  else if (highRisk.length) [outcome, reasons] = ['hoog-risico', highRisk];
  else if (impact.length) [outcome, reasons] = ['impactvol', impact];
  else [outcome, reasons] = ['overig', [reason('i-legal-effects', 'Geen verboden praktijk, geen hoog risico en geen rechtsgevolgen of aanmerkelijke gevolgen: overige algoritmes (categorie C).', 'No prohibited practice, no high risk and no legal or significant effects: other algorithms (category C).')]];

  const result: Assessment = {
    outcome,
    provisional: open.size > 0,
    reasons: [...reasons, ...context],
    obligations,
    openQuestions: QUESTIONS.map((x) => x.id).filter((id) => open.has(id)),
  };
  if (outcome !== 'verboden') result.publicationCategory = CATEGORY[outcome];
  return result;
}
