import { describe, expect, it } from 'vitest';
import { assess, type Outcome } from '../../src/registers/ai-act/assess.js';
import { ANNEX_III_QUESTIONS, QUESTIONS, type Answer } from '../../src/registers/ai-act/questionnaire.js';

/** Every question answered "no": the baseline each case changes. */
const allNo = Object.fromEntries(QUESTIONS.map((q) => [q.id, 'no'])) as Record<string, Answer>;
const ai = { ...allNo, 'ai-system': 'yes' as Answer };

const CASES: Array<{ name: string; answers: Record<string, Answer>; outcome: Outcome; category?: string; reason?: string; provisional?: boolean; obligations?: string[] }> = [
  { name: 'nothing applies: category C', answers: ai, outcome: 'overig', category: 'Overige algoritmes (Categorie C)' },
  { name: 'legal effects: category B', answers: { ...ai, 'i-legal-effects': 'yes' }, outcome: 'impactvol', category: 'Impactvolle algoritmes (Categorie B)', reason: 'i-legal-effects' },
  { name: 'significant effects: category B', answers: { ...ai, 'i-significant-effects': 'yes' }, outcome: 'impactvol', reason: 'i-significant-effects' },
  { name: 'social scoring is prohibited', answers: { ...ai, 'p-social-scoring': 'yes' }, outcome: 'verboden', reason: 'p-social-scoring' },
  { name: 'exploiting vulnerabilities is prohibited', answers: { ...ai, 'p-vulnerabilities': 'yes' }, outcome: 'verboden', reason: 'p-vulnerabilities' },
  { name: 'untargeted facial scraping is prohibited', answers: { ...ai, 'p-face-scraping': 'yes' }, outcome: 'verboden', reason: 'p-face-scraping' },
  { name: 'crime prediction by profiling alone is prohibited', answers: { ...ai, 'p-crime-prediction': 'yes' }, outcome: 'verboden' },
  { name: 'manipulation is prohibited', answers: { ...ai, 'p-manipulation': 'yes' }, outcome: 'verboden' },
  { name: 'biometric categorisation by sensitive traits is prohibited', answers: { ...ai, 'p-biometric-categorisation': 'yes' }, outcome: 'verboden' },
  { name: 'emotion recognition at work is prohibited', answers: { ...ai, 'p-emotion-work-education': 'yes', 'p-emotion-exception': 'no' }, outcome: 'verboden', reason: 'p-emotion-work-education' },
  { name: 'emotion recognition for safety reasons is high risk instead', answers: { ...ai, 'p-emotion-work-education': 'yes', 'p-emotion-exception': 'yes' }, outcome: 'hoog-risico', reason: 'p-emotion-exception' },
  { name: 'real-time RBI for law enforcement is prohibited', answers: { ...ai, 'p-realtime-rbi': 'yes', 'p-rbi-exception': 'no' }, outcome: 'verboden', reason: 'p-realtime-rbi' },
  { name: 'real-time RBI within the authorised exceptions is high risk', answers: { ...ai, 'p-realtime-rbi': 'yes', 'p-rbi-exception': 'yes' }, outcome: 'hoog-risico', reason: 'p-rbi-exception' },
  { name: 'prohibition outranks high risk and impact', answers: { ...ai, 'p-social-scoring': 'yes', 'h-essential-services': 'yes', 'i-legal-effects': 'yes' }, outcome: 'verboden' },
  ...ANNEX_III_QUESTIONS.map((id) => ({ name: `annex III area ${id} is high risk`, answers: { ...ai, [id]: 'yes' as Answer }, outcome: 'hoog-risico' as Outcome, category: 'Hoog-risico AI-systeem (Categorie A)', reason: id })),
  { name: 'annex I product safety component is high risk', answers: { ...ai, 'h-product-safety': 'yes' }, outcome: 'hoog-risico', reason: 'h-product-safety' },
  { name: 'art. 6(3) derogation: annex III but narrow task without profiling', answers: { ...ai, 'h-critical-infrastructure': 'yes', 'h-derogation': 'yes', 'h-profiling': 'no' }, outcome: 'overig', obligations: ['h-derogation'] },
  { name: 'derogation with legal effects falls to category B', answers: { ...ai, 'h-employment': 'yes', 'h-derogation': 'yes', 'h-profiling': 'no', 'i-legal-effects': 'yes' }, outcome: 'impactvol', obligations: ['h-derogation'] },
  { name: 'profiling defeats the derogation', answers: { ...ai, 'h-employment': 'yes', 'h-derogation': 'yes', 'h-profiling': 'yes' }, outcome: 'hoog-risico', reason: 'h-employment' },
  { name: 'an unknown derogation does not apply', answers: { ...ai, 'h-education': 'yes', 'h-derogation': 'unknown', 'h-profiling': 'no' }, outcome: 'hoog-risico', provisional: true },
  { name: 'not an AI system: AI Act checks do not apply', answers: { ...allNo, 'p-social-scoring': 'yes', 'h-essential-services': 'yes' }, outcome: 'overig' },
  { name: 'not an AI system with legal effects: category B', answers: { ...allNo, 'i-legal-effects': 'yes' }, outcome: 'impactvol' },
  { name: 'unknown AI status is assessed as AI', answers: { ...allNo, 'ai-system': 'unknown', 'h-migration': 'yes' }, outcome: 'hoog-risico', provisional: true },
  { name: 'a chatbot must say so, whatever its category', answers: { ...ai, 't-interacts': 'yes' }, outcome: 'overig', obligations: ['t-interacts'] },
  { name: 'generated content and emotion recognition carry transparency duties', answers: { ...ai, 't-generates-content': 'yes', 't-emotion-categorisation': 'yes', 'i-significant-effects': 'yes' }, outcome: 'impactvol', obligations: ['t-generates-content', 't-emotion-categorisation'] },
];

describe('AI Act assessment', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = assess(c.answers);
      expect(r.outcome).toBe(c.outcome);
      if (c.category) expect(r.publicationCategory).toBe(c.category);
      if (c.outcome === 'verboden') expect(r.publicationCategory).toBeUndefined();
      if (c.reason) expect(r.reasons.map((x) => x.questionId)).toContain(c.reason);
      expect(r.provisional).toBe(c.provisional ?? false);
      expect(r.obligations.map((o) => o.questionId)).toEqual(c.obligations ?? []);
      for (const reason of [...r.reasons, ...r.obligations]) expect(reason.text.nl && reason.text.en).toBeTruthy();
    });
  }

  it('treats unanswered questions as open and the result as provisional', () => {
    const r = assess({ 'ai-system': 'yes' });
    expect(r.provisional).toBe(true);
    expect(r.openQuestions).toContain('p-social-scoring');
    expect(r.openQuestions).toContain('i-legal-effects');
    expect(r.openQuestions).not.toContain('ai-system');
    // Exception questions are only open when their parent question was answered yes.
    expect(r.openQuestions).not.toContain('p-emotion-exception');
  });

  it('has every question in Dutch and English with yes/no/unknown options and a unique id', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    for (const q of QUESTIONS) {
      expect(q.text.nl.length).toBeGreaterThan(10);
      expect(q.text.en.length).toBeGreaterThan(10);
      expect(q.options.map((o) => o.value)).toEqual(['yes', 'no', 'unknown']);
      if (q.askIf && q.askIf.questionId !== 'annex-iii') expect(QUESTIONS.some((p) => p.id === q.askIf!.questionId)).toBe(true);
    }
  });
});
