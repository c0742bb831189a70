import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadSttr, type SttrModel } from '../sttr/index.js';
import { repoPath } from '../../kernel/paths.js';
import { perPlatform } from '../../kernel/per-platform.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { rulesStore, type Importer, type StoredSttrFile } from '../store/index.js';

/** A loaded STTR rule file: one activity (werkzaamheid) the permit check can ask about. */
export interface Activity {
  /** The file name without .dmn (shipped), or the id it was imported under, e.g. ConclusieBouwenDakkapel. */
  id: string;
  /** The DMN model's name. */
  name: string;
  /** The conclusion decision the check answers (the first top decision). */
  activity: string;
  decisions: string[];
  questions: number;
  model: SttrModel;
  /** Shipped with the platform (demo/omgevingswet/sttr) or imported at run time. */
  source: 'shipped' | 'imported';
  /** SHA-256 of the file: a check remembers it, so replaced rules never answer an old conversation. */
  sha256: string;
  importedAt?: string;
  importedBy?: Importer;
}

export interface BrokenRule {
  id: string;
  file: string;
  error: string;
}

export interface ActivitySet {
  activities: Map<string, Activity>;
  broken: BrokenRule[];
}

/** The demo's STTR rule files. */
export function demoSttrDir(): string {
  return repoPath('demo', 'omgevingswet', 'sttr');
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function activityOf(id: string, model: SttrModel, hash: string, extra: Partial<Activity> = {}): Activity {
  const activity = model.topDecisions[0];
  if (!activity) throw new Error('the model has no conclusion decision');
  return { id, name: model.name, activity, decisions: model.topDecisions, questions: model.questions.length, model, source: 'shipped', sha256: hash, ...extra };
}

/**
 * Loads and compiles every .dmn file of a directory. A file that does not load is
 * reported ("rule X is broken: ...") and skipped; the others still load.
 */
export function loadActivities(dir: string, warn: (message: string) => void = () => {}): ActivitySet {
  const activities = new Map<string, Activity>();
  const broken: BrokenRule[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.dmn')).sort() : [];
  for (const file of files) {
    const id = basename(file).replace(/\.dmn$/i, '');
    try {
      const xml = readFileSync(join(dir, file), 'utf8');
      activities.set(id, activityOf(id, loadSttr(xml), sha256(xml)));
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      broken.push({ id, file, error });
      warn(`rule ${id} is broken: ${error}`);
    }
  }
  return { activities, broken };
}

/** The platform's shipped activities: the demo STTR files, compiled once on first use. */
export const activitiesFor = perPlatform((ctx): ActivitySet => {
  const set = loadActivities(demoSttrDir(), (m) => ctx.log.warn(m));
  ctx.log.info({ loaded: set.activities.size, broken: set.broken.length }, 'STTR rule files loaded');
  return set;
});

/** Compiled imported models by file hash: another node's import is compiled here on first sight, once. */
const compiledFor = perPlatform(() => new Map<string, SttrModel | Error>());

/**
 * Every activity: the shipped ones and those imported into the store (read on each call,
 * so an import on any node shows everywhere; compiling is cached by hash).
 */
export async function allActivities(ctx: Parameters<typeof activitiesFor>[0], db: Queryable): Promise<ActivitySet> {
  const shipped = activitiesFor(ctx);
  const activities = new Map(shipped.activities);
  const broken = [...shipped.broken];
  const cache = compiledFor(ctx);
  const files = await rulesStore(db).listSttrFiles(db);
  // Models of files since replaced or removed are dropped, so the cache holds only what is listed.
  const current = new Set(files.map((f) => f.sha256));
  for (const hash of cache.keys()) if (!current.has(hash)) cache.delete(hash);
  for (const f of files) {
    let model = cache.get(f.sha256);
    if (!model) {
      const xml = await rulesStore(db).sttrXml(db, f.id);
      try {
        model = loadSttr(xml ?? '');
      } catch (e) {
        model = e instanceof Error ? e : new Error(String(e));
      }
      cache.set(f.sha256, model);
    }
    if (model instanceof Error) broken.push({ id: f.id, file: f.fileName ?? `${f.id}.dmn`, error: model.message });
    else activities.set(f.id, importedActivity(f, model));
  }
  return { activities, broken };
}

const importedActivity = (f: StoredSttrFile, model: SttrModel): Activity =>
  activityOf(f.id, model, f.sha256, { source: 'imported', importedAt: f.importedAt, importedBy: f.importedBy });

/** Lets an import just written be used at once without compiling it again. */
export function rememberCompiled(ctx: Parameters<typeof activitiesFor>[0], hash: string, model: SttrModel): void {
  compiledFor(ctx).set(hash, model);
}
