import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadSttr, type SttrModel } from '../sttr/index.js';
import { repoPath } from '../../kernel/paths.js';
import { perPlatform } from '../../kernel/per-platform.js';

/** A loaded STTR rule file: one activity (werkzaamheid) the permit check can ask about. */
export interface Activity {
  /** The file name without .dmn, e.g. ConclusieBouwenDakkapel. */
  id: string;
  /** The DMN model's name. */
  name: string;
  /** The conclusion decision the check answers (the first top decision). */
  activity: string;
  decisions: string[];
  questions: number;
  model: SttrModel;
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
      const model = loadSttr(readFileSync(join(dir, file), 'utf8'));
      const activity = model.topDecisions[0];
      if (!activity) throw new Error('the model has no conclusion decision');
      activities.set(id, { id, name: model.name, activity, decisions: model.topDecisions, questions: model.questions.length, model });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      broken.push({ id, file, error });
      warn(`rule ${id} is broken: ${error}`);
    }
  }
  return { activities, broken };
}

/** The platform's activities: the demo STTR files, compiled once on first use. */
export const activitiesFor = perPlatform((ctx): ActivitySet => {
  const set = loadActivities(demoSttrDir(), (m) => ctx.log.warn(m));
  ctx.log.info({ loaded: set.activities.size, broken: set.broken.length }, 'STTR rule files loaded');
  return set;
});
