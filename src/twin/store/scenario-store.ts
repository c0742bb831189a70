import type { Queryable } from '../../kernel/storage/port.js';
import type { Scenario } from '../model.js';

/** Scenarios are small documents (a few planned buildings, a list of demolitions): one JSON row each. */
export class ScenarioStore {
  async get(db: Queryable, id: string): Promise<Scenario | undefined> {
    const row = await db.one<{ doc: string }>('SELECT doc FROM twin_scenarios WHERE id = ?', [id]);
    return row ? (JSON.parse(row.doc) as Scenario) : undefined;
  }

  async list(db: Queryable): Promise<Scenario[]> {
    const rows = await db.all<{ doc: string }>('SELECT doc FROM twin_scenarios ORDER BY name, id');
    return rows.map((r) => JSON.parse(r.doc) as Scenario);
  }

  async put(db: Queryable, s: Scenario): Promise<void> {
    await db.run(
      `INSERT INTO twin_scenarios (id, owner_id, name, updated_at, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, updated_at = excluded.updated_at, doc = excluded.doc`,
      [s.id, s.ownerId, s.name, s.updatedAt, JSON.stringify(s)],
    );
  }

  async delete(db: Queryable, id: string): Promise<boolean> {
    return (await db.run('DELETE FROM twin_scenarios WHERE id = ?', [id])).changes > 0;
  }
}

const shared = new ScenarioStore();
export const scenarioStore = (): ScenarioStore => shared;
