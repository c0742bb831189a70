import type { Queryable } from '../../kernel/storage/port.js';
import type { Device } from './model.js';

/** Devices registered by hand (no data flowing in); table from registers/002. */
export async function putDevice(db: Queryable, d: Device): Promise<void> {
  await db.run(
    `INSERT INTO register_sensor_devices (id, owner_id, name, mandate_ids, doc, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, mandate_ids = excluded.mandate_ids,
       doc = excluded.doc, updated_at = excluded.updated_at`,
    [d.id, d.ownerId, d.name, JSON.stringify(d.mandateIds), JSON.stringify(d), d.updatedAt],
  );
}

export async function getDevice(db: Queryable, id: string): Promise<Device | undefined> {
  const row = await db.one<{ doc: string }>('SELECT doc FROM register_sensor_devices WHERE id = ?', [id]);
  return row ? (JSON.parse(row.doc) as Device) : undefined;
}

export async function deleteDevice(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM register_sensor_devices WHERE id = ?', [id])).changes > 0;
}

export async function allDevices(db: Queryable): Promise<Device[]> {
  const rows = await db.all<{ doc: string }>('SELECT doc FROM register_sensor_devices ORDER BY id');
  return rows.map((r) => JSON.parse(r.doc) as Device);
}
