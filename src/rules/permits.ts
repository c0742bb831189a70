import { randomUUID } from 'node:crypto';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import type { Queryable } from '../kernel/storage/port.js';
import { activitiesFor, allActivities, rememberCompiled, type Activity } from './check/activities.js';
import { checkLifetimeFor } from './check/expiry.js';
import { activityView, statusOf, stepView, type PermitCheck } from './check/permit.js';
import { activityIdSchema } from './model.js';
import { rulesStore, type Importer, type StoredSttrFile } from './store/index.js';
import { activityIdOf, answer, next, readSttrFile, SttrError, SttrFileError, start, type Conversation } from './sttr/index.js';

/*
 * The permit check's use cases: activities (shipped and imported STTR files), their import
 * and removal, and check conversations. STTR errors become AppErrors here, nowhere else.
 */


export async function listActivities(ctx: AppContext, db: Queryable) {
  const set = await allActivities(ctx, db);
  return { items: [...set.activities.values()].map(activityView), broken: set.broken };
}

export async function getActivity(ctx: AppContext, db: Queryable, id: string) {
  const a = (await allActivities(ctx, db)).activities.get(id);
  if (!a) throw notFound('Activity', id);
  return activityView(a);
}

async function findActivity(ctx: AppContext, db: Queryable, key: string): Promise<Activity> {
  const set = await allActivities(ctx, db);
  const byId = set.activities.get(key);
  if (byId) return byId;
  const byName = [...set.activities.values()].find((a) => a.activity === key || a.name === key);
  if (byName) return byName;
  const broken = set.broken.find((b) => b.id === key);
  if (broken) throw new AppError('conflict', `rule ${broken.id} is broken: ${broken.error}`);
  throw new AppError('referenced-resource-missing', `No activity '${key}'; GET /api/v1/rules/activities lists them`, [{ name: 'activity', reason: 'unknown activity', in: 'body' }]);
}

export interface SttrImport {
  xml: string;
  /** The activity id; by default made from the model's name ("ConclusieBouwenDakkapel"). */
  id?: string;
  fileName?: string;
  importedBy: Importer;
  via: 'api' | 'cli';
}

/** A refused STTR file as the client's mistake, naming why and where. */
function sttrFileProblem(e: SttrFileError): AppError {
  const reason = `${e.reason}: ${e.detail}${e.line !== undefined ? ` (line ${e.line})` : ''}`;
  if (e.reason === 'too-large') return new AppError('payload-too-large', `The STTR file is refused: ${e.detail}`);
  return new AppError('validation-failed', `The STTR file is refused: ${e.message}`, [{ name: 'body', reason, in: 'body' }]);
}

/**
 * Validates and stores an STTR file as an activity, in one transaction. A file with the id
 * of a shipped activity is refused; one with the id of an imported activity replaces it,
 * if the administrator or the organisation that imported it sends it.
 */
export async function importSttr(ctx: AppContext, input: SttrImport) {
  let read;
  try {
    read = readSttrFile(input.xml);
  } catch (e) {
    if (e instanceof SttrFileError) throw sttrFileProblem(e);
    throw e;
  }
  const id = input.id ?? activityIdOf(read.model.name);
  if (!activityIdSchema.safeParse(id).success) throw new AppError('validation-failed', `id: '${id}' is not an activity id (letters, digits, . _ -; at most 100)`, [{ name: 'id', reason: 'not an activity id', in: 'query' }]);
  if (activitiesFor(ctx).activities.has(id) || activitiesFor(ctx).broken.some((b) => b.id === id)) throw new AppError('conflict', `'${id}' is a shipped activity and cannot be replaced; import under another id (?id=)`);
  const file: StoredSttrFile = {
    id,
    name: read.model.name,
    sha256: read.sha256,
    bytes: read.bytes,
    fileName: input.fileName ?? null,
    importedAt: checkLifetimeFor(ctx).now().toISOString(),
    importedBy: input.importedBy,
    via: input.via,
  };
  const replaced = await ctx.store.transaction(async (tx) => {
    const earlier = (await rulesStore(tx).listSttrFiles(tx)).find((f) => f.id === id);
    if (earlier && !mayChange(input.importedBy, earlier.importedBy)) {
      throw new AppError('forbidden', `Activity '${id}' was imported by another organisation; only it or the administrator may replace it`);
    }
    return rulesStore(tx).putSttrFile(tx, { ...file, xml: input.xml });
  });
  rememberCompiled(ctx, read.sha256, read.model);
  const activity = (await allActivities(ctx, ctx.store)).activities.get(id)!;
  return { activity: activityView(activity), replaced };
}

