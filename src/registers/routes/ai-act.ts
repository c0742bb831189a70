import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { assess } from '../ai-act/assess.js';
import { ANSWERS, QUESTION_IDS, QUESTIONS } from '../ai-act/questionnaire.js';

const TAG = ['registers'];
const assessBody = z.strictObject({ answers: z.record(z.string(), z.enum(ANSWERS)).describe('Answer per question id: yes, no or unknown; a question left out counts as unknown') });

export async function aiActRoutes(app: FastifyInstance): Promise<void> {
  app.get('/registers/ai-act/questionnaire', {
    schema: { tags: TAG, summary: 'The EU AI Act questionnaire (art. 5 prohibited practices, annex III high-risk areas, art. 50 transparency, impact)' },
  }, async () => ({
    questions: QUESTIONS,
    outcomes: {
      verboden: { nl: 'Verboden praktijk (art. 5): niet inzetten', en: 'Prohibited practice (art. 5): do not deploy' },
      'hoog-risico': { nl: 'Hoog-risico AI-systeem (Categorie A)', en: 'High-risk AI system (category A)' },
      impactvol: { nl: 'Impactvolle algoritmes (Categorie B)', en: 'Impactful algorithms (category B)' },
      overig: { nl: 'Overige algoritmes (Categorie C)', en: 'Other algorithms (category C)' },
    },
  }));

  app.post('/registers/ai-act/assess', {
    // A calculation anyone may ask for: capped per client instead of a key.
    config: { anonymous: true },
    schema: { tags: TAG, summary: 'Answers → proposed publication category (or "verboden") with reasons', body: assessBody },
  }, async (req) => {
    const { answers } = req.body as z.output<typeof assessBody>;
    const unknown = Object.keys(answers).filter((id) => !QUESTION_IDS.has(id));
    if (unknown.length) throw new AppError('validation-failed', `unknown question id(s): ${unknown.join(', ')}`, unknown.map((id) => ({ name: `answers.${id}`, reason: 'is not a question of the questionnaire', in: 'body' })));
    return assess(answers);
  });
}
