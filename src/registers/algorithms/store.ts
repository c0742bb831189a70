import type { Queryable } from '../../kernel/storage/port.js';
import type { InternalFields } from '../internal.js';
import type { Algorithm } from './model.js';

const sortKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export async function putAlgorithm(db: Queryable, a: Algorithm, internal: InternalFields | undefined, sourceKey?: string): Promise<void> {
  const name = typeof a.standard.name === 'string' ? a.standard.name : a.id;
  await db.run(
    `INSERT INTO register_algorithms (id, owner_id, name, name_sort, status, publication_category, source_key, mandate_ids, doc, internal)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, name_sort = excluded.name_sort,
       status = excluded.status, publication_category = excluded.publication_category,
       source_key = COALESCE(excluded.source_key, register_algorithms.source_key),
       mandate_ids = excluded.mandate_ids, doc = excluded.doc, internal = excluded.internal`,
    [
      a.id,
      a.ownerId,
      name,
      sortKey(name),
      typeof a.standard.status === 'string' ? a.standard.status : null,
      typeof a.standard.publication_category === 'string' ? a.standard.publication_category : null,
      sourceKey ?? null,
      JSON.stringify(a.mandateIds),
      JSON.stringify(a),
      internal ? JSON.stringify(internal) : null,
    ],
  );
}

/** The public document only; internal fields are in another column and not read here. */
export async function getAlgorithm(db: Queryable, id: string): Promise<Algorithm | undefined> {
  const row = await db.one<{ doc: string }>('SELECT doc FROM register_algorithms WHERE id = ?', [id]);
  return row ? (JSON.parse(row.doc) as Algorithm) : undefined;
}

export async function getAlgorithmInternal(db: Queryable, id: string): Promise<InternalFields | undefined> {
  const row = await db.one<{ internal: string | null }>('SELECT internal FROM register_algorithms WHERE id = ?', [id]);
  return row?.internal ? (JSON.parse(row.internal) as InternalFields) : undefined;
}

export async function idBySourceKey(db: Queryable, key: string): Promise<string | undefined> {
  return (await db.one<{ id: string }>('SELECT id FROM register_algorithms WHERE source_key = ?', [key]))?.id;
}

export async function deleteAlgorithm(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM register_algorithms WHERE id = ?', [id])).changes > 0;
}

export interface AlgorithmFilter {
  owner?: string;
  status?: string;
  category?: string;
  /** Case-insensitive substring of the name. */
  q?: string;
}

function where(f: AlgorithmFilter): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (f.owner) (parts.push('owner_id = ?'), params.push(f.owner));
  if (f.status) (parts.push('status = ?'), params.push(f.status));
  if (f.category) (parts.push('publication_category = ?'), params.push(f.category));
  if (f.q) (parts.push('name_sort LIKE ?'), params.push(`%${sortKey(f.q).replace(/[%_\\]/g, '')}%`));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function listAlgorithms(db: Queryable, f: AlgorithmFilter, limit: number, offset: number): Promise<{ items: Algorithm[]; total: number }> {
  const w = where(f);
  const rows = await db.all<{ doc: string }>(`SELECT doc FROM register_algorithms ${w.sql} ORDER BY name_sort, id LIMIT ? OFFSET ?`, [...w.params, limit, offset]);
  const total = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM register_algorithms ${w.sql}`, w.params))!.n);
  return { items: rows.map((r) => JSON.parse(r.doc) as Algorithm), total };
}

/** Every entry in name order, in batches (export). */
export async function* iterateAlgorithms(db: Queryable, f: AlgorithmFilter = {}, batchSize = 500): AsyncGenerator<Algorithm[]> {
  const w = where(f);
  let after = '';
  let afterId = '';
  for (;;) {
    const cond = `${w.sql ? `${w.sql} AND` : 'WHERE'} (name_sort > ? OR (name_sort = ? AND id > ?))`;
    const rows = await db.all<{ doc: string; name_sort: string; id: string }>(
      `SELECT doc, name_sort, id FROM register_algorithms ${cond} ORDER BY name_sort, id LIMIT ?`,
      [...w.params, after, after, afterId, batchSize],
    );
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    [after, afterId] = [last.name_sort, last.id];
    yield rows.map((r) => JSON.parse(r.doc) as Algorithm);
  }
}

/** What the traceability report needs, without parsing documents. */
export async function* algorithmRefs(
  db: Queryable,
  owner?: string,
  batchSize = 5000,
): AsyncGenerator<Array<{ id: string; title: string; ownerId: string; mandateIds: string[] }>> {
  let after = '';
  for (;;) {
    const rows = await db.all<{ id: string; name: string; owner_id: string; mandate_ids: string }>(
      `SELECT id, name, owner_id, mandate_ids FROM register_algorithms WHERE id > ? ${owner ? 'AND owner_id = ?' : ''} ORDER BY id LIMIT ?`,
      owner ? [after, owner, batchSize] : [after, batchSize],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((r) => ({ id: r.id, title: r.name, ownerId: r.owner_id, mandateIds: JSON.parse(r.mandate_ids) as string[] }));
  }
}