const mayChange = (who: Importer, owner: Importer): boolean =>
  who.kind === 'admin' || (owner.kind === 'organisation' && who.kind === 'organisation' && owner.organisationId === who.organisationId);

/** Removes an imported activity (the administrator, or the organisation that imported it). */
export async function removeSttr(ctx: AppContext, id: string, who: Importer): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const file = (await rulesStore(tx).listSttrFiles(tx)).find((f) => f.id === id);
    if (!file) {
      if (activitiesFor(ctx).activities.has(id) || activitiesFor(ctx).broken.some((b) => b.id === id)) throw new AppError('conflict', `'${id}' is a shipped activity and cannot be removed`);
      throw notFound('Activity', id);
    }
    if (!mayChange(who, file.importedBy)) throw new AppError('forbidden', `Activity '${id}' was imported by another organisation; only it or the administrator may remove it`);
    await rulesStore(tx).deleteSttrFile(tx, id);
  });
}

const sttrProblem = (e: unknown): never => {
  if (e instanceof SttrError) {
    const field = e.code === 'sttr-no-such-question' ? 'questionId' : 'value';
    throw new AppError('validation-failed', e.detail, [{ name: field, reason: e.detail, in: 'body' }]);
  }
  throw e;
};

export async function startPermitCheck(ctx: AppContext, db: Queryable, input: { activity: string; location?: { lon: number; lat: number } }): Promise<PermitCheck> {
  const a = await findActivity(ctx, db, input.activity);
  let c: Conversation;
  try {
    c = start(a.model, a.activity);
  } catch (e) {
    return sttrProblem(e);
  }
  const step = next(a.model, c);
  const lifetime = checkLifetimeFor(ctx);
  const now = lifetime.now().toISOString();
  const check: PermitCheck = {
    id: randomUUID(),
    activityId: a.id,
    activity: a.activity,
    rulesSha256: a.sha256,
    status: statusOf(step),
    location: input.location ?? null,
    conversation: c,
    answers: [],
    step: stepView(step),
    createdAt: now,
    updatedAt: now,
    expiresAt: lifetime.expiresAt(now),
  };
  await rulesStore(db).putCheck(db, check.id, a.id, check, true, now);
  return check;
}

/** A stored check; one untouched for its lifetime is refused as expired, even before the sweep deletes it. */
export async function getPermitCheck(ctx: AppContext, db: Queryable, id: string): Promise<PermitCheck> {
  const row = await rulesStore(db).getCheck<PermitCheck>(db, id);
  const hours = checkLifetimeFor(ctx).ttlMs / 3_600_000;
  if (!row) throw new AppError('not-found', `No check '${id}': it does not exist, or it expired (a check is kept ${hours} hours after its last answer)`);
  if (checkLifetimeFor(ctx).isExpired(row.updatedAt)) {
    throw new AppError('not-found', `Check '${id}' expired: it was not answered for ${hours} hours; start a new check`);
  }
  return { ...row.doc, expiresAt: checkLifetimeFor(ctx).expiresAt(row.updatedAt) };
}

export async function answerPermitCheck(ctx: AppContext, db: Queryable, id: string, input: { questionId: string; value: unknown }): Promise<PermitCheck> {
  const check = await getPermitCheck(ctx, db, id);
  if (check.status !== 'open') throw new AppError('conflict', `Check '${id}' has ended (${check.status}); start a new check to change answers`);
  const a = await findActivity(ctx, db, check.activityId);
  if (check.rulesSha256 && a.sha256 !== check.rulesSha256) {
    throw new AppError('conflict', `The rules of '${a.id}' were replaced after this check started; start a new check`);
  }
  let c: Conversation;
  try {
    c = answer(a.model, check.conversation, input.questionId, input.value);
  } catch (e) {
    return sttrProblem(e);
  }
  const step = next(a.model, c);
  const q = a.model.questions.find((x) => x.id === input.questionId)!;
  const lifetime = checkLifetimeFor(ctx);
  const now = lifetime.now().toISOString();
  const updated: PermitCheck = {
    ...check,
    conversation: c,
    answers: [...check.answers, { questionId: q.id, question: q.text, value: input.value }],
    step: stepView(step),
    status: statusOf(step),
    updatedAt: now,
    expiresAt: lifetime.expiresAt(now),
  };
  await rulesStore(db).putCheck(db, id, a.id, updated, false, now);
  return updated;
}
