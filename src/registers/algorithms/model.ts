import { z } from 'zod';
import { idSchema } from '../../governance/index.js';
import type { Assessment } from '../ai-act/assess.js';
import { ANSWERS, type Answer } from '../ai-act/questionnaire.js';
import { internalFields } from '../internal.js';
import type { StandardEntry } from './standard.js';

/**
 * Our envelope around an entry of the publication standard: who owns it, which mandates
 * it rests on, the AI Act answers and internal fields. The standard's own fields go in
 * `standard` with their published snake_case names and are checked by its JSON Schema.
 */
export const algorithmInput = z.strictObject({
  id: idSchema.optional(),
  ownerId: idSchema,
  mandateIds: z.array(idSchema).max(50).default([]),
  standard: z
    .record(z.string(), z.unknown())
    .describe('The entry in the Algoritmeregister publication standard 1.0 (its field names, e.g. name, description_short, publication_category), validated by the standard’s JSON Schema'),
  aiActAnswers: z
    .record(z.string(), z.enum(ANSWERS))
    .optional()
    .describe('Answers to GET /registers/ai-act/questionnaire, by question id; the assessment is stored with the entry'),
  internal: internalFields.optional().describe('Never shown in public reads: only to keys of the owning organisation'),
});
export type AlgorithmInput = z.input<typeof algorithmInput>;

/** Where an imported entry came from and what the import changed or could not fix. */
export interface ImportProvenance {
  file: string;
  row: number;
  /** Equal to the entry's updatedAt until someone edits it; a re-import then leaves it alone. */
  importedAt: string;
  sourceSchema?: string;
  repairs: Array<{ field: string; from: string; to: string }>;
  encodingIssues: Array<{ field: string; count: number; sample: string }>;
  shortened: Array<{ field: string; from: number; to: number }>;
}

export interface Algorithm {
  id: string;
  ownerId: string;
  mandateIds: string[];
  standard: StandardEntry;
  /** Fields the standard requires that are not known (only for imported entries). */
  missingFields: string[];
  aiAct?: { answers: Record<string, Answer>; assessment: Assessment; assessedAt: string; matchesEntry: boolean };
  provenance?: ImportProvenance;
  createdAt: string;
  updatedAt: string;
}

/** Response description: the standard's fields are documented by its own schema, not repeated here. */
export const algorithmSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    mandateIds: z.array(z.string()),
    standard: z.record(z.string(), z.unknown()),
    missingFields: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .passthrough();
