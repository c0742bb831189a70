import { getMandates, getOrganisation, missingRef, slugify } from '../../governance/index.js';
import { AppError, invalid, notFound } from '../../kernel/errors.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { assess } from '../ai-act/assess.js';
import { QUESTION_IDS, type Answer } from '../ai-act/questionnaire.js';
import type { InternalFields } from '../internal.js';
import { algorithmInput, type Algorithm } from './model.js';
import { validateEntry, type StandardEntry } from './standard.js';
import * as store from './store.js';

/** Checks the owner and mandates exist; a missing one is a 422 naming the field. */
export async function checkRefs(db: Queryable, ownerId: string, mandateIds: readonly string[]): Promise<void> {
  if (!(await getOrganisation(db, ownerId))) throw missingRef('ownerId', 'Organisation', ownerId);
  const found = new Set((await getMandates(db, mandateIds)).map((m) => m.id));
  for (const [i, id] of mandateIds.entries()) if (!found.has(id)) throw missingRef(`mandateIds.${i}`, 'Mandate', id);
}

export function aiActRecord(answers: Record<string, Answer>, entry: StandardEntry, now: Date): NonNullable<Algorithm['aiAct']> {
  const unknown = Object.keys(answers).filter((id) => !QUESTION_IDS.has(id));
  if (unknown.length) throw new AppError('validation-failed', `aiActAnswers: unknown question id(s) ${unknown.join(', ')}`, unknown.map((id) => ({ name: `aiActAnswers.${id}`, reason: 'is not a question of GET /registers/ai-act/questionnaire', in: 'body' })));
  const assessment = assess(answers);
  return { answers, assessment, assessedAt: now.toISOString(), matchesEntry: assessment.publicationCategory === entry.publication_category };
}

async function build(db: Queryable, id: string, input: unknown, now: Date, existing?: Algorithm): Promise<{ algorithm: Algorithm; internal?: InternalFields }> {
  const data = algorithmInput.parse(input);
  const problems = validateEntry(data.standard);
  if (problems.length) throw new AppError('validation-failed', problems.map((p) => `${p.name}: ${p.reason}`).join('; '), problems);
  await checkRefs(db, data.ownerId, data.mandateIds);
  const stamp = now.toISOString();
  const algorithm: Algorithm = {
    id,
    ownerId: data.ownerId,
    mandateIds: data.mandateIds,
    standard: data.standard,
    missingFields: [],
    createdAt: existing?.createdAt ?? stamp,
    updatedAt: stamp,
  };
  if (data.aiActAnswers) algorithm.aiAct = aiActRecord(data.aiActAnswers, data.standard, now);
  // Where an entry was imported from stays known after it is completed by hand.
  if (existing?.provenance) algorithm.provenance = existing.provenance;
  return { algorithm, internal: data.internal };
}

export async function createAlgorithm(db: Queryable, input: unknown, now = new Date()): Promise<Algorithm> {
  const parsed = algorithmInput.parse(input);
  const id = parsed.id ?? slugify(`${parsed.ownerId}-${String(parsed.standard.name ?? 'algoritme')}`);
  if (await store.getAlgorithm(db, id)) throw new AppError('conflict', `Algorithm '${id}' already exists`);
  const { algorithm, internal } = await build(db, id, input, now);
  await store.putAlgorithm(db, algorithm, internal);
  return algorithm;
}

export async function replaceAlgorithm(db: Queryable, id: string, input: unknown, now = new Date()): Promise<Algorithm> {
  const existing = await store.getAlgorithm(db, id);
  if (!existing) throw notFound('Algorithm', id);
  const parsed = algorithmInput.parse(input);
  if (parsed.id && parsed.id !== id) throw invalid('id', `must equal the id in the path ('${id}') or be left out`);
  const { algorithm, internal } = await build(db, id, input, now, existing);
  await store.putAlgorithm(db, algorithm, internal);
  return algorithm;
}

export async function removeAlgorithm(db: Queryable, id: string): Promise<void> {
  if (!(await store.deleteAlgorithm(db, id))) throw notFound('Algorithm', id);
}
