/**
 * The EU AI Act helper as data: questions (Dutch and English), their answer options and
 * the group each belongs to. `assess.ts` holds the rule that maps answers to a result;
 * the web app renders this list as-is. Article numbers refer to Regulation (EU) 2024/1689.
 */
export type Answer = 'yes' | 'no' | 'unknown';
export const ANSWERS = ['yes', 'no', 'unknown'] as const satisfies readonly Answer[];

export type QuestionGroup = 'scope' | 'prohibited' | 'high-risk' | 'transparency' | 'impact';

export interface Text {
  nl: string;
  en: string;
}

export interface Question {
  id: string;
  group: QuestionGroup;
  /** The article or annex point the question stems from. */
  reference: string;
  text: Text;
  help?: Text;
  options: ReadonlyArray<{ value: Answer; label: Text }>;
  /** Only asked when another question has this answer (exceptions, derogations). */
  askIf?: { questionId: string; answer: Answer };
}

const OPTIONS: Question['options'] = [
  { value: 'yes', label: { nl: 'Ja', en: 'Yes' } },
  { value: 'no', label: { nl: 'Nee', en: 'No' } },
  { value: 'unknown', label: { nl: 'Weet ik niet', en: "Don't know" } },
];

const q = (id: string, group: QuestionGroup, reference: string, nl: string, en: string, extra: Partial<Question> = {}): Question => ({
  id,
  group,
  reference,
  text: { nl, en },
  options: OPTIONS,
  ...extra,
});

