import type { SlowKeyHash } from '../kernel/auth/index.js';
import type { Queryable } from '../kernel/storage/port.js';
import type { Mandate, Organisation } from './model.js';

const parse = <T>(row: { doc: string } | undefined): T | undefined => (row ? (JSON.parse(row.doc) as T) : undefined);

export async function getOrganisation(db: Queryable, id: string): Promise<Organisation | undefined> {
  return parse(await db.one<{ doc: string }>('SELECT doc FROM organisations WHERE id = ?', [id]));
}

export async function findOrganisationByOin(db: Queryable, oin: string): Promise<Organisation | undefined> {
  return parse(await db.one<{ doc: string }>('SELECT doc FROM organisations WHERE oin = ?', [oin]));
}

export async function listOrganisations(db: Queryable, limit: number, offset: number): Promise<{ items: Organisation[]; total: number }> {
  const rows = await db.all<{ doc: string }>('SELECT doc FROM organisations ORDER BY name, id LIMIT ? OFFSET ?', [limit, offset]);
  const total = (await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM organisations'))!.n;
  return { items: rows.map((r) => JSON.parse(r.doc) as Organisation), total: Number(total) };
}

export async function upsertOrganisation(db: Queryable, org: Organisation): Promise<void> {
  await db.run(
    `INSERT INTO organisations (id, name, oin, kind, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, oin = excluded.oin, kind = excluded.kind, doc = excluded.doc`,
    [org.id, org.name, org.oin ?? null, org.kind, JSON.stringify(org)],
  );
}

export async function deleteOrganisation(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM organisations WHERE id = ?', [id])).changes > 0;
}

export async function countOrganisationReferences(db: Queryable, id: string): Promise<number> {
  const row = await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM mandates WHERE owner_id = ?', [id]);
  return Number(row?.n ?? 0);
}

export async function getMandate(db: Queryable, id: string): Promise<Mandate | undefined> {
  return parse(await db.one<{ doc: string }>('SELECT doc FROM mandates WHERE id = ?', [id]));
}

export async function getMandates(db: Queryable, ids: readonly string[]): Promise<Mandate[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<{ doc: string }>(`SELECT doc FROM mandates WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  return rows.map((r) => JSON.parse(r.doc) as Mandate);
}

export async function listMandates(
  db: Queryable,
  filter: { kind?: string; ownerId?: string },
  limit: number,
  offset: number,
): Promise<{ items: Mandate[]; total: number }> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.kind) (where.push('kind = ?'), params.push(filter.kind));
  if (filter.ownerId) (where.push('owner_id = ?'), params.push(filter.ownerId));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.all<{ doc: string }>(`SELECT doc FROM mandates ${clause} ORDER BY id LIMIT ? OFFSET ?`, [...params, limit, offset]);
  const total = (await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM mandates ${clause}`, params))!.n;
  return { items: rows.map((r) => JSON.parse(r.doc) as Mandate), total: Number(total) };
}

export async function upsertMandate(db: Queryable, m: Mandate): Promise<void> {
  await db.run(
    `INSERT INTO mandates (id, kind, owner_id, based_on, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, owner_id = excluded.owner_id, based_on = excluded.based_on, doc = excluded.doc`,
    [m.id, m.kind, m.ownerId, m.basedOn ?? null, JSON.stringify(m)],
  );
}

export async function deleteMandate(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM mandates WHERE id = ?', [id])).changes > 0;
}

export async function mandatesBasedOn(db: Queryable, id: string): Promise<number> {
  const row = await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM mandates WHERE based_on = ?', [id]);
  return Number(row?.n ?? 0);
}

export interface StoredKey {
  prefix: string;
  organisationId: string;
  label: string;
  createdAt: string;
}

export async function insertKey(db: Queryable, hash: string, key: StoredKey, slow: SlowKeyHash): Promise<void> {
  await db.run('INSERT INTO api_keys (hash, prefix, organisation_id, label, created_at, pbkdf2) VALUES (?, ?, ?, ?, ?, ?)', [
    hash,
    key.prefix,
    key.organisationId,
    key.label,
    key.createdAt,
    `${slow.iterations}$${slow.salt}$${slow.hash}`,
  ]);
}

/** Per organisation, its newest key that has a slow hash (keys issued before that column existed have none). */
export async function newestSlowHashes(db: Queryable): Promise<Array<{ organisationId: string; prefix: string } & SlowKeyHash>> {
  const rows = await db.all<{ organisation_id: string; prefix: string; pbkdf2: string; created_at: string }>(
    'SELECT organisation_id, prefix, pbkdf2, created_at FROM api_keys WHERE pbkdf2 IS NOT NULL ORDER BY organisation_id, created_at DESC, prefix',
  );
  const out: Array<{ organisationId: string; prefix: string } & SlowKeyHash> = [];
  for (const r of rows) {
    if (out.length && out[out.length - 1]!.organisationId === r.organisation_id) continue;
    const [iterations, salt, hash] = r.pbkdf2.split('$');
    out.push({ organisationId: r.organisation_id, prefix: r.prefix, iterations: Number(iterations), salt: salt!, hash: hash! });
  }
  return out;
}

export async function findKey(db: Queryable, hash: string): Promise<StoredKey | undefined> {
  const row = await db.one<{ prefix: string; organisation_id: string; label: string; created_at: string }>(
    'SELECT prefix, organisation_id, label, created_at FROM api_keys WHERE hash = ?',
    [hash],
  );
  return row && { prefix: row.prefix, organisationId: row.organisation_id, label: row.label, createdAt: row.created_at };
}

export async function listKeys(db: Queryable, organisationId: string): Promise<StoredKey[]> {
  const rows = await db.all<{ prefix: string; organisation_id: string; label: string; created_at: string }>(
    'SELECT prefix, organisation_id, label, created_at FROM api_keys WHERE organisation_id = ? ORDER BY created_at',
    [organisationId],
  );
  return rows.map((row) => ({ prefix: row.prefix, organisationId: row.organisation_id, label: row.label, createdAt: row.created_at }));
}

export async function deleteKey(db: Queryable, organisationId: string, prefix: string): Promise<boolean> {
  return (await db.run('DELETE FROM api_keys WHERE organisation_id = ? AND prefix = ?', [organisationId, prefix])).changes > 0;
}

/** Every mandate: they are few (hundreds), so reports read them all at once. */
export async function allMandates(db: Queryable): Promise<Mandate[]> {
  const rows = await db.all<{ doc: string }>('SELECT doc FROM mandates ORDER BY id');
  return rows.map((r) => JSON.parse(r.doc) as Mandate);
}