export const QUESTIONS: readonly Question[] = [
  q('ai-system', 'scope', 'art. 3(1)',
    'Is het een AI-systeem: een machinegebaseerd systeem dat met enige autonomie uit de invoer afleidt hoe het voorspellingen, inhoud, aanbevelingen of besluiten maakt (bijvoorbeeld machine learning), en niet alleen vaste, door mensen geschreven regels uitvoert?',
    'Is it an AI system: a machine-based system that, with some autonomy, infers from its input how to generate predictions, content, recommendations or decisions (for example machine learning), rather than only executing fixed rules written by people?'),

  // Article 5(1): prohibited practices.
  q('p-manipulation', 'prohibited', 'art. 5(1)(a)',
    'Gebruikt het systeem subliminale, manipulatieve of misleidende technieken die het gedrag van mensen wezenlijk verstoren en daardoor aanzienlijke schade (kunnen) veroorzaken?',
    'Does the system use subliminal, manipulative or deceptive techniques that materially distort people’s behaviour, causing or likely to cause significant harm?'),
  q('p-vulnerabilities', 'prohibited', 'art. 5(1)(b)',
    'Maakt het systeem misbruik van kwetsbaarheden van mensen door hun leeftijd, handicap of sociale of economische situatie, met aanzienlijke schade als (mogelijk) gevolg?',
    'Does the system exploit vulnerabilities of people due to their age, disability or social or economic situation, causing or likely to cause significant harm?'),
  q('p-social-scoring', 'prohibited', 'art. 5(1)(c)',
    'Beoordeelt of classificeert het systeem mensen over een periode op hun sociale gedrag of persoonlijkheid (social scoring), met nadelige behandeling in een ander verband of buiten verhouding tot dat gedrag?',
    'Does the system evaluate or classify people over time by their social behaviour or personality (social scoring), leading to detrimental treatment in unrelated contexts or out of proportion to that behaviour?'),
  q('p-crime-prediction', 'prohibited', 'art. 5(1)(d)',
    'Voorspelt het systeem of iemand een strafbaar feit zal plegen, uitsluitend op basis van profilering of persoonlijkheidskenmerken?',
    'Does the system predict whether a person will commit a criminal offence based solely on profiling or personality traits?'),
  q('p-face-scraping', 'prohibited', 'art. 5(1)(e)',
    'Legt het systeem databanken voor gezichtsherkenning aan of breidt het die uit door ongericht gezichtsafbeeldingen van internet of camerabeelden te schrapen?',
    'Does the system create or expand facial recognition databases through untargeted scraping of facial images from the internet or CCTV footage?'),
  q('p-emotion-work-education', 'prohibited', 'art. 5(1)(f)',
    'Herkent het systeem emoties van mensen op de werkplek of in het onderwijs?',
    'Does the system infer emotions of people in the workplace or in education institutions?'),
  q('p-emotion-exception', 'prohibited', 'art. 5(1)(f)',
    'Is die emotieherkenning uitsluitend bedoeld om medische redenen of om veiligheidsredenen?',
    'Is that emotion recognition intended solely for medical or safety reasons?',
    { askIf: { questionId: 'p-emotion-work-education', answer: 'yes' } }),
  q('p-biometric-categorisation', 'prohibited', 'art. 5(1)(g)',
    'Deelt het systeem mensen op basis van biometrische gegevens in om hun ras, politieke opvattingen, vakbondslidmaatschap, religie of levensovertuiging, seksleven of seksuele geaardheid af te leiden?',
    'Does the system categorise people on the basis of biometric data to deduce their race, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation?'),
  q('p-realtime-rbi', 'prohibited', 'art. 5(1)(h)',
    'Wordt het systeem gebruikt voor biometrische identificatie op afstand in real time in openbare ruimten, met het oog op rechtshandhaving?',
    'Is the system used for real-time remote biometric identification in publicly accessible spaces for the purpose of law enforcement?'),
  q('p-rbi-exception', 'prohibited', 'art. 5(1)(h), 5(2)-(3)',
    'Is dat gebruik strikt noodzakelijk voor het gericht zoeken naar slachtoffers, het voorkomen van een concrete, acute dreiging of terroristische aanslag, of het lokaliseren van verdachten van ernstige misdrijven, en vooraf toegestaan door een rechter of onafhankelijke autoriteit?',
    'Is that use strictly necessary for the targeted search for victims, the prevention of a specific, imminent threat or terrorist attack, or the localisation of suspects of serious crimes, with prior authorisation by a judicial or independent authority?',
    { askIf: { questionId: 'p-realtime-rbi', answer: 'yes' } }),

  // Article 6 and Annexes I and III: high risk.
  q('h-product-safety', 'high-risk', 'art. 6(1), annex I',
    'Is het systeem (een veiligheidscomponent van) een product onder EU-productwetgeving uit bijlage I (zoals machines, liften, speelgoed, medische hulpmiddelen, voertuigen) waarvoor een conformiteitsbeoordeling door een derde nodig is?',
    'Is the system (a safety component of) a product covered by the EU harmonisation legislation of Annex I (such as machinery, lifts, toys, medical devices, vehicles) that requires a third-party conformity assessment?'),
  q('h-biometrics', 'high-risk', 'annex III, 1',
    'Gaat het om biometrie: biometrische identificatie op afstand, biometrische categorisering naar gevoelige kenmerken, of emotieherkenning (waar dat niet verboden is)?',
    'Is it about biometrics: remote biometric identification, biometric categorisation by sensitive attributes, or emotion recognition (where not prohibited)?'),
  q('h-critical-infrastructure', 'high-risk', 'annex III, 2',
    'Is het systeem een veiligheidscomponent bij het beheer of de exploitatie van kritieke digitale infrastructuur, wegverkeer, of de levering van water, gas, verwarming of elektriciteit?',
    'Is the system a safety component in the management or operation of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity?'),
  q('h-education', 'high-risk', 'annex III, 3',
    'Bepaalt het systeem de toegang tot of toelating tot onderwijs, beoordeelt het leerresultaten of het passende onderwijsniveau, of houdt het toezicht op ongeoorloofd gedrag tijdens toetsen?',
    'Does the system determine access or admission to education, evaluate learning outcomes or the appropriate level of education, or monitor prohibited behaviour during tests?'),
  q('h-employment', 'high-risk', 'annex III, 4',
    'Wordt het systeem gebruikt bij werving en selectie, of bij besluiten over arbeidsvoorwaarden, promotie, ontslag, taakverdeling of het beoordelen van prestaties van werknemers?',
    'Is the system used in recruitment or selection, or in decisions on terms of work, promotion, termination, task allocation or monitoring the performance of workers?'),
  q('h-essential-services', 'high-risk', 'annex III, 5',
    'Beoordeelt het systeem of iemand recht heeft op essentiële publieke diensten en uitkeringen (toekennen, verlagen, intrekken of terugvorderen), iemands kredietwaardigheid of verzekeringsrisico, of de urgentie van noodoproepen?',
    'Does the system assess eligibility for essential public assistance benefits and services (granting, reducing, revoking or reclaiming them), creditworthiness or insurance risk, or the urgency of emergency calls?'),
  q('h-law-enforcement', 'high-risk', 'annex III, 6',
    'Wordt het systeem door of namens politie en justitie gebruikt, bijvoorbeeld om het risico op slachtofferschap of recidive te beoordelen, de betrouwbaarheid van bewijs te wegen of personen te profileren bij opsporing?',
    'Is the system used by or on behalf of law enforcement, for example to assess the risk of victimisation or reoffending, weigh the reliability of evidence, or profile persons in the detection or investigation of crime?'),
  q('h-migration', 'high-risk', 'annex III, 7',
    'Wordt het systeem gebruikt bij migratie, asiel of grenscontrole: risicobeoordeling van personen, behandeling van asiel-, visum- of verblijfsaanvragen, of het opsporen en herkennen van personen?',
    'Is the system used in migration, asylum or border control: assessing risks posed by persons, examining asylum, visa or residence applications, or detecting and recognising persons?'),
  q('h-justice-democracy', 'high-risk', 'annex III, 8',
    'Ondersteunt het systeem een rechter bij het uitzoeken en uitleggen van feiten en recht, of is het bedoeld om de uitslag van verkiezingen of referenda of het stemgedrag te beïnvloeden?',
    'Does the system assist a judicial authority in researching and interpreting facts and the law, or is it intended to influence the outcome of an election or referendum or voting behaviour?'),
  q('h-derogation', 'high-risk', 'art. 6(3)',
    'Voert het systeem alleen een beperkte procedurele taak uit, verbetert het alleen het resultaat van eerder afgerond menselijk werk, signaleert het alleen patronen zonder de menselijke beoordeling te vervangen, of doet het alleen voorbereidend werk, zonder aanzienlijk risico voor gezondheid, veiligheid of grondrechten?',
    'Does the system only perform a narrow procedural task, only improve the result of previously completed human work, only detect decision-making patterns without replacing human assessment, or only perform a preparatory task, without significant risk to health, safety or fundamental rights?',
    { askIf: { questionId: 'annex-iii', answer: 'yes' } }),
  q('h-profiling', 'high-risk', 'art. 6(3), last subparagraph',
    'Profileert het systeem natuurlijke personen (geautomatiseerde beoordeling van persoonlijke aspecten zoals werk, economische situatie, gezondheid, gedrag of verblijfplaats)?',
    'Does the system profile natural persons (automated evaluation of personal aspects such as work, economic situation, health, behaviour or location)?',
    { askIf: { questionId: 'annex-iii', answer: 'yes' } }),

  // Article 50: transparency obligations.
  q('t-interacts', 'transparency', 'art. 50(1)',
    'Communiceert het systeem rechtstreeks met mensen (bijvoorbeeld een chatbot of spraakassistent)?',
    'Does the system interact directly with people (for example a chatbot or voice assistant)?'),
  q('t-generates-content', 'transparency', 'art. 50(2), 50(4)',
    'Maakt het systeem synthetische tekst, beelden, audio of video (waaronder deepfakes)?',
    'Does the system generate synthetic text, images, audio or video (including deepfakes)?'),
  q('t-emotion-categorisation', 'transparency', 'art. 50(3)',
    'Herkent het systeem emoties of deelt het mensen in op basis van biometrische gegevens (voor zover toegestaan)?',
    'Does the system recognise emotions or categorise people on the basis of biometric data (where allowed)?'),

  // The Dutch register's own test for category B (Handreiking Algoritmeregister).
  q('i-legal-effects', 'impact', 'Handreiking Algoritmeregister, categorie B',
    'Draagt de uitkomst van het algoritme bij aan besluiten met rechtsgevolgen voor burgers of bedrijven (zoals een beschikking, boete, uitkering of vergunning)?',
    'Does the algorithm’s output contribute to decisions with legal effects for residents or businesses (such as an administrative decision, fine, benefit or permit)?'),
  q('i-significant-effects', 'impact', 'Handreiking Algoritmeregister, categorie B',
    'Heeft het algoritme anderszins aanmerkelijke gevolgen voor mensen, bijvoorbeeld doordat het hen selecteert voor controle, indeelt in een risicoprofiel of hun zaak voorrang geeft of juist niet?',
    'Does the algorithm otherwise significantly affect people, for example by selecting them for checks, placing them in a risk profile, or prioritising their case or not?'),
];

export const QUESTION_IDS = new Set(QUESTIONS.map((x) => x.id));

/** The Annex III area questions; `annex-iii` in `askIf` means "any of these answered yes". */
export const ANNEX_III_QUESTIONS = [
  'h-biometrics',
  'h-critical-infrastructure',
  'h-education',
  'h-employment',
  'h-essential-services',
  'h-law-enforcement',
  'h-migration',
  'h-justice-democracy',
] as const;
